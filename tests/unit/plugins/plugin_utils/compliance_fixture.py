# -*- coding: utf-8 -*-
"""A small dc1_facts with one offender and one healthy twin per check (now = 2026-11-23T10:00:00Z)."""

import copy
import datetime

from x509_bodies import ISSUER as PUBLIC, body

from ansible_collections.digicert.one.plugins.module_utils._facts.audit import digest
from ansible_collections.digicert.one.plugins.module_utils._lifecycle import profiles as lifecycle_profiles
from ansible_collections.digicert.one.plugins.module_utils._lifecycle import stream
from ansible_collections.digicert.one.plugins.module_utils._dates import parse_instant
from ansible_collections.digicert.one.plugins.module_utils._listing.credentials import normalise, normalise_certificate

NOW = "2026-11-23T10:00:00Z"
A1, A2, A3, A4 = "acc-1", "acc-2", "acc-3", "acc-4"


def _app(roles=(), perms=(), name="Account Manager"):
    return {"id": name, "name": name, "roles": list(roles), "permissions": list(perms)}


def _user(uid, status="ACTIVE", kind="standard", accounts=(A1,), apps=(), **extra):
    user = {"id": uid, "status": status, "user_type": kind, "created_at": "2026-01-01T00:00:00Z",
            "primary_account_id": accounts[0], "accounts": [{"id": a, "name": "Name " + a} for a in accounts],
            "applications": list(apps)}
    user["friendly_name" if kind == "service" else "user_name"] = uid
    if kind == "service":
        user["end_date"] = "2027-06-01"
    user.update(extra)
    return user


ADMIN = [_app(["AM_ACCOUNT_ADMIN"], ["MANAGE_AM_USER"])]
USERS = [
    _user("admin1", apps=ADMIN), _user("admin2", accounts=(A2,), apps=ADMIN), _user("admin4", accounts=(A4,), apps=ADMIN),
    _user("locked1", status="LOCKED"), _user("disabled1", status="DISABLED"),
    _user("pending-old", status="PENDING", created_at="2026-09-01T00:00:00Z", last_login_at=None),
    _user("pending-new", status="PENDING", created_at="2026-11-10T00:00:00Z", last_login_at=None),
    _user("svc-ok", kind="service"),
    _user("svc-no-end", kind="service", end_date=None),
    _user("svc-soon", kind="service", end_date="2026-12-03"),
    _user("svc-gone", kind="service", end_date="2026-11-20"),
    _user("svc-disabled", kind="service", status="DISABLED", end_date=None),
    _user("svc-admin", kind="service", apps=ADMIN),
    _user("svc-manage3", kind="service", apps=[_app([], ["MANAGE_X"], n) for n in ("A", "B", "C")]),
    _user("svc-manage2", kind="service", apps=[_app([], ["MANAGE_X"], n) for n in ("A", "B")]),
    _user("svc-a3", kind="service", accounts=(A3, A1)),
] + [_user("crowd%d" % i, accounts=(A4,), apps=ADMIN) for i in range(5)]
TOKENS = [
    {"id": "tok-ok", "name": "ok", "user_id": "admin1", "end_date": "2027-06-01", "enabled": True,
     "created_at": "2026-06-01T00:00:00Z"},
    {"id": "tok-soon", "name": "soon", "user_id": "svc-ok", "end_date": "2026-12-10", "enabled": True,
     "created_at": "2026-06-01T00:00:00Z"},
    {"id": "tok-soon-off", "name": "soon but disabled", "user_id": "svc-ok", "end_date": "2026-12-10",
     "enabled": False, "created_at": "2026-06-01T00:00:00Z"},
    {"id": "tok-never", "name": "never", "user_id": "svc-ok", "end_date": None, "enabled": True,
     "created_at": "2026-06-01T00:00:00Z"},
    {"id": "tok-old", "name": "old", "user_id": "svc-a3", "end_date": "2027-06-01", "enabled": True,
     "created_at": "2025-06-01T00:00:00Z"},
    {"id": "tok-locked", "name": "of locked", "user_id": "locked1", "end_date": "2027-06-01", "enabled": True,
     "created_at": "2026-06-01T00:00:00Z"},
    {"id": "tok-disabled", "name": "of disabled", "user_id": "disabled1", "end_date": "2027-06-01", "enabled": True,
     "created_at": "2026-06-01T00:00:00Z"},
    {"id": "tok-disabled-off", "name": "of disabled, off", "user_id": "disabled1", "end_date": "2027-06-01",
     "enabled": False, "created_at": "2026-06-01T00:00:00Z"},
]
CERTS = [
    {"id": "cert-soon", "user_id": "svc-ok", "subject": {"common_name": "svc-ok"}, "status": "VALID",
     "valid_to": "2026-12-01T00:00:00Z", "serial_number": "01"},
    {"id": "cert-ok", "user_id": "svc-ok", "subject": {"common_name": "svc-ok"}, "status": "VALID",
     "valid_to": "2027-12-01T00:00:00Z", "serial_number": "02"},
    {"id": "cert-soon-off", "user_id": "svc-ok", "subject": {"common_name": "svc-ok"}, "status": "DISABLED",
     "valid_to": "2026-12-01T00:00:00Z", "serial_number": "03"},
]


