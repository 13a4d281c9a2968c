# -*- coding: utf-8 -*-
"""Small dc1_facts snapshots for the drift tests: build one, copy it, change what a test needs."""

import copy

BASE = "https://one.example.test"
A1, A2 = "acc-1", "acc-2"
ADMIN_APP = {"id": "am", "name": "Account Manager", "roles": ["AM_ACCOUNT_ADMIN"],
             "permissions": ["MANAGE_AM_ACCOUNT", "VIEW_AM_USER"]}
VIEW_APP = {"id": "am", "name": "Account Manager", "roles": ["AM_VIEW_ONLY"], "permissions": ["VIEW_AM_USER"]}


def account(aid, name=None):
    return {"id": aid, "name": name or "Account " + aid, "active": True, "service_period": {"to": "2027-01-01"}}


def user(uid, status="ACTIVE", accounts=(A1,), apps=(VIEW_APP,), **extra):
    out = {"id": uid, "user_name": uid, "status": status, "user_type": "standard",
           "accounts": [account(a) for a in accounts], "primary_account_id": accounts[0],
           "applications": copy.deepcopy(list(apps)), "last_login_at": "2026-05-30T10:00:00Z"}
    out.update(extra)
    return out


def token(tid, owner, **extra):
    out = {"id": tid, "name": tid, "user_id": owner, "enabled": True, "end_date": "2026-12-31",
           "expires_at": "2026-12-31T23:59:59Z", "days_to_expiry": 200}
    out.update(extra)
    return out


def certificate(serial, aid=A1, **extra):
    out = {"serial_number": serial, "common_name": "host-" + serial, "status": "issued",
           "account": {"id": aid}, "valid_to": "2027-01-01T00:00:00Z", "days_to_expiry": 300}
    out.update(extra)
    return out


def facts(users=(), tokens=(), accounts=(A1, A2), account_ids=(), collected_at="2026-06-01T00:00:00Z", **extra):
    out = {"schema": 2, "collected_at": collected_at, "reference_time": collected_at, "base_url": BASE,
           "account_ids": list(account_ids), "accounts": [account(a) for a in accounts],
           "users": copy.deepcopy(list(users)), "organizations": [],
           "roles": [{"manager": "account_manager", "name": "AM_ACCOUNT_ADMIN", "description": "Admin"}],
           "api_tokens": copy.deepcopy(list(tokens)), "client_certificates": [],
           "audit": {"events": 3, "accounts": {}}, "summary": {A1: {"users": len(users)}},
           "unavailable": {}, "filtered_locally": {}}
    out.update(extra)
    return out


def later(snapshot, **changes):
    """A copy of ``snapshot`` collected a week later, with ``changes`` applied to its top-level keys."""
    out = copy.deepcopy(snapshot)
    out["collected_at"] = out["reference_time"] = "2026-06-08T00:00:00Z"
    out["audit"] = {"events": 9, "accounts": {}}  # the digest moves on its own
    out["summary"] = {A1: {"users": 99}}
    out.update(changes)
    return out


BEFORE = facts(users=[user("alice", apps=(ADMIN_APP,)), user("bob"), user("carol", accounts=(A2,)),
                      user("dave", accounts=(A1, A2))],
               tokens=[token("t-bob", "bob"), token("t-carol", "carol")])
