"""Trust Lifecycle (mpki): certificates and profiles, generated, filtered and rendered per DigiCert's OpenAPI.

Source: DigiCert's Enterprise PKI Manager OpenAPI (simulator/tests/data/mpki-openapi.json, docs/api-notes.md).
``GET /mpki/api/v1/certificate-search`` takes ``CertificateSearchParameters`` and ``PagingParameters`` and answers
``PaginationResult`` of ``PublicCertificateDetails``; ``GET /mpki/api/v1/certificate/{serial_number}`` answers one
``PublicCertificateDetails``. The spec disagrees with itself in places; each disagreement is a switch whose default
follows the endpoint's example (the documents' examples are the simulator's defaults):

* ``mpki_date_format``: ``date-time`` as in the example (``2029-01-01T00:00:00Z``), ``date`` as the schema
  (``format: date``);
* ``mpki_status_case``: answers carry ``issued`` (schema enum, example), or ``ISSUED`` as the filter spells it;
* ``mpki_status_filter``: ``strict`` accepts only the filter enums' spelling (``ISSUED``, ``SERVER_SEAT``) and
  answers 400 otherwise; ``any-case`` accepts either case;
* ``mpki_fields``: ``example`` serves the example's fields; ``schema`` adds ``account``, ``notes``, ``thumbprint``;
* ``mpki_certificate_format``: the body as the example (base64 DER) or PEM-armoured (as ``CertificateResponse``);
* ``mpki_malformed``: the first item of every search answer is served broken (``no-serial``, ``bad-valid-to``,
  ``not-object``), so a client shows it copes.

Certificates are generated after every other object, from their own ``random.Random``, so adding them shifts no
Account Manager object. The random population is healthy; the offenders are planted on account 0 and recorded in
``tenant["planted"]`` (``CHECKS``).
"""
import base64
import hashlib
import random

from .dates import DAY, instant, iso
from .errors import BadRequest
from .ids import HEX_RE, UUID_RE, uuid4

SALT = 0x6D706B69  # "mpki": the certificates' random stream is independent of the Account Manager objects'
STATUSES = ("ISSUED", "EXPIRED", "REVOKED", "SUSPENDED")
SEAT_TYPES = ("USER_SEAT", "DEVICE_SEAT", "SERVER_SEAT", "IMPORTED_SEAT", "UNMANAGED_SEAT")
CHECKS = ("certificate_expiring_soon", "certificate_expired_but_issued", "certificate_revoked_key_compromise")
SWITCHES = {
    "mpki_date_format": ("date-time", "date"),
    "mpki_status_case": ("lower", "upper"),
    "mpki_status_filter": ("strict", "any-case"),
    "mpki_fields": ("example", "schema"),
    "mpki_certificate_format": ("base64", "pem"),
    "mpki_malformed": ("none", "no-serial", "bad-valid-to", "not-object"),
}
# PublicCertificateDetails as the by-serial example shows it, in its order; the schema adds three properties.
EXAMPLE_KEYS = ("profile", "seat", "business_unit", "certificate", "common_name", "status", "serial_number",
                "valid_from", "valid_to", "revocation")
SCHEMA_KEYS = EXAMPLE_KEYS + ("account", "notes", "thumbprint")
FIELDS = {"example": EXAMPLE_KEYS, "schema": SCHEMA_KEYS}
HEALTHY_REASONS = ("superseded", "cessation_of_operation", "affiliation_changed")
ENROLL = ["csr", "rest_api", "est", "scep", "browser_pkcs12"]
AUTHN = ["third_party_app", "enrollment_code", "manual_approval", "certificate_authentication"]


# --- generation --------------------------------------------------------------------------------------------------
class _Gen:
    def __init__(self, t, seed, now):
        self.t, self.now = t, now
        self.rng = random.Random((seed or 0) ^ SALT)
        self.accounts = [a for a in t["accounts"] if not a["name"].startswith("Planted ")] or t["accounts"]

    def uid(self):
        return uuid4(self.rng)

    def hexid(self, digits):
        return "%0*X" % (digits, self.rng.getrandbits(4 * digits))


