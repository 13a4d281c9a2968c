"""The posture rules the simulated Trust Lifecycle population is built around (a leaf module).

The generator keeps its healthy certificates and profiles inside these rules and plants the offenders outside
them; the simulator's tests evaluate the served population against them independently. Sources: CA/Browser Forum
Baseline Requirements 6.3.2 as amended by ballot SC081v3 (maximum validity of publicly-trusted TLS certificates
by issue date), BR 6.1.5 and NIST SP 800-131A Rev. 2 (key sizes and curves), ballot SC097 (SHA-1).
"""
from .dates import parse_now

# (first issue day of the step, maximum validity in days from that day on), oldest first
PUBLIC_TLS_STEPS = ((None, 398), ("2026-03-15", 200), ("2027-03-15", 100), ("2029-03-15", 47))
MIN_RSA_BITS = 2048
APPROVED_CURVES = ("secp256r1", "secp384r1", "secp521r1")
WEAK_HASHES = ("sha1", "md5")
PUBLIC_ORGANIZATION = "DigiCert Inc"  # the collection's default public issuers: organization DigiCert Inc
HEALTHY_PUBLIC_DAYS = 90  # a healthy public profile's validity, when no maximum to come is shorter


def _steps():
    return [(None if start is None else parse_now(start), days) for start, days in PUBLIC_TLS_STEPS]


def public_max_days(issued):
    """The maximum validity in days of a public TLS certificate issued at ``issued`` (epoch seconds)."""
    allowed = None
    for start, days in _steps():
        if start is None or issued >= start:
            allowed = days
    return allowed


def next_public_step(instant):
    """``(epoch of the next step after instant, its maximum)``, or None after the last one."""
    return next(((start, days) for start, days in _steps() if start is not None and start > instant), None)


def healthy_public_days(now):
    """A public profile's validity that is within today's maximum and the next step's: no finding, no warning."""
    step = next_public_step(now)
    return min(HEALTHY_PUBLIC_DAYS, public_max_days(now), step[1] if step else HEALTHY_PUBLIC_DAYS)


def over_public_days(issued):
    """A validity beyond the maximum for ``issued``: 397 days (the usual pre-2026 certificate) where that is over."""
    limit = public_max_days(issued)
    return 397 if limit < 397 else limit + 30
