# -*- coding: utf-8 -*-
"""The dc1_facts_diff action plugin: where the snapshots come from, changed, diff, the gate, check mode, limits."""

import copy
import json
import os

import pytest
from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase
from drift_fixture import BEFORE, later, user

from ansible_collections.digicert.one.plugins.action import dc1_facts_diff as action
from ansible_collections.digicert.one.plugins.plugin_utils._drift.engine import DISPLAY_LIMIT


class Task:
    def __init__(self, args, check_mode=False, diff=False):
        self.args, self.check_mode, self.diff = args, check_mode, diff


class Templar:
    def template(self, value):
        return value


def run(monkeypatch, args, task_vars=None, check_mode=False, diff=False):
    monkeypatch.setattr(ActionBase, "run", lambda self, tmp=None, task_vars=None: {})
    mod = action.ActionModule.__new__(action.ActionModule)
    mod._task, mod._templar = Task(args, check_mode, diff), Templar()
    return mod.run(task_vars=task_vars or {})


def changed_after():
    after = later(BEFORE)
    after["users"] = [u for u in after["users"] if u["id"] != "carol"]
    after["users"][1]["status"] = "DISABLED"
    return after


def host_vars(after, before="default"):
    """A host's variables: its fact, and the previous snapshot (BEFORE unless another or None is given)."""
    out = {"ansible_facts": {"dc1_facts": after}}
    before = BEFORE if before == "default" else before
    if before is not None:
        out["dc1_facts_before"] = before
    return out


def test_before_from_the_host_variable_and_after_from_the_fact(monkeypatch):
    result = run(monkeypatch, {}, host_vars(changed_after()))
    assert result["changed"] is True and result["counts"]["total"] == 2
    assert [e["id"] for e in result["signals"]["removed_users"]] == ["carol"]
    assert result["msg"].startswith("2 change(s) since 2026-06-01T00:00:00Z: users -1 ~1;")
    assert "diff" not in result, "no diff without --diff"
    assert "warnings" not in result and "_ansible_no_log" not in result


def test_an_unchanged_tenant_is_not_changed(monkeypatch):
    result = run(monkeypatch, {"fail_on": ["any"]}, host_vars(later(BEFORE)), diff=True)
    assert result["changed"] is False and result["counts"]["total"] == 0 and result["diff"] == []
    assert result["gate"] == {"fail_on": ["any"], "failed": False, "matched": {}}


def test_diff_mode_returns_one_entry_per_resource_and_kind(monkeypatch):
    result = run(monkeypatch, {}, host_vars(changed_after()), diff=True)
    assert [" ".join(d["before_header"].split()[:2]) for d in result["diff"]] == ["users changed", "users removed"]
    assert list(result["diff"][0]["after"].values()) == [{"status": "DISABLED"}]


def test_the_gate_fails_in_one_line_after_the_reports_are_written(monkeypatch, tmp_path):
    result = run(monkeypatch, {"fail_on": ["NEW_ADMINS", "removed_users"], "report_dir": str(tmp_path)},
                 host_vars(changed_after()))
    assert result["failed"] is True and result["changed"] is True
    assert result["msg"].startswith("drift gate fail_on=new_admins,removed_users: 1 removed_users. 2 change(s)")
    assert "drift" not in result and "signals" not in result and "diff" not in result
    assert json.loads((tmp_path / "drift.json").read_text())["gate"]["failed"] is True
    assert result["reports"]["markdown"] == str(tmp_path / "drift.md")


def test_fail_on_is_checked_before_the_snapshots(monkeypatch):
    with pytest.raises(AnsibleActionFail, match="fail_on: unknown value 'new_admin'; choose from any, added"):
        run(monkeypatch, {"fail_on": "new_admin"}, {})
    assert run(monkeypatch, {"fail_on": "new_admins,users", "validate_only": True})["msg"] == "drift options are valid"


