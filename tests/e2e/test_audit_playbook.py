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
from dc1_compliance_facts import OPTIONS, PLANTED_TO_CHECK, catalogued

dc1sim = pytest.importorskip("dc1sim")


@pytest.fixture(scope="module")
def sim():
    with dc1sim.Simulator(seed=7, now=dc1_e2e.NOW) as server:
        yield server


def audit(sim, tmp_path, fail_on, **env_extra):
    reports = tmp_path / "reports"
    env = dc1_e2e.ansible_env(sim, tmp_path, DC1_REPORT_DIR=str(reports), DC1_FAIL_ON=fail_on,
                              DC1_FACTS_DEST=str(tmp_path / "facts.json"), DC1_REFERENCE_TIME=dc1_e2e.NOW,
                              DC1_APPROVED_ISSUERS=",".join(OPTIONS["approved_issuers"]), **env_extra)
    proc = dc1_e2e.run("ansible-playbook", ["digicert.one.audit"], env, tmp_path, check=False)
    return proc, reports


def expected_findings(server):
    """What the audit must report, exactly: the planted offenders this profile lets a client see, plus the
    simulator's own admin key (a service user holding AM_ACCOUNT_ADMIN: DC1-SVC-003)."""
    planted = catalogued(server.detectable_planted())
    return {(PLANTED_TO_CHECK[p["check"]], p["object_id"]) for p in planted} | {
        ("DC1-SVC-003", server.tenant["personas"]["admin"])}


@pytest.mark.parametrize("profile", ["documented", "rich", "seed-server"])
def test_audit_reports_exactly_the_planted_findings_on_every_profile(profile, tmp_path):
    with dc1sim.Simulator(seed=7, now=dc1_e2e.NOW, profile=profile) as server:
        proc, reports = audit(server, tmp_path, "none")
        assert proc.returncode == 0, proc.stdout[-3000:]
        assert "DEPRECATION" not in proc.stdout + proc.stderr
        assert sorted(os.listdir(str(reports))) == ["compliance.html", "compliance.json", "compliance.junit.xml",
                                                    "compliance.md"]
        report = json.loads((reports / "compliance.json").read_text())
        found = {(f["check"], f["object_id"]) for f in report["findings"]}
        assert found == expected_findings(server), profile  # nothing planted is missed, nothing else is raised
        junit = ET.parse(str(reports / "compliance.junit.xml")).getroot()
        assert {f.get("type") for f in junit.iter("failure")} == {c for c, _o in found}
        lifecycle = sorted(o for o in found if o[0].startswith("DC1-TLM-"))
        assert {c for c, _o in lifecycle} == set("DC1-TLM-%03d" % n for n in range(1, 11)), profile
        markdown, html = (reports / "compliance.md").read_text(), (reports / "compliance.html").read_text()
        failures = dict((f.get("type"), f.text) for f in junit.iter("failure"))
        for cid, serial in lifecycle:  # each planted certificate, under its check, in all four formats
            assert serial in failures[cid] and serial in markdown and serial in html and "### %s" % cid in markdown
        checks = dict((c["id"], c) for c in report["checks"])
        hidden = catalogued(server.hidden_planted())
        for hidden_one in hidden:
            # a check whose input the API did not send is not evaluated, with the field named: never a finding
            cid = PLANTED_TO_CHECK[hidden_one["check"]]
            assert checks[cid]["status"] == "not_evaluated", cid
            if "user.end_date" in hidden_one["missing"]:
                assert "users.end_date" in checks[cid]["reason"], cid
        if profile == "seed-server":
            assert checks["DC1-CERT-001"]["status"] == "not_evaluated" and "404" in checks["DC1-CERT-001"]["reason"]
        assert report["passed"] is False
        assert server.api_key not in proc.stdout + "".join(p.read_text() for p in reports.iterdir())


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
    serials = set(c["serial_number"] for c in tenant["mpki_certificates"])
    assert facts["certificate_posture"]["certificates"] == len(serials)  # every one counted, the flagged ones kept
    assert facts["certificates"] and set(c["serial_number"] for c in facts["certificates"]) <= serials
    assert all("certificate" not in c and c["account_id"] is None for c in facts["certificates"])  # example fields
    assert len(facts["roles"]) == sum(len(v) for v in tenant["roles"].values())
    assert facts["unavailable"] == {}
