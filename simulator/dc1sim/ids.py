"""Identifiers: version-4 UUIDs drawn from a seeded ``random.Random``, and the patterns requests are checked with.

A leaf module: the tenant, Trust Lifecycle and the store share it without importing each other.
"""
import re

_UUID_CLEAR = ~((0xC000 << 48) | (0xF000 << 64)) & ((1 << 128) - 1)
_UUID_SET = (0x8000 << 48) | (4 << 76)
UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
HEX_RE = re.compile(r"^[0-9A-Fa-f]+$")


def uuid4(rng):
    """Same value as str(uuid.UUID(int=rng.getrandbits(128), version=4)), without building a UUID object."""
    h = "%032x" % ((rng.getrandbits(128) & _UUID_CLEAR) | _UUID_SET)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
