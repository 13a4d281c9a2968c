# -*- coding: utf-8 -*-
"""The inventory plugin end to end: the real ``ansible-inventory`` against the simulator.

The inventory's hosts, groups, counts, cache and a play over its account hosts are the integration target
tests/integration/targets/inventory_dc1 (on every ansible-core). Here: ``test_list_matches_golden`` compares
``ansible-inventory -i inventory/tenant.dc1.yml --list``
with ``inventory/tenant.golden.json``. The simulator runs in-process with a fixed seed and
``now`` (SEED, NOW below) and the source fixes ``reference_time``, so the output does not
depend on the day, the port or the random API key. ``{"__ansible_unsafe": x}`` markers are
unwrapped on both sides, so the file does not depend on how an ansible-core version marks
untrusted strings.

After an intended change of the plugin's output (or of the simulator's tenant), regenerate
the golden file and review its diff:

    DC1_REGENERATE_GOLDEN=1 pytest tests/e2e/test_inventory_source.py
"""

import copy
import json
import os

import pytest

import dc1_e2e

dc1sim = pytest.importorskip("dc1sim")

SEED, NOW = 1, "2026-06-15"
HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "inventory", "tenant.dc1.yml")
GOLDEN = os.path.join(HERE, "inventory", "tenant.golden.json")


@pytest.fixture(scope="module")
def sim():
    with dc1sim.Simulator(seed=SEED, now=NOW) as server:
        yield server


def ansible_env(server, tmp_path):
    return dc1_e2e.ansible_env(server, tmp_path, ANSIBLE_INVENTORY_UNPARSED_FAILED="1",
                               ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED="1")


def run(tool, args, env, cwd):
    return dc1_e2e.run(tool, args, env, cwd).stdout


def test_list_matches_golden(sim, tmp_path):
    out = dc1_e2e.unwrap(json.loads(run("ansible-inventory", ["-i", SOURCE, "--list"], ansible_env(sim, tmp_path), tmp_path)))
    text = json.dumps(out, indent=2, sort_keys=True) + "\n"
    assert sim.api_key not in text and str(sim.port) not in text
    if os.environ.get("DC1_REGENERATE_GOLDEN"):
        with open(GOLDEN, "w") as handle:
            handle.write(text)
        pytest.skip("golden file regenerated: review `git diff %s`" % os.path.relpath(GOLDEN))
    with open(GOLDEN) as handle:
        golden = json.load(handle)
    assert out == golden, "inventory differs from %s; if intended, regenerate (see module docstring)" % GOLDEN
    # The planted accounts land where the simulator planted them.
    assert "planted_ending_account" in out["dc1_service_ending"]["hosts"]
    assert out["_meta"]["hostvars"]["wonka_account_1"]["dc1_tokens_expiring_soon"] >= 1


def test_graph_groups_accounts_by_state(sim, tmp_path):
    tenant = copy.deepcopy(sim.tenant)  # every generated account is active: switch one off
    tenant["accounts"][1]["active"] = False
    with dc1sim.Simulator(tenant=tenant) as other:
        graph = run("ansible-inventory", ["-i", SOURCE, "--graph"], ansible_env(other, tmp_path), tmp_path)
    groups, current = {}, None
    for line in graph.splitlines():
        name = line.strip(" |-")
        if name.startswith("@"):
            current = groups.setdefault(name[1:].rstrip(":"), [])
        elif current is not None and name:
            current.append(name)
    assert groups["dc1_inactive"] == ["hooli_account_2"]
    assert "hooli_account_2" not in groups["dc1_active"] and len(groups["dc1_active"]) == 5
    assert groups["dc1_service_ending"] == ["planted_ending_account"]