def generate(t, seed, now, n):
    """Profiles, business units, issuing CAs and ``n`` healthy certificates, then the planted ones."""
    g = _Gen(t, seed, now)
    bus = [{"id": g.uid(), "name": f"BU {i + 1}"} for i in range(3)]
    cas = [{"id": g.uid(), "name": f"Example Issuing CA {i + 1}", "serial_number": str(g.rng.getrandbits(160)),
            "aki": g.hexid(40)} for i in range(2)]
    for i in range(5):
        bu = bus[i % len(bus)]
        t["mpki_profiles"].append({
            "id": g.uid(), "name": f"Profile {i + 1}", "status": "Active",
            "signature_algorithm": "sha256WithRSA", "business_unit_id": bu["id"],
            "enrollment_method": ENROLL[i % len(ENROLL)], "authentication_method": AUTHN[i % len(AUTHN)],
            "certificate_delivery_format": "x509", "renewal_period_days": 30})
    g.bus, g.cas = {b["id"]: b for b in bus}, cas
    for i in range(n):
        _random_certificate(g, i)
    _plant(g)


def _certificate(g, cn, seat, seat_type, status, start, end, account, revocation=None):
    prof = g.rng.choice(g.t["mpki_profiles"])
    ca = g.rng.choice(g.cas)
    cert = {"profile": {"id": prof["id"], "name": prof["name"]}, "seat": {"seat_id": seat},
            "account": {"id": account["id"]},
            "business_unit": dict(g.bus[prof["business_unit_id"]]), "common_name": cn, "status": status,
            "serial_number": g.hexid(40), "valid_from": iso(start), "valid_to": iso(end), "notes": "",
            "thumbprint": g.hexid(64), "_seat_type": seat_type, "_aki": ca["aki"],
            "_issuing_ca": {k: ca[k] for k in ("id", "name", "serial_number")}}
    if revocation:
        cert["revocation"] = revocation
    g.t["mpki_certificates"].append(cert)
    return cert


def _random_certificate(g, i):
    """Healthy: issued or revoked (not key_compromise) ones end 60+ days ahead; expired ones ended 5+ days ago."""
    rng, now = g.rng, g.now
    validity = rng.choice([90, 365, 397]) * DAY
    r = rng.random()
    if r < 0.15:
        status, end = "expired", now - rng.randint(5 * DAY, 600 * DAY)
    else:
        status = "revoked" if r > 0.95 else "issued"
        end = now + rng.randint(60 * DAY, validity - DAY)
    start = end - validity
    kind = rng.random()
    if kind < 0.6:
        cn = f"host{i + 1}.{rng.choice(['example.com', 'example.net', 'corp.example'])}"
        seat, seat_type = cn, "SERVER_SEAT"
    elif kind < 0.85:
        seat = f"user{i + 1}@example.com"
        cn, seat_type = f"User {i + 1}", "USER_SEAT"
    else:
        cn = seat = f"device-{i + 1:05d}"
        seat_type = "DEVICE_SEAT"
    revocation = None
    if status == "revoked":
        revoked = start + rng.randint(DAY, max(DAY, now - start - DAY))
        revocation = {"reason": rng.choice(HEALTHY_REASONS), "revocation_date": iso(revoked), "comments": ""}
    _certificate(g, cn, seat, seat_type, status, start, end, rng.choice(g.accounts), revocation)


def _plant(g):
    """Offenders on account 0, well away from the thresholds (30 days, "recent" = 30 days); two healthy controls."""
    now, a0 = g.now, g.t["accounts"][0]

    def server(name, status, end, validity=397, revocation=None):
        cn = f"{name}.example.com"
        return _certificate(g, cn, cn, "SERVER_SEAT", status, end - validity * DAY, end, a0, revocation)

    planted = [
        ("certificate_expiring_soon", server("planted-expiring-9-days", "issued", now + 9 * DAY + 6 * 3600)),
        ("certificate_expiring_soon", server("planted-expiring-21-days", "issued", now + 21 * DAY)),
        ("certificate_expired_but_issued", server("planted-expired-6-days-ago", "issued", now - 6 * DAY)),
        ("certificate_revoked_key_compromise", server(
            "planted-revoked-key-compromise", "revoked", now + 200 * DAY,
            revocation={"reason": "key_compromise", "revocation_date": iso(now - 3 * DAY),
                        "comments": "Private key found in a public repository"})),
    ]
    server("healthy-45-days", "issued", now + 45 * DAY)  # controls: near a threshold, no finding
    server("healthy-expired-40-days-ago", "expired", now - 40 * DAY)
    for check, cert in planted:
        g.t["planted"].append({"check": check, "object_type": "certificate", "object_id": cert["serial_number"],
                               "account_id": a0["id"], "requires": list(REQUIRES[check])})


