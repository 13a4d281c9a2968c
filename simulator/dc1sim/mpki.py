"""Trust Lifecycle (mpki): certificates and profiles, filtered and rendered per DigiCert's OpenAPI.

Source: DigiCert's Enterprise PKI Manager OpenAPI (simulator/tests/data/mpki-openapi.json, docs/api-notes.md).
``GET /mpki/api/v1/certificate-search`` takes ``CertificateSearchParameters`` and ``PagingParameters`` and answers
``PaginationResult`` of ``PublicCertificateDetails``; ``GET /mpki/api/v1/certificate/{serial_number}`` answers one
``PublicCertificateDetails``; ``GET /mpki/api/v1/profile`` a bare array of ``PublicProfileResponse`` (filter
``api_token_id``) and ``/profile/{profile_id}`` one. The spec disagrees with itself in places; each disagreement is
a switch whose default follows the endpoint's example (the documents' examples are the simulator's defaults):

* ``mpki_date_format``: ``date-time`` as in the example (``2029-01-01T00:00:00Z``), ``date`` as the schema
  (``format: date``);
* ``mpki_status_case``: answers carry ``issued`` (schema enum, example), or ``ISSUED`` as the filter spells it;
* ``mpki_status_filter``: ``strict`` accepts only the filter enums' spelling (``ISSUED``, ``SERVER_SEAT``) and
  answers 400 otherwise; ``any-case`` accepts either case;
* ``mpki_fields``: ``example`` serves the example's fields; ``schema`` adds ``account``, ``notes``, ``thumbprint``;
* ``mpki_certificate_format``: the body as the example (base64 DER) or PEM-armoured (as ``CertificateResponse``);
* ``mpki_issuer_format``: a profile's issuer certificates bare base64 (``CaResponse``'s example and description),
  or PEM-armoured as the profile example draws them;
* ``mpki_malformed``: the first item of every search answer is served broken (``no-serial``, ``bad-valid-to``,
  ``not-object``, ``bad-certificate``: a body that does not parse), so a client shows it copes;
* ``mpki_bulk_certificates``: N certificates in all, the tenant's first and then ones built on demand
  (``mpki_bulk``), so a million can be served without a million stored objects.

The objects come from ``mpki_gen`` (the healthy population) and ``mpki_planted`` (offenders and controls).
"""
import base64

from . import mpki_x509 as X
from .dates import instant, iso
from .errors import BadRequest
from .ids import HEX_RE, UUID_RE

STATUSES = ("ISSUED", "EXPIRED", "REVOKED", "SUSPENDED")
SEAT_TYPES = ("USER_SEAT", "DEVICE_SEAT", "SERVER_SEAT", "IMPORTED_SEAT", "UNMANAGED_SEAT")
SWITCHES = {
    "mpki_date_format": ("date-time", "date"),
    "mpki_status_case": ("lower", "upper"),
    "mpki_status_filter": ("strict", "any-case"),
    "mpki_fields": ("example", "schema"),
    "mpki_certificate_format": ("base64", "pem"),
    "mpki_issuer_format": ("base64", "pem"),
    "mpki_malformed": ("none", "no-serial", "bad-valid-to", "not-object", "bad-certificate"),
}
BULK_SWITCH = "mpki_bulk_certificates"  # an integer, 0 = off (config._PARSERS)
# PublicCertificateDetails as the by-serial example shows it, in its order; the schema adds three properties.
EXAMPLE_KEYS = ("profile", "seat", "business_unit", "certificate", "common_name", "status", "serial_number",
                "valid_from", "valid_to", "revocation")
SCHEMA_KEYS = EXAMPLE_KEYS + ("account", "notes", "thumbprint")
FIELDS = {"example": EXAMPLE_KEYS, "schema": SCHEMA_KEYS}
# PublicProfileResponse as the spec's example shows it (api_token_id only on a profile bound to a token)
PROFILE_KEYS = ("id", "name", "status", "signature_algorithm", "publish_to_public_directory", "renewal_period_days",
                "duplicate_cert_policy", "override_cert_validity_via_api", "certificate_delivery_format",
                "business_unit_id", "enrollment_method", "authentication_method", "private_key_attributes",
                "key_escrow_policy", "api_token_binding_enabled", "api_token_id", "certificate")


