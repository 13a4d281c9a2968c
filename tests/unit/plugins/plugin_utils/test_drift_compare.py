# -*- coding: utf-8 -*-
"""Pairing and field comparison: identity, added/removed/changed, volatile and unknown fields."""

import copy

from drift_fixture import A1, A2, BEFORE, certificate, later, token, user

from ansible_collections.digicert.one.plugins.plugin_utils._drift.compare import Snapshot, compare_fields, compare_resource
from ansible_collections.digicert.one.plugins.plugin_utils._drift.engine import compare


def users_of(report, kind):
    return [e["id"] for e in report["drift"]["users"][kind]]


def test_an_unchanged_tenant_has_no_drift_although_volatile_fields_moved():
    after = later(BEFORE)
    for item in after["users"]:
        item["last_login_at"] = "2026-06-07T08:00:00Z"
    for item in after["api_tokens"]:
        item["days_to_expiry"] -= 7
    after["users"].reverse()  # the order of a list is not drift
    report = compare(BEFORE, after)
    assert report["changed"] is False and report["counts"]["total"] == 0
    assert set(report["drift"]) == {"accounts", "users", "organizations", "roles", "api_tokens", "client_certificates"}
    assert "days_to_expiry" in report["ignored_fields"] and "last_login_at" in report["ignored_fields"]


def test_objects_are_paired_by_id_with_each_changed_field_before_and_after():
    after = later(BEFORE)
    after["users"] = [u for u in after["users"] if u["id"] != "bob"] + [user("erin")]
    after["users"][0]["status"] = "DISABLED"
    after["users"][0]["email"] = None  # a field sent as null is a value, and this one was not sent before
    report = compare(BEFORE, after)
    assert users_of(report, "added") == ["erin"] and users_of(report, "removed") == ["bob"]
    (alice,) = report["drift"]["users"]["changed"]
    assert alice["id"] == "alice" and alice["name"] == "alice" and alice["account"] == "Account acc-1"
    assert alice["fields"] == {"status": {"before": "ACTIVE", "after": "DISABLED"}}
    assert report["drift"]["users"]["not_comparable"] == {"email": 1}
    assert report["changed"] is True and report["counts"]["by_resource"]["users"] == {
        "added": 1, "removed": 1, "changed": 1}


def test_a_field_sent_in_one_snapshot_only_is_not_a_change():
    before = {"id": "u", "status": "ACTIVE"}
    changed, unknown = compare_fields("users", before, {"id": "u", "status": "ACTIVE", "end_date": "2027-01-01"})
    assert changed == {} and unknown == ["end_date"]
    after = {"id": "u", "status": "ACTIVE", "end_date": "2027-01-01"}
    changed, unknown = compare_fields("users", dict(before, end_date=None), after)
    assert changed == {"end_date": {"before": None, "after": "2027-01-01"}} and unknown == []


def test_copies_of_accounts_inside_users_are_references_not_changes():
    after = later(BEFORE)
    for item in after["users"]:
        item["accounts"][0]["name"] = "Renamed"
        item["accounts"][0]["service_period"] = {"to": "2030-01-01"}
    after["accounts"][0]["name"] = "Renamed"
    report = compare(BEFORE, after)
    assert report["counts"]["total"] == 1
    (renamed,) = report["drift"]["accounts"]["changed"]
    assert renamed["fields"] == {"name": {"before": "Account acc-1", "after": "Renamed"}}
    moved = later(BEFORE)
    moved["users"][1]["accounts"].append(copy.deepcopy(moved["users"][2]["accounts"][0]))
    fields = compare(BEFORE, moved)["drift"]["users"]["changed"][0]["fields"]
    assert fields == {"accounts": {"before": [A1], "after": [A1, A2]}}


