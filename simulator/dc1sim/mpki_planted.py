"""Planted Trust Lifecycle offenders, and the sound edge cases next to them, all on account 0.

Every offender is one ``tenant["planted"]`` entry, as the Account Manager ones are:
``{check, object_type, object_id, account_id, requires, case}`` where ``object_type`` is ``certificate``
(``object_id``: the serial number) or ``certificate_profile`` (the profile id; ``account_id`` null, profiles being
tenant-wide), and ``case`` says which variant it is (``rsa-1024``, ``sha1``, ``seat-null``, ...). Duplicates
name each other (``duplicate_of``); the unapproved issuer names the ``approved_issuers`` it is judged against (an
empty list means the check is not evaluated, so nothing is found without it).

Every sound edge case is one ``tenant["mpki_controls"]`` entry ``{case, object_type, object_id, account_id, near,
note}``: ``near`` is the check it must NOT raise. Offsets count from ``now`` and stay far from the expiry
thresholds: every posture offender is issued and ends 60 or more days ahead.
"""
from . import mpki_policy as P
from .dates import DAY, iso

EXPIRY_CHECKS = ("certificate_expiring_soon", "certificate_expired_but_issued", "certificate_revoked_key_compromise")
POSTURE_CHECKS = ("certificate_weak_key", "certificate_weak_signature", "certificate_validity_over_public_maximum",
                  "certificate_wildcard", "certificate_duplicate", "certificate_without_owner",
                  "certificate_unapproved_issuer", "profile_validity_over_public_maximum", "profile_weak_signature",
                  "profile_weak_key", "profile_key_escrow")
CHECKS = EXPIRY_CHECKS + POSTURE_CHECKS
APPROVED_ISSUERS = ("DigiCert Inc", "Example Corp")  # every issuer but the third party's, by organization
_BODY = ("mpki_certificate.certificate",)
# Fields a client needs to find each offender (vocabulary of dc1sim.shapes.served_fields)
REQUIRES = {
    "certificate_expiring_soon": ("mpki_certificate.valid_to", "mpki_certificate.status"),
    "certificate_expired_but_issued": ("mpki_certificate.valid_to", "mpki_certificate.status"),
    "certificate_revoked_key_compromise": ("mpki_certificate.status", "mpki_certificate.revocation"),
    "certificate_weak_key": _BODY,
    "certificate_weak_signature": _BODY,
    "certificate_validity_over_public_maximum": _BODY,
    "certificate_wildcard": _BODY,
    "certificate_duplicate": _BODY + ("mpki_certificate.status",),
    "certificate_without_owner": ("mpki_certificate.seat",),
    "certificate_unapproved_issuer": _BODY,
    "profile_validity_over_public_maximum": ("mpki_profile.certificate",),
    "profile_weak_signature": ("mpki_profile.signature_algorithm",),
    "profile_weak_key": ("mpki_profile.private_key_attributes",),
    "profile_key_escrow": ("mpki_profile.key_escrow_policy",),
}


def plant(g):
    a0 = g.t["accounts"][0]
    _expiry(g, a0)
    _certificates(g, a0)
    _duplicates_and_owners(g, a0)
    _profiles(g)
    _controls(g, a0)


def _record(g, check, obj, account, case, **extra):
    kind = "certificate" if "serial_number" in obj else "certificate_profile"
    g.t["planted"].append(dict({"check": check, "object_type": kind,
                                "object_id": obj["serial_number"] if kind == "certificate" else obj["id"],
                                "account_id": account["id"] if account else None,
                                "requires": list(REQUIRES[check]), "case": case}, **extra))


def _control(g, case, obj, account, near, note):
    kind = "certificate" if "serial_number" in obj else "certificate_profile"
    g.t["mpki_controls"].append({"case": case, "object_type": kind,
                                 "object_id": obj["serial_number"] if kind == "certificate" else obj["id"],
                                 "account_id": account["id"] if account else None, "near": near, "note": note})


