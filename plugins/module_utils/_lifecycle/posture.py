# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Trust Lifecycle certificate posture: the certificate checks as pure functions, and their settings.

They run where the certificates stream past, in the facts gatherer (a million certificates are never held at
once), and again in the compliance engine over the certificates the facts kept; both call these functions. Each
is ``check(fields, cert, threshold, settings) -> OUT | None | (message, details)``: out of scope, passed, or
flagged. A field the API did not send (or a body that did not parse: ``x509`` is null) raises ``Absent``: the
certificate is unknown for that check, never a finding and never a pass.

Sources (docs/compliance.md has them with each check): CA/Browser Forum Baseline Requirements 6.1.5 and NIST SP
800-131A Rev. 2 (RSA of 2048 bits or more; ECDSA on P-256, P-384, P-521), ballot SC097 (no SHA-1), ballot SC081v3
(the maximum validity of a publicly-trusted TLS certificate by its issue date), NIST SP 1800-16 (an owner for every
certificate), NIST SP 800-53 SC-17 (certificates from approved issuers only).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import re

from ansible_collections.digicert.one.plugins.module_utils._dates import days_between, days_since, parse_instant
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError

OUT = "out of scope"
_MISSING = object()
# Ballot SC081v3: issued before the date -> at most that many days; the last step has no end.
CAB_STEPS = ((datetime.date(2026, 3, 15), 398), (datetime.date(2027, 3, 15), 200), (datetime.date(2029, 3, 15), 100),
             (None, 47))
APPROVED_CURVES = ("P-256", "P-384", "P-521")
WEAK_HASHES = ("sha1", "md5")
DEFAULT_PUBLIC_ISSUERS = ("DigiCert Inc",)
# Thresholds of the certificate checks (the catalogue's defaults; compliance.md documents each).
DEFAULTS = {"DC1-TLM-001": 30, "DC1-TLM-002": 0, "DC1-TLM-003": 30, "DC1-TLM-004": 2048}


class Absent(Exception):
    """A field a check needs was not sent for this object."""

    def __init__(self, field):
        super(Absent, self).__init__(field)
        self.field = field


class Fields:
    """How checks read objects: ``value`` raises ``Absent`` for a field that was not sent, unless the user declared
    it "absent means unset" for their tenant; ``now`` is the reference instant of every day count."""

    def __init__(self, now, absent_as_unset=()):
        self.now = now
        self.absent_as_unset = frozenset(absent_as_unset)

    def value(self, obj, resource, path):
        """``obj[path]`` (dotted for nested objects); raises Absent when the API did not send it."""
        current = obj
        for key in path.split("."):
            current = current.get(key, _MISSING) if isinstance(current, dict) else _MISSING
            if current is _MISSING:
                if "%s.%s" % (resource, path) in self.absent_as_unset:
                    return None
                raise Absent("%s.%s" % (resource, path))
        return current

    def known(self, obj, resource, path):
        """Like ``value``, but a null also means unknown (for fields such as a status, where null says nothing)."""
        found = self.value(obj, resource, path)
        if found is None and "%s.%s" % (resource, path) not in self.absent_as_unset:
            raise Absent("%s.%s" % (resource, path))
        return found

    def days_until(self, moment):
        return days_between(moment, self.now)

    def age_days(self, value):
        """An age in calendar days (revoked on the 2nd: 5 days ago on the 7th, at any hour)."""
        return days_since(value, self.now)


class Settings:
    """What the certificate checks are run with: public and approved issuers (names matched, in any case, against
    an issuer's organization or common name)."""

    def __init__(self, public_issuers=DEFAULT_PUBLIC_ISSUERS, approved_issuers=()):
        self.public_issuers = [n.strip().lower() for n in public_issuers]
        self.approved_issuers = [n.strip().lower() for n in approved_issuers]

    def plain(self):
        return {"public_issuers": list(self.public_issuers), "approved_issuers": list(self.approved_issuers)}


def check_names(name, value):
    """A list of issuer names, checked before any request."""
    if value is None:
        return []
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DC1ConfigError("%s must be a list of issuer names (non-empty strings), got %r" % (name, value))
    return list(value)


