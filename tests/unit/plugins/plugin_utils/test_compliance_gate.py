# -*- coding: utf-8 -*-
"""The compliance gate: which hosts it fails, and the one line that names its checks with their counts."""

from compliance_fixture import A1, A2, A3, A4, EXPECTED, facts

from ansible_collections.digicert.one.plugins.plugin_utils._compliance.catalogue import BY_ID

from ansible_collections.digicert.one.plugins.plugin_utils._compliance.engine import evaluate
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.gate import (
    checks_text,
    failing_hosts,
    gate_line,
)


def finding(check, severity, *accounts):
    return {"check": check, "severity": severity, "account_id": accounts[0] if accounts else None,
            "account_ids": list(accounts)}


FINDINGS = [finding("DC1-ACCT-001", "critical", "a1"), finding("DC1-TOKEN-001", "high", "a1", "a2"),
            finding("DC1-TOKEN-001", "high", "a1"), finding("DC1-USER-001", "medium", "a3")]


def test_the_hosts_that_fail_are_those_whose_account_holds_a_finding_at_or_above_the_gate():
    hosts = {"one": {"a1"}, "two": {"a2"}, "three": {"a3"}, "four": {"a4"}}
    failing = failing_hosts(FINDINGS, "high", hosts, {"a1": "Acme"})
    assert sorted(failing) == ["one", "two"]  # a finding below the gate (three) and none at all (four): ok
    assert failing["one"]["checks"] == {"DC1-ACCT-001": 1, "DC1-TOKEN-001": 2}
    assert failing["one"]["msg"] == ("account Acme holds 3 finding(s) at or above high: DC1-ACCT-001 x1, "
                                     "DC1-TOKEN-001 x2")
    assert failing["two"]["msg"] == "account a2 holds 1 finding(s) at or above high: DC1-TOKEN-001 x1"
    assert sorted(failing_hosts(FINDINGS, "medium", hosts)) == ["one", "three", "two"]
    assert failing_hosts(FINDINGS, "none", hosts) == {}


def test_a_tenant_wide_finding_fails_every_host_and_a_whole_tenant_host_holds_everything():
    tenant_wide = FINDINGS + [finding("DC1-TLM-001", "high")]
    failing = failing_hosts(tenant_wide, "high", {"one": {"a1"}, "four": {"a4"}})
    assert sorted(failing) == ["four", "one"]
    assert failing["four"]["msg"].endswith("DC1-TLM-001 x1 (tenant-wide, held by no one account: DC1-TLM-001 x1)")
    whole = failing_hosts(tenant_wide, "high", {"localhost": set()})
    assert whole["localhost"]["findings"] == 4 and whole["localhost"]["msg"].startswith("the tenant holds 4 finding")


def test_the_gate_line_names_checks_counts_and_failing_hosts():
    gate = evaluate(facts(), {"fail_on": "high"})["gate"]
    severe = sum(len(v) for k, v in EXPECTED.items() if BY_ID[k]["severity"] in ("high", "critical"))
    assert gate["findings"] == sum(gate["checks"].values()) == severe
    gate["hosts"] = failing_hosts(evaluate(facts())["findings"], "high", {"h1": {A1}, "h2": {A2}, "h3": {A3},
                                                                          "h4": {A4}})
    line = gate_line(gate, "SUMMARY")
    assert line.startswith("compliance gate fail_on=high: %d finding(s) at or above high (%s)" %
                           (severe, checks_text(gate["checks"])))
    assert "; failing host(s): %s. SUMMARY" % ", ".join(sorted(gate["hosts"])) in line
    assert "failing host" not in gate_line(dict(gate, hosts={"localhost": {}}), "SUMMARY")