# Fields a client needs to find each offender (vocabulary of dc1sim.shapes.served_fields): every mpki switch
# serves them, so they stay detectable unless certificate-search is an absent endpoint.
REQUIRES = {
    "certificate_expiring_soon": ("mpki_certificate.valid_to", "mpki_certificate.status"),
    "certificate_expired_but_issued": ("mpki_certificate.valid_to", "mpki_certificate.status"),
    "certificate_revoked_key_compromise": ("mpki_certificate.status", "mpki_certificate.revocation"),
}


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


def search(certs, scope, q):
    """The certificates ``q`` selects (validated by ``check_query``), in tenant order."""
    preds = []

    def same(field, name, upper=False):
        if q.get(name):
            want = q[name].upper() if upper else q[name]
            preds.append(lambda c: (field(c) or "").upper() == want if upper else field(c) == want)

    same(lambda c: c["account"]["id"], "account_id")
    same(lambda c: c["business_unit"]["id"], "business_unit_id")
    same(lambda c: c["business_unit"]["name"], "business_unit_name")
    same(lambda c: c["profile"]["id"], "profile_id")
    same(lambda c: c["seat"]["seat_id"], "seat_id")
    same(lambda c: c["_seat_type"], "seat_type_id", upper=True)
    same(lambda c: c["serial_number"], "serial_number", upper=True)
    same(lambda c: c["_aki"], "aki", upper=True)
    same(lambda c: c["_issuing_ca"]["id"], "issuing_ca_id")
    same(lambda c: c["_issuing_ca"]["name"], "issuing_ca_name")
    same(lambda c: c["_issuing_ca"]["serial_number"], "issuing_ca_serial_number", upper=True)
    same(lambda c: c["status"], "status", upper=True)
    same(lambda c: c["thumbprint"], "thumbprint", upper=True)
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
    return [c for c in certs
            if (scope is None or c["account"]["id"] in scope) and all(p(c) for p in preds)]


def find(certs, serial, scope):
    """The certificate with this serial number visible in ``scope``, or None."""
    serial = serial.upper()
    return next((c for c in certs if c["serial_number"] == serial
                 and (scope is None or c["account"]["id"] in scope)), None)


# --- rendering -----------------------------------------------------------------------------------------------------
def render(cert, cfg):
    """``PublicCertificateDetails`` of a stored certificate under the switches."""
    cut = 10 if cfg["mpki_date_format"] == "date" else None  # stored as date-times; a date is their first 10
    out = {}
    for key in FIELDS[cfg["mpki_fields"]]:
        if key == "certificate":
            out[key] = body(cert["serial_number"], cfg["mpki_certificate_format"])
        elif key in ("valid_from", "valid_to"):
            out[key] = cert[key][:cut]
        elif key == "revocation" and "revocation" in cert:
            rev = cert["revocation"]
            out[key] = dict(rev, revocation_date=rev["revocation_date"][:cut])
        elif key == "status":
            out[key] = cert[key].upper() if cfg["mpki_status_case"] == "upper" else cert[key]
        elif key in cert:
            out[key] = cert[key]
    return out


def renderer(items, cfg):
    """Render function for a search answer: the first item of ``items`` broken as ``mpki_malformed`` says."""
    mode = cfg["mpki_malformed"]
    first = items[0] if items else None

    def fn(cert):
        out = render(cert, cfg)
        if cert is not first or mode == "none":
            return out
        if mode == "no-serial":
            out.pop("serial_number")
        elif mode == "bad-valid-to":
            out["valid_to"] = int(out["valid_to"][:10].replace("-", ""))
        else:
            return f"certificate {cert['serial_number']}"  # not an object
        return out
    return fn


def body(serial, fmt):
    """A deterministic stand-in for the DER body (starts like one: base64 'MII'), as base64 or PEM."""
    stream, block = b"", serial.encode()
    while len(stream) < 880:
        block = hashlib.sha256(block).digest()
        stream += block
    der = b"\x30\x82\x03\x70" + stream[:880]
    text = base64.b64encode(der).decode()
    if fmt == "base64":
        return text
    lines = [text[i:i + 64] for i in range(0, len(text), 64)]
    return "-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n"
