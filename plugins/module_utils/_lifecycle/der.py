# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The few pieces of an X.509 certificate that ``x509.py`` reads straight from its DER bytes.

Why not through ``cryptography`` alone: its ``Name``, extension, validity and key objects are built in Python
(and DSA keys warn that they are deprecated), some 65-75 µs a certificate against 30 µs here, while the facts
read up to a million bodies. ``cryptography`` still loads every body first (so a body it refuses never gets
here), reads the signature hash, and names a curve the tables here do not know.

Everything here works on ``bytes`` and offsets; anything unexpected raises ``ValueError`` with a short reason.
The unit tests hold every result equal to what ``cryptography`` reads from the same certificates.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import binascii
import datetime
import ipaddress
import re

SEQUENCE, SET, OID, BOOLEAN, OCTET_STRING, BIT_STRING = 0x30, 0x31, 0x06, 0x01, 0x04, 0x03
UTC_TIME, GENERALIZED_TIME = 0x17, 0x18
VERSION, EXTENSIONS = 0xA0, 0xA3
DNS_NAME, IP_ADDRESS = 0x82, 0x87  # GeneralName [2] and [7], implicitly tagged


def encode_oid(dotted):
    """The content bytes of OID ``dotted`` (``"2.5.4.3"``): tables below are keyed by these, compared as bytes."""
    arcs = [int(a) for a in dotted.split(".")]
    out = bytearray()
    for arc in [arcs[0] * 40 + arcs[1]] + arcs[2:]:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.append(0x80 | (arc & 0x7F))
            arc >>= 7
        out.extend(reversed(chunk))
    return bytes(out)