def _cert(g, profile, label, account, start, days, status="issued", revocation=None, inclusive=False):
    """A certificate of ``profile`` named ``label``; its names and seat follow the profile's kind of seat.

    ``inclusive``: valid for exactly ``days`` as BR 1.6.1 counts a validity period (notBefore through notAfter,
    inclusive), so notAfter is one second before notBefore plus ``days``."""
    prof = g.profiles[profile]
    if prof["_seat"] == "user":
        email = f"{label}@example.com"
        cn, seat_id, names = label, email, [("email", email)]
    elif prof["_seat"] == "device":
        cn = seat_id = label
        names = []
    else:
        cn = seat_id = f"{label}.example.com"
        names = [("dns", cn)]
    return g.certificate(prof, cn, seat_id, names, status, start, start + days * DAY - (1 if inclusive else 0), account,
                         revocation)


def _expiry(g, a0):
    """The expiry offenders (30-day thresholds, "recent" = 30 days) and two controls near them."""
    now = g.now

    def server(name, status, end, revocation=None):
        return _cert(g, "Internal TLS", name, a0, end - 397 * DAY, 397, status, revocation)

    _record(g, "certificate_expiring_soon", server("planted-expiring-9-days", "issued", now + 9 * DAY + 6 * 3600),
            a0, "9-days")
    _record(g, "certificate_expiring_soon", server("planted-expiring-21-days", "issued", now + 21 * DAY), a0,
            "21-days")
    _record(g, "certificate_expired_but_issued", server("planted-expired-6-days-ago", "issued", now - 6 * DAY), a0,
            "6-days-ago")
    revoked = server("planted-revoked-key-compromise", "revoked", now + 200 * DAY,
                     {"reason": "key_compromise", "revocation_date": iso(now - 3 * DAY),
                      "comments": "Private key found in a public repository"})
    _record(g, "certificate_revoked_key_compromise", revoked, a0, "3-days-ago")
    _control(g, "expiring-in-45-days", server("healthy-45-days", "issued", now + 45 * DAY), a0,
             "certificate_expiring_soon", "issued, ends in 45 days: beyond the 30-day threshold")
    _control(g, "expired-status-expired", server("healthy-expired-40-days-ago", "expired", now - 40 * DAY), a0,
             "certificate_expired_but_issued", "ended 40 days ago with status expired, as it should")


def _certificates(g, a0):
    """Key, signature, validity, wildcard and issuer offenders: each issued, ending 60+ days ahead."""
    start = g.now - 30 * DAY
    weak = _cert(g, "Legacy RSA 1024", "planted-rsa-1024", a0, start, 365)
    _record(g, "certificate_weak_key", weak, a0, "rsa-1024")
    curve = _cert(g, "Device Identity ECC", "planted-secp256k1-device", a0, start, 365)
    curve["_x509"]["key"] = "ee-secp256k1"
    _record(g, "certificate_weak_key", curve, a0, "ec-secp256k1")
    for weak_hash in P.WEAK_HASHES:
        cert = _cert(g, "Legacy SHA-1", f"planted-{weak_hash}-signature", a0, start, 365)
        cert["_x509"]["weak_hash"] = weak_hash
        _record(g, "certificate_weak_signature", cert, a0, weak_hash)
    issued = g.now - 75 * DAY  # 2026-04-01 for now 2026-06-15: 397 days against a maximum of 200
    days = P.over_public_days(issued)
    _record(g, "certificate_validity_over_public_maximum",
            _cert(g, "Public TLS 397 Days", "planted-public-long-validity", a0, issued, days), a0,
            f"public-{days}-days", issued=iso(issued), validity_days=days, maximum_days=P.public_max_days(issued))
    wild = _cert(g, "Internal TLS", "planted-wildcard", a0, start, 397)
    wild["common_name"] = "*.planted-wildcard.example.com"
    wild["_x509"]["names"] = [["dns", "*.planted-wildcard.example.com"], ["dns", "planted-wildcard.example.com"]]
    _record(g, "certificate_wildcard", wild, a0, "wildcard")
    third = _cert(g, "Third-Party TLS", "planted-third-party", a0, g.now - 20 * DAY, 90)
    _record(g, "certificate_unapproved_issuer", third, a0, "third-party", approved_issuers=list(APPROVED_ISSUERS))


