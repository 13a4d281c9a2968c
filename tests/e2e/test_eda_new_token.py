# -*- coding: utf-8 -*-
"""The shipped "new API token" rulebook reacting to tokens created in the simulator (docs/eda.md shows it).

The rulebook is extensions/eda/rulebooks/dc1_new_api_token.yml as shipped: its default action runs
digicert.one.check_new_token here; its own variables pin the start, a short interval and a temporary state file.
"""

import os
from urllib.parse import parse_qs

import dc1_e2e
import dc1sim
import yaml
from test_eda_audit_log import INVENTORY, Rulebook, rulebook_binary, rulebook_env

import conftest

SHIPPED = os.path.join(conftest.ROOT, "extensions", "eda", "rulebooks", "dc1_new_api_token.yml")


def test_a_new_api_token_runs_the_expiry_check(tmp_path):
    with open(SHIPPED) as handle:
        (tmp_path / "rulebook.yml").write_text(handle.read())
    (tmp_path / "inventory.yml").write_text(INVENTORY)
    (tmp_path / "vars.yml").write_text(yaml.safe_dump({"dc1_start_at": dc1_e2e.NOW + "T09:00:00Z", "dc1_interval": 0.5,
                                                       "dc1_state_file": str(tmp_path / "state.json")}))
    with dc1sim.Simulator(seed=6, now=dc1_e2e.NOW) as sim:
        env = rulebook_env(dc1_e2e.ansible_env(sim, tmp_path, DC1_REFERENCE_TIME=dc1_e2e.NOW))
        binary = rulebook_binary(env)
        admin = sim.tenant["personas"]["admin"]
        good, forever = [d["id"] for d in sim.change_tenant([
            {"op": "add_token", "token": {"user_id": admin, "name": "ci-deploy", "end_date": "2026-09-13"}},
            {"op": "add_token", "token": {"user_id": admin, "name": "forever", "end_date": None}},
        ])]
        run = Rulebook(binary, tmp_path, env, "run")
        try:
            run.wait_for("start of the source", lambda rb: (tmp_path / "state.json").exists())
            sim.append_audit([
                {"action": "create", "resource_type": "api_access_token", "resource_id": good, "user_id": admin,
                 "resource_name": "ci-deploy", "timestamp": dc1_e2e.NOW + "T10:00:00Z"},
                {"action": "login", "timestamp": dc1_e2e.NOW + "T10:00:01Z"},  # filtered out by the source
                {"action": "create", "resource_type": "api_access_token", "resource_id": forever, "user_id": admin,
                 "resource_name": "forever", "timestamp": dc1_e2e.NOW + "T10:00:02Z"},
            ])
            run.wait_for("two playbook runs", lambda rb: rb.text().count("PLAY RECAP") >= 2)
        finally:
            run.stop()
        requests = sim.requests()
    queries = [r["query"] for r in requests if r["path"] == "/account/api/v1/audit-log"]
    out = run.text()
    assert "API token ci-deploy (%s) of user %s expires 2026-09-13T23:59:59Z, in 90 days" % (good, admin) in out
    assert "API token forever (%s) of user %s never expires: the policy is at most 365 days" % (forever, admin) in out
    # One playbook run per token, each reading its owner's tokens once. (Counting PLAY RECAP would not do:
    # ansible-rulebook logs a failed playbook's whole output a second time.)
    token_reads = [parse_qs(r["query"]) for r in requests if r["path"] == "/account/api/v1/api-access-token"]
    first_pages = [q for q in token_reads if q.get("offset", ["0"]) == ["0"]]
    assert len(first_pages) == 2 and all(q["user_id"] == [admin] for q in first_pages)
    assert all("resource_types=api_access_token" in q and "action=create" in q for q in queries)
    assert sim.api_key not in out
