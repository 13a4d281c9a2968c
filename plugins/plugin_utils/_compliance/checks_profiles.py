# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Trust Lifecycle profile checks: pure functions ``(view, profile, threshold) -> OUT | None | finding``.

A profile is judged by its ``posture`` (``dc1_certificate_profile_info``: the fields the API sent, read for what
they allow); a field it did not send is None there and leaves the profile unknown for the check that needs it.
Only active profiles are judged: an inactive one issues nothing. Sources as for the certificate checks
(_lifecycle/posture.py): CA/B Forum BR 6.1.5 and NIST SP 800-131A (keys), ballot SC097 (SHA-1), ballot SC081v3
(maximum validity by issue date, for publicly-trusted TLS only).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.digicert.one.plugins.module_utils._lifecycle.posture import (
    CAB_STEPS,
    OUT,
    WEAK_HASHES,
    cab_max_days,
    issuer_matches,
    next_cab_step,
)
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.checks import finding
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.view import Absent

CURVE_SIZES = (256, 384, 521)  # P-256, P-384, P-521: the sizes an ECDSA profile may generate
SOURCES = {"validity_days": "certificate.validity", "signature_hash": "signature_algorithm",
           "key_size": "private_key_attributes.key_size", "key_escrow": "key_escrow_policy.key_escrow_enabled"}


def _posture(view, profile, field):
    """``profile.posture[field]``; Absent (naming the API field it comes from) when the API did not send it."""
    value = (profile.get("posture") or {}).get(field)
    if value is None:
        raise Absent("certificate_profiles.%s" % SOURCES[field])
    return value


def _active(view, profile):
    state = view.known(profile, "certificate_profiles", "status")
    return ("%s" % state).lower() == "active"


def _profile_finding(view, profile, message, **details):
    return finding(view, "certificate_profile", profile.get("id"), profile.get("name") or profile.get("id"), message,
                   None, [], **details)


def _public(view, profile):
    posture = profile.get("posture") or {}
    if posture.get("issuer_org") is None and posture.get("issuer_cn") is None:
        raise Absent("certificate_profiles.certificate.issuer")
    return issuer_matches(view.public_issuers, posture.get("issuer_org"), posture.get("issuer_cn"))


def validity(view, profile, warn_days):
    """Validity above today's CA/B maximum, or above the next step's when that step is ``warn_days`` away."""
    if not _active(view, profile) or not _public(view, profile):
        return OUT
    days = _posture(view, profile, "validity_days")
    today = view.now.date()
    most = cab_max_days(today)
    if days > most:
        return _profile_finding(view, profile, "issues publicly-trusted TLS certificates valid for %d days; since %s "
                                "the maximum is %d" % (days, _since(today), most), validity_days=days, max_days=most)
    step = next_cab_step(today)
    if step and days > step[1] and (step[0] - today).days <= warn_days:
        return _profile_finding(view, profile, "issues certificates valid for %d days; from %s the maximum is %d (in "
                                "%d day(s))" % (days, step[0].isoformat(), step[1], (step[0] - today).days),
                                validity_days=days, max_days=step[1], from_date=step[0].isoformat())
    return None


def key_family(profile):
    """``RSA`` or ``EC`` from the profile's signature algorithm (``SHA256_WITH_RSA``, ``SHA384_WITH_ECDSA``), which
    names its key type; None for ``MATCH_ISSUER`` or anything else."""
    algorithm = ("%s" % profile.get("signature_algorithm") or "").upper()
    return "EC" if algorithm.endswith("_ECDSA") else ("RSA" if algorithm.endswith("_RSA") else None)


def _weak_size(family, size, bits):
    """Why a key size is weak for its family, or None: RSA below ``bits``; EC on no approved curve's size."""
    if family == "RSA" and size < bits:
        return "RSA key size %d bits (at least %d)" % (size, bits)
    if family == "EC" and size not in CURVE_SIZES:
        return "EC key size %d bits (only P-256, P-384, P-521)" % size
    return None


def weak_crypto(view, profile, bits):
    """A SHA-1 (or MD5) signature algorithm, or a key weaker than allowed for its type (RSA below ``bits``)."""
    if not _active(view, profile):
        return OUT
    posture = profile.get("posture") or {}
    digest, size, family = posture.get("signature_hash"), posture.get("key_size"), key_family(profile)
    problems, details = [], {}
    if digest in WEAK_HASHES:
        problems.append("signature algorithm %s" % profile.get("signature_algorithm"))
        details["signature_hash"] = digest
    weak = _weak_size(family, size, bits) if size is not None else None
    if weak:
        problems.append(weak)
        details.update(key_size=size, key_type=family)
    if problems:
        return _profile_finding(view, profile, "allows a weak " + " and a weak ".join(problems), **details)
    if digest is None or family is None:
        raise Absent("certificate_profiles.signature_algorithm")  # MATCH_ISSUER, or not sent: the key type is unknown
    if size is None:
        raise Absent("certificate_profiles.private_key_attributes.key_size")
    return None


def key_escrow(view, profile, _threshold=None):
    if not _active(view, profile):
        return OUT
    if _posture(view, profile, "key_escrow") is True:
        return _profile_finding(view, profile, "escrows the private keys of the certificates it issues")
    return None


def _since(today):
    """When the maximum in force on ``today`` began."""
    passed = [until for until, _days in CAB_STEPS if until is not None and until <= today]
    return passed[-1].isoformat() if passed else "the start"


CHECKS = {"DC1-PROF-001": validity, "DC1-PROF-002": weak_crypto, "DC1-PROF-003": key_escrow}
