# -*- coding: utf-8 -*-
"""Honest comparisons: what is not compared, what is refused, what is compared on the overlap."""

import json

import pytest
from drift_fixture import A1, A2, BEFORE, later, token, user

from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError
from ansible_collections.digicert.one.plugins.plugin_utils._drift.engine import compare, gate, no_baseline
from ansible_collections.digicert.one.plugins.plugin_utils._drift.snapshots import load


@pytest.mark.parametrize("side", ["before", "after"])
def test_a_resource_unavailable_in_either_snapshot_is_not_compared_never_all_removed(side):
    problem = {"api_tokens": {"status": 403, "reason": "GET /api-access-token: 403 Forbidden", "partial": True}}
    before, after = dict(BEFORE), later(BEFORE, api_tokens=[])
    if side == "before":
        before = dict(BEFORE, api_tokens=[], unavailable=problem)
        after = later(BEFORE)
    else:
        after["unavailable"] = problem
    report = compare(before, after)
    assert "api_tokens" not in report["drift"] and report["counts"]["removed"] == 0
    assert report["not_compared"]["api_tokens"] == (
        "unavailable in the %s snapshot (GET /api-access-token: 403 Forbidden; partial)" % side)
    assert any(w.startswith("api_tokens not compared") for w in report["warnings"])
    assert "new_api_tokens" in report["signals_not_compared"] and report["changed"] is False
    assert gate(report, ["any"])["failed"] is False and gate(report, ["not_compared"])["failed"] is True


def test_a_resource_not_requested_is_not_compared_without_a_warning():
    problem = {"client_certificates": {"status": None, "reason": "not requested"}}
    after = later(BEFORE, client_certificates=[], unavailable=problem)
    report = compare(BEFORE, after)
    assert "client_certificates" in report["not_compared"] and report["warnings"] == []


def test_a_resource_in_one_snapshot_only_is_not_compared_and_strict_refuses_it():
    after = later(BEFORE, certificates=[{"serial_number": "AA"}])
    report = compare(BEFORE, after)
    assert report["not_compared"] == {"certificates": "only in the after snapshot"}
    with pytest.raises(DC1ConfigError, match=r"different resources \(certificates only after\); strict refuses"):
        compare(BEFORE, after, strict=True)


@pytest.mark.parametrize("key,value,words", [
    ("base_url", "https://other.example.test", "different tenants"),
    ("schema", 3, "different schema versions"),
])
def test_other_tenants_and_schemas_are_refused(key, value, words):
    with pytest.raises(DC1ConfigError, match=words):
        compare(BEFORE, later(BEFORE, **{key: value}))


def test_an_unknown_schema_is_refused_even_when_both_have_it():
    with pytest.raises(DC1ConfigError, match="compares schema 2"):
        compare(dict(BEFORE, schema=1), later(BEFORE, schema=1))


def test_other_accounts_are_compared_on_their_overlap_with_a_warning():
    # before: the whole tenant; after: one account host (acc-2) whose tenant lost carol and gained erin.
    after = later(BEFORE, account_ids=[A2], accounts=[a for a in BEFORE["accounts"] if a["id"] == A2],
                  users=[u for u in BEFORE["users"] if u["id"] == "dave"] + [user("erin", accounts=(A2,))],
                  api_tokens=[token("t-erin", "erin")])
    report = compare(BEFORE, after)
    assert report["accounts_compared"] == [A2]
    assert [e["id"] for e in report["drift"]["users"]["added"]] == ["erin"]
    assert [e["id"] for e in report["drift"]["users"]["removed"]] == ["carol"]  # alice and bob are of acc-1
    assert [e["id"] for e in report["drift"]["api_tokens"]["removed"]] == ["t-carol"]
    assert [e["id"] for e in report["drift"]["accounts"]["removed"]] == []
    assert report["warnings"][0] == ("the snapshots cover different accounts (before: every account, after: 1 "
                                     "account(s)): only the 1 account(s) both cover are compared")
    with pytest.raises(DC1ConfigError, match="strict refuses them"):
        compare(BEFORE, after, strict=True)


def test_accounts_with_nothing_in_common_are_refused():
    with pytest.raises(DC1ConfigError, match="none in common"):
        compare(dict(BEFORE, account_ids=[A1]), later(BEFORE, account_ids=[A2]))


def test_swapped_or_reused_snapshots_are_warned_about():
    assert "are they swapped?" in compare(later(BEFORE), BEFORE)["warnings"][0]
    assert "not a new gathering" in compare(BEFORE, BEFORE)["warnings"][0]


def test_no_baseline_compares_nothing_and_changes_nothing():
    report = no_baseline(BEFORE, "no before snapshot")
    assert report["changed"] is False and report["snapshots"]["before"] is None
    resources = {"accounts", "users", "organizations", "roles", "api_tokens", "client_certificates"}
    assert report["drift"] == {} and set(report["not_compared"]) == resources
    assert report["warnings"] == [] and report["no_baseline"] == "no before snapshot"  # the summary says it


def test_load_a_dest_file_a_wrapped_fact_or_nothing(tmp_path):
    path = tmp_path / "facts.json"
    assert load(str(path), "before") == (None, "no before snapshot: %s does not exist (yet)" % path)
    path.write_text(json.dumps({"dc1_facts": BEFORE}))
    assert load(str(path), "before")[0]["collected_at"] == BEFORE["collected_at"]
    assert load({"ansible_facts": {"dc1_facts": BEFORE}}, "before")[0] == BEFORE
    assert load(None, "before") == (None, "no before snapshot")
    path.write_text("{not json")
    with pytest.raises(DC1ConfigError, match="cannot be read as JSON"):
        load(str(path), "before")
    with pytest.raises(DC1ConfigError, match=r"is not dc1_facts .* got a dict with keys users"):
        load({"users": []}, "before")
