# -*- coding: utf-8 -*-
"""The fake tenant the gatherer's tests read: two accounts, three users, tokens, profiles and two certificates.

A helper module, not a test module, so other tests import it the same way under pytest and ansible-test units.
"""

import datetime

from dc1_fakes import response
from x509_bodies import body

NOW = datetime.datetime(2026, 11, 23, tzinfo=datetime.timezone.utc)
A1, A2 = "aaaaaaaa-0000-4000-8000-000000000001", "aaaaaaaa-0000-4000-8000-000000000002"
U1, U2, U3 = ("bbbbbbbb-0000-4000-8000-00000000000%d" % i for i in (1, 2, 3))
ADMIN_APPS = [{"name": "Account Manager", "roles": ["AM_ACCOUNT_ADMIN"], "permissions": ["MANAGE_AM_ACCOUNT"]}]
TENANT = {
    "account": [{"id": A1, "name": "One", "service_period": {"to": "2026-12-01"}}, {"id": A2, "name": "Two"}],
    "user": [
        {"id": U1, "status": "ACTIVE", "user_type": "standard", "primary_account_id": A1, "applications": ADMIN_APPS},
        {"id": U2, "status": "LOCKED", "user_type": "service", "accounts": [{"id": A1}, {"id": A2}]},
        {"id": U3, "status": "ACTIVE", "user_type": "standard", "primary_account_id": A2},
    ],
    "organization": [{"id": "o1", "account": {"id": A1}}, {"id": "o2", "account": {"id": A2}}],
    "role": {"account_manager": [{"name": "AM_ACCOUNT_ADMIN"}]},
    "audit-log": [{"id": "e1", "account": {"id": A1}, "status": "failure"},
                  {"id": "e2", "account": {"id": A2}, "status": "success"}],
    "profile": [{"id": "cccccccc-0000-4000-8000-000000000001", "name": "TLS", "status": "Active",
                 "signature_algorithm": "SHA256_WITH_RSA", "private_key_attributes": {"key_size": "2048"}}],
    # Trust Lifecycle, the schema's fields (with account): one issued and ending in 9 days, one revoked
    "certificate-search": [
        {"serial_number": "0A01", "status": "issued", "valid_to": "2026-12-02T00:00:00Z", "account": {"id": A1},
         "common_name": "a.example.com", "certificate": body(dns=("a.example.com",), serial=0x0A01),
         "thumbprint": "AB" * 32},
        {"serial_number": "0A02", "status": "revoked", "valid_to": "2027-12-02T00:00:00Z", "account": {"id": A2},
         "common_name": "b.example.com", "certificate": body(dns=("b.example.com",), serial=0x0A02),
         "thumbprint": "CD" * 32,
         "revocation": {"reason": "superseded", "revocation_date": "2026-11-01"}},
    ],
}
TOKENS = {U1: [{"id": "t1", "end_date": "2026-12-01", "enabled": True}], U2: [{"id": "t2", "enabled": True}], U3: []}


def handler(forbidden=(), token_forbidden_for=(), honour_account_id=False):
    def serve(method, path, params, n):
        name = path.rsplit("/", 1)[-1]
        if honour_account_id and params.get("account_id") and name in ("user", "organization", "audit-log"):
            from ansible_collections.digicert.one.plugins.module_utils._facts.account_scope import accounts_of
            kind = {"user": "users", "organization": "organizations", "audit-log": "audit"}[name]
            rows = [r for r in TENANT[name] if params["account_id"] in accounts_of(kind, r)]
            return response(body={"total": len(rows), "offset": 0, "limit": 100, "items": rows} if name == "audit-log"
                            else rows)
        if name in forbidden:
            return response(403, {"errors": [{"code": "access_denied", "message": "no"}]})
        if name == "api-access-token":
            if params["user_id"] in token_forbidden_for:
                return response(403, {"errors": [{"code": "access_denied", "message": "not yours"}]})
            rows = TOKENS[params["user_id"]]
            return response(body={"total": len(rows), "offset": 0, "limit": 100, "items": rows})
        if name == "client-auth-certificate":
            return response(body={"total": 0, "offset": 0, "limit": 100, "items": []})
        if name == "certificate-search":
            wanted = params.get("account_id") if honour_account_id else None
            rows = [c for c in TENANT[name] if wanted in (None, c.get("account", {}).get("id"))]
            return response(body={"total": len(rows), "offset": 0, "limit": 100, "items": rows})
        data = TENANT[name]
        if name == "audit-log":
            assert params["from"] == "2026-10-24"
            return response(body={"total": len(data), "offset": 0, "limit": 100, "items": data})
        return response(body=data)
    return serve
