# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Trust Lifecycle (mpki) certificates: the one read behind dc1_certificate_info and the lookup.

The search and its filters are declared in ``_endpoints.ENDPOINTS["certificate"]``. This file adds what a
declaration cannot say, each point from DigiCert's mpki OpenAPI document:

* one certificate is ``GET /mpki/api/v1/certificate/{serial_number}``, another path than the search;
* items carry no ``id``: the serial number is the identity, with the thumbprint when one is sent, since the
  spec documents serial-number collisions (the revoke endpoint's ``thumbprint_sha256``). The pager keys items
  by content (so repeats across pages go, and no item can fail it) and ``normalise_all`` keeps each identity
  once;
* ``valid_to`` is ``format: date`` in ``PublicCertificateDetails`` but a date-time in the example: both are
  read, and a bare date means the end of that day, 23:59:59 UTC;
* the PEM body (``certificate``) comes with every item and is most of the bytes: parsed into ``x509`` (the
  attributes of ``x509.py``: key, signature, names, issuer, real validity) and then dropped unless asked for;
* one malformed item is a warning that names it, never a failed listing;
* the API has no "expires within" filter: ``expires_within_days`` is applied here, and narrowed on the server
  with a ``valid_to`` ("expiring before") two days past the window, so fewer pages travel.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.digicert.one.plugins.module_utils._dates import (
    REFERENCE_TIME_SPEC,
    days_between,
    iso,
    parse_instant,
    reference_instant,
)
from ansible_collections.digicert.one.plugins.module_utils._listing.endpoints import (
    ENDPOINTS,
    MPKI_API,
    build_query,
    endpoint_argument_spec,
)
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ApiError, DC1ConfigError, DC1ResponseError
from ansible_collections.digicert.one.plugins.module_utils._lifecycle import x509
from ansible_collections.digicert.one.plugins.module_utils._listing.pager import paginate
from ansible_collections.digicert.one.plugins.module_utils._validation import check_max_results

ENDPOINT = "certificate"
ITEM_PATH = MPKI_API + "/certificate/%s"
PEM_FIELD = "certificate"
MAX_DAYS = 36500
MAX_WARNINGS = 5
# Slack between the server-side valid_to and the window: whether "before" is inclusive, and in which time
# zone the server reads a date, cannot then drop a certificate the window holds.
SERVER_SLACK_DAYS = 2
OPTIONS = dict({
    "expires_within_days": {"type": "int"},
    "include_pem": {"type": "bool", "default": False},
}, **REFERENCE_TIME_SPEC)


def argument_spec():
    """The module's own options: the search filters, ``max_results`` and ``OPTIONS``."""
    spec = endpoint_argument_spec(ENDPOINT)
    spec.update(OPTIONS)
    return spec


class Plan:
    """Validated options: what to request, and what to do with the answer."""

    def __init__(self, query, serial, within, now, max_results, include_pem):
        self.query = query
        self.serial = serial
        self.within = within
        self.now = now
        self.max_results = max_results
        self.include_pem = include_pem


def plan(options):
    """Check every option before any request; raises DC1ConfigError."""
    query = build_query(ENDPOINTS[ENDPOINT], options)
    within = options.get("expires_within_days")
    if within is not None and not 0 <= within <= MAX_DAYS:
        raise DC1ConfigError("expires_within_days must be between 0 and %d, got %r" % (MAX_DAYS, within))
    max_results = check_max_results(options.get("max_results"))
    now = reference_instant(options.get("reference_time"))
    # serial_number alone reads the one certificate; with other filters it is a search filter like them.
    serial = query["serial_number"] if list(query) == ["serial_number"] else None
    if within is not None and serial is None:
        last = (now + datetime.timedelta(days=within + SERVER_SLACK_DAYS)).date().isoformat()
        query["valid_to"] = min(query.get("valid_to") or last, last)
    return Plan(query, serial, within, now, max_results, bool(options.get("include_pem")))


def read(client, options, warn=None, parse=False):
    """``{certificates, truncated, malformed}`` for ``options`` (the module's parameters).

    ``parse`` adds each certificate's ``x509`` attributes (``add_x509``): the module and the lookup ask for
    them; a caller that only counts certificates (the inventory) does not pay for parsing. Only the
    certificates returned are parsed: the window drops the rest (the expired ones among them) first.
    """
    p = plan(options)
    ep = ENDPOINTS[ENDPOINT]
    if p.serial:
        items, truncated = get_one(client, p.serial), False
        source = ITEM_PATH % p.serial
    else:
        # The window is applied here, so max_results can only cut once it has been.
        cap = p.max_results if p.within is None else None
        page = paginate(client, ep.path, p.query, id_field=None, max_results=cap, extract=extract)
        items, truncated, source = page.items, page.truncated, ep.path
    certificates, malformed = normalise_all(items, p.now, p.include_pem or parse, source)
    if p.within is not None:
        certificates = [c for c in certificates if expires_within(c, p.within)]
        if p.max_results is not None:
            truncated = len(certificates) > p.max_results
            del certificates[p.max_results:]
    unparsed = parse and x509.unavailable() and any(c.get(PEM_FIELD) for c in certificates)
    if parse:
        malformed.extend("GET %s: %s" % (source, problem) for problem in
                         (add_x509(cert, p.include_pem) for cert in certificates) if problem)
    if warn:
        for message in summary(malformed):
            warn(message)
        if unparsed:
            warn(x509.unavailable())
    return {"certificates": certificates, "truncated": truncated, "malformed": malformed}


def get_one(client, serial):
    """``[certificate]`` by serial number, or ``[]`` when the API answers 404."""
    path = ITEM_PATH % serial
    try:
        data = client.get(path)
    except DC1ApiError as exc:
        if exc.status == 404:
            return []
        raise
    if not isinstance(data, dict):
        raise DC1ResponseError("GET %s: expected an object, got %s" % (path, type(data).__name__), path=path)
    return [data]


class NotAnObject(dict):
    """Stands in for an item that is no JSON object, so the shared pager (which refuses those) keeps it."""


def extract(data, path):
    """The search's list shapes, each non-object item wrapped in a ``NotAnObject`` to be judged later."""
    items, total, limit = ENDPOINTS[ENDPOINT].extract(data, path)
    return [item if isinstance(item, dict) else NotAnObject(value=item) for item in items], total, limit


def identity(cert):
    """Serial number and thumbprint, in upper case: two certificates may share a serial number."""
    thumbprint = cert.get("thumbprint")
    return cert["serial_number"].strip().upper(), thumbprint.upper() if isinstance(thumbprint, str) else None


def normalise_all(items, now, include_pem=False, source=None, parse=False):
    """``(certificates, malformed)``: the usable items normalised and each once, one message per malformed one."""
    certificates, malformed, seen = [], [], set()
    for position, item in enumerate(items, 1):
        cert, problem = normalise(item, now, include_pem, position, parse)
        if cert is not None and identity(cert) not in seen:
            seen.add(identity(cert))
            certificates.append(cert)
        if problem:
            malformed.append("GET %s: %s" % (source, problem) if source else problem)
    return certificates, malformed


def normalise(item, now, include_pem=False, position=None, parse=False):
    """``(certificate or None, problem or None)`` for one item of an answer; the one place an item is read.

    The served fields are kept (``certificate`` only with ``include_pem``); ``expires_at`` (ISO 8601 UTC) and
    ``days_to_expiry`` (whole days from ``now``, negative once past) are added, null when ``valid_to`` is
    missing or unreadable, which is then a problem. ``parse`` adds ``x509`` (``add_x509``); a caller that
    parses page by page warns once when ``x509.unavailable()``. An item that is no object, or has no serial
    number, is skipped: without its identity it cannot be named.
    """
    where = "item %d" % position if position else "item"
    if isinstance(item, NotAnObject) or not isinstance(item, dict):
        value = item["value"] if isinstance(item, NotAnObject) else item
        return None, "%s is %s, not an object; skipped" % (where, _kind(value))
    serial = item.get("serial_number")
    if not isinstance(serial, str) or not serial.strip():
        return None, "%s%s has no serial_number; skipped" % (where, _named(item))
    cert = dict((k, v) for k, v in item.items() if include_pem or parse or k != PEM_FIELD)
    raw = item.get("valid_to")
    expires = parse_instant(raw, end_of_day=True) if isinstance(raw, str) else None
    cert["expires_at"] = iso(expires)
    cert["days_to_expiry"] = days_between(expires, now) if expires else None
    problems = []
    if expires is None:
        what = "has no valid_to" if raw is None else "has valid_to %s, not a date" % _show(raw)
        problems.append("%s %s; its expires_at and days_to_expiry are null" % (_certificate(cert), what))
    if parse:
        problems.append(add_x509(cert, include_pem))
    return cert, "; ".join(p for p in problems if p) or None


def add_x509(cert, include_pem=False):
    """Parse ``cert``'s body into ``cert["x509"]`` (and drop the body unless ``include_pem``); the problem or None.

    ``x509`` is null when no body was sent or ``cryptography`` is missing (unknown, without a problem), and null
    with a problem naming the certificate when the body does not parse: the certificate stays.
    """
    body = cert.get(PEM_FIELD) if include_pem else cert.pop(PEM_FIELD, None)
    if body is None or (isinstance(body, str) and not body.strip()) or x509.unavailable():
        cert["x509"] = None
        return None
    cert["x509"], problem = x509.parse(body)
    return "%s: %s; its x509 is null" % (_certificate(cert), problem) if problem else None


def _certificate(cert):
    """``certificate SERIAL (common_name '...')``, as the warnings name a certificate."""
    serial = cert["serial_number"]
    shown = serial if serial.isalnum() and len(serial) <= 80 else _show(serial)
    return "certificate %s%s" % (shown, _named(cert))


def _named(item):
    name = item.get("common_name")
    return " (common_name %s)" % _show(name) if isinstance(name, str) else ""


def expires_within(cert, days):
    """Not yet expired, and ``days_to_expiry`` at most ``days`` (an unknown expiry is never within)."""
    left = cert.get("days_to_expiry")
    return left is not None and 0 <= left <= days


def summary(malformed):
    """The warnings for ``malformed``: the first few in full, then a count."""
    shown = list(malformed[:MAX_WARNINGS])
    if len(malformed) > MAX_WARNINGS:
        shown.append("%d more malformed certificate items; every one is in the result's 'malformed' list"
                     % (len(malformed) - MAX_WARNINGS))
    return shown


def _kind(value):
    names = {type(None): "null", str: "a string", bool: "a boolean", list: "a list", int: "a number", float: "a number"}
    return names.get(type(value), "a %s" % type(value).__name__)


def _show(value):
    text = "%r" % (value,)
    return text if len(text) <= 80 else text[:77] + "..."
