# -*- coding: utf-8 -*-
"""An inventory of facts: one host per account, gathered in parallel, sliced, cached, audited as a whole.

Real ``ansible-playbook`` runs over the ``digicert.one.dc1`` inventory against the simulator (its default,
documented profile), forks 5, with the jsonfile fact cache so each host's ``dc1_facts`` can be read back.
"""

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

import dc1_e2e

dc1sim = pytest.importorskip("dc1sim")

SIZES = dict(accounts=4, users=30, service_users=8, organizations=8, audit_events=200, mpki_certificates=40)


@pytest.fixture(scope="module")
def sim():
    with dc1sim.Simulator(seed=12, now=dc1_e2e.NOW, **SIZES) as server:
        yield server


def setup(sim, tmp_path, cache_dir, **extra):
    source = tmp_path / "tenant.dc1.yml"
    source.write_text("plugin: digicert.one.dc1\nreference_time: '%s'\n" % dc1_e2e.NOW)
    env = dc1_e2e.ansible_env(sim, tmp_path, DC1_REFERENCE_TIME=dc1_e2e.NOW, DC1_HOSTS="all",
                              ANSIBLE_CACHE_PLUGIN="ansible.builtin.jsonfile",
                              ANSIBLE_CACHE_PLUGIN_CONNECTION=str(cache_dir),
                              ANSIBLE_CACHE_PLUGIN_TIMEOUT="0", ANSIBLE_INVENTORY_UNPARSED_FAILED="true", **extra)
    return source, env


def cached_facts(cache_dir):
    """``{host: dc1_facts}`` from the jsonfile fact cache (one JSON file per host).

    ansible-core 2.19+ names the files ``s<schema>_<host>`` and wraps the facts as a JSON string in
    ``__payload__``; older cores write the facts themselves under the host name.
    """
    out = {}
    for name in os.listdir(str(cache_dir)):
        with open(os.path.join(str(cache_dir), name)) as handle:
            facts = json.load(handle)
        if "__payload__" in facts:
            facts = json.loads(facts["__payload__"])
        if "dc1_facts" in facts:
            out[re.sub(r"^s[0-9]+_", "", name)] = facts["dc1_facts"]
    return out


def members(tenant, account_id):
    users = [u for u in tenant["users"] if account_id in [a["id"] for a in u["accounts"]]]
    ids = set(u["id"] for u in users)
    return {
        "users": sorted(ids),
        "organizations": sorted(o["id"] for o in tenant["organizations"] if o["account"]["id"] == account_id),
        "api_tokens": sorted(t["id"] for t in tenant["api_access_tokens"] if t["user_id"] in ids),
        "client_certificates": sorted(c["id"] for c in tenant["client_auth_certificates"] if c["user_id"] in ids),
    }


def comparable(facts):
    return dict((r, sorted(o["id"] for o in facts[r])) for r in ("users", "organizations", "api_tokens",
                                                                 "client_certificates"))


def test_each_account_host_holds_exactly_its_account(sim, tmp_path):
    cache = tmp_path / "facts-cache"
    source, env = setup(sim, tmp_path, cache)
    sim.reset()
    dc1_e2e.run("ansible-playbook", ["-i", str(source), "digicert.one.gather", "-f", "5"], env, tmp_path)
    facts = cached_facts(cache)
    assert len(facts) == len(sim.tenant["accounts"])
    for host, host_facts in facts.items():
        (account_id,) = host_facts["account_ids"]
        assert [a["id"] for a in host_facts["accounts"]] == [account_id]
        assert comparable(host_facts) == members(sim.tenant, account_id), host
        assert set(host_facts["audit"]["accounts"]) <= {account_id}
        assert host_facts["unavailable"] == {} and host_facts["filtered_locally"] == {}
        assert host_facts["roles"]  # the lists every account shares, read once for the play
    paths = [e["path"] for e in sim.requests()]
    assert paths.count("/account/api/v1/role") == 1
    # No request twice, but one: the tokens and certificates of a user of several accounts belong to each of
    # them, so each of those account hosts reads them (docs/performance.md counts them).
    shared = set(u["id"] for u in sim.tenant["users"] if len(u["accounts"]) > 1)
    asked = [(e["path"], e["query"]) for e in sim.requests()]
    twice = sorted(set(a for a in asked if asked.count(a) > 1 and not any("user_id=%s" % i in a[1] for i in shared)))
    assert not twice, "requests sent twice: %s" % twice
    # the inventory's listing (and its one probe of a short bare page); the hosts reuse its account objects
    assert paths.count("/account/api/v1/account") <= 2