PRIVATE = (("O", "Example Corp"), ("CN", "Example Issuing CA 1"))
THIRD_PARTY = (("O", "Third Party Trust"), ("CN", "Third Party TLS CA 1"))
UTC = datetime.timezone.utc


def _tlm(serial, status, valid_to, account=A1, revocation=None, seat=True, **options):
    """A Trust Lifecycle certificate with the schema's fields and a real body (a private issuer's unless
    ``options`` say otherwise); the gatherer's ``account_id`` added."""
    options.setdefault("issuer", PRIVATE)
    options.setdefault("dns", ("host-%s.example.com" % serial.lower(),))
    cert = {"serial_number": serial, "common_name": options["dns"][0], "status": status,
            "valid_from": "2026-01-01T00:00:00Z", "valid_to": valid_to, "seat": {"seat_id": "seat-" + serial},
            "thumbprint": serial * 16, "account": {"id": account}, "account_id": account,
            "profile": {"id": "prof-tls", "name": "TLS"}, "business_unit": {"id": "bu-1", "name": "BU 1"},
            "certificate": body(serial=int(serial, 16), **options)}
    if seat is not True:
        cert.pop("seat") if seat == "absent" else cert.update(seat=seat)
    if revocation:
        cert["revocation"] = dict(revocation, comments="")
    return cert


