# -*- coding: utf-8 -*-
"""``ansible-playbook digicert.one.drift`` against a simulator whose tenant changes between two runs.

The previous snapshot comes from where users keep it: the fact cache (ansible.builtin.jsonfile, as AAP's
use_fact_cache) on the account hosts of the dc1 inventory, or a snapshot file on localhost. Between the runs the
tenant gains an admin and an API token, loses a user and disables another; the drift must be exactly those four.
"""

import json
import re
import shutil

import pytest

import dc1_e2e

dc1sim = pytest.importorskip("dc1sim")

COMPARE_TASK = "TASK [Compare with the previous snapshot and write drift.json and drift.md]"


@pytest.fixture
def sim():
    with dc1sim.Simulator(seed=11, now=dc1_e2e.NOW) as server:
        yield server


def change_tenant(sim):
    """A new admin with a new token, a removed user and a disabled user; returns their ids."""
    tenant = sim.tenant
    owners = set(t["user_id"] for t in tenant["api_access_tokens"]) | set(
        c["user_id"] for c in tenant["client_auth_certificates"])
    # Users without credentials and of one account, so the change is exactly one object each.
    plain = [u for u in tenant["users"] if u["id"] not in owners and u["status"] == "ACTIVE"
             and u["user_type"] == "standard" and len(u.get("accounts") or []) == 1]
    removed, disabled = plain[0], plain[1]
    account = tenant["accounts"][0]["id"]
    admin = sim.change_tenant([{"op": "add_user", "user": {"email": "new.admin@example.com", "user_name": "new.admin",
                                                           "accounts": [account], "roles": ["AM_ACCOUNT_ADMIN"]}}])[0]["id"]
    token = sim.change_tenant([
        {"op": "add_token", "token": {"user_id": admin, "name": "new-token", "end_date": "2026-12-31"}},
        {"op": "remove_user", "id": removed["id"]},
        {"op": "update_user", "id": disabled["id"], "set": {"status": "DISABLED"}},
    ])[0]["id"]
    return {"admin": admin, "token": token, "removed": removed["id"], "disabled": disabled["id"]}


def drift(sim, tmp_path, reports, args=(), check=True, **env):
    env = dc1_e2e.ansible_env(sim, tmp_path, DC1_REPORT_DIR=str(reports), DC1_REFERENCE_TIME=dc1_e2e.NOW, **env)
    # A generous timeout: a run over six account hosts on a loaded 2-core machine takes minutes, not seconds.
    proc = dc1_e2e.run("ansible-playbook", ["digicert.one.drift"] + list(args), env, tmp_path, check=check,
                       timeout=600)
    assert sim.api_key not in proc.stdout + proc.stderr
    return proc


def compare_status(proc):
    """The status words of the compare task's hosts: {'changed'} when it drifted, {'ok'} when not."""
    section = proc.stdout.split(COMPARE_TASK, 1)[1].split("TASK [", 1)[0]
    return set(re.findall(r"^(ok|changed|fatal|skipping): ", section, re.M))


def assert_exactly_the_four(report, ids):
    def ids_of(resource, kind):
        return [e["id"] for e in report["drift"][resource][kind]]

    assert ids_of("users", "added") == [ids["admin"]]
    assert ids_of("users", "removed") == [ids["removed"]]
    assert ids_of("users", "changed") == [ids["disabled"]]
    assert report["drift"]["users"]["changed"][0]["fields"] == {"status": {"before": "ACTIVE", "after": "DISABLED"}}
    assert ids_of("api_tokens", "added") == [ids["token"]]
    others = [(r, k) for r, d in report["drift"].items() for k in ("added", "removed", "changed") if d[k]]
    assert sorted(others) == [("api_tokens", "added"), ("users", "added"), ("users", "changed"), ("users", "removed")]
    signals = report["signals"]
    assert [e["id"] for e in signals["new_admins"]] == [ids["admin"]]
    assert [e["id"] for e in signals["new_api_tokens"]] == [ids["token"]]
    assert signals["new_api_tokens"][0]["owner"] == "new.admin"
    assert [e["id"] for e in signals["removed_users"]] == [ids["removed"]]
    assert [e["id"] for e in signals["status_changes"]] == [ids["disabled"]]
    assert signals["role_changes"] == []
    assert report["counts"]["total"] == 4 and report["changed"] is True
    assert report["not_compared"] == {}


def inventory(tmp_path):
    source = tmp_path / "tenant.dc1.yml"
    source.write_text('plugin: digicert.one.dc1\nreference_time: "%s"\n' % dc1_e2e.NOW)
    return str(source)


