"""Trust Lifecycle tenant objects: issuers, profiles and a healthy random population of certificates.

Generated after every other object from their own ``random.Random(seed ^ 0x6D706B69)``, so their number shifts no
Account Manager object. The profiles are a fixed table (``PROFILES``) whose issuers are ``mpki_x509.CAS``; each
certificate names its profile, and its issuer, key and validity follow that profile. The random population is
healthy under every check of ``mpki_policy`` and the expiry checks; the offenders and the sound edge cases next to
them are added by ``mpki_planted``.

A stored certificate keeps what its body is made of in ``_x509`` (issuer, key, names, usage); the body itself is
built when it is first served (``mpki.body``), so a tenant nobody reads certificates from costs no signing.
"""
import random

from . import mpki_planted, mpki_policy
from . import mpki_x509 as X
from .dates import DAY, iso
from .ids import uuid4
from .mpki_keys import private_key

SALT = 0x6D706B69  # "mpki": the certificates' random stream is independent of the Account Manager objects'
HEALTHY_REASONS = ("superseded", "cessation_of_operation", "affiliation_changed")
SEAT_TYPES = {"server": "SERVER_SEAT", "user": "USER_SEAT", "device": "DEVICE_SEAT"}
# name -> (issuing CA, seat kind, key, signature_algorithm, validity, enrollment, authentication, delivery format,
#          extras). Validity: days, ("years", n), "public" (healthy for now: mpki_policy.healthy_public_days) or
#          "over-public" (beyond today's public maximum). The first five are the random population's.
PROFILES = {
    "Public TLS RSA": ("digicert-g2-tls", "server", "ee-rsa-2048", "SHA256_WITH_RSA", "public", "csr",
                       "third_party_app", "X509", {"override_cert_validity_via_api": True}),
    "Internal TLS": ("example-rsa", "server", "ee-rsa-3072", "SHA256_WITH_RSA", 397, "est",
                     "certificate_authentication", "PKCS7", {}),
    "Employee S/MIME": ("example-rsa", "user", "ee-rsa-2048", "SHA256_WITH_RSA", 365, "browser_pkcs12", "saml_idp",
                        "PKCS7", {}),
    "Device Identity ECC": ("example-ecc", "device", "ee-p256", "SHA384_WITH_ECDSA", ("years", 2), "scep",
                            "enrollment_code", "X509", {}),
    "Third-Party TLS": ("third-party", "server", "ee-rsa-2048", "SHA256_WITH_RSA", 90, "rest_api", "manual_approval",
                        "X509", {}),
    "Private Long-Lived Devices": ("example-rsa", "device", "ee-rsa-2048", "SHA256_WITH_RSA", 825, "scep",
                                   "enrollment_code", "X509", {}),
    # planted offenders (mpki_planted)
    "Public TLS 397 Days": ("digicert-g2-tls", "server", "ee-rsa-2048", "SHA256_WITH_RSA", "over-public", "csr",
                            "third_party_app", "X509", {}),
    "Legacy SHA-1": ("example-rsa", "server", "ee-rsa-2048", "SHA1_WITH_RSA", 365, "csr", "manual_approval", "X509",
                     {}),
    "Legacy RSA 1024": ("example-rsa", "server", "ee-rsa-1024", "SHA256_WITH_RSA", 365, "csr", "manual_approval",
                        "X509", {}),
    "Key Escrow S/MIME": ("example-rsa", "user", "ee-rsa-2048", "SHA256_WITH_RSA", 365, "browser_pkcs12",
                          "saml_idp", "PKCS7", {"key_escrow_enabled": True}),
}
RANDOM = {"server": ("Public TLS RSA", "Internal TLS"), "user": ("Employee S/MIME",), "device": ("Device Identity ECC",)}
TOKEN_BOUND = ("Internal TLS", "Device Identity ECC")  # profiles bound to an API token (the api_token_id filter)


class Gen:
    """The rng, the clock and the tenant while Trust Lifecycle objects are added to it."""

    def __init__(self, t, seed, now):
        self.t, self.now = t, now
        self.rng = random.Random((seed or 0) ^ SALT)
        self.accounts = [a for a in t["accounts"] if not a["name"].startswith("Planted ")] or t["accounts"]
        self.profiles, self.issuers = {}, {}

    def uid(self):
        return uuid4(self.rng)

    def certificate(self, profile, cn, seat_id, names, status, start, end, account, revocation=None):
        """Store one certificate of ``profile`` (a stored profile dict); its body is built when first served."""
        seat = profile["_seat"]
        issuer = self.issuers[profile["_ca"]]
        serial = self.rng.getrandbits(158) | 1 << 158  # 20 DER bytes, 40 hex digits, never a leading zero
        cert = {"profile": {"id": profile["id"], "name": profile["name"]}, "seat": {"seat_id": seat_id},
                "account": {"id": account["id"]}, "business_unit": dict(profile["_business_unit"]),
                "common_name": cn, "status": status, "serial_number": "%040X" % serial, "valid_from": iso(start),
                "valid_to": iso(end), "notes": "", "_seat_type": SEAT_TYPES[seat], "_aki": issuer["aki"],
                "_issuing_ca": {k: issuer[k] for k in ("id", "name", "serial_number")},
                "_x509": {"ca": profile["_ca"], "key": profile["_key"], "names": [list(n) for n in names],
                          "usage": seat}}
        if revocation:
            cert["revocation"] = revocation
        self.t["mpki_certificates"].append(cert)
        return cert


