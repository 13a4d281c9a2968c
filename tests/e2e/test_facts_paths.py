# -*- coding: utf-8 -*-
"""dc1_facts behaves alike whichever path of its action runs it: in ansible-playbook's process, or as the module
(every ``async`` task). Both reuse what the play read once (roles: not asked again by any host) and return the same
facts, on account hosts of the ``digicert.one.dc1`` inventory against the simulator."""

import json

import pytest

import dc1_e2e

dc1sim = pytest.importorskip("dc1sim")

SIZES = dict(accounts=3, users=12, service_users=3, organizations=3, audit_events=40, mpki_certificates=30)


def comparable(facts):
    return dict((k, v) for k, v in facts.items() if k != "collected_at")


def test_the_module_path_and_the_in_process_path_return_the_same_facts(tmp_path):
    source = tmp_path / "tenant.dc1.yml"
    source.write_text("plugin: digicert.one.dc1\nreference_time: '%s'\n" % dc1_e2e.NOW)
    out = tmp_path / "facts"
    out.mkdir()
    with dc1sim.Simulator(seed=5, now=dc1_e2e.NOW, **SIZES) as sim:
        env = dc1_e2e.ansible_env(sim, tmp_path, ANSIBLE_INVENTORY_UNPARSED_FAILED="true")
        dc1_e2e.playbook("facts_paths.yml", env, tmp_path, args=["-i", str(source), "-f", "3"],
                         extra_vars={"dc1_e2e_now": dc1_e2e.NOW, "dc1_e2e_dir": str(out)})
        roles = [e for e in sim.requests() if e["path"].endswith("/role")]
        accounts = sim.tenant["accounts"]
    assert len(roles) == 1  # read once by the tenant-wide task: neither path asked again
    hosts = sorted(set(p.name.split(".")[0] for p in out.iterdir()))
    assert len(hosts) == len(accounts)
    for host in hosts:
        in_process = json.loads((out / (host + ".in-process.json")).read_text())
        module = json.loads((out / (host + ".module.json")).read_text())
        assert comparable(in_process) == comparable(module), host
        assert in_process["roles"] and len(in_process["account_ids"]) == 1
