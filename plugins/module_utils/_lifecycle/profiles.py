# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Trust Lifecycle (mpki) certificate profiles: the read behind dc1_certificate_profile_info and the facts.

From DigiCert's mpki OpenAPI document: ``GET /mpki/api/v1/profile`` lists ``PublicProfileResponse`` objects as a
bare array (filter ``api_token_id``), ``GET /mpki/api/v1/profile/{profile_id}`` reads one. The endpoint is
declared as data like the Account Manager ones (``ENDPOINT``) and read through the shared pager, which takes
every list shape; the schema even nests the array in an array, which is flattened.

Each profile is returned as the API sent it plus ``posture``: what a posture check needs, normalised from the
profile's own fields. A field the API did not send stays null in ``posture`` (unknown), never a default.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.digicert.one.plugins.module_utils import _validation as validation
from ansible_collections.digicert.one.plugins.module_utils._lifecycle import x509
from ansible_collections.digicert.one.plugins.module_utils._listing.endpoints import (
    MPKI_API,
    Endpoint,
    Filter,
    check_options,
    get_one,
)
from ansible_collections.digicert.one.plugins.module_utils._listing.pager import extract_list, paginate

RESULT_KEY = "certificate_profiles"
ENDPOINT = Endpoint(MPKI_API + "/profile", RESULT_KEY,
                    filters={"api_token_id": Filter(check=validation.check_text)})
MAX_WARNINGS = 5
# Days per validity unit, as an upper bound: the checks ask whether a profile's validity can exceed a maximum.
UNIT_DAYS = {"day": 1, "month": 31, "year": 366}
UNIT_PER_DAY = {"hour": 24, "minute": 24 * 60}
# SHA256_WITH_RSA (the spec's enum), and the Java/OpenSSL spellings SHA256withRSA, sha256WithRSAEncryption.
_SIGNATURE = re.compile(r"^(MD5|SHA1|SHA224|SHA256|SHA384|SHA512|SHA3[_-](?:224|256|384|512))[_-]?WITH", re.I)
_CN_KEYS = ("CN", "COMMONNAME", "2.5.4.3")
_ORG_KEYS = ("O", "ORGANIZATIONNAME", "2.5.4.10")


def argument_spec():
    """The module's own options: ``id``, the spec's one filter, ``max_results``."""
    spec = dict((opt, f.spec()) for opt, f in ENDPOINT.filters.items())
    spec.update({"id": {"type": "str"}, "max_results": {"type": "int"}})
    return spec


def read(client, options, warn=None):
    """``{certificate_profiles, truncated}`` for ``options`` (``id``, ``api_token_id``, ``max_results``).

    Every option is checked before the first request; an unknown ``id`` (HTTP 404) is an empty list. ``warn``
    gets what left a profile's issuer unknown (an issuer certificate that does not parse, no cryptography).
    """
    ident, query = check_options(ENDPOINT, options)
    if ident is not None:
        profiles, truncated = get_one(client, ENDPOINT, ident), False
    else:
        page = paginate(client, ENDPOINT.path, query, id_field="id", max_results=options.get("max_results"),
                        extract=extract)
        profiles, truncated = page.items, page.truncated
    problems = []
    result = [dict(profile, posture=posture(profile, problems)) for profile in profiles]
    if warn:
        for message in _summary(problems):
            warn(message)
    return {RESULT_KEY: result, "truncated": truncated}


def extract(data, path):
    """The list shapes of the pager; an array nested in the array (as the spec's schema has it) is flattened."""
    items, total, limit = extract_list(data, path)
    if any(isinstance(item, list) for item in items):
        items = [member for item in items for member in (item if isinstance(item, list) else [item])]
    return items, total, limit


def posture(profile, problems=None):
    """The profile's posture fields (the contract in docs/certificates.md); null where the API sent nothing usable.

    ``problems`` collects a message when the issuer is known only from a certificate that cannot be read.
    """
    certificate = _object(profile.get("certificate"))
    issuer_dn, issuer_cn, issuer_org = _issuer(profile, _object(certificate.get("issuer")), problems)
    return {
        "signature_hash": signature_hash(profile.get("signature_algorithm")),
        "key_size": _count(_object(profile.get("private_key_attributes")).get("key_size")),
        "validity_days": validity_days(certificate.get("validity")),
        "issuer_dn": issuer_dn,
        "issuer_org": issuer_org,
        "issuer_cn": issuer_cn,
        "key_escrow": _flag(_object(profile.get("key_escrow_policy")).get("key_escrow_enabled")),
    }


