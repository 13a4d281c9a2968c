# -*- coding: utf-8 -*-
"""Faults as a user sees them: real ``ansible-playbook`` and ``ansible-inventory`` runs.

tests/e2e/test_fault_matrix.py proves every fault against every entry point in process; this file proves
that the outcome reaches the user unchanged through Ansible -- a module task, the facts role, the lookup and
the inventory plugin -- with the method, the path, the status and the cause in the message, and that
retried faults cost only a warning. The playbook and ansible-inventory run at the same time (two simulators).
"""

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

import dc1_e2e

dc1sim = pytest.importorskip("dc1sim")

API = "/account/api/v1"
PLAY_FAULTS = [
    {"path": API + "/user", "kind": "500"},
    {"path": API + "/organization", "nth": [1], "kind": "503"},
    {"path": API + "/organization", "nth": [2], "kind": "reset_mid_body"},
    {"path": API + "/account", "kind": "429", "retry_after": "0"},
    {"path": API + "/audit-log", "kind": "html"},
]
INVENTORY_FAULTS = [{"path": API + "/organization", "nth": [2], "kind": "total_drift", "delta": 1}]


def test_fault_messages_reach_the_user(tmp_path):
    out = tmp_path / "outcomes.json"
    source = tmp_path / "drift.dc1.yml"
    source.write_text("plugin: digicert.one.dc1\npage_size: 2\n")
    with dc1sim.Simulator(seed=4, faults=PLAY_FAULTS) as play_sim, \
            dc1sim.Simulator(seed=4, envelope={"organization": "envelope"}, faults=INVENTORY_FAULTS) as inv_sim:
        for sub in ("p", "i"):
            (tmp_path / sub).mkdir()
        play_env = dc1_e2e.ansible_env(play_sim, tmp_path / "p", DC_RETRIES="2", DC_RETRY_MAX_WAIT="0.1")
        inv_env = dc1_e2e.ansible_env(inv_sim, tmp_path / "i", ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED="1")
        with ThreadPoolExecutor(2) as pool:
            play = pool.submit(dc1_e2e.playbook, "fault_messages.yml", play_env, tmp_path, {"out": str(out)},
                               check=False)
            inv = pool.submit(dc1_e2e.run, "ansible-inventory", ["-i", str(source), "--list"], inv_env, tmp_path,
                              check=False)
            play, inv = play.result(), inv.result()
        organizations = sorted(o["id"] for o in play_sim.tenant["organizations"])
        fired = sorted(f["kind"] for f in play_sim.stats()["faults_fired"])
        inv_fired = inv_sim.stats()["faults_fired"]
    assert play.returncode == 0, play.stdout[-3000:] + play.stderr[-2000:]
    outcomes = json.loads(out.read_text())

    module = outcomes["module"]  # a module task: msg plus method, path and status as result fields
    assert module["failed"] and module["status"] == 500 and module["method"] == "GET"
    assert module["path"].startswith(API + "/user?") and module["api_code"] == "internal_error"
    assert "GET %s" % API + "/user?limit=100&offset=0 failed: HTTP 500" in module["msg"]

    retried = outcomes["retried"]  # transient faults: complete data, one warning that says what was retried
    assert sorted(o["id"] for o in retried["organizations"]) == organizations
    assert any("were retried" in w and "HTTP 503 x1" in w for w in retried["warnings"]), retried["warnings"]

    role = outcomes["role"]["msg"]  # the facts role: the 429 storm, named
    assert "GET %s/account?limit=100&offset=0 failed: HTTP 429" % API in role
    assert "request_limit_exceeded" in role and "gave up after 3 attempts" in role

    lookup = outcomes["lookup"]["msg"]  # the lookup: the HTML page, named, never a traceback
    assert outcomes["lookup_items"] is None
    assert "digicert.one.dc1 lookup: GET %s/audit-log" % API in lookup
    assert "HTTP 200 answer is not valid JSON" in lookup and "text/html" in lookup
    assert "Traceback" not in play.stdout + play.stderr
    assert fired.count("html") == 3 and fired.count("status") >= 4

    # the inventory: a total that changes mid-read is a failure naming the request, not a short inventory
    assert inv.returncode != 0 and inv_fired
    text = " ".join((inv.stdout + inv.stderr).split())
    assert "digicert.one.dc1 inventory: GET %s/organization" % API in text, text[-2000:]
    assert "server reported a total of" in text
