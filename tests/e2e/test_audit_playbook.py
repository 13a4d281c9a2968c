# -*- coding: utf-8 -*-
"""``ansible-playbook digicert.one.audit`` against the simulator, from environment variables alone.

The facts come from the real dc1_facts module (not built from the tenant), so this is the
whole chain users run: gather every account, evaluate, write four reports, gate.
"""

import json
import os
import xml.etree.ElementTree as ET

import pytest

import dc1_e2e
from dc1_compliance_facts import PLANTED_TO_CHECK, planted_account_manager

dc1sim = pytest.importorskip("dc1sim")


@pytest.fixture(scope="module")
def sim():
    with dc1sim.Simulator(seed=7, now=dc1_e2e.NOW) as server:
        yield server


def audit(sim, tmp_path, fail_on):
    reports = tmp_path / "reports"
    env = dc1_e2e.ansible_env(sim, tmp_path, DC1_REPORT_DIR=str(reports), DC1_FAIL_ON=fail_on,
                              DC1_FACTS_DEST=str(tmp_path / "facts.json"), DC1_REFERENCE_TIME=dc1_e2e.NOW)
    proc = dc1_e2e.run("ansible-playbook", ["digicert.one.audit"], env, tmp_path, check=False)
    return proc, reports


def test_audit_writes_four_reports_naming_every_planted_check(sim, tmp_path):
    proc, reports = audit(sim, tmp_path, "none")
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "DEPRECATION" not in proc.stdout + proc.stderr
    assert sorted(os.listdir(str(reports))) == ["compliance.html", "compliance.json", "compliance.junit.xml",
                                                "compliance.md"]
    junit = ET.parse(str(reports / "compliance.junit.xml")).getroot()
    failed = set(f.get("type") for f in junit.iter("failure"))
    planted = set(PLANTED_TO_CHECK[p["check"]] for p in planted_account_manager(sim.tenant))
    assert planted <= failed and len(planted) == 13
    report = json.loads((reports / "compliance.json").read_text())
    planted_objects = set(p["object_id"] for p in planted_account_manager(sim.tenant) if p["object_type"] != "account")
    assert set(f["object_id"] for f in report["findings"]) >= planted_objects
    assert sim.api_key not in proc.stdout + "".join(p.read_text() for p in reports.iterdir())


def test_the_gate_fails_the_play_after_the_reports_are_written(sim, tmp_path):
    proc, reports = audit(sim, tmp_path, "low")
    assert proc.returncode != 0
    assert "compliance gate fail_on=low" in proc.stdout
    assert (reports / "compliance.junit.xml").exists() and (reports / "compliance.html").exists()


def test_gather_playbook_holds_every_object(sim, tmp_path):
    dest = tmp_path / "facts.json"
    env = dc1_e2e.ansible_env(sim, tmp_path, DC1_FACTS_DEST=str(dest), DC1_REFERENCE_TIME=dc1_e2e.NOW)
    dc1_e2e.run("ansible-playbook", ["digicert.one.gather"], env, tmp_path)
    facts = json.loads(dest.read_text())
    tenant = sim.tenant
    assert oct(os.stat(str(dest)).st_mode & 0o777) == "0o600"
    for key, tenant_key in (("users", "users"), ("accounts", "accounts"), ("organizations", "organizations"),
                            ("api_tokens", "api_access_tokens"), ("client_certificates", "client_auth_certificates")):
        assert sorted(o["id"] for o in facts[key]) == sorted(o["id"] for o in tenant[tenant_key]), key
    assert len(facts["roles"]) == sum(len(v) for v in tenant["roles"].values())
    assert facts["unavailable"] == {}