def signature_hash(algorithm):
    """``sha256`` for ``SHA256_WITH_RSA``; None for ``MATCH_ISSUER``, anything else not understood, or nothing."""
    found = _SIGNATURE.match(algorithm.strip()) if isinstance(algorithm, str) else None
    return found.group(1).lower().replace("_", "-") if found else None


def validity_days(validity):
    """Days of ``{unit, duration}``, an upper bound: months count 31 days, years 366, hours and minutes round up."""
    validity = _object(validity)
    duration, unit = _count(validity.get("duration")), validity.get("unit")
    if duration is None or not isinstance(unit, str):
        return None
    unit = unit.strip().lower()
    unit = unit[:-1] if unit.endswith("s") else unit
    if unit in UNIT_DAYS:
        return duration * UNIT_DAYS[unit]
    if unit in UNIT_PER_DAY:
        return -(-duration // UNIT_PER_DAY[unit])
    return None


def _issuer(profile, issuer, problems):
    """``(DN, CN, O)`` of the issuing CA: from its ``subject_dn``, else from its ``certificate`` (PEM or base64)."""
    dn = issuer.get("subject_dn")
    if isinstance(dn, str) and dn.strip():
        cn, org = dn_fields(dn)
        if cn is not None or org is not None:
            return dn, cn, org
    body = issuer.get("certificate")
    if not isinstance(body, str) or not body.strip():
        return (dn if isinstance(dn, str) and dn.strip() else None), None, None
    fields, problem = x509.subject(body)
    if problem is None:
        return fields
    if problems is not None:
        problems.append(problem if problem == x509.MISSING else "%s: issuer %s; its issuer is unknown" % (
            _named(profile), problem.replace("certificate body", "certificate", 1)))
    return (dn if isinstance(dn, str) and dn.strip() else None), None, None


def dn_fields(dn):
    """``(CN, O)`` of a distinguished name string (``CN=USCSS Nostromo, O=Weyland-Yutani, C=US``): the first of
    each, as RFC 4514 writes the most specific first; escapes (``\\,``, ``\\2C``) and quoted values are read."""
    cn = org = None
    for part in _split(dn, ",;+"):
        key, sep, value = part.partition("=")
        key = key.strip().upper().replace(" ", "")
        if not sep:
            continue
        if key in _CN_KEYS and cn is None:
            cn = _unescape(value)
        elif key in _ORG_KEYS and org is None:
            org = _unescape(value)
    return cn, org


def _split(text, separators):
    """``text`` cut at each separator that is not escaped or quoted."""
    parts, current, quoted, escaped = [], [], False, False
    for char in text:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char in separators and not quoted:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def _unescape(value):
    """An attribute value without its surrounding spaces, quotes and escapes (``\\2C`` hex pairs as UTF-8)."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    out, pos = bytearray(), 0
    while pos < len(value):
        char = value[pos]
        if char == "\\" and re.match(r"[0-9A-Fa-f]{2}", value[pos + 1:pos + 3]):
            out.append(int(value[pos + 1:pos + 3], 16))
            pos += 3
            continue
        if char == "\\" and pos + 1 < len(value):
            char = value[pos + 1]
            pos += 1
        out.extend(char.encode("utf-8"))
        pos += 1
    return out.decode("utf-8", "replace")


def _named(profile):
    ident, name = profile.get("id"), profile.get("name")
    named = " (name %r)" % name if isinstance(name, str) else ""
    return "profile %s%s" % (ident if isinstance(ident, str) else "without an id", named)


def _object(value):
    return value if isinstance(value, dict) else {}


def _count(value):
    """A non-negative integer from an integer or a string of digits (``key_size`` is a string in the spec)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())
    return None


def _flag(value):
    return value if isinstance(value, bool) else None


def _summary(problems):
    """One warning per problem for the first few, then a count; the missing-library reason once."""
    unique = []
    for problem in problems:
        if problem not in unique:
            unique.append(problem)
    shown = ["GET %s: %s" % (ENDPOINT.path, p) if p != x509.MISSING else p for p in unique[:MAX_WARNINGS]]
    if len(unique) > MAX_WARNINGS:
        shown.append("%d more certificate profiles have an issuer that is unknown" % (len(unique) - MAX_WARNINGS))
    return shown