LATER = "2027-06-01T00:00:00Z"
FAR = "2027-09-01T00:00:00Z"  # the posture cases end later than any expiry threshold the tests try
APRIL = datetime.datetime(2026, 4, 1, tzinfo=UTC)
LIFECYCLE = [
    _tlm("70A1", "issued", "2026-12-09T00:00:00Z"),  # ends in 15 days: DC1-TLM-001
    _tlm("70A2", "issued", LATER),  # healthy twin
    _tlm("70A3", "revoked", "2026-12-09T00:00:00Z", revocation={"reason": "superseded", "revocation_date": "2026-11-20"}),
    _tlm("70A4", "issued", "2026-11-15", account=A2),  # ended 8 days ago, still issued: DC1-TLM-002
    _tlm("70A5", "expired", "2026-11-15", account=A2),  # healthy twin: its status says so
    _tlm("70A6", "revoked", LATER,
         revocation={"reason": "key_compromise", "revocation_date": "2026-11-10"}),  # DC1-TLM-003
    _tlm("70A7", "revoked", LATER,
         revocation={"reason": "key_compromise", "revocation_date": "2026-06-01"}),  # twin: outside the window
    _tlm("70A8", "SUSPENDED", "2026-12-01T00:00:00Z"),  # on hold: neither expiring nor expired-issued
    _tlm("7B01", "issued", FAR, key_kind="rsa1024"),  # DC1-TLM-004
    _tlm("7B02", "issued", FAR, key_kind="secp256k1"),  # DC1-TLM-004
    _tlm("7B12", "issued", FAR, key_kind="p256"),  # its twins: P-256, and RSA 2048 everywhere else
    _tlm("7B03", "issued", FAR, hash_name="sha1"),  # DC1-TLM-005
    _tlm("7B04", "issued", FAR, issuer=PUBLIC, not_before=APRIL,
         not_after=APRIL + datetime.timedelta(days=397, seconds=-1)),  # public, 397 days from 2026-04-01: DC1-TLM-006
    _tlm("7B05", "issued", FAR, not_before=APRIL,
         not_after=APRIL + datetime.timedelta(days=397, seconds=-1)),  # the same from a private issuer: healthy
    _tlm("7B06", "issued", FAR, dns=("*.example.com", "example.com")),  # DC1-TLM-007
    _tlm("7B07", "issued", FAR, dns=("dup.example.com", "www.dup.example.com")),  # DC1-TLM-008
    _tlm("7B08", "issued", FAR, dns=("www.dup.example.com", "dup.example.com")),  # DC1-TLM-008, other order
    _tlm("7B09", "issued", FAR, seat=None),  # DC1-TLM-009
    _tlm("7B10", "issued", FAR, seat={}),  # DC1-TLM-009
    _tlm("7B11", "issued", FAR, seat="absent"),  # no seat key: unknown for DC1-TLM-009, never a finding
    _tlm("7B13", "issued", FAR, issuer=THIRD_PARTY),  # DC1-TLM-010 once approved issuers are set
]
APPROVED = ["DigiCert Inc", "Example Corp"]
PUBLIC_DN = "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US"


def _profile(pid, days, algorithm="SHA256_WITH_RSA", key_size="2048", escrow=False, status="Active",
             issuer=PUBLIC_DN):
    return {"id": pid, "name": "Profile " + pid, "status": status, "signature_algorithm": algorithm,
            "private_key_attributes": {"key_size": key_size}, "key_escrow_policy": {"key_escrow_enabled": escrow},
            "certificate": {"validity": {"unit": "days", "duration": days}, "issuer": {"subject_dn": issuer}}}


PROFILES = [
    _profile("prof-397", 397),  # public, longer than today's 200: DC1-PROF-001
    _profile("prof-90", 90),  # its twin
    _profile("prof-sha1", 90, algorithm="SHA1_WITH_RSA"),  # DC1-PROF-002
    _profile("prof-1024", 90, key_size="1024"),  # DC1-PROF-002
    _profile("prof-p256", 90, algorithm="SHA384_WITH_ECDSA", key_size="256"),  # its twin: 256 bits of EC is P-256
    _profile("prof-p224", 90, algorithm="SHA256_WITH_ECDSA", key_size="224"),  # DC1-PROF-002: no approved curve
    _profile("prof-escrow", 90, escrow=True),  # DC1-PROF-003
    _profile("prof-escrow-off", 90, escrow=True, status="Inactive"),  # inactive: issues nothing
    _profile("prof-private", 825, issuer="CN=Example Issuing CA 1, O=Example Corp"),  # private: never held to it
]


def lifecycle(options=None, items=None, now=NOW, warning_days=30):
    """``(certificates kept, certificate_posture)`` as the gathering streams them, with ``options`` (the compliance
    options the certificate checks run with)."""
    run = stream.CertificateStream(parse_instant(now), warning_days, stream.check_options(options))
    try:
        run.add(copy.deepcopy(LIFECYCLE if items is None else items))
        return run.finish()
    finally:
        run.close()