def test_two_slices_together_hold_exactly_the_facts_of_one_run(sim, tmp_path):
    whole_cache, slice_cache = tmp_path / "whole", tmp_path / "slices"
    source, env = setup(sim, tmp_path, whole_cache)
    dc1_e2e.run("ansible-playbook", ["-i", str(source), "digicert.one.gather", "-f", "5"], env, tmp_path)
    hosts = sorted(cached_facts(whole_cache))
    _source, slice_env = setup(sim, tmp_path, slice_cache)
    halves = [",".join(hosts[:len(hosts) // 2]), ",".join(hosts[len(hosts) // 2:])]
    procs = [subprocess.Popen([os.path.join(dc1_e2e.BIN, "ansible-playbook"), "-i", str(source), "--limit", half,
                               "digicert.one.gather"], env=slice_env, cwd=str(tmp_path), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for half in halves]  # two processes at once
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, out + err
    whole, sliced = cached_facts(whole_cache), cached_facts(slice_cache)
    assert sorted(sliced) == hosts
    assert dict((h, comparable(f)) for h, f in sliced.items()) == dict((h, comparable(f)) for h, f in whole.items())


def test_audit_over_account_hosts_writes_one_set_of_reports_and_cached_facts_reload_without_a_request(sim, tmp_path):
    cache, reports = tmp_path / "cache", tmp_path / "reports"
    inventory_cache = tmp_path / "inventory-cache"
    source, env = setup(sim, tmp_path, cache, DC1_REPORT_DIR=str(reports))
    source.write_text(source.read_text() + "cache: true\ncache_plugin: ansible.builtin.jsonfile\ncache_timeout: 0\n"
                      "cache_connection: %s\n" % inventory_cache)
    proc = dc1_e2e.run("ansible-playbook", ["-i", str(source), "digicert.one.audit", "-f", "5"], env, tmp_path,
                       check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    report = json.loads((reports / "compliance.json").read_text())
    assert sorted(a["id"] for a in report["accounts"]) == sorted(a["id"] for a in sim.tenant["accounts"])
    junit = ET.parse(str(reports / "compliance.junit.xml")).getroot()
    tenant_wide = [""] if any(not f["account_id"] for f in report["findings"]) else []  # profiles: no account holds them
    assert sorted(s.get("id") for s in junit.findall("testsuite")) == sorted(
        [a["id"] for a in sim.tenant["accounts"]] + tenant_wide)
    planted = {p["object_id"] for p in sim.detectable_planted() if p["object_type"] in ("user", "api_access_token")}
    assert planted <= {f["object_id"] for f in report["findings"]}

    sim.reset()
    again = dc1_e2e.run("ansible-playbook", ["-i", str(source), "digicert.one.audit"], dict(env, DC1_REUSE_FACTS="true"),
                        tmp_path, check=False)
    assert again.returncode == 0, again.stdout[-3000:]
    assert sim.stats()["total"] == 0, "cached facts (and the cached inventory) must not cost a request"
    assert json.loads((reports / "compliance.json").read_text())["counts"] == report["counts"]

    gated = dc1_e2e.run("ansible-playbook", ["-i", str(source), "digicert.one.audit"],
                        dict(env, DC1_REUSE_FACTS="true", DC1_FAIL_ON="HIGH"), tmp_path, check=False)
    assert gated.returncode == 2 and gated.stdout.count("compliance gate fail_on=high") == 1
    failure_lines = [line for line in gated.stdout.splitlines() if "FAILED!" in line]
    assert failure_lines and all(len(line) < 2000 for line in failure_lines)  # one line each, not the evaluation


def test_a_pattern_that_matches_no_host_fails_instead_of_passing(sim, tmp_path):
    source, env = setup(sim, tmp_path, tmp_path / "cache")
    proc = dc1_e2e.run("ansible-playbook", ["-i", str(source), "digicert.one.audit"], dict(env, DC1_HOSTS="no_such"),
                       tmp_path, check=False)
    assert proc.returncode != 0 and "no host matches 'no_such'" in proc.stdout