def test_check_mode_compares_but_writes_nothing(monkeypatch, tmp_path):
    saved = tmp_path / "baseline.json"
    result = run(monkeypatch, {"report_dir": str(tmp_path / "r"), "save_after": str(saved)},
                 host_vars(changed_after()), check_mode=True)
    assert result["changed"] is True and result["reports"] == {} and "check mode: 2 report(s) not written" in result["msg"]
    assert not (tmp_path / "r").exists() and not saved.exists()


def test_a_rolling_baseline_file(monkeypatch, tmp_path):
    path = str(tmp_path / "baseline.json")
    first = run(monkeypatch, {"before": path, "save_after": path}, host_vars(BEFORE, before=None))
    assert first["changed"] is False and "warnings" not in first  # the first run of a schedule is no problem
    assert first["msg"] == "no previous snapshot: nothing compared (no before snapshot: %s does not exist (yet))" % path
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    second = run(monkeypatch, {"before": path, "save_after": path}, host_vars(changed_after(), before=None))
    assert second["changed"] is True and second["counts"]["removed"] == 1
    third = run(monkeypatch, {"before": path, "fail_on": "any"}, host_vars(changed_after(), before=None))
    assert third["changed"] is False


def test_without_after_facts_the_task_says_how_to_get_them(monkeypatch):
    with pytest.raises(AnsibleActionFail, match=r"no after snapshot: .* gather dc1_facts first"):
        run(monkeypatch, {"before": BEFORE}, {})


def test_a_refused_comparison_fails_with_the_reason(monkeypatch):
    with pytest.raises(AnsibleActionFail, match="different tenants"):
        run(monkeypatch, {}, host_vars(later(BEFORE, base_url="https://other.example.test")))


def test_hosts_are_merged_and_a_host_without_a_previous_snapshot_is_left_out(monkeypatch):
    def split(facts, account):
        out = copy.deepcopy(facts)
        out["account_ids"] = [account]
        out["accounts"] = [a for a in out["accounts"] if a["id"] == account]
        out["users"] = [u for u in out["users"] if account in [a["id"] for a in u["accounts"]]]
        owners = set(u["id"] for u in out["users"])
        out["api_tokens"] = [t for t in out["api_tokens"] if t["user_id"] in owners]
        return out

    after = changed_after()
    hostvars = {"h1": host_vars(split(after, "acc-1"), split(BEFORE, "acc-1")),
                "h2": host_vars(split(after, "acc-2"), None)}
    result = run(monkeypatch, {"hosts": ["h1", "h2"]}, {"hostvars": hostvars})
    assert result["hosts_not_compared"] == {"h2": "no previous snapshot: no cached dc1_facts"}
    assert result["counts"]["total"] == 1 and result["drift"]["users"]["changed"][0]["id"] == "bob"
    assert result["warnings"] == ["1 host(s) not compared: h2 (no previous snapshot: no cached dc1_facts)"]
    hostvars["h2"]["dc1_facts_before"] = split(BEFORE, "acc-2")
    result = run(monkeypatch, {"hosts": ["h1", "h2"]}, {"hostvars": hostvars})
    assert result["counts"]["by_resource"]["users"] == {"added": 0, "removed": 1, "changed": 1}
    assert result["counts"]["total"] == 3 and result["snapshots"]["after"]["hosts"] == ["h1", "h2"]  # + t-carol
    first = run(monkeypatch, {"hosts": ["h1", "h2"], "fail_on": ["not_compared"]},
                {"hostvars": dict((h, host_vars(v["ansible_facts"]["dc1_facts"], None)) for h, v in hostvars.items())})
    assert first["failed"] is True and "not_compared" in first["gate"]["matched"]


def test_large_drifts_are_not_echoed_to_callbacks(monkeypatch):
    after = later(BEFORE)
    after["users"] += [user("u%05d" % i) for i in range(DISPLAY_LIMIT + 1)]
    result = run(monkeypatch, {}, host_vars(after))
    assert result["_ansible_no_log"] is True and len(result["drift"]["users"]["added"]) == DISPLAY_LIMIT + 1
    small = run(monkeypatch, {}, host_vars(changed_after()))
    assert "_ansible_no_log" not in small