def generate(t, seed, now, n):
    """Business units, issuers, profiles and ``n`` healthy certificates, then the planted ones and the controls."""
    g = Gen(t, seed, now)
    bus = [{"id": g.uid(), "name": f"BU {i + 1}"} for i in range(3)]
    g.bus = {b["id"]: b for b in bus}
    for ca in X.CAS:
        g.issuers[ca] = issuer = {"id": g.uid(), "ca": ca, "name": X.common_name(ca), "subject_dn": X.subject_dn(ca),
                                  "organization": X.organization(ca), "serial_number": str(X.ca_serial(ca)),
                                  "aki": X.key_identifier(ca), "public": X.is_public(ca)}
        t["mpki_issuers"].append(issuer)
    tokens = [tok["id"] for tok in t["api_access_tokens"]]
    for i, (name, spec) in enumerate(PROFILES.items()):
        bound = tokens[TOKEN_BOUND.index(name) % len(tokens)] if name in TOKEN_BOUND and tokens else None
        g.profiles[name] = profile(g, name, spec, bus[i % len(bus)]["id"], bound)
        t["mpki_profiles"].append(g.profiles[name])
    for i in range(n):
        _random_certificate(g, i)
    mpki_planted.plant(g)


def validity_days(validity, now):
    """A profile's validity in days, ``now`` deciding the public ones."""
    if validity == "public":
        return mpki_policy.healthy_public_days(now)
    if validity == "over-public":
        return mpki_policy.over_public_days(now)
    return validity[1] * 365 if isinstance(validity, tuple) else validity


def profile(g, name, spec, bu_id, token_id):
    """``PublicProfileResponse`` as the spec's example shows it, plus ``_``-prefixed facts for the generator."""
    ca, seat, key, algorithm, validity, enrollment, authentication, delivery, extras = spec
    days = validity_days(validity, g.now)
    unit, duration = validity if isinstance(validity, tuple) else ("days", days)
    out = {"id": g.uid(), "name": name, "status": "Active", "signature_algorithm": algorithm,
           "publish_to_public_directory": False, "renewal_period_days": 30, "duplicate_cert_policy": False,
           "override_cert_validity_via_api": extras.get("override_cert_validity_via_api", False),
           "certificate_delivery_format": delivery, "business_unit_id": bu_id, "enrollment_method": enrollment,
           "authentication_method": authentication,
           "private_key_attributes": {"key_size": str(private_key(key).key_size)},
           "key_escrow_policy": {"key_escrow_enabled": extras.get("key_escrow_enabled", False)},
           "api_token_binding_enabled": token_id is not None}
    if token_id is not None:
        out["api_token_id"] = token_id
    out["certificate"] = {
        "subject": {"attributes": [{"type": "common_name", "mandatory": True, "multiple": False}]},
        "validity": {"unit": unit, "duration": duration},
        "extensions": {"san": {"critical": False, "attributes": []}},
        "issuer": issuer_block(ca, g.now)}
    out.update({"_ca": ca, "_seat": seat, "_key": key, "_validity_days": days, "_business_unit": g.bus[bu_id]})
    return out


def issuer_block(ca, now):
    """``certificate.issuer``: the issuing CA (``CaResponse``, bare base64 as its example) and its chain's root."""
    parent = X.CAS[ca][2]

    def one(name, root):
        return {"serial_number": str(X.ca_serial(name)), "subject_dn": X.subject_dn(name),
                "certificate": X.b64(X.ca_certificate(name, now)), "root": root}
    block = one(ca, parent is None)
    block["chain"] = [one(parent, True)] if parent else []
    return block


def _names(seat, i):
    """(common name, seat id, SANs) of random certificate ``i``: unique names, so no two are duplicates."""
    if seat == "server":
        cn = f"host{i + 1}.example.com"
        return cn, cn, [("dns", cn)]
    if seat == "user":
        email = f"user{i + 1}@example.com"
        return f"User {i + 1}", email, [("email", email)]
    cn = f"device-{i + 1:05d}"
    return cn, cn, []


def _random_certificate(g, i):
    """Healthy: issued or revoked (not key_compromise) ones end 60+ days ahead (40+ for a validity under 65 days),
    expired ones ended 5+ days ago."""
    rng, now = g.rng, g.now
    r = rng.random()
    seat = "server" if r < 0.6 else ("user" if r < 0.85 else "device")
    prof = g.profiles[rng.choice(RANDOM[seat])]
    validity = prof["_validity_days"]
    r = rng.random()
    if r < 0.15:
        status, end = "expired", now - rng.randint(5 * DAY, 600 * DAY)
    else:
        status = "revoked" if r > 0.95 else "issued"
        lo = min(60, validity - 5)
        end = now + rng.randint(lo * DAY, max(lo, validity - 1) * DAY)
    start = end - validity * DAY + 1  # valid for exactly ``validity`` days, notBefore through notAfter (BR 1.6.1)
    revocation = None
    if status == "revoked":
        revoked = start + rng.randint(DAY, max(DAY, now - start - DAY))
        revocation = {"reason": rng.choice(HEALTHY_REASONS), "revocation_date": iso(revoked), "comments": ""}
    cn, seat_id, names = _names(seat, i)
    g.certificate(prof, cn, seat_id, names, status, start, end, rng.choice(g.accounts), revocation)
