# -*- coding: utf-8 -*-
"""A small tenant served through FakeSession, for the inventory and lookup plugin tests."""

import datetime

from dc1_fakes import paged, response

NOW = datetime.datetime(2026, 11, 23, 12, 0, 0, tzinfo=datetime.timezone.utc)
A1 = "a1a1a1a1-0000-4000-8000-000000000001"
A2 = "a2a2a2a2-0000-4000-8000-000000000002"
A3 = "a3a3a3a3-0000-4000-8000-000000000003"
U1 = "11111111-1111-4111-8111-111111111111"
U2 = "22222222-2222-4222-8222-222222222222"
U3 = "33333333-3333-4333-8333-333333333333"
API = "/account/api/v1"

ACCOUNTS = [
    {"id": A1, "name": "Acme Corp", "active": True, "friendly_identifier": "1001",
     "service_period": {"from": "2024-01-01", "to": "2026-12-10"}, "locale": "en_US"},
    {"id": A2, "name": "ACME corp!", "active": True, "friendly_identifier": "1002",
     "service_period": {"from": "2024-01-01", "to": "2029-01-01"}, "locale": "fr_FR"},
    {"id": A3, "name": "Bêta GmbH", "active": False, "friendly_identifier": "1003",
     "service_period": {"from": "2020-01-01", "to": "2026-11-01"}, "locale": "de_DE"},
]
USERS = [
    {"id": U1, "user_name": "ann", "email": "ann@example.com", "status": "ACTIVE", "user_type": "standard",
     "primary_account_id": A1, "accounts": [{"id": A1, "name": "Acme Corp"}]},
    {"id": U2, "friendly_name": "ci", "email": "ci@example.com", "status": "LOCKED", "user_type": "service",
     "primary_account_id": A3, "accounts": [{"id": A1, "name": "Acme Corp"}]},
    {"id": U3, "user_name": "bob", "email": "bob@example.com", "status": "active", "user_type": "standard",
     "accounts": [{"id": A2, "name": "ACME corp!"}]},
]
ORGANIZATIONS = [
    {"id": "o1", "name": "Org 1", "account": {"id": A1, "name": "Acme Corp"}},
    {"id": "o2", "name": "Org 2", "account_id": A1},
    {"id": "o3", "name": "Org 3", "account": {"id": A3}},
]
TOKENS = {
    U1: [
        {"id": "t1", "name": "soon", "user_id": U1, "end_date": "2026-12-03", "enabled": True},
        {"id": "t2", "name": "off", "user_id": U1, "end_date": "2026-11-25", "enabled": False},
    ],
    U2: [{"id": "t3", "name": "later", "end_date": "2027-06-01", "enabled": True, "token": "must-never-leak"}],
    U3: [],
}
ROLES = {"account_manager": [{"name": "AM_ACCOUNT_ADMIN"}], "ca_manager": [{"name": "CM_VIEW_ONLY"}]}


def handler(method, path, params, n):
    """Serve the tenant; api-access-token by ``user_id`` as the API does."""
    lists = {API + "/account": ACCOUNTS, API + "/user": USERS, API + "/organization": ORGANIZATIONS}
    if path in lists:
        items = lists[path]
        if params.get("status"):
            items = [i for i in items if i.get("status", "").upper() == params["status"].upper()]
        return paged(items, "bare")(method, path, params, n)
    if path == API + "/api-access-token":
        return paged(TOKENS.get(params.get("user_id"), []))(method, path, params, n)
    if path == API + "/role":
        return response(body=ROLES)
    return response(404, {"errors": [{"code": "resource_not_found", "message": "no such path"}]})
