# -*- coding: utf-8 -*-
"""A small dc1_facts with one offender and one healthy twin per check (now = 2026-11-23T10:00:00Z)."""

import copy

from ansible_collections.digicert.one.plugins.module_utils._facts.audit import digest
from ansible_collections.digicert.one.plugins.module_utils._lifecycle.certificates import normalise as normalise_lifecycle
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


def _tlm(serial, status, valid_to, account=A1, revocation=None):
    """A Trust Lifecycle certificate with the schema's fields; the gatherer's ``account_id`` added."""
    cert = {"serial_number": serial, "common_name": "host-%s.example.com" % serial.lower(), "status": status,
            "valid_from": "2026-01-01T00:00:00Z", "valid_to": valid_to, "seat": {"seat_id": "seat-" + serial},
            "thumbprint": serial * 16, "account": {"id": account}, "account_id": account}
    if revocation:
        cert["revocation"] = dict(revocation, comments="")
    return cert


LIFECYCLE = [
    _tlm("70A1", "issued", "2026-12-09T00:00:00Z"),  # ends in 15 days: DC1-TLM-001
    _tlm("70A2", "issued", "2027-06-01T00:00:00Z"),  # healthy twin
    _tlm("70A3", "revoked", "2026-12-09T00:00:00Z", revocation={"reason": "superseded", "revocation_date": "2026-11-20"}),
    _tlm("70A4", "issued", "2026-11-15", account=A2),  # ended 8 days ago, still issued: DC1-TLM-002
    _tlm("70A5", "expired", "2026-11-15", account=A2),  # healthy twin: its status says so
    _tlm("70A6", "revoked", "2027-06-01T00:00:00Z",
         revocation={"reason": "key_compromise", "revocation_date": "2026-11-10"}),  # DC1-TLM-003
    _tlm("70A7", "revoked", "2027-06-01T00:00:00Z",
         revocation={"reason": "key_compromise", "revocation_date": "2026-06-01"}),  # twin: outside the window
    _tlm("70A8", "SUSPENDED", "2026-12-01T00:00:00Z"),  # on hold: neither expiring nor expired-issued
]
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


def facts():
    now = parse_instant(NOW)
    return copy.deepcopy({
        "schema": 1, "collected_at": NOW, "base_url": "https://demo.one.digicert.com", "audit_window_days": 30,
        "audit_from": "2026-10-24", "accounts": ACCOUNTS, "users": USERS, "organizations": [], "roles": [],
        "api_tokens": [normalise(t, now) for t in TOKENS],
        "client_certificates": [normalise_certificate(c, now) for c in CERTS],
        "certificates": [normalise_lifecycle(c, now)[0] for c in LIFECYCLE],
        "audit": digest(AUDIT, "2026-10-24", 30), "unavailable": {}, "summary": {},
    })


# (check, object ids it must flag in facts()); everything else in facts() is healthy for that check
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
    "DC1-ACCT-001": {A1},
    "DC1-ACCT-002": {A3, A4},
    "DC1-AUDIT-001": {A1},
}
