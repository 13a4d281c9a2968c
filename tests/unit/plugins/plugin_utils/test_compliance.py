# -*- coding: utf-8 -*-
import pytest
from compliance_fixture import A1, APPROVED, EXPECTED, facts, judge, lifecycle

from ansible_collections.digicert.one.plugins.module_utils._facts.audit import digest

from ansible_collections.digicert.one.plugins.plugin_utils._compliance.catalogue import (
    BY_ID,
    CATALOGUE,
    SEVERITIES,
    catalogue,
)
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.engine import evaluate
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError


def flagged(result, check):
    return {f["object_id"] for f in result["findings"] if f["check"] == check}


def status(result, check):
    return next(c for c in result["checks"] if c["id"] == check)


def test_catalogue_is_complete_data():
    ids = [c["id"] for c in catalogue()]
    assert set(ids) == set(EXPECTED) | {"DC1-TLM-010"} and len(ids) == len(set(ids)) == 26
    for c in catalogue():
        assert c["severity"] in SEVERITIES and c["explanation"] and c["remediation"] and c["needs"]
        assert (c["threshold"] is None) == (c["default"] is None)


@pytest.mark.parametrize("check", list(EXPECTED))
def test_each_check_flags_its_offenders_and_nothing_else(check):
    result = judge()
    assert flagged(result, check) == EXPECTED[check]
    assert status(result, check)["status"] == "failed"
    for item in result["findings"]:
        assert set(item) >= {"check", "severity", "account_id", "account_name", "object_type", "object_id",
                             "object_name", "message", "details"}


def test_counts_passed_and_order():
    result = judge()
    assert result["counts"]["total"] == sum(len(v) for v in EXPECTED.values()) == len(result["findings"])
    assert result["counts"]["critical"] == 1 and result["passed"] is False
    ranks = [SEVERITIES.index(f["severity"]) for f in result["findings"]]
    assert ranks == sorted(ranks, reverse=True)


def test_attribution_token_to_owner_primary_account_and_audit_to_its_account():
    result = judge()
    old = next(f for f in result["findings"] if f["object_id"] == "tok-old")
    assert old["account_id"] == "acc-3" and old["account_ids"] == ["acc-3", A1]
    burst = next(f for f in result["findings"] if f["check"] == "DC1-AUDIT-001")
    assert burst["account_id"] == A1 and burst["details"]["failures"] == 21 and burst["account_name"] == "Name acc-1"


@pytest.mark.parametrize("check, value, expected", [
    ("DC1-TOKEN-001", 5, set()), ("DC1-TOKEN-001", 200, {"tok-soon", "tok-ok", "tok-old", "tok-locked", "tok-disabled"}),
    ("DC1-TOKEN-003", 600, set()), ("DC1-SVC-002", 0, {"svc-gone"}), ("DC1-SVC-003", 3, {"svc-admin"}),
    ("DC1-SVC-003", 1, {"svc-admin", "svc-manage3", "svc-manage2"}), ("DC1-USER-002", 100, set()),
    ("DC1-CERT-001", 6, set()), ("DC1-TLM-001", 14, set()), ("DC1-TLM-001", 190, {"70A1", "70A2"}),
    ("DC1-TLM-002", 7, {"70A4"}), ("DC1-TLM-002", 8, set()), ("DC1-TLM-003", 12, set()),
    ("DC1-TLM-003", 200, {"70A6", "70A7"}), ("DC1-ACCT-001", 10, set()), ("DC1-ACCT-002", 6, {"acc-3"}),
    ("DC1-AUDIT-001", 19, {A1, "acc-2"}), ("DC1-AUDIT-001", 21, set()),
])
def test_thresholds(check, value, expected):
    result = judge({"thresholds": {check: value}})
    assert flagged(result, check) == expected
    assert status(result, check)["threshold_value"] == value


