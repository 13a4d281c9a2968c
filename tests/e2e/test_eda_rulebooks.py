# -*- coding: utf-8 -*-
"""The shipped rulebooks run where they are shipped: by FQCN, unmodified, without AAP, their state per user.

Each one against the simulator with ansible-rulebook: the local default action runs (the playbook, or the printed
notification), and the cursor's file lands in the per-user state directory ($HOME/.local/state/digicert.one), not
in /tmp. Only the start and the poll interval are pinned, through the rulebooks' own variables. The AAP variants
(run_job_template, which ansible-rulebook refuses to start without a controller) are checked as data.
"""

import os
import stat

import dc1_e2e
import dc1sim
import pytest
import yaml
from test_eda_audit_log import INVENTORY, Rulebook, rulebook_binary, rulebook_env

import conftest

RULEBOOKS = os.path.join(conftest.ROOT, "extensions", "eda", "rulebooks")
START = dc1_e2e.NOW + "T09:00:00Z"


def run_shipped(tmp_path, name, entries, done, **variables):
    """Run ``digicert.one.<name>`` until ``done(output)``; returns (output, state directory)."""
    home = tmp_path / "home"
    home.mkdir()
    (tmp_path / "inventory.yml").write_text(INVENTORY)
    (tmp_path / "vars.yml").write_text(yaml.safe_dump(dict({"dc1_start_at": START, "dc1_interval": 0.5}, **variables)))
    with dc1sim.Simulator(seed=6, now=dc1_e2e.NOW) as sim:
        env = rulebook_env(dc1_e2e.ansible_env(sim, tmp_path, HOME=str(home), DC1_REFERENCE_TIME=dc1_e2e.NOW,
                                               DC1_REPORT_DIR=str(tmp_path / "reports")))
        env.pop("XDG_STATE_HOME", None)
        # ansible-galaxy (which finds a rulebook by FQCN) and ansible-playbook (run_playbook) of this Python.
        env["PATH"] = os.pathsep.join([dc1_e2e.BIN, env.get("PATH", "")])
        state = home / ".local" / "state" / "digicert.one"
        run = Rulebook(rulebook_binary(env), tmp_path, env, name, rulebook="digicert.one." + name)
        try:
            run.wait_for("start of the source", lambda rb: state.is_dir() and os.listdir(str(state)))
            sim.append_audit(entries(sim))
            run.wait_for("the local action", lambda rb: done(rb.text()))
        finally:
            run.stop()
        assert sim.api_key not in run.text()
    return run.text(), state


def test_new_api_token_runs_the_check_playbook_by_default(tmp_path):
    def entries(sim):
        admin = sim.tenant["personas"]["admin"]
        token = sim.change_tenant([{"op": "add_token", "token": {"user_id": admin, "name": "forever", "end_date": None}}])
        return [{"action": "create", "resource_type": "api_access_token", "resource_id": token[0]["id"],
                 "user_id": admin, "timestamp": dc1_e2e.NOW + "T10:00:00Z"}]

    out, state = run_shipped(tmp_path, "dc1_new_api_token", entries, lambda text: "PLAY RECAP" in text)
    assert "never expires: the policy is at most 365 days" in out
    assert sorted(os.listdir(str(state))) == ["dc1-new-api-tokens.json"]
    assert stat.S_IMODE(os.stat(str(state)).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(str(state / "dc1-new-api-tokens.json")).st_mode) == 0o600


def test_failed_logins_run_the_audit_playbook_by_default(tmp_path):
    def entries(sim):
        who = sim.tenant["users"][0]["id"]
        return [{"action": "login", "status": "failure", "user_id": who,
                 "timestamp": "%sT10:%02d:00Z" % (dc1_e2e.NOW, i)} for i in range(10)]

    out, state = run_shipped(tmp_path, "dc1_failed_logins", entries, lambda text: "PLAY RECAP" in text)
    assert "PLAY [Audit a DigiCert ONE tenant]" in out
    assert os.listdir(str(state)) == ["dc1-failed-logins.json"]


def test_admin_role_granted_prints_the_notification_by_default(tmp_path):
    def entries(sim):
        return [{"action": "update", "resource_type": "user", "status": "success", "resource_name": "ann",
                 "description": "Granted AM_ACCOUNT_ADMIN", "timestamp": dc1_e2e.NOW + "T10:00:00Z"}]

    out, state = run_shipped(tmp_path, "dc1_admin_role_granted", entries,
                             lambda text: "Granted AM_ACCOUNT_ADMIN" in text and "DigiCert ONE:" in text)
    assert os.listdir(str(state)) == ["dc1-user-changes.json"]


@pytest.mark.parametrize("name", ["dc1_new_api_token", "dc1_failed_logins", "dc1_admin_role_granted"])
def test_the_aap_variant_watches_the_same_and_runs_a_job_template(name):
    from ansible_rulebook.validators import Validate

    with open(os.path.join(RULEBOOKS, name + ".yml")) as handle:
        local = yaml.safe_load(handle)
    with open(os.path.join(RULEBOOKS, name + "_aap.yml")) as handle:
        aap = yaml.safe_load(handle)
    Validate.rulebook(local)
    Validate.rulebook(aap)
    assert aap[0]["sources"] == local[0]["sources"]
    local_first = local[0]["rules"][0]["condition"]
    assert aap[0]["rules"][0]["condition"] == local_first.split(' and "{{ dc1_eda_action')[0]
    actions = aap[0]["rules"][0].get("actions") or [aap[0]["rules"][0]["action"]]
    assert any("run_job_template" in a for a in actions)
    assert not [r for r in local[0]["rules"] for a in (r.get("actions") or [r["action"]]) if "run_job_template" in a]