# --- bodies ---------------------------------------------------------------------------------------------------------
def der(cert):
    """The certificate's DER body: built (once, memoised) from its ``_x509`` recipe, or as stored; None if none."""
    if "_der" in cert:  # a bulk certificate: its template, patched
        return cert["_der"]
    spec = cert.get("_x509")
    if spec is None:  # a tenant file written before bodies existed, or one that stores them
        return base64.b64decode(cert["certificate"]) if cert.get("certificate") else None
    return X.end_entity(spec["ca"], spec["key"], int(cert["serial_number"], 16), cert["common_name"],
                        tuple(tuple(n) for n in spec["names"]), instant(cert["valid_from"]),
                        instant(cert["valid_to"]), spec["usage"], spec.get("weak_hash"))


def thumbprint(cert):
    body = der(cert)
    return X.thumbprint(body) if body is not None else cert.get("thumbprint")


# --- search --------------------------------------------------------------------------------------------------------
def check_query(q, cfg):
    """400 for a malformed filter, before the (cached, switch-independent) search runs."""
    strict = cfg["mpki_status_filter"] == "strict"
    for name, allowed in (("status", STATUSES), ("seat_type_id", SEAT_TYPES)):
        value = q.get(name)
        if value and (value if strict else value.upper()) not in allowed:
            raise BadRequest(f"{name} must be one of {', '.join(allowed)}")
    for name in ("account_id", "business_unit_id", "profile_id", "issuing_ca_id"):
        if q.get(name) and not UUID_RE.match(q[name]):
            raise BadRequest(f"{name} must be a UUID")
    for name in ("valid_from", "valid_to"):
        if q.get(name) and instant(q[name]) is None:
            raise BadRequest(f"{name} must be a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM:SSZ")
    for name in ("serial_number", "issuing_ca_serial_number", "thumbprint"):
        if q.get(name) and not HEX_RE.match(q[name]):
            raise BadRequest(f"{name} must be hexadecimal")


def _seat_id(c):
    return (c.get("seat") or {}).get("seat_id")  # a seat may be null, empty or absent (planted owner cases)


# filter -> (field of a stored certificate, compared case-insensitively)
EXACT = {
    "account_id": (lambda c: c["account"]["id"], False),
    "business_unit_id": (lambda c: c["business_unit"]["id"], False),
    "business_unit_name": (lambda c: c["business_unit"]["name"], False),
    "profile_id": (lambda c: c["profile"]["id"], False),
    "seat_id": (_seat_id, False),
    "seat_type_id": (lambda c: c["_seat_type"], True),
    "serial_number": (lambda c: c["serial_number"], True),
    "aki": (lambda c: c["_aki"], True),
    "issuing_ca_id": (lambda c: c["_issuing_ca"]["id"], False),
    "issuing_ca_name": (lambda c: c["_issuing_ca"]["name"], False),
    "issuing_ca_serial_number": (lambda c: c["_issuing_ca"]["serial_number"], True),
    "status": (lambda c: c["status"], True),
    "thumbprint": (thumbprint, True),
}


def _exact(field, want, upper):
    if upper:
        want = want.upper()
        return lambda c: (field(c) or "").upper() == want
    return lambda c: field(c) == want


def predicates(q):
    """One test per filter of ``q`` (validated by ``check_query``) over a certificate dict."""
    preds = [_exact(field, q[name], upper) for name, (field, upper) in EXACT.items() if q.get(name)]
    if q.get("common_name"):
        cn = q["common_name"].lower()
        preds.append(lambda c: cn in c["common_name"].lower())
    # Stored instants are ISO 8601 UTC strings of one format: they compare in time order.
    if q.get("valid_from"):  # "issued after"
        lo = iso(instant(q["valid_from"]))
        preds.append(lambda c: c["valid_from"] >= lo)
    if q.get("valid_to"):  # "expiring before"
        hi = iso(instant(q["valid_to"]))
        preds.append(lambda c: c["valid_to"] < hi)
    return preds


def search(certs, scope, q, bulk=None):
    """The certificates ``q`` selects, in tenant order; then, with a bulk population, its selection after them."""
    preds = predicates(q)
    stored = [c for c in certs if (scope is None or c["account"]["id"] in scope) and all(p(c) for p in preds)]
    return bulk.select(stored, scope, q) if bulk is not None else stored


