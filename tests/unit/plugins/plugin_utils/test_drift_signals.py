# -*- coding: utf-8 -*-
"""The five signals: new admins, new API tokens, removed users, status changes, role changes."""

import copy

from drift_fixture import A1, A2, ADMIN_APP, BEFORE, VIEW_APP, later, token, user

from ansible_collections.digicert.one.plugins.plugin_utils._drift.engine import compare


def ids(report, signal):
    return [e["id"] for e in report["signals"][signal]]


def test_the_four_changes_people_ask_about():
    after = later(BEFORE)
    after["users"] = [u for u in after["users"] if u["id"] != "carol"] + [user("erin", apps=(ADMIN_APP,))]
    after["users"][1]["status"] = "DISABLED"  # bob
    after["api_tokens"] = [t for t in after["api_tokens"] if t["id"] != "t-carol"] + [token("t-erin", "erin")]
    report = compare(BEFORE, after)
    assert ids(report, "new_admins") == ["erin"]
    assert report["signals"]["new_admins"][0]["why"] == "new user with Account Manager admin rights"
    assert ids(report, "new_api_tokens") == ["t-erin"]
    assert report["signals"]["new_api_tokens"][0]["owner"] == "erin"
    assert report["signals"]["new_api_tokens"][0]["expires_at"] == "2026-12-31T23:59:59Z"
    assert ids(report, "removed_users") == ["carol"] and report["signals"]["removed_users"][0]["status"] == "ACTIVE"
    (status,) = report["signals"]["status_changes"]
    assert status["id"] == "bob" and status["resource"] == "users"
    assert status["fields"] == {"status": {"before": "ACTIVE", "after": "DISABLED"}}
    assert report["signals"]["role_changes"] == [] and report["signals_not_compared"] == {}
    assert [report["counts"][k] for k in ("new_admins", "new_api_tokens", "removed_users", "status_changes",
                                          "role_changes")] == [1, 1, 1, 1, 0]


def test_a_grant_is_a_new_admin_and_a_role_change():
    after = later(BEFORE)
    after["users"][1]["applications"] = [copy.deepcopy(ADMIN_APP)]  # bob
    report = compare(BEFORE, after)
    assert ids(report, "new_admins") == ["bob"]
    assert report["signals"]["new_admins"][0]["why"] == "granted Account Manager admin rights"
    (change,) = report["signals"]["role_changes"]
    assert change["before"] == {"Account Manager": {"permissions": ["VIEW_AM_USER"], "roles": ["AM_VIEW_ONLY"]}}
    assert change["after"]["Account Manager"]["roles"] == ["AM_ACCOUNT_ADMIN"]


def test_an_admin_that_joins_an_account_is_a_new_admin_of_it():
    after = later(BEFORE)
    after["users"][0]["accounts"].append(copy.deepcopy(after["users"][2]["accounts"][0]))  # alice joins acc-2
    (admin,) = compare(BEFORE, after)["signals"]["new_admins"]
    assert admin["id"] == "alice" and admin["joined"] == [A2] and "Account acc-2" in admin["why"]


def test_unknown_rights_are_never_a_new_admin():
    before = copy.deepcopy(BEFORE)
    del before["users"][1]["applications"]  # bob's rights were not sent before
    after = later(BEFORE)
    after["users"][1]["applications"] = [copy.deepcopy(ADMIN_APP)]
    after["users"].append(user("frank", apps=({"name": "Account Manager"},)))  # rights unknown: no roles, no perms
    report = compare(before, after)
    assert report["signals"]["new_admins"] == []
    assert report["drift"]["users"]["not_comparable"] == {"applications": 1}
    assert ids(report, "role_changes") == []


def test_a_revoked_admin_is_a_role_change_not_a_new_admin():
    after = later(BEFORE)
    after["users"][0]["applications"] = [copy.deepcopy(VIEW_APP)]
    report = compare(BEFORE, after)
    assert report["signals"]["new_admins"] == [] and ids(report, "role_changes") == ["alice"]


def test_status_changes_cover_every_resource_that_says_whether_it_is_in_use():
    after = later(BEFORE)
    after["accounts"][0]["active"] = False
    after["api_tokens"][0]["enabled"] = False
    changes = compare(BEFORE, after)["signals"]["status_changes"]
    assert sorted((c["resource"], c["id"]) for c in changes) == [("accounts", A1), ("api_tokens", "t-bob")]


def test_signals_of_a_resource_not_compared_are_not_reported_as_empty():
    after = later(BEFORE, unavailable={"users": {"status": 403, "reason": "GET /user: 403 Forbidden"}})
    report = compare(BEFORE, after)
    assert "new_admins" not in report["signals"] and "removed_users" not in report["signals"]
    assert report["signals_not_compared"]["new_admins"].startswith("users not compared: unavailable in the after")
    assert ids(report, "new_api_tokens") == [] and "new_api_tokens" not in report["signals_not_compared"]
