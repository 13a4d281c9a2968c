# -*- coding: utf-8 -*-
"""The compliance gate as a pipeline reads it: which hosts fail in the recap, and its one line.

Over the account hosts of the digicert.one.dc1 inventory the hosts that fail are exactly those whose account holds a
finding at or above the gate; the others end ok. The gate's line names the failing check ids with their counts and
is printed once. Expectations are computed from compliance.json, which the other tests hold to the planted tenant.
"""

import json
import re
from collections import Counter

import pytest

import dc1_e2e

dc1sim = pytest.importorskip("dc1sim")

SIZES = dict(accounts=4, users=24, service_users=6, organizations=4, audit_events=60, mpki_certificates=20)
RANK = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}


@pytest.fixture(scope="module")
def sim():
    # No certificate profiles: their findings belong to no account, so they would fail every host (the gate's rule
    # for a tenant-wide finding, tested in tests/unit/plugins/plugin_utils/test_compliance_gate.py).
    with dc1sim.Simulator(seed=12, now=dc1_e2e.NOW, absent_endpoints=["profile"], **SIZES) as server:
        yield server


def recap(proc):
    text = proc.stdout[proc.stdout.rindex("PLAY RECAP"):]
    return dict((m.group(1), dict((k, int(v)) for k, v in re.findall(r"(\w+)=(\d+)", m.group(2))))
                for m in re.finditer(r"^(\S+)\s+: (.*)$", text, re.M))


def gated(report, fail_on):
    return [f for f in report["findings"] if RANK[f["severity"]] >= RANK[fail_on]]


def assert_one_gate_line(proc, findings, fail_on):
    lines = [line for line in proc.stdout.splitlines() if "compliance gate fail_on=%s" % fail_on in line]
    assert len(lines) == 1, "the gate's line is printed once:\n%s" % "\n".join(lines)
    for check, count in Counter(f["check"] for f in findings).items():
        assert "%s x%d" % (check, count) in lines[0], (check, count, lines[0])


def test_account_hosts_fail_exactly_where_a_finding_at_or_above_the_gate_is(sim, tmp_path):
    source = tmp_path / "tenant.dc1.yml"
    source.write_text("plugin: digicert.one.dc1\nreference_time: '%s'\n" % dc1_e2e.NOW)
    env = dc1_e2e.ansible_env(sim, tmp_path, DC1_REFERENCE_TIME=dc1_e2e.NOW, DC1_HOSTS="all", DC1_FAIL_ON="high",
                              DC1_REPORT_DIR=str(tmp_path / "reports"), ANSIBLE_INVENTORY_UNPARSED_FAILED="true")
    listed = json.loads(dc1_e2e.run("ansible-inventory", ["-i", str(source), "--list"], env, tmp_path).stdout)
    host_account = dict((h, dc1_e2e.unwrap(v)["dc1_account_id"]) for h, v in listed["_meta"]["hostvars"].items())
    proc = dc1_e2e.run("ansible-playbook", ["-i", str(source), "digicert.one.audit", "-f", "4"], env, tmp_path,
                       check=False, timeout=600)
    assert proc.returncode == 2, proc.stdout[-3000:]
    report = json.loads((tmp_path / "reports" / "compliance.json").read_text())
    findings = gated(report, "high")
    holding = set(a for f in findings for a in (f.get("account_ids") or [f["account_id"]]))
    expected = sorted(h for h, a in host_account.items() if a in holding)
    assert expected and len(expected) < len(host_account), "the tenant must hold both kinds of account"
    failed = sorted(h for h, r in recap(proc).items() if r["failed"])
    assert failed == expected
    assert_one_gate_line(proc, findings, "high")
    for host in expected:  # each failing host names its own checks
        mine = Counter(f["check"] for f in findings if host_account[host] in (f.get("account_ids") or [f["account_id"]]))
        line = next(line for line in proc.stdout.splitlines() if line.startswith("fatal: [%s]" % host))
        assert all("%s x%d" % kv in line for kv in mine.items()), line


def test_localhost_fails_with_the_gate_line_printed_once(sim, tmp_path):
    env = dc1_e2e.ansible_env(sim, tmp_path, DC1_REFERENCE_TIME=dc1_e2e.NOW, DC1_FAIL_ON="medium",
                              DC1_REPORT_DIR=str(tmp_path / "reports"))
    proc = dc1_e2e.run("ansible-playbook", ["digicert.one.audit"], env, tmp_path, check=False)
    assert proc.returncode == 2, proc.stdout[-3000:]
    assert recap(proc)["localhost"]["failed"] == 1
    report = json.loads((tmp_path / "reports" / "compliance.json").read_text())
    assert_one_gate_line(proc, gated(report, "medium"), "medium")