def test_severity_override_disabled_and_exceptions():
    result = judge({"severities": {"DC1-USER-001": "critical"}, "disabled": ["DC1-TOKEN-002"],
                    "exceptions": {"DC1-TOKEN-004": ["tok-locked"]}})
    locked = next(f for f in result["findings"] if f["check"] == "DC1-USER-001")
    assert locked["severity"] == "critical" and result["counts"]["critical"] == 2
    assert status(result, "DC1-TOKEN-002")["status"] == "disabled" and not flagged(result, "DC1-TOKEN-002")
    assert result["disabled"] == ["DC1-TOKEN-002", "DC1-TLM-010"]  # and the one that is off until configured
    assert flagged(result, "DC1-TOKEN-004") == {"tok-disabled"}
    assert [s["object_id"] for s in result["suppressed"]] == ["tok-locked"]
    assert status(result, "DC1-TOKEN-004")["suppressed"] == 1


@pytest.mark.parametrize("resource, checks", [
    ("audit", {"DC1-AUDIT-001"}),
    ("users", {"DC1-TOKEN-004", "DC1-SVC-001", "DC1-SVC-002", "DC1-SVC-003", "DC1-USER-001", "DC1-USER-002",
               "DC1-ACCT-002"}),
    ("api_tokens", {"DC1-TOKEN-001", "DC1-TOKEN-002", "DC1-TOKEN-003", "DC1-TOKEN-004"}),
    ("client_certificates", {"DC1-CERT-001"}),
    ("certificates", set("DC1-TLM-%03d" % n for n in range(1, 10))),
    ("accounts", {"DC1-ACCT-001", "DC1-ACCT-002"}),
])
def test_unavailable_resource_means_not_evaluated_never_passed(resource, checks):
    data = facts()
    data[resource] = {} if resource == "audit" else []
    data["unavailable"] = {resource: {"status": 403, "reason": "GET /x HTTP 403 access_denied"}}
    result = evaluate(data)
    assert set(result["not_evaluated"]) == checks
    for cid in checks:
        row = status(result, cid)
        assert row["status"] == "not_evaluated" and "HTTP 403" in row["reason"] and resource in row["reason"]
    clean = evaluate({"collected_at": data["collected_at"], "accounts": [], "users": [], "api_tokens": [],
                      "client_certificates": [], "certificates": [], "audit": {},
                      "unavailable": {resource: {"status": 404}}})
    assert clean["counts"]["total"] == 0 and clean["passed"] is False  # nothing found, but not everything evaluated
    assert {c["id"] for c in clean["checks"] if c["status"] == "passed"}.isdisjoint(checks)


def test_missing_resource_key_is_not_evaluated_and_all_clean_passes():
    result = evaluate({"collected_at": "2026-11-23T10:00:00Z", "users": []})
    assert "DC1-TOKEN-001" in result["not_evaluated"] and "DC1-USER-001" not in result["not_evaluated"]
    empty = dict((k, []) for k in ("accounts", "users", "api_tokens", "client_certificates", "certificates",
                                   "certificate_profiles"))
    options = {"approved_issuers": APPROVED}
    _kept, posture = lifecycle(options, items=[])
    clean = dict(empty, audit={}, collected_at="2026-11-23T10:00:00Z", certificate_posture=posture)
    assert evaluate(clean, options)["passed"] is True
    assert evaluate(clean)["passed"] is True  # DC1-TLM-010 is off until approved issuers are set, not unknown


def test_gate():
    assert judge({"fail_on": "none"})["gate"] == {"fail_on": "none", "failed": False, "findings": 0, "checks": {}}
    gate = judge({"fail_on": "high"})["gate"]
    severe = dict((k, len(v)) for k, v in EXPECTED.items() if BY_ID[k]["severity"] in ("high", "critical"))
    assert gate["failed"] and gate["findings"] == sum(severe.values()) and gate["checks"] == severe
    only_low = judge({"fail_on": "critical", "disabled": ["DC1-ACCT-001"]})["gate"]
    assert only_low["failed"] is False