def cab_max_days(issued_on):
    """The CA/B Forum maximum validity, in days, for a publicly-trusted TLS certificate issued on ``issued_on``."""
    for until, days in CAB_STEPS:
        if until is None or issued_on < until:
            return days
    return CAB_STEPS[-1][1]  # pragma: no cover


def next_cab_step(day):
    """``(date, days)`` of the next reduction after ``day``, or None after the last."""
    for until, days in CAB_STEPS:
        if until is not None and day < until:
            following = CAB_STEPS[CAB_STEPS.index((until, days)) + 1]
            return until, following[1]
    return None


def issuer_matches(names, org, cn):
    return any(n in ((org or "").strip().lower(), (cn or "").strip().lower()) for n in names)


# -- reading a certificate -------------------------------------------------------------------------------------
def status(fields, cert):
    """The status in lower case (answers carry ``issued`` or ``ISSUED``); Absent when not sent or null."""
    return ("%s" % fields.known(cert, "certificates", "status")).lower()


def days_left(fields, cert):
    """``days_to_expiry``; a ``valid_to`` that was not sent, or could not be read, leaves the certificate unknown."""
    fields.value(cert, "certificates", "valid_to")
    left = cert.get("days_to_expiry")
    if left is None:
        raise Absent("certificates.valid_to")
    return left


def x509(fields, cert):
    """The attributes parsed from the body; Absent when the body was not sent or did not parse."""
    attrs = fields.value(cert, "certificates", "x509")
    if not isinstance(attrs, dict):
        raise Absent("certificates.x509")
    return attrs


def _issued(fields, cert):
    return status(fields, cert) == "issued"


def when(days):
    return "ended %d day(s) ago" % -days if days < 0 else "ends in %d day(s)" % days


# -- the checks -----------------------------------------------------------------------------------------------
def expiring(fields, cert, days, _settings=None):
    if not _issued(fields, cert):
        return OUT
    left = days_left(fields, cert)
    if 0 <= left <= days:  # already ended: DC1-TLM-002's business
        return ("issued certificate %s (%s)" % (when(left), cert.get("expires_at")),
                {"expires_at": cert.get("expires_at"), "days_to_expiry": left})
    return None


def expired_issued(fields, cert, grace, _settings=None):
    if not _issued(fields, cert):
        return OUT
    left = days_left(fields, cert)
    if left < -grace:
        return ("certificate %s (%s) and is still issued" % (when(left), cert.get("expires_at")),
                {"expires_at": cert.get("expires_at"), "days_to_expiry": left})
    return None


def key_compromise(fields, cert, days, _settings=None):
    if status(fields, cert) != "revoked":
        return OUT
    reason = fields.value(cert, "certificates", "revocation.reason")
    if re.sub("[^a-z]", "", ("%s" % reason).lower()) != "keycompromise":  # key_compromise, keyCompromise
        return None
    revoked = fields.value(cert, "certificates", "revocation.revocation_date")
    age = fields.age_days(revoked) if isinstance(revoked, str) else None
    if age is None:
        raise Absent("certificates.revocation.revocation_date")  # null or unreadable: when is unknown
    if age <= days:
        return ("certificate revoked for key compromise %d day(s) ago (%s)" % (max(age, 0), revoked),
                {"revocation_date": revoked, "age_days": age, "comments": cert["revocation"].get("comments")})
    return None


def weak_key(fields, cert, bits, _settings=None):
    if not _issued(fields, cert):
        return OUT
    attrs = x509(fields, cert)
    kind, size, curve = attrs.get("key_type"), attrs.get("key_size"), attrs.get("curve")
    if kind == "RSA":
        if size is None:
            raise Absent("certificates.x509.key_size")
        if size < bits:
            return ("RSA key of %d bits (at least %d)" % (size, bits), {"key_type": kind, "key_size": size})
        return None
    if kind == "EC":
        if curve not in APPROVED_CURVES:
            return ("EC key on curve %s (only %s)" % (curve, ", ".join(APPROVED_CURVES)),
                    {"key_type": kind, "curve": curve, "key_size": size})
        return None
    return OUT  # other key types are not judged by this check


def weak_signature(fields, cert, _threshold=None, _settings=None):
    if not _issued(fields, cert):
        return OUT
    digest = x509(fields, cert).get("signature_hash")
    if digest in WEAK_HASHES:
        return ("signed with %s (%s)" % (digest.upper(), x509(fields, cert).get("signature_algorithm")),
                {"signature_hash": digest})
    return None


