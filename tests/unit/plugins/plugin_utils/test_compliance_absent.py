# -*- coding: utf-8 -*-
"""Absent is not null: a field the API did not send is never a finding and never a pass."""

import copy

import pytest
from compliance_fixture import A1, A3, A4, facts

from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.engine import evaluate
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.merge import merge_facts

SEED_USER_KEYS = ("id", "email", "status", "access_scope", "primary_account_id", "created_at", "created_by",
                  "user_type", "friendly_name", "description", "locale", "applications", "accounts")


def documented(data):
    """The facts as the seed's /user example shapes users: permissions only, no roles, no end_date."""
    data = copy.deepcopy(data)
    for user in data["users"]:
        for key in list(user):
            if key not in SEED_USER_KEYS:
                del user[key]
        for app in user.get("applications") or []:
            app.pop("roles", None)
    return data


def found(result):
    return sorted((f["check"], f["object_id"]) for f in result["findings"])


def check(result, cid):
    return next(c for c in result["checks"] if c["id"] == cid)


def flagged(result, cid):
    return {f["object_id"] for f in result["findings"] if f["check"] == cid}


def test_a_field_absent_from_every_object_is_not_evaluated_with_the_field_named():
    result = evaluate(documented(facts()))
    for cid in ("DC1-SVC-001", "DC1-SVC-002"):
        row = check(result, cid)
        assert row["status"] == "not_evaluated" and "users.end_date" in row["reason"]
        assert not flagged(result, cid) and row["unknown"] > 0
    assert result["passed"] is False


def test_admins_come_from_permissions_where_roles_are_not_sent():
    data = documented(facts())
    for user in data["users"]:
        for app in user["applications"]:
            if app["name"] == "Account Manager":
                app["permissions"] = ["MANAGE_AM_ACCOUNT", "VIEW_AM_AUDIT_LOG"]
    result = evaluate(data)
    # The same verdicts as with roles: acc-3 has no active administrator, acc-4 has six.
    assert flagged(result, "DC1-ACCT-002") == {A3, A4}
    assert "svc-admin" in flagged(result, "DC1-SVC-003")


def test_rights_not_sent_at_all_are_unknown_not_no_admin():
    data = facts()
    for user in data["users"]:
        user.pop("applications")
    result = evaluate(data)
    row = check(result, "DC1-ACCT-002")
    # acc-3 has no standard user at all: that much is known. The others have users whose rights were not sent.
    assert flagged(result, "DC1-ACCT-002") == {A3}
    assert row["unknown"] == 3 and row["missing_fields"] == ["users.applications"]
    only_unknown = evaluate(dict(data, accounts=[a for a in data["accounts"] if a["id"] != A3]))
    row = check(only_unknown, "DC1-ACCT-002")
    assert row["status"] == "not_evaluated" and "users.applications" in row["reason"]


def test_absent_on_some_objects_lists_them_as_unknown_and_judges_the_rest():
    data = facts()
    gone = next(u for u in data["users"] if u["id"] == "svc-no-end")
    del gone["end_date"]  # this one did not send it; the others did
    result = evaluate(data)
    row = check(result, "DC1-SVC-001")
    assert row["status"] == "passed" and row["unknown"] == 1 and row["missing_fields"] == ["users.end_date"]
    assert [u["object_id"] for u in result["unknown"] if u["check"] == "DC1-SVC-001"] == ["svc-no-end"]
    assert result["counts"]["unknown"] >= 1 and result["passed"] is False
    assert result["gate"]["failed"] is False or result["counts"]["total"]  # unknowns alone never fail the gate


def test_absent_as_unset_turns_a_declared_field_into_findings():
    data = documented(facts())
    result = evaluate(data, {"absent_as_unset": ["users.end_date"]})
    # every enabled service user now lacks an end date: findings, not unknowns
    assert check(result, "DC1-SVC-001")["status"] == "failed" and check(result, "DC1-SVC-001")["unknown"] == 0
    assert result["absent_as_unset"] == ["users.end_date"]
    with pytest.raises(DC1ConfigError, match=r"absent_as_unset: users\.end_dat not a field"):
        evaluate(data, {"absent_as_unset": ["users.end_dat"]})


def test_a_token_whose_end_date_was_not_sent_is_not_a_never_expiring_token():
    data = facts()
    token = next(t for t in data["api_tokens"] if t["id"] == "tok-never")
    for key in ("end_date", "expires_at", "days_to_expiry"):
        token.pop(key, None)
    result = evaluate(data)
    assert "tok-never" not in flagged(result, "DC1-TOKEN-002")
    assert any(u["object_id"] == "tok-never" and u["owner"] == "svc-ok" for u in result["unknown"])


def test_fail_on_in_any_case_and_unused_exceptions_reported():
    result = evaluate(facts(), {"fail_on": "HIGH", "exceptions": {"DC1-USER-001": ["locked1", "typo-id"]}})
    assert result["gate"]["fail_on"] == "high" and result["gate"]["failed"]
    assert result["unused_exceptions"] == [{"check": "DC1-USER-001", "object_id": "typo-id"}]


def test_findings_name_the_owner_of_a_credential():
    result = evaluate(facts())
    soon = next(f for f in result["findings"] if f["object_id"] == "tok-soon")
    assert soon["owner"] == "svc-ok" and soon["account_name"] == "Name acc-1"


def test_facts_of_account_hosts_are_evaluated_as_one():
    whole = facts()
    hosts = []
    for account in whole["accounts"]:
        part = copy.deepcopy(whole)
        part["accounts"] = [account]
        part["account_ids"] = [account["id"]]
        part["users"] = [u for u in whole["users"] if account["id"] in [a["id"] for a in u["accounts"]]]
        ids = set(u["id"] for u in part["users"])
        part["api_tokens"] = [t for t in whole["api_tokens"] if t["user_id"] in ids]
        part["client_certificates"] = [c for c in whole["client_certificates"] if c["user_id"] in ids]
        part["certificates"] = [c for c in whole["certificates"] if c["account_id"] == account["id"]]
        part["audit"] = {"from": "2026-10-24", "events": 0,
                         "accounts": dict((k, v) for k, v in whole["audit"]["accounts"].items() if k == account["id"])}
        hosts.append((account["id"], part))
    merged = evaluate(merge_facts(hosts))
    alone = evaluate(whole)
    assert found(merged) == found(alone)
    assert flagged(merged, "DC1-AUDIT-001") == {A1}


def test_facts_of_two_tenants_are_refused():
    other = facts()
    other["base_url"] = "https://one.nl.digicert.com"
    with pytest.raises(DC1ConfigError, match="different tenants"):
        merge_facts([("a", facts()), ("b", other)])
