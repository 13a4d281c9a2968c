# -*- coding: utf-8 -*-
"""The compliance role end to end: facts from a simulator tenant, real ansible-playbook, all four reports."""

import json
import os
import xml.etree.ElementTree as ET

import pytest
from dc1_compliance_facts import OPTIONS, PLANTED_TO_CHECK, facts_from_tenant, planted_findings
from dc1_e2e import PLAYBOOKS, ansible_env, run
from dc1sim import tenant as T

NOW = "2026-11-23"


@pytest.fixture(scope="module")
def tenant():
    return T.generate(seed=1, now=NOW)


class _NoSim:
    base_url, api_key, ca_path = "https://127.0.0.1:9", "unused", "/nonexistent"


def play(tmp_path, facts, fail_on, report_dir, extra=None):
    facts_file = tmp_path / "facts.json"
    facts_file.write_text(json.dumps({"dc1_compliance_facts": facts}))
    extra_vars = dict({"dc1_report_dir": str(report_dir), "dc1_compliance_fail_on": fail_on,
                       "dc1_compliance_approved_issuers": OPTIONS["approved_issuers"]}, **(extra or {}))
    env = ansible_env(_NoSim, tmp_path, ca=False)
    return run("ansible-playbook", [os.path.join(PLAYBOOKS, "compliance.yml"), "-e", "@" + str(facts_file),
                                    "-e", json.dumps(extra_vars)], env, tmp_path, check=False)


def test_reports_name_every_planted_finding_and_the_gate_fails_after_writing(tenant, tmp_path):
    facts = facts_from_tenant(tenant)
    reports = tmp_path / "reports"
    proc = play(tmp_path, facts, "none", reports)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    names = sorted(p.name for p in reports.iterdir())
    assert names == ["compliance.html", "compliance.json", "compliance.junit.xml", "compliance.md"]

    result = json.loads((reports / "compliance.json").read_text())
    found = {(f["check"], f["object_id"]) for f in result["findings"]}
    assert planted_findings(tenant) <= found
    extra = found - planted_findings(tenant)
    # the only finding beyond the planted ones: the sim-admin persona, a service user holding AM_ACCOUNT_ADMIN
    assert extra == {("DC1-SVC-003", tenant["personas"]["admin"])}
    lifecycle = [f for f in result["findings"] if f["check"].startswith("DC1-TLM-")]
    assert len(lifecycle) == len([p for p in planted_findings(tenant) if p[0].startswith("DC1-TLM-")])
    assert {f["account_id"] for f in lifecycle} == {tenant["accounts"][0]["id"]}  # where they were planted

    root = ET.parse(str(reports / "compliance.junit.xml")).getroot()
    failed_types = {f.get("type") for f in root.iter("failure")}
    assert set(PLANTED_TO_CHECK.values()) <= failed_types
    messages = " ".join(f.get("message") for f in root.iter("failure"))
    for check in set(PLANTED_TO_CHECK.values()):
        assert check in messages
    assert "DC1-TOKEN-001" in (reports / "compliance.md").read_text()

    before = dict((p.name, p.stat().st_mtime_ns) for p in reports.iterdir())
    again = play(tmp_path, facts, "none", reports)
    assert again.returncode == 0 and "changed=0" in again.stdout  # same facts, same reports: nothing rewritten
    assert dict((p.name, p.stat().st_mtime_ns) for p in reports.iterdir()) == before
    gated = play(tmp_path, facts, "low", reports)
    assert gated.returncode != 0
    assert "compliance gate fail_on=low" in gated.stdout
    assert json.loads((reports / "compliance.json").read_text())["gate"]["fail_on"] == "low"  # written, then failed
    fresh = tmp_path / "fresh"
    gated = play(tmp_path, facts, "critical", fresh)
    assert gated.returncode != 0 and len(list(fresh.iterdir())) == 4  # reports written before the play failed


def test_unavailable_audit_log_is_not_evaluated_and_options_are_validated(tenant, tmp_path):
    facts = facts_from_tenant(tenant, unavailable={"audit": {"status": 403, "reason": "HTTP 403 access_denied"}})
    reports = tmp_path / "r"
    proc = play(tmp_path, facts, "none", reports, {"dc1_compliance_disabled": ["DC1-USER-001"]})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads((reports / "compliance.json").read_text())
    assert result["not_evaluated"] == ["DC1-AUDIT-001"] and result["disabled"] == ["DC1-USER-001"]
    assert result["passed"] is False
    bad = play(tmp_path, facts, "none", reports, {"dc1_compliance_thresholds": {"DC1-TOKEN-001": -3}})
    assert bad.returncode != 0 and "negative" in bad.stdout
    bad = play(tmp_path, facts, "severe", reports)
    assert bad.returncode != 0 and "fail_on: 'severe' is not one of" in bad.stdout + bad.stderr