def public_tls(attrs, settings):
    """A TLS server certificate (EKU serverAuth) from an issuer the settings call public."""
    return ("serverAuth" in (attrs.get("extended_key_usage") or ()) and
            issuer_matches(settings.public_issuers, attrs.get("issuer_org"), attrs.get("issuer_cn")))


def validity_over_cab(fields, cert, _threshold, settings):
    """Validity beyond the CA/B Forum maximum for its issue date; private issuers are never held to it."""
    if not _issued(fields, cert):
        return OUT
    attrs = x509(fields, cert)
    if not public_tls(attrs, settings):
        return OUT
    issued, ends = parse_instant(attrs.get("not_before")), parse_instant(attrs.get("not_after"))
    if issued is None or ends is None:
        raise Absent("certificates.x509.not_before")
    most = cab_max_days(issued.date())
    # BR 6.3.2 counts the validity period inclusive of both instants, and any part of a day past the maximum
    # exceeds it: compare seconds, not a rounded day count.
    seconds = (ends - issued).total_seconds() + 1
    if seconds > most * 86400:
        days = seconds / 86400.0
        return ("valid for %s days, issued %s: publicly-trusted TLS certificates issued then may be valid for at most "
                "%d days" % (_days(days), issued.date().isoformat(), most),
                {"validity_days": round(days, 4), "max_days": most, "issuer": attrs.get("issuer_dn")})
    return None


def wildcard(fields, cert, _threshold=None, _settings=None):
    if not _issued(fields, cert):
        return OUT
    attrs = x509(fields, cert)
    if attrs.get("wildcard"):
        names = [n for n in attrs.get("dns_names") or [] if n.startswith("*.")]
        return ("wildcard certificate for %s" % ", ".join(names or [cert.get("common_name") or "?"]),
                {"dns_names": attrs.get("dns_names"), "seat_id": _seat_id(cert)})
    return None


def duplicate(fields, cert, _threshold=None, _settings=None):
    """Another issued, unexpired certificate for the same set of names: the gatherer marks the groups it found
    (``duplicates``: the names and the group's serial numbers), since no single certificate shows it."""
    if not _issued(fields, cert):
        return OUT
    if days_left(fields, cert) < 0:
        return OUT
    group = cert.get("duplicates")
    if isinstance(group, dict):
        others = [s for s in group.get("serial_numbers") or [] if s != cert.get("serial_number")]
        return ("%d other issued certificate(s) for the same names (%s): %s" % (
            len(others), ", ".join(group.get("names") or []), ", ".join(others[:5])),
            {"names": group.get("names"), "others": others})
    x509(fields, cert)  # without a parsed body, its names are unknown
    return None


def no_owner(fields, cert, _threshold=None, _settings=None):
    if not _issued(fields, cert):
        return OUT
    seat = fields.value(cert, "certificates", "seat")
    if not _seat_id(cert) and (seat is None or isinstance(seat, dict)):
        return ("no owner: seat %s" % ("null" if seat is None else "without a seat_id"), {"seat": seat})
    return None


def unapproved_issuer(fields, cert, _threshold, settings):
    if not _issued(fields, cert):
        return OUT
    attrs = x509(fields, cert)
    if issuer_matches(settings.approved_issuers, attrs.get("issuer_org"), attrs.get("issuer_cn")):
        return None
    return ("issued by %s, which is not an approved issuer" % (attrs.get("issuer_dn") or "an unnamed issuer"),
            {"issuer": attrs.get("issuer_dn")})


def _seat_id(cert):
    seat = cert.get("seat")
    return seat.get("seat_id") if isinstance(seat, dict) and seat.get("seat_id") not in (None, "") else None


def _days(value):
    return ("%.2f" % value).rstrip("0").rstrip(".")


CHECKS = {
    "DC1-TLM-001": expiring, "DC1-TLM-002": expired_issued, "DC1-TLM-003": key_compromise,
    "DC1-TLM-004": weak_key, "DC1-TLM-005": weak_signature, "DC1-TLM-006": validity_over_cab,
    "DC1-TLM-007": wildcard, "DC1-TLM-008": duplicate, "DC1-TLM-009": no_owner, "DC1-TLM-010": unapproved_issuer,
}
