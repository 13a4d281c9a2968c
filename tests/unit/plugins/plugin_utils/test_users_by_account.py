# -*- coding: utf-8 -*-
from ansible_collections.digicert.one.plugins.module_utils._facts.users import user_label
from ansible_collections.digicert.one.plugins.plugin_utils._users_by_account import users_by_account

A1 = {"id": "a1", "name": "Acme"}
A2 = {"id": "a2", "name": "Beta"}


def test_users_are_listed_under_every_account_they_belong_to():
    users = [
        {"id": "u1", "user_name": "zed", "user_type": "standard", "status": "ACTIVE", "primary_account_id": "a1"},
        {"id": "u2", "friendly_name": "ci-bot", "user_type": "service", "status": "DISABLED",
         "accounts": [{"id": "a1"}, {"id": "a2"}]},
        {"id": "u3", "email": "x@y.z", "user_type": "standard", "status": "locked", "primary_account_id": "a9"},
    ]
    rows = users_by_account(users, [A1, A2])
    assert [r["account"]["name"] for r in rows] == ["Acme", "Beta", "(other accounts)"]
    assert [user_label(u) for u in rows[0]["users"]] == ["zed", "ci-bot"]
    assert rows[0]["counts"] == {"ACTIVE": 1, "DISABLED": 1}
    assert rows[0]["lines"][0] == "Acme: 2 users (1 active, 1 disabled)"
    assert rows[2]["lines"][1].split() == ["LOCKED", "standard", "x@y.z"]


def test_empty_account_is_still_shown():
    assert users_by_account([], [A1])[0]["lines"] == ["Acme: 0 users (none)"]