def test_account_hosts_compare_with_the_fact_cache(sim, tmp_path):
    cache = tmp_path / "cache"
    reports = tmp_path / "reports"
    args = ["-i", inventory(tmp_path), "-e", "dc1_hosts=all"]
    # Timeout 0: never expires (the clock-shifted CI run must not depend on cache ages).
    env = {"ANSIBLE_CACHE_PLUGIN": "ansible.builtin.jsonfile", "ANSIBLE_CACHE_PLUGIN_TIMEOUT": "0",
           "ANSIBLE_INVENTORY_UNPARSED_FAILED": "1"}

    first = drift(sim, tmp_path, reports, args, ANSIBLE_CACHE_PLUGIN_CONNECTION=str(cache), **env)
    assert compare_status(first) == {"ok"}
    report = json.loads((reports / "drift.json").read_text())
    assert report["changed"] is False and report["snapshots"]["before"] is None
    assert len(report["hosts_not_compared"]) == len(sim.tenant["accounts"])

    second = drift(sim, tmp_path, reports, args, ANSIBLE_CACHE_PLUGIN_CONNECTION=str(cache), **env)
    assert compare_status(second) == {"ok"}, "an unchanged tenant is changed: false"
    report = json.loads((reports / "drift.json").read_text())
    assert report["changed"] is False and report["counts"]["total"] == 0 and report["not_compared"] == {}
    assert "hosts_not_compared" not in report and len(report["snapshots"]["after"]["hosts"]) == 6

    ids = change_tenant(sim)
    gated_cache = tmp_path / "cache-gated"
    shutil.copytree(str(cache), str(gated_cache))  # the same previous snapshots for the gated run

    third = drift(sim, tmp_path, reports, args + ["--diff"], ANSIBLE_CACHE_PLUGIN_CONNECTION=str(cache), **env)
    assert compare_status(third) == {"changed"}
    report = json.loads((reports / "drift.json").read_text())
    assert_exactly_the_four(report, ids)
    # As ansible.utils.fact_diff shows it: the field under its object, added and removed objects in diffs apart.
    changed = third.stdout.split("--- before: users changed", 1)[1].split("--- before:", 1)[0]
    assert re.search(r'^ +"%s \[%s\]": \{\n- +"status": "ACTIVE"\n\+ +"status": "DISABLED"' % (
        re.escape(report["drift"]["users"]["changed"][0]["name"]), ids["disabled"]), changed, re.M), changed
    assert "+++ after: users added" in third.stdout and "--- before: users removed" in third.stdout
    markdown = (reports / "drift.md").read_text()
    assert "4 change(s) since" in markdown and "new.admin" in markdown
    html = (reports / "compliance.html").read_text()
    assert 'id="drift"' in html and "new-token" in html

    gated_reports = tmp_path / "gated"
    gated = drift(sim, tmp_path, gated_reports, args, check=False, ANSIBLE_CACHE_PLUGIN_CONNECTION=str(gated_cache),
                  DC1_DRIFT_FAIL_ON="new_admins,role_changes", **env)
    assert gated.returncode == 2, gated.stdout[-3000:]
    assert gated.stdout.count("drift gate fail_on=new_admins,role_changes: 1 new_admins") == 1  # printed once
    # Exactly the host whose account holds the drift fails (the new admin is of the first account).
    listed = json.loads(dc1_e2e.run("ansible-inventory", ["-i", args[1], "--list"], dict(
        dc1_e2e.ansible_env(sim, tmp_path), **env), tmp_path).stdout)["_meta"]["hostvars"]
    holder = [h for h, v in listed.items() if dc1_e2e.unwrap(v)["dc1_account_id"] == sim.tenant["accounts"][0]["id"]]
    recap = gated.stdout[gated.stdout.rindex("PLAY RECAP"):]
    failed = sorted(re.findall(r"^(\S+)\s+: .* failed=[1-9]", recap, re.M))
    assert failed == holder, recap
    assert_exactly_the_four(json.loads((gated_reports / "drift.json").read_text()), ids)
    assert 'id="drift"' in (gated_reports / "compliance.html").read_text(), "the HTML is written when the gate fails"


def test_localhost_compares_with_a_snapshot_file(sim, tmp_path):
    snapshot = tmp_path / "previous.json"
    reports = tmp_path / "reports"
    first = drift(sim, tmp_path, reports, DC1_DRIFT_SNAPSHOT=str(snapshot))
    assert compare_status(first) == {"ok"} and "no previous snapshot" in first.stdout
    assert json.loads(snapshot.read_text())["schema"] == 2

    ids = change_tenant(sim)
    gated = drift(sim, tmp_path, reports, check=False, DC1_DRIFT_SNAPSHOT=str(snapshot), DC1_DRIFT_FAIL_ON="ANY")
    assert gated.returncode == 2 and "drift gate fail_on=any: 4 any." in gated.stdout
    assert_exactly_the_four(json.loads((reports / "drift.json").read_text()), ids)
    assert "--- before: users" not in gated.stdout, "no diff without --diff"

    unchanged = drift(sim, tmp_path, reports, DC1_DRIFT_SNAPSHOT=str(snapshot), DC1_DRIFT_FAIL_ON="any")
    assert compare_status(unchanged) == {"ok"}
    assert json.loads((reports / "drift.json").read_text())["changed"] is False


def test_a_typo_in_fail_on_fails_before_any_request(sim, tmp_path):
    sim.reset()
    proc = drift(sim, tmp_path, tmp_path / "reports", check=False, DC1_DRIFT_FAIL_ON="new_admin")
    assert proc.returncode == 2 and "fail_on: unknown value 'new_admin'" in proc.stdout
    assert sim.stats()["total"] == 0
