# -*- coding: utf-8 -*-
"""The lookup end to end: a real ``ansible-playbook`` run of playbooks/lookup.yml against the simulator.

The playbook asserts with ``ansible.builtin.assert``; the expected counts come from the
simulator's own tenant, so the test does not depend on the seed.
"""


import pytest

import dc1_e2e

dc1sim = pytest.importorskip("dc1sim")


def test_lookup_playbook(tmp_path):
    with dc1sim.Simulator(seed=3, now="2026-06-15") as sim:
        tenant = sim.tenant  # the admin key has system scope: it sees every object
        expected = {
            "expected_active": sum(1 for u in tenant["users"] if u["status"] == "ACTIVE"),
            "expected_accounts": len(tenant["accounts"]),
            "expected_organizations": len(tenant["organizations"]),
        }
        env = dc1_e2e.ansible_env(sim, tmp_path)
        proc = dc1_e2e.playbook("lookup.yml", env, tmp_path, extra_vars=expected, check=False)
        requests = sim.requests()
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "failed=0" in output and "rescued=1" in output
    assert sim.api_key not in output
    assert expected["expected_active"] > 3
    # status=active went to the server, not filtered on the controller
    assert any(r["path"] == "/account/api/v1/user" and "status=active" in r["query"] for r in requests)