def find(certs, serial, scope, bulk=None):
    """The certificate with this serial number visible in ``scope``, or None."""
    serial = serial.upper()
    found = next((c for c in certs if c["serial_number"] == serial
                  and (scope is None or c["account"]["id"] in scope)), None)
    return found if found is not None or bulk is None else bulk.find(serial, scope)


# --- rendering -----------------------------------------------------------------------------------------------------
def _dates(cut):
    return lambda cert, key, _cfg: cert[key][:cut]


def _revocation(cut):
    def fn(cert, key, _cfg):
        rev = cert.get(key)
        return dict(rev, revocation_date=rev["revocation_date"][:cut]) if rev else _ABSENT
    return fn


def _body(cert, _key, cfg):
    body = der(cert)
    if body is None:
        return _ABSENT
    return X.b64(body) if cfg["mpki_certificate_format"] == "base64" else X.pem(X.b64(body))


def _status(cert, key, cfg):
    return cert[key].upper() if cfg["mpki_status_case"] == "upper" else cert[key]


def _thumbprint(cert, _key, _cfg):
    value = thumbprint(cert)
    return _ABSENT if value is None else value


_ABSENT = object()
_PLANS = {}


def _plan(cfg):
    """(key, special render or None) per served field under ``cfg``; made once per combination of switches."""
    key = (cfg["mpki_fields"], cfg["mpki_date_format"])
    if key not in _PLANS:
        cut = 10 if cfg["mpki_date_format"] == "date" else None  # stored as date-times; a date is their first 10
        special = {"certificate": _body, "status": _status, "thumbprint": _thumbprint, "valid_from": _dates(cut),
                   "valid_to": _dates(cut), "revocation": _revocation(cut)}
        _PLANS[key] = tuple((k, special.get(k)) for k in FIELDS[cfg["mpki_fields"]])
    return _PLANS[key]


def render(cert, cfg):
    """``PublicCertificateDetails`` of a stored certificate under the switches (a key it lacks stays absent)."""
    out = {}
    for key, special in _plan(cfg):
        if special is not None:
            value = special(cert, key, cfg)
            if value is not _ABSENT:
                out[key] = value
        elif key in cert:
            out[key] = cert[key]
    return out


def renderer(items, cfg):
    """Render function for a search answer: the first item of ``items`` broken as ``mpki_malformed`` says."""
    mode = cfg["mpki_malformed"]
    first = items[0]["serial_number"] if items and mode != "none" else None  # bulk items are built anew each time

    def fn(cert):
        out = render(cert, cfg)
        if cert["serial_number"] != first:
            return out
        if mode == "no-serial":
            out.pop("serial_number")
        elif mode == "bad-valid-to":
            out["valid_to"] = int(out["valid_to"][:10].replace("-", ""))
        elif mode == "bad-certificate":
            text = X.b64(X.unparseable(cert["serial_number"]))
            out["certificate"] = text if cfg["mpki_certificate_format"] == "base64" else X.pem(text)
        else:
            return f"certificate {cert['serial_number']}"  # not an object
        return out
    return fn


# --- profiles --------------------------------------------------------------------------------------------------------
def profiles(stored, q, cfg):
    """``GET /profile``: every profile, or those bound to ``api_token_id``; rendered."""
    token = q.get("api_token_id")
    return [render_profile(p, cfg) for p in stored if not token or p.get("api_token_id") == token]


def profile(stored, ident, cfg):
    """``GET /profile/{id}``: the rendered profile, or None (404) for an id no profile has."""
    found = next((p for p in stored if p["id"] == ident.lower()), None)
    return render_profile(found, cfg) if found else None


def render_profile(p, cfg):
    """``PublicProfileResponse``: the stored profile without the generator's ``_`` facts, issuer bodies per switch."""
    out = {k: p[k] for k in PROFILE_KEYS if k in p}
    if cfg["mpki_issuer_format"] == "pem" and "certificate" in out:
        issuer = dict(out["certificate"]["issuer"], certificate=X.pem(out["certificate"]["issuer"]["certificate"]))
        issuer["chain"] = [dict(c, certificate=X.pem(c["certificate"])) for c in issuer.get("chain", ())]
        out["certificate"] = dict(out["certificate"], issuer=issuer)
    return out
