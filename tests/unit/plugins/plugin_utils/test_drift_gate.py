# -*- coding: utf-8 -*-
"""Which hosts the drift gate fails: those whose account holds what reached it."""

from drift_fixture import A1, A2, BEFORE, later, token, user

from ansible_collections.digicert.one.plugins.plugin_utils._drift.engine import compare, gate, with_hosts_not_compared
from ansible_collections.digicert.one.plugins.plugin_utils._drift.gate import failing_hosts


def drifted():
    """carol (acc-2) removed, bob (acc-1) disabled, erin (acc-1) and her token added."""
    after = later(BEFORE)
    after["users"] = [u for u in after["users"] if u["id"] != "carol"] + [user("erin")]
    after["users"][1]["status"] = "DISABLED"
    after["api_tokens"].append(token("t-erin", "erin"))
    return compare(BEFORE, after)


HOSTS = {"one": {A1}, "two": {A2}, "three": {"acc-3"}}


def test_only_the_hosts_that_hold_the_drift_fail():
    report = drifted()
    new_tokens = failing_hosts(report, gate(report, ["new_api_tokens"]), HOSTS, {A1: "Acme"})
    assert new_tokens == {"one": {"matched": {"new_api_tokens": 1},
                                  "msg": "account Acme drifted (fail_on=new_api_tokens): 1 new_api_tokens"}}
    removed = failing_hosts(report, gate(report, ["removed"]), HOSTS)
    assert sorted(removed) == ["two"]
    anything = failing_hosts(report, gate(report, ["any"]), HOSTS)
    assert sorted(anything) == ["one", "two"] and anything["one"]["matched"] == {"any": 3}


def test_a_whole_tenant_host_holds_everything_and_a_host_without_facts_only_its_absence():
    report = drifted()
    assert failing_hosts(report, gate(report, ["any"]), {"localhost": set()})["localhost"]["matched"] == {"any": 4}
    report = with_hosts_not_compared(report, {"three": "no previous snapshot"})
    hosts = dict(HOSTS, three=None)
    failing = failing_hosts(report, gate(report, ["users", "not_compared"]), hosts)
    assert failing["three"]["matched"] == {"not_compared": 1} and "users" in failing["one"]["matched"]
