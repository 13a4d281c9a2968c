# -*- coding: utf-8 -*-
"""The dc1_compliance action plugin's host gate: one task per host fails it with its own line or evaluates it."""

import pytest
from ansible.plugins.action import ActionBase
from compliance_fixture import facts

from ansible_collections.digicert.one.plugins.action import dc1_compliance as action


class Task:
    def __init__(self, args):
        self.args, self.check_mode, self.diff = args, False, False


class Templar:
    def template(self, value):
        return value


def run(monkeypatch, args, task_vars):
    monkeypatch.setattr(ActionBase, "run", lambda self, tmp=None, task_vars=None: {})
    mod = action.ActionModule.__new__(action.ActionModule)
    mod._task, mod._templar = Task(args), Templar()
    return mod.run(task_vars=task_vars)


GATE = {"fail_on": "high", "failed": True, "findings": 2, "checks": {"DC1-TOKEN-001": 2},
        "hosts": {"acme": {"findings": 2, "checks": {"DC1-TOKEN-001": 2},
                           "msg": "account Acme holds 2 finding(s) at or above high: DC1-TOKEN-001 x2"}}}


def host(name):
    return {"inventory_hostname": name, "ansible_facts": {"dc1_facts": facts()}}


def test_a_host_the_gate_names_fails_with_its_own_line_and_no_evaluation(monkeypatch):
    result = run(monkeypatch, {"host_gate": GATE, "fail_on": "high"}, host("acme"))
    assert result["failed"] is True and result["msg"] == GATE["hosts"]["acme"]["msg"]
    assert "ansible_facts" not in result and "compliance gate" not in result["msg"]  # printed once, elsewhere


def test_a_host_the_gate_does_not_name_keeps_its_own_evaluation(monkeypatch):
    result = run(monkeypatch, {"host_gate": GATE, "fail_on": "high"}, host("wayne"))
    assert "failed" not in result and result["changed"] is False
    assert result["ansible_facts"]["dc1_compliance"]["counts"]["total"] > 0  # the host's own facts, evaluated
    quiet = run(monkeypatch, {"host_gate": GATE, "evaluate": False, "fail_on": "high"}, host("wayne"))
    assert "ansible_facts" not in quiet and "failed" not in quiet


@pytest.mark.parametrize("gate", [{"fail_on": "none", "failed": False, "findings": 0, "checks": {}}, {}])
def test_a_gate_that_failed_nobody_fails_nobody(monkeypatch, gate):
    assert "failed" not in run(monkeypatch, {"host_gate": gate, "evaluate": False}, host("acme"))