def test_tokens_are_named_with_their_owner_and_the_owners_accounts():
    after = later(BEFORE, api_tokens=[token("t-bob", "bob", enabled=False), token("t-dave", "dave")])
    report = compare(BEFORE, after)
    tokens = report["drift"]["api_tokens"]
    (added,) = tokens["added"]
    assert added["owner"] == "dave" and added["account_ids"] == [A1, A2]
    assert added["account"] == "Account acc-1, Account acc-2"
    assert [e["id"] for e in tokens["removed"]] == ["t-carol"] and tokens["removed"][0]["owner"] == "carol"
    assert tokens["changed"][0]["fields"] == {"enabled": {"before": True, "after": False}}


def test_certificates_are_paired_by_serial_number_whatever_its_case():
    before = dict(BEFORE, certificates=[certificate("AB01"), certificate("CD02"), certificate("EF03")])
    after = later(before, certificates=[certificate("ab01", common_name="host-AB01"), certificate("CD02", status="revoked"),
                                        certificate("1234")])
    drift = compare(before, after)["drift"]["certificates"]
    assert [e["id"] for e in drift["added"]] == ["1234"] and [e["id"] for e in drift["removed"]] == ["EF03"]
    (revoked,) = drift["changed"]
    assert revoked["id"] == "CD02" and revoked["name"] == "host-CD02"
    assert revoked["fields"] == {"status": {"before": "issued", "after": "revoked"}}


def test_objects_without_identity_or_sharing_one_are_neither_added_nor_removed():
    before = dict(BEFORE, certificates=[certificate("AA"), certificate("AA", common_name="twin"), {"status": "x"}])
    after = later(before, certificates=[certificate("AA")])
    drift = compare(before, after)["drift"]["certificates"]
    assert drift["added"] == drift["removed"] == drift["changed"] == []
    assert drift["unidentified"] == 2


def test_roles_are_paired_by_manager_and_name():
    after = later(BEFORE)
    after["roles"] = [dict(after["roles"][0], description="Administrator"),
                      {"manager": "ca_manager", "name": "AM_ACCOUNT_ADMIN"}]
    drift = compare(BEFORE, after)["drift"]["roles"]
    assert [e["id"] for e in drift["added"]] == ["ca_manager/AM_ACCOUNT_ADMIN"]
    assert drift["changed"][0]["id"] == "account_manager/AM_ACCOUNT_ADMIN"


def test_ignore_fields_by_resource_or_everywhere():
    after = later(BEFORE)
    after["users"][1]["status"] = "LOCKED"
    after["api_tokens"][0]["name"] = "renamed"
    assert compare(BEFORE, after, ignore=["users.status", "name"])["counts"]["total"] == 0
    report = compare(BEFORE, after, ignore=["api_tokens.status"])
    assert report["counts"]["total"] == 2 and "users.status" not in report["ignored_fields"]


def test_applications_keys_sent_in_one_snapshot_only_are_not_compared():
    before = {"id": "u", "applications": [{"name": "Account Manager", "permissions": ["VIEW_AM_USER"]}]}
    after = {"id": "u", "applications": [{"name": "Account Manager", "roles": ["AM_VIEW_ONLY"],
                                          "permissions": ["VIEW_AM_USER"]}]}
    assert compare_fields("users", before, after) == ({}, ["applications.Account Manager.roles"])
    after["applications"][0]["permissions"].append("MANAGE_AM_USER")
    changed, _unknown = compare_fields("users", before, after)
    assert changed["applications"] == {"before": {"Account Manager": {"permissions": ["VIEW_AM_USER"]}},
                                       "after": {"Account Manager": {"permissions": ["MANAGE_AM_USER",
                                                                                     "VIEW_AM_USER"]}}}


def test_compare_resource_sorts_entries_by_name():
    after = later(BEFORE)
    after["users"] += [user("zed"), user("Amy")]
    drift = compare_resource("users", Snapshot(BEFORE), Snapshot(after))
    assert [e["name"] for e in drift["added"]] == ["Amy", "zed"]