@pytest.mark.parametrize("options, words", [
    ({"disabled": ["DC1-NOPE-001"]}, ["unknown check ID", "DC1-NOPE-001"]),
    ({"severities": {"DC1-USER-001": "urgent"}}, ["urgent", "is not one of"]),
    ({"thresholds": {"DC1-TOKEN-001": -1}}, ["negative"]),
    ({"thresholds": {"DC1-TOKEN-001": "30"}}, ["not a number"]),
    ({"thresholds": {"DC1-USER-001": 3}}, ["has no threshold"]),
    ({"exceptions": {"DC1-USER-001": "id"}}, ["list of object IDs"]),
    ({"fail_on": "severe"}, ["fail_on"]),
])
def test_bad_options_are_named(options, words):
    with pytest.raises(DC1ConfigError) as err:
        judge(options)
    for word in words:
        assert word in str(err.value)


def test_catalogue_cannot_be_changed_through_catalogue():
    catalogue()[0]["needs"].append("x")
    assert CATALOGUE[0]["needs"] == ["api_tokens"]


def big_facts(n_users=10000, n_tokens=20000, n_accounts=50):
    """A large, mostly healthy tenant: about 1% of users and tokens offend some check."""
    accounts = [{"id": "acc-%d" % i, "name": "A%d" % i, "active": True,
                 "service_period": {"from": "2024-01-01", "to": "2028-01-01"}} for i in range(n_accounts)]
    users = []
    for i in range(n_users):
        acc = "acc-%d" % (i % n_accounts)
        users.append({"id": "u%d" % i, "user_name": "u%d" % i, "status": "LOCKED" if i % 100 == 7 else "ACTIVE",
                      "user_type": "service" if i % 5 == 0 else "standard",
                      "end_date": "2026-12-01" if i % 500 == 0 else "2027-06-01",
                      "created_at": "2026-01-01T00:00:00Z", "primary_account_id": acc,
                      "accounts": [{"id": acc, "name": "A%d" % (i % n_accounts)}],
                      "applications": [{"id": "am", "name": "AM", "permissions": ["VIEW_AM_USER"],
                                        "roles": ["AM_ACCOUNT_ADMIN"] if i < n_accounts else ["AM_VIEW_ONLY"]}]})
    tokens = [{"id": "t%d" % i, "name": "t%d" % i, "user_id": "u%d" % (i % n_users), "enabled": True,
               "expires_at": "2026-12-01T23:59:59Z" if i % 100 == 3 else "2027-06-01T23:59:59Z",
               "days_to_expiry": 8 if i % 100 == 3 else 190,
               "created_at": "2025-01-01T00:00:00Z" if i % 100 == 5 else "2026-06-01T00:00:00Z"}
              for i in range(n_tokens)]
    audit = [{"account": {"id": "acc-%d" % (i % n_accounts)}, "status": "failure" if i % 50 == 0 else "success",
              "timestamp": "2026-11-20T00:00:00Z", "user": {"name": "x"}, "action": "login"} for i in range(50000)]
    return {"collected_at": "2026-11-23T10:00:00Z", "audit_from": "2026-10-24", "accounts": accounts, "users": users,
            "api_tokens": tokens, "client_certificates": [], "audit": digest(audit, "2026-10-24"), "unavailable": {}}


def test_ten_thousand_users_twenty_thousand_tokens_is_linear(monkeypatch):
    """Every check is one pass over indexed facts: 4x the data costs 4x the field reads, not 16x.

    Counted, not timed: speed is measured in benchmarks, never asserted as wall time in a test.
    """
    from ansible_collections.digicert.one.plugins.plugin_utils._compliance import view as view_module
    reads = [0]
    original = view_module.FactsView.value

    def counting(self, obj, resource, path):
        reads[0] += 1
        return original(self, obj, resource, path)
    monkeypatch.setattr(view_module.FactsView, "value", counting)
    evaluate(big_facts(2500, 5000, 50))
    small, reads[0] = reads[0], 0
    result = evaluate(big_facts(10000, 20000, 50))
    assert 500 < result["counts"]["total"] < 2000 and result["counts"]["unknown"] == 0
    assert 3.5 * small < reads[0] < 4.5 * small
