# -*- coding: utf-8 -*-
"""``changed`` means changed: a scheduler alerting on it is paged when the tenant changed, not every night.

The drift playbook's ``changed`` is the drift (docs/drift.md): over an unchanged tenant every run ends with
``changed=0``, the first included. The audit playbook's reports count as changed when what they say changed, the
clock aside: a second run over the same tenant rewrites them (their times are the run's) with ``changed=0``.
"""

import json
import re

import pytest

import dc1_e2e

dc1sim = pytest.importorskip("dc1sim")

SIZES = dict(accounts=2, users=8, service_users=2, organizations=2, audit_events=20, mpki_certificates=6)


@pytest.fixture
def sim():
    with dc1sim.Simulator(seed=3, now=dc1_e2e.NOW, **SIZES) as server:
        yield server


def changed(proc):
    assert proc.returncode == 0, proc.stdout[-3000:]
    return int(re.search(r"^localhost\s+: .*changed=(\d+)", proc.stdout, re.M).group(1))


def test_drift_over_an_unchanged_tenant_is_never_changed(sim, tmp_path):
    env = dc1_e2e.ansible_env(sim, tmp_path, DC1_REFERENCE_TIME=dc1_e2e.NOW, DC1_REPORT_DIR=str(tmp_path / "reports"),
                              DC1_DRIFT_SNAPSHOT=str(tmp_path / "previous.json"))
    first = dc1_e2e.run("ansible-playbook", ["digicert.one.drift"], env, tmp_path, check=False)
    assert changed(first) == 0, "the first run writes the reports, and the tenant did not change"
    second = dc1_e2e.run("ansible-playbook", ["digicert.one.drift"], env, tmp_path, check=False)
    assert changed(second) == 0
    sim.change_tenant([{"op": "add_user", "user": {"email": "new@example.com", "user_name": "new.user",
                                                   "accounts": [sim.tenant["accounts"][0]["id"]]}}])
    third = dc1_e2e.run("ansible-playbook", ["digicert.one.drift"], env, tmp_path, check=False)
    assert changed(third) == 1  # the comparison, not the report files


def test_audit_reports_rewritten_with_changed_false_when_only_the_clock_moved(sim, tmp_path):
    reports = tmp_path / "reports"
    env = dc1_e2e.ansible_env(sim, tmp_path, DC1_REFERENCE_TIME=dc1_e2e.NOW, DC1_REPORT_DIR=str(reports))
    first = dc1_e2e.run("ansible-playbook", ["digicert.one.audit"], env, tmp_path, check=False)
    assert changed(first) == 1  # four new files
    written = json.loads((reports / "compliance.json").read_text())["collected_at"]
    # The second run one day later: the instants and every day count move, what the tenant holds does not.
    second = dc1_e2e.run("ansible-playbook", ["digicert.one.audit"], dict(env, DC1_REFERENCE_TIME="2026-06-16"),
                         tmp_path, check=False)
    assert changed(second) == 0
    again = json.loads((reports / "compliance.json").read_text())
    assert again["reference_time"] == "2026-06-16T00:00:00Z" and again["collected_at"] >= written  # rewritten
    sim.change_tenant([{"op": "add_user", "user": {"email": "locked@example.com", "user_name": "locked.user",
                                                   "status": "LOCKED", "accounts": [sim.tenant["accounts"][0]["id"]]}}])
    third = dc1_e2e.run("ansible-playbook", ["digicert.one.audit"], env, tmp_path, check=False)
    assert changed(third) == 1  # a new finding (DC1-USER-001: a LOCKED user)
