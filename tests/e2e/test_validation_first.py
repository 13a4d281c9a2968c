# -*- coding: utf-8 -*-
"""Options and the host selection are checked before any account is read, whatever ``--limit`` says.

Over the account hosts of a cached digicert.one.dc1 inventory (as AWX runs it after an inventory sync), so that the
inventory itself costs no request: a run that stops at validation must not have sent a single one.
"""

import pytest

import dc1_e2e

dc1sim = pytest.importorskip("dc1sim")

SIZES = dict(accounts=3, users=6, service_users=2, organizations=2, audit_events=20, mpki_certificates=6)


@pytest.fixture(scope="module")
def sim():
    with dc1sim.Simulator(seed=8, now=dc1_e2e.NOW, **SIZES) as server:
        yield server


@pytest.fixture
def cached(sim, tmp_path):
    """``(inventory source, environment, account hosts)`` with the inventory in its cache, the request log reset."""
    source = tmp_path / "tenant.dc1.yml"
    source.write_text("plugin: digicert.one.dc1\nreference_time: '%s'\ncache: true\ncache_plugin: ansible.builtin.jsonfile\n"
                      "cache_timeout: 0\ncache_connection: %s\n" % (dc1_e2e.NOW, tmp_path / "inventory-cache"))
    env = dc1_e2e.ansible_env(sim, tmp_path, DC1_REFERENCE_TIME=dc1_e2e.NOW, DC1_REPORT_DIR=str(tmp_path / "reports"),
                              ANSIBLE_INVENTORY_UNPARSED_FAILED="true")
    listed = dc1_e2e.run("ansible-inventory", ["-i", str(source), "--graph"], env, tmp_path)
    hosts = sorted(set(line.strip(" |-") for line in listed.stdout.splitlines() if "@" not in line and line.strip()))
    assert len(hosts) == len(sim.tenant["accounts"]), listed.stdout
    sim.reset()
    return str(source), env, hosts


def playbook(cached, name, limit, **env):
    source, base, _hosts = cached
    return dc1_e2e.run("ansible-playbook", ["-i", source, "digicert.one." + name, "--limit", limit],
                       dict(base, **env), ".", check=False)


@pytest.mark.parametrize("name,variable,value,message", [
    ("audit", "DC1_FAIL_ON", "hihg", "fail_on: 'hihg' is not one of"),
    ("drift", "DC1_DRIFT_FAIL_ON", "new_admin", "fail_on: unknown value 'new_admin'"),
])
def test_a_typo_under_limit_fails_before_any_request(sim, cached, name, variable, value, message):
    proc = playbook(cached, name, cached[2][1], DC1_HOSTS="all", **{variable: value})
    assert proc.returncode == 2, proc.stdout[-3000:]
    assert message in proc.stdout + proc.stderr
    assert sim.stats()["total"] == 0, "validation must run before any account is read"


@pytest.mark.parametrize("name", ["audit", "drift", "gather"])
def test_a_selection_that_the_limit_empties_fails_before_any_request(sim, cached, name):
    """DC1_HOSTS=localhost (the default) with --limit naming an account host: nothing would be audited."""
    proc = playbook(cached, name, cached[2][0])
    assert proc.returncode == 2, proc.stdout[-3000:]
    assert "no host of 'localhost' is left by --limit" in proc.stdout
    assert sim.stats()["total"] == 0