def _duplicates_and_owners(g, a0):
    """Two issued certificates for one set of names (in another order), and two without an owner."""
    start = g.now - 30 * DAY
    names = ["planted-duplicate-a.example.com", "planted-duplicate-b.example.com"]
    pair = []
    for order in (names, names[::-1]):
        cert = _cert(g, "Internal TLS", order[0][:-len(".example.com")], a0, start, 397)
        cert["_x509"]["names"] = [["dns", name] for name in order]
        pair.append(cert)
    for cert, other in ((pair[0], pair[1]), (pair[1], pair[0])):
        _record(g, "certificate_duplicate", cert, a0, "same-names", duplicate_of=other["serial_number"])
    nobody = _cert(g, "Internal TLS", "planted-seat-null", a0, start, 397)
    nobody["seat"] = None
    _record(g, "certificate_without_owner", nobody, a0, "seat-null")
    empty = _cert(g, "Internal TLS", "planted-seat-empty", a0, start, 397)
    empty["seat"] = {}
    _record(g, "certificate_without_owner", empty, a0, "seat-empty")


def _profiles(g):
    prof = g.profiles
    _record(g, "profile_validity_over_public_maximum", prof["Public TLS 397 Days"], None,
            f"public-{prof['Public TLS 397 Days']['_validity_days']}-days")
    _record(g, "profile_weak_signature", prof["Legacy SHA-1"], None, "sha1")
    _record(g, "profile_weak_key", prof["Legacy RSA 1024"], None, "rsa-1024")
    _record(g, "profile_key_escrow", prof["Key Escrow S/MIME"], None, "key-escrow")


def _controls(g, a0):
    """Sound certificates and profiles at the edge of a check: none may raise it."""
    now = g.now
    issued = now - 91 * DAY  # 2026-03-16 for now 2026-06-15: 200 days, exactly the maximum
    at_max = P.public_max_days(issued)
    _control(g, "public-validity-at-maximum",
             _cert(g, "Public TLS RSA", "healthy-public-at-maximum", a0, issued, at_max, inclusive=True), a0,
             "certificate_validity_over_public_maximum",
             f"public issuer, issued {iso(issued)[:10]}, {at_max} days counted inclusively (BR 1.6.1): the maximum "
             "for that date")
    issued = now - 75 * DAY
    days = P.over_public_days(issued)
    _control(g, "private-long-validity", _cert(g, "Internal TLS", "healthy-private-long-validity", a0, issued, days),
             a0, "certificate_validity_over_public_maximum",
             f"{days} days issued {iso(issued)[:10]} by a private CA: private PKI is not held to the public maximum")
    _control(g, "private-825-days", _cert(g, "Private Long-Lived Devices", "healthy-private-825-days", a0,
                                          now - 100 * DAY, 825), a0,
             "certificate_validity_over_public_maximum", "825 days from a private CA")
    _control(g, "rsa-2048", _cert(g, "Employee S/MIME", "healthy-rsa-2048", a0, now - 30 * DAY, 365), a0,
             "certificate_weak_key", "RSA 2048: the minimum, not below it")
    _control(g, "ec-p256", _cert(g, "Device Identity ECC", "healthy-p256-device", a0, now - 30 * DAY, 730), a0,
             "certificate_weak_key", "EC P-256: an approved curve")
    unknown = _cert(g, "Internal TLS", "healthy-seat-unknown", a0, now - 30 * DAY, 397)
    del unknown["seat"]
    _control(g, "seat-absent", unknown, a0, "certificate_without_owner",
             "no seat key: the owner is unknown, never a finding and never a pass")
    prof = g.profiles
    _control(g, "profile-private-825-days", prof["Private Long-Lived Devices"], None,
             "profile_validity_over_public_maximum", "825 days on a private CA")
    _control(g, "profile-ec-key-size-256", prof["Device Identity ECC"], None, "profile_weak_key",
             "key_size 256 with SHA384_WITH_ECDSA: an EC P-256 key, not a 256-bit RSA one")
    _control(g, "profile-rsa-2048", prof["Public TLS RSA"], None, "profile_weak_key",
             "key_size 2048: the minimum; its validity is within today's public maximum")