ACCOUNTS = [
    {"id": A1, "name": "Name acc-1", "active": True, "service_period": {"from": "2024-01-01", "to": "2026-12-15"}},
    {"id": A2, "name": "Name acc-2", "active": True, "service_period": {"from": "2024-01-01", "to": "2028-01-01"}},
    {"id": A3, "name": "Name acc-3", "active": False, "service_period": {"from": "2024-01-01", "to": "2026-12-01"}},
    {"id": A4, "name": "Name acc-4", "active": True, "service_period": {"from": "2024-01-01", "to": "2028-01-01"}},
]


def _event(account, status, day="2026-11-20"):
    return {"id": "e", "account": {"id": account, "name": "Name " + account}, "action": "login", "status": status,
            "timestamp": day + "T08:00:00Z", "user": {"id": "x", "name": "mallory"}, "resource_type": "user"}


AUDIT = ([_event(A1, "failure") for _i in range(21)] + [_event(A2, "failure") for _i in range(20)]
         + [_event(A2, "success") for _i in range(50)] + [_event(A2, "failure", "2026-10-01") for _i in range(5)])


def facts(options=None, items=None):
    """The facts, their certificates streamed with the compliance ``options`` the evaluation will use."""
    now = parse_instant(NOW)
    kept, posture = lifecycle(options, items)
    return copy.deepcopy({
        "schema": 1, "collected_at": NOW, "base_url": "https://demo.one.digicert.com", "audit_window_days": 30,
        "audit_from": "2026-10-24", "accounts": ACCOUNTS, "users": USERS, "organizations": [], "roles": [],
        "api_tokens": [normalise(t, now) for t in TOKENS],
        "client_certificates": [normalise_certificate(c, now) for c in CERTS],
        "certificates": kept, "certificate_posture": posture,
        "certificate_profiles": [dict(p, posture=lifecycle_profiles.posture(p)) for p in PROFILES],
        "audit": digest(AUDIT, "2026-10-24", 30), "unavailable": {}, "summary": {},
    })


# (check, object ids it must flag in facts()); everything else in facts() is healthy for that check. DC1-TLM-010
# needs approved issuers (APPROVED): without them it is not evaluated.
EXPECTED = {
    "DC1-TOKEN-001": {"tok-soon"},
    "DC1-TOKEN-002": {"tok-never"},
    "DC1-TOKEN-003": {"tok-old"},
    "DC1-TOKEN-004": {"tok-locked", "tok-disabled"},
    "DC1-SVC-001": {"svc-no-end"},
    "DC1-SVC-002": {"svc-soon", "svc-gone"},
    "DC1-SVC-003": {"svc-admin", "svc-manage3"},
    "DC1-USER-001": {"locked1"},
    "DC1-USER-002": {"pending-old"},
    "DC1-CERT-001": {"cert-soon"},
    "DC1-TLM-001": {"70A1"},
    "DC1-TLM-002": {"70A4"},
    "DC1-TLM-003": {"70A6"},
    "DC1-TLM-004": {"7B01", "7B02"},
    "DC1-TLM-005": {"7B03"},
    "DC1-TLM-006": {"7B04"},
    "DC1-TLM-007": {"7B06"},
    "DC1-TLM-008": {"7B07", "7B08"},
    "DC1-TLM-009": {"7B09", "7B10"},
    "DC1-PROF-001": {"prof-397"},
    "DC1-PROF-002": {"prof-sha1", "prof-1024", "prof-p224"},
    "DC1-PROF-003": {"prof-escrow"},
    "DC1-ACCT-001": {A1},
    "DC1-ACCT-002": {A3, A4},
    "DC1-AUDIT-001": {A1},
}


def judge(options=None, items=None):
    """``evaluate`` over facts streamed with the same ``options``, as the audit playbook runs the two roles."""
    from ansible_collections.digicert.one.plugins.plugin_utils._compliance.engine import evaluate  # noqa: PLC0415
    return evaluate(facts(options, items), options)
