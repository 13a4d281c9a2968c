# -*- coding: utf-8 -*-
"""Words that agree with the numbers, as a user reads them in ansible-playbook's and ansible's output."""

import json
import re

import pytest

import dc1_e2e

dc1sim = pytest.importorskip("dc1sim")


def messages(stdout):
    return [json.loads('"%s"' % m) for m in re.findall(r'^\s*"msg": "((?:[^"\\]|\\.)*)"', stdout, re.M)]


def test_the_audit_summaries_say_what_the_checks_count(tmp_path):
    with dc1sim.Simulator(seed=7, now=dc1_e2e.NOW) as sim:
        orphan = next(a for a in sim.tenant["accounts"] if a["name"] == "Planted Orphan Account")
        # Its only ACTIVE administrator is a service user: DC1-ACCT-002 says "no ACTIVE administrator".
        sim.change_tenant([{"op": "add_user", "user": {"email": "robot@example.com", "user_type": "service",
                                                       "accounts": [orphan["id"]], "roles": ["AM_ACCOUNT_ADMIN"]}}])
        env = dc1_e2e.ansible_env(sim, tmp_path, DC1_REFERENCE_TIME=dc1_e2e.NOW, DC1_REPORT_DIR=str(tmp_path / "r"))
        proc = dc1_e2e.run("ansible-playbook", ["digicert.one.audit"], env, tmp_path)
    said = messages(proc.stdout)
    assert said and not [m for m in said if "  " in m], "no double spaces: %s" % [m for m in said if "  " in m]
    assert not [m for m in said if re.search(r"(^|[^0-9])1 (users|service users|API tokens|failed actions)", m)]
    report = json.loads((tmp_path / "r" / "compliance.json").read_text())
    no_admin = set(f["account_name"] for f in report["findings"] if f["check"] == "DC1-ACCT-002"
                   and f["message"] == "no ACTIVE administrator")
    assert "Planted Orphan Account" in no_admin
    lines = dict((name, json.loads('"%s"' % m)) for name, m in re.findall(
        r'\(item=(.*?)\) => \{\n\s*"msg": "((?:[^"\\]|\\.)*)"', proc.stdout) if not m.startswith("Gathered "))
    assert set(lines) == set(a["name"] for a in report["accounts"]), said
    for name in no_admin:
        assert "0 active standard-user administrators" in lines[name], lines[name]
    gathered = next(m for m in said if m.startswith("Gathered "))
    assert gathered.startswith("Gathered accounts: ") and ", audit events: " in gathered


def test_an_invalid_from_says_from(tmp_path):
    with dc1sim.Simulator(seed=7, now=dc1_e2e.NOW) as sim:
        status, result, _proc = dc1_e2e.adhoc("dc1_audit_log_info", "from=yesterdayish",
                                              dc1_e2e.ansible_env(sim, tmp_path), tmp_path, check=False)
    assert status == "FAILED" and result["msg"] == "from must be a date written YYYY-MM-DD, got 'yesterdayish'"