def dotted(content):
    """``"2.5.29.37.0"`` for an OID's content bytes."""
    arcs, value = [], 0
    for byte in bytearray(content):
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            arcs.append(value)
            value = 0
    if not arcs or value:
        raise ValueError("malformed OID")
    first = min(arcs[0] // 40, 2)
    return ".".join("%d" % a for a in [first, arcs[0] - 40 * first] + arcs[1:])


# RFC 4514's short names, as cryptography's rfc4514_string uses them; other attributes are named by dotted OID.
NAME_KEYS = dict((encode_oid(k), v) for k, v in (
    ("2.5.4.3", "CN"), ("2.5.4.7", "L"), ("2.5.4.8", "ST"), ("2.5.4.10", "O"), ("2.5.4.11", "OU"),
    ("2.5.4.6", "C"), ("2.5.4.9", "STREET"), ("0.9.2342.19200300.100.1.25", "DC"),
    ("0.9.2342.19200300.100.1.1", "UID")))
RSA_KEYS = (encode_oid("1.2.840.113549.1.1.1"), encode_oid("1.2.840.113549.1.1.10"))  # rsaEncryption, PSS
DSA = encode_oid("1.2.840.10040.4.1")
CN, ORG = encode_oid("2.5.4.3"), encode_oid("2.5.4.10")
SAN_TLV, EKU_TLV = b"\x06\x03" + encode_oid("2.5.29.17"), b"\x06\x03" + encode_oid("2.5.29.37")
EKU_NAMES = dict((encode_oid("1.3.6.1.5.5.7.3." + k), v) for k, v in (
    ("1", "serverAuth"), ("2", "clientAuth"), ("3", "codeSigning"), ("4", "emailProtection"),
    ("8", "timeStamping"), ("9", "OCSPSigning")))
# The string types a name's value may have, and how their bytes decode (T61 as Latin-1, as OpenSSL does).
_SPECIAL = re.compile(r'[\\"+,;<>\x00]')  # what escape() escapes anywhere in a value
TEXT = {0x0C: "utf-8", 0x13: "utf-8", 0x16: "utf-8", 0x1A: "utf-8", 0x12: "utf-8", 0x14: "latin-1",
        0x1E: "utf-16-be", 0x1C: "utf-32-be"}


def tlv(buf, pos, end):
    """``(tag, content start, content end)`` of the element at ``pos``, which must end by ``end``.

    The short and one- or two-byte length forms (all a certificate uses) are read inline: this is the hot loop.
    """
    length = buf[pos + 1]
    if length < 0x80:
        start = pos + 2
    elif length == 0x81:
        length, start = buf[pos + 2], pos + 3
    elif length == 0x82:
        length, start = (buf[pos + 2] << 8) | buf[pos + 3], pos + 4
    else:
        count = length & 0x7F
        if not 0 < count <= 4:
            raise ValueError("bad DER length")
        length, start = int.from_bytes(buf[pos + 2:pos + 2 + count], "big"), pos + 2 + count
    if start + length > end:
        raise ValueError("truncated DER")
    return buf[pos], start, start + length


def expect(buf, pos, tag, end):
    """``(start, end)`` of the content of the element at ``pos``, which must carry ``tag``."""
    found, start, stop = tlv(buf, pos, end)
    if found != tag:
        raise ValueError("expected DER tag 0x%02x, found 0x%02x" % (tag, found))
    return start, stop


class Tbs:
    """Where the pieces the attributes need sit in a certificate's DER: each a ``(start, end)`` of content."""

    __slots__ = ("extensions", "issuer", "key", "subject", "validity")

    def __init__(self, der):
        start, end = expect(der, 0, SEQUENCE, len(der))
        pos, end = expect(der, start, SEQUENCE, end)  # tbsCertificate
        tag, start, stop = tlv(der, pos, end)
        if tag == VERSION:
            tag, start, stop = tlv(der, stop, end)
        if tag != 0x02:
            raise ValueError("no serial number")
        _sig, stop = expect(der, stop, SEQUENCE, end)  # signature AlgorithmIdentifier
        self.issuer = (stop, expect(der, stop, SEQUENCE, end)[1])  # the whole element: the cache's key
        self.validity = expect(der, self.issuer[1], SEQUENCE, end)
        self.subject = expect(der, self.validity[1], SEQUENCE, end)
        self.key = expect(der, self.subject[1], SEQUENCE, end)  # subjectPublicKeyInfo
        pos = self.key[1]
        self.extensions = None
        while pos < end:  # issuerUniqueID [1], subjectUniqueID [2], extensions [3]
            tag, start, stop = tlv(der, pos, end)
            if tag == EXTENSIONS:
                self.extensions = expect(der, start, SEQUENCE, stop)
            pos = stop


def public_key(der, span):
    """``(algorithm OID, parameter OID or None, bits or None)`` of a subjectPublicKeyInfo's content, the OIDs as
    content bytes (the tables are keyed by those: decoding an OID costs more than the rest).

    The parameter is an EC key's named curve; the bits are an RSA modulus's (also of RSASSA-PSS keys) or a
    DSA key's ``p``, read here because ``cryptography`` builds a key object for it (and warns on DSA keys).
    """
    start, end = span
    algorithm_start, algorithm_end = expect(der, start, SEQUENCE, end)
    oid_start, oid_end = expect(der, algorithm_start, OID, algorithm_end)
    algorithm = der[oid_start:oid_end]
    parameter = bits = None
    if oid_end < algorithm_end and der[oid_end] == OID:
        parameter = der[slice(*expect(der, oid_end, OID, algorithm_end))]
    elif algorithm == DSA and oid_end < algorithm_end:
        params_start, params_end = expect(der, oid_end, SEQUENCE, algorithm_end)
        bits = _integer_bits(der, params_start, params_end)  # p
    if algorithm in RSA_KEYS:
        key_start, key_end = expect(der, algorithm_end, BIT_STRING, end)
        sequence_start, sequence_end = expect(der, key_start + 1, SEQUENCE, key_end)  # after the unused-bits byte
        bits = _integer_bits(der, sequence_start, sequence_end)  # the modulus
    return algorithm, parameter, bits


def _integer_bits(der, pos, end):
    """The bit length of the (positive) INTEGER at ``pos``."""
    start, stop = expect(der, pos, 0x02, end)
    while start < stop - 1 and der[start] == 0:
        start += 1
    return 8 * (stop - start - 1) + der[start].bit_length()


def name(der, start, end):
    """``(RFC 4514 string, last CN, last O)`` of a Name's content; "last" in DER order is the most specific."""
    rdns, cn, org = [], None, None
    pos = start
    while pos < end:
        first, stop = expect(der, pos, SET, end)
        parts = []
        while first < stop:
            inner, after = expect(der, first, SEQUENCE, stop)
            oid_end = inner + 2 + der[inner + 1]  # an attribute type: a short OID, read inline (hot loop)
            if der[inner] != OID or der[inner + 1] >= 0x80 or oid_end > after:
                raise ValueError("a name attribute without its type")
            key = der[inner + 2:oid_end]
            text, shown = _value(der, oid_end, after)
            if key == CN:
                cn = text
            elif key == ORG:
                org = text
            parts.append("%s=%s" % (NAME_KEYS.get(key) or dotted(key), shown))
            first = after
        rdns.append("+".join(parts))
        pos = stop
    rdns.reverse()
    return ",".join(rdns), cn, org


def _value(der, pos, end):
    """``(text, as shown in the RFC 4514 string)`` of a name attribute's value.

    A value that is not a string type is shown as ``#`` and the hex of its DER (RFC 4514 section 2.4).
    """
    tag, start, stop = tlv(der, pos, end)
    codec = TEXT.get(tag)
    if codec is None:
        shown = "#" + binascii.hexlify(der[pos:stop]).decode("ascii")
        return shown, shown
    text = der[start:stop].decode(codec, "replace")
    return text, escape(text)


def escape(value):
    """RFC 4514 section 2.4 escaping, the same as ``cryptography``'s ``rfc4514_string``."""
    if not value:
        return ""
    if not _SPECIAL.search(value) and value[0] != "#" and value[0] != " " and value[-1] != " ":
        return value
    for char in '\\"+,;<>':
        if char in value:
            value = value.replace(char, "\\" + char)
    value = value.replace("\0", "\\00")
    if value[0] == "#" or (value[0] == " " and len(value) > 1):
        value = "\\" + value
    if value[-1] == " ":
        value = value[:-1] + "\\ "
    return value


def validity(der, start, end):
    """``(not_before, not_after)`` as naive UTC datetimes."""
    first, stop = _time(der, start, end)
    second, _stop = _time(der, stop, end)
    return first, second


def _time(der, pos, end):
    """A UTCTime or GeneralizedTime in RFC 5280's form (seconds, ``Z``) as a naive UTC datetime."""
    tag, start, stop = tlv(der, pos, end)
    text = der[start:stop]
    if tag == UTC_TIME and len(text) == 13 and text[12] == 0x5A and text[:12].isdigit():
        stamp = int(text[:12])
        year = stamp // 10 ** 10
        year += 1900 if year >= 50 else 2000  # RFC 5280 4.1.2.5.1
    elif tag == GENERALIZED_TIME and len(text) == 15 and text[14] == 0x5A and text[:14].isdigit():
        stamp = int(text[:14])
        year = stamp // 10 ** 10
    else:
        raise ValueError("unreadable validity time %r" % text[:20])
    return datetime.datetime(year, stamp // 10 ** 8 % 100, stamp // 10 ** 6 % 100, stamp // 10 ** 4 % 100,
                             stamp // 100 % 100, stamp % 100), stop


def extensions(der, start, end):
    """``(dns names, ip addresses, extended key usages or None)`` from the extensions' content."""
    dns, ips, usage = [], [], None
    pos = start
    while pos < end:
        inner, stop = expect(der, pos, SEQUENCE, end)
        is_san = der.startswith(SAN_TLV, inner)  # the whole OID element compared: the others are skipped unread
        if is_san or der.startswith(EKU_TLV, inner):
            tag, value_start, value_end = tlv(der, inner + len(SAN_TLV), stop)
            if tag == BOOLEAN:  # critical
                tag, value_start, value_end = tlv(der, value_end, stop)
            if tag != OCTET_STRING:
                raise ValueError("extension value is not an OCTET STRING")
            if is_san:
                _general_names(der, value_start, value_end, dns, ips)
            else:
                usage = _usages(der, value_start, value_end)
        pos = stop
    return dns, ips, usage


def _general_names(der, start, end, dns, ips):
    first, stop = expect(der, start, SEQUENCE, end)
    while first < stop:
        tag, value_start, value_end = tlv(der, first, stop)
        if tag == DNS_NAME:
            try:
                dns.append(der[value_start:value_end].decode("ascii"))
            except UnicodeDecodeError:
                raise ValueError("a DNS name SAN that is not ASCII") from None
        elif tag == IP_ADDRESS:
            raw = der[value_start:value_end]
            if len(raw) == 4:
                ips.append(ipaddress.IPv4Address(raw))
            elif len(raw) == 16:
                ips.append(ipaddress.IPv6Address(raw))
            else:
                raise ValueError("an IP address SAN of %d bytes" % len(raw))
        first = value_end


def _usages(der, start, end):
    first, stop = expect(der, start, SEQUENCE, end)
    usage = []
    while first < stop:
        oid_start, oid_end = expect(der, first, OID, stop)
        key = der[oid_start:oid_end]
        usage.append(EKU_NAMES.get(key) or dotted(key))
        first = oid_end
    return usage
