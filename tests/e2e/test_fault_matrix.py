# -*- coding: utf-8 -*-
"""The fault matrix of docs/reliability.md, in process: every fault x every entry point.

Each entry point is the real code a user's task runs -- a module's ``run(module, client)``, the lookup
plugin's ``run``, the inventory plugin's ``parse`` -- with the real ``DC1Client`` talking HTTPS to an
in-process simulator that injects one fault. The outcome must be one of:

* ``complete``: exactly the data a fault-free read returns (which is itself checked against the tenant);
* ``error``: a ``DC1Error`` (or the plugin's ``AnsibleError``) whose message names the method, the path and
  the status or cause;
* ``either`` (the paging lies: ``total`` drifting, empty or repeated pages): one of the two above --
  never a silently short or padded list.

The fault fires on the entry point's listing path (``TARGET``), on its 2nd request (a page in the middle)
unless the rule says otherwise, and every test checks that it really fired. Small ``retries``,
``retry_max_wait`` and ``timeout`` keep the retries fast.
"""

import json

import pytest
from ansible.errors import AnsibleError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import inventory_loader, lookup_loader

from ansible_collections.digicert.one.plugins.module_utils._http.client import DC1Client
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1Error
from ansible_collections.digicert.one.plugins.modules import (
    dc1_account_info,
    dc1_api_info,
    dc1_api_token_info,
    dc1_audit_log_info,
    dc1_certificate_info,
    dc1_client_certificate_info,
    dc1_facts,
    dc1_organization_info,
    dc1_role_info,
    dc1_user_info,
)

dc1sim = pytest.importorskip("dc1sim")

API = "/account/api/v1"
NOW = "2026-11-23"
SIZES = dict(accounts=2, users=10, service_users=3, organizations=4, audit_events=40, mpki_certificates=30)
# Small pages (many pages per listing), 2 retries, short waits: a retry costs milliseconds, a timeout 0.5 s.
CLIENT = {"page_size": 5, "retries": 2, "retry_max_wait": 0.05, "timeout": 0.5, "max_concurrency": 4}
TIMEOUT_SLEEP = 1.5  # the simulator's sleep for a read-timeout fault (> CLIENT timeout)


# ---------------------------------------------------------------------------------------------- faults ----
C, E, X = "complete", "error", "either"

# name -> (expected outcome, rule without path, fragments an error message must hold besides "GET" and the path)
FAULTS = {
    "429-retry-after-seconds": (C, {"kind": "429", "retry_after": "1"}, ()),
    "429-retry-after-http-date": (C, {"kind": "429", "retry_after": "http-date", "retry_after_seconds": 1}, ()),
    "429-storm-beyond-budget": (E, {"kind": "429", "retry_after": "0", "every": 1},
                                ("HTTP 429", "request_limit_exceeded", "gave up after 3 attempts")),
    "500": (E, {"kind": "500"}, ("HTTP 500", "internal_error")),
    "502": (C, {"kind": "502"}, ()),
    "503": (C, {"kind": "503"}, ()),
    "504": (C, {"kind": "504"}, ()),
    "503-storm-beyond-budget": (E, {"kind": "503", "every": 1}, ("HTTP 503", "service_unavailable", "gave up after 3")),
    "reset-before-body": (C, {"kind": "reset"}, ()),
    "reset-before-body-storm": (E, {"kind": "reset", "every": 1}, ("failed after 3 attempt(s)", "ConnectionError")),
    "reset-mid-body": (C, {"kind": "reset_mid_body"}, ()),
    "reset-mid-body-storm": (E, {"kind": "reset_mid_body", "every": 1}, ("failed after 3 attempt(s)",)),
    "read-timeout": (C, {"kind": "timeout", "seconds": TIMEOUT_SLEEP}, ()),
    "read-timeout-storm": (E, {"kind": "timeout", "seconds": TIMEOUT_SLEEP, "every": 1},
                           ("failed after 3 attempt(s)", "timed out")),
    "body-cut-short": (C, {"kind": "truncate"}, ()),
    "truncated-json": (C, {"kind": "truncated_json"}, ()),
    "truncated-json-storm": (E, {"kind": "truncated_json", "every": 1}, ("HTTP 200", "not valid JSON")),
    "html-page-200": (C, {"kind": "html"}, ()),
    "html-page-200-storm": (E, {"kind": "html", "every": 1}, ("HTTP 200", "not valid JSON", "text/html")),
    "html-page-502": (C, {"kind": "html", "code": 502}, ()),
    "html-page-500": (E, {"kind": "html", "code": 500}, ("HTTP 500", "500 Error")),
    "wrong-content-type": (C, {"kind": "content_type", "every": 1}, ()),
    "total-grows-during-paging": (X, {"kind": "total_drift", "delta": 1}, ()),
    "total-shrinks-during-paging": (X, {"kind": "total_drift", "delta": -1}, ()),
    "total-shrinks-by-pages": (X, {"kind": "total_drift", "delta": -9}, ()),
    "empty-page": (X, {"kind": "empty"}, ()),
    "same-item-on-two-pages": (X, {"kind": "duplicate"}, ()),
    "page-larger-than-asked": (C, {"kind": "oversize"}, ()),
}
# A storm of read timeouts costs 3 x timeout: proved on one module, the lookup and the inventory only.
SLOW = {"read-timeout-storm": ("dc1_user_info", "lookup", "inventory")}


# ----------------------------------------------------------------------------------------- entry points ----
class FakeModule:
    """What ``run(module, client)`` uses of an AnsibleModule."""

    check_mode = False

    def __init__(self, spec, **params):
        self.params = dict((k, v.get("default")) for k, v in spec.items())
        self.params.update(params)
        self.warnings = []

    def warn(self, msg):
        self.warnings.append(msg)


def _ids(items, field="id"):
    ids = [i[field] for i in items]
    assert len(ids) == len(set(ids)), "an object returned twice"
    return sorted(ids)


def _serials(items):
    """Trust Lifecycle certificates carry no id: the serial number is their identity."""
    return _ids(items, "serial_number")


def module_entry(mod, key, **params):
    def call(sim, tmp_path, monkeypatch):
        client = DC1Client(dict(CLIENT, base_url=sim.base_url, api_key=sim.api_key, ca_path=sim.ca_path))
        result = mod.run(FakeModule(mod.SPEC, **params), client)
        return key(result)
    return call


def roles_key(result):
    pairs = sorted((r["manager"], r["name"]) for r in result["roles"])
    assert sorted((m, r["name"]) for m, rs in result["roles_by_manager"].items() for r in rs) == pairs
    return pairs


def facts_key(result):
    facts = result["ansible_facts"]["dc1_facts"]
    assert facts["unavailable"] == {}
    listed = ("accounts", "users", "organizations", "api_tokens", "client_certificates")
    out = dict((r, _ids(facts[r])) for r in listed)
    out["audit"] = facts["audit"]  # the digest: counts, per-user activity, recent failures
    out["roles"] = sorted((r["manager"], r["name"]) for r in facts["roles"])
    out["summary"] = facts["summary"]
    return out


def lookup_entry(sim, tmp_path, monkeypatch):
    for key in ("DC_BASE", "DC_API_TOKEN", "DC_CA_PATH"):
        monkeypatch.delenv(key, raising=False)
    plugin = lookup_loader.get("digicert.one.dc1")
    items = plugin.run(["user", "audit_log"], variables={}, base_url=sim.base_url, api_key=sim.api_key,
                       ca_path=sim.ca_path, **CLIENT)
    return sorted(json.dumps(i, sort_keys=True) for i in items)


def inventory_entry(sim, tmp_path, monkeypatch):
    monkeypatch.setenv("DC_BASE", sim.base_url)
    monkeypatch.setenv("DC_API_TOKEN", sim.api_key)
    monkeypatch.setenv("DC_CA_PATH", sim.ca_path)
    source = tmp_path / "faults.dc1.yml"
    source.write_text("plugin: digicert.one.dc1\nreference_time: '%s'\n%s" % (
        NOW, "".join("%s: %s\n" % kv for kv in CLIENT.items())))
    plugin = inventory_loader.get("digicert.one.dc1")
    inventory = InventoryData()
    plugin.parse(inventory, DataLoader(), str(source), cache=False)
    hosts = dict((name, dict((k, v) for k, v in host.vars.items() if k.startswith("dc1_")))
                 for name, host in inventory.hosts.items())
    groups = dict((name, sorted(h.name for h in group.hosts)) for name, group in inventory.groups.items())
    return {"hosts": hosts, "groups": groups}


ENTRIES = {
    "dc1_user_info": (module_entry(dc1_user_info, lambda r: _ids(r["users"])), API + "/user"),
    "dc1_account_info": (module_entry(dc1_account_info, lambda r: _ids(r["accounts"])), API + "/account"),
    "dc1_organization_info": (module_entry(dc1_organization_info, lambda r: _ids(r["organizations"])),
                              API + "/organization"),
    "dc1_role_info": (module_entry(dc1_role_info, roles_key), API + "/role"),
    "dc1_audit_log_info": (module_entry(dc1_audit_log_info, lambda r: _ids(r["audit_logs"])), API + "/audit-log"),
    "dc1_api_token_info": (module_entry(dc1_api_token_info, lambda r: _ids(r["api_tokens"])),
                           API + "/api-access-token"),
    "dc1_client_certificate_info": (module_entry(dc1_client_certificate_info,
                                                 lambda r: _ids(r["client_certificates"])),
                                    API + "/client-auth-certificate"),
    "dc1_api_info": (module_entry(dc1_api_info, lambda r: _serials(r["list_items"]), product="mpki",
                                  path="certificate-search", all_pages=True), "/mpki/api/v1/certificate-search"),
    "dc1_certificate_info": (module_entry(dc1_certificate_info, lambda r: _serials(r["certificates"])),
                             "/mpki/api/v1/certificate-search"),
    "dc1_facts (facts role)": (module_entry(dc1_facts, facts_key, audit_window_days=3660), API + "/user"),
    "lookup": (lookup_entry, API + "/audit-log"),
    "inventory": (inventory_entry, API + "/organization"),
}


def tenant_view(name, tenant):
    """What each module must return, straight from the simulator's tenant (the admin key sees everything)."""
    roles = sorted((m, r["name"]) for m, rs in tenant["roles"].items() for r in rs)
    simple = {
        "dc1_user_info": _ids(tenant["users"]),
        "dc1_account_info": _ids(tenant["accounts"]),
        "dc1_organization_info": _ids(tenant["organizations"]),
        "dc1_role_info": roles,
        "dc1_audit_log_info": _ids(tenant["audit_events"]),
        "dc1_api_token_info": _ids(tenant["api_access_tokens"]),
        "dc1_client_certificate_info": _ids(tenant["client_auth_certificates"]),
        "dc1_api_info": _serials(tenant["mpki_certificates"]),
        "dc1_certificate_info": _serials(tenant["mpki_certificates"]),
    }
    return simple.get(name)


# ----------------------------------------------------------------------------------------------- tests ----
@pytest.fixture(scope="module")
def sim():
    # The rich profile: its /user honours limit/offset, so a fault on the second page of users can fire (the
    # documented /user returns everything in one answer; tests/e2e/test_audit_playbook.py covers that profile).
    with dc1sim.Simulator(seed=7, now=NOW, profile="rich", **SIZES) as server:
        yield server


@pytest.fixture(scope="module")
def baseline(sim, tmp_path_factory):
    """The fault-free result of every entry point, each checked against the tenant where it maps directly."""
    mp = pytest.MonkeyPatch()
    out = {}
    try:
        for name, (call, _target) in ENTRIES.items():
            sim.set_faults([])
            out[name] = call(sim, tmp_path_factory.mktemp("baseline"), mp)
            expected = tenant_view(name, sim.tenant)
            if expected is not None:
                assert out[name] == expected, name
    finally:
        mp.undo()
    t = sim.tenant
    assert out["dc1_facts (facts role)"]["users"] == _ids(t["users"])
    assert out["dc1_facts (facts role)"]["api_tokens"] == _ids(t["api_access_tokens"])
    assert len(out["lookup"]) == len(t["users"]) + len(t["audit_events"])
    assert len(out["inventory"]["hosts"]) == len(t["accounts"])
    return out


def cases():
    for fault in FAULTS:
        for entry in ENTRIES:
            if fault in SLOW and entry not in SLOW[fault]:
                continue
            yield pytest.param(fault, entry, id="%s/%s" % (fault, entry))


def error_text(exc):
    return "%s" % exc


@pytest.mark.parametrize("fault,entry", list(cases()))
def test_fault(sim, baseline, tmp_path, monkeypatch, fault, entry):
    outcome, rule, fragments = FAULTS[fault]
    call, target = ENTRIES[entry]
    rule = dict(rule, path=target)
    if not any(k in rule for k in ("every", "first")):
        rule["nth"] = [1] if target.endswith("/role") else [2]
    sim.set_faults([rule])  # also resets the rule's counters and sticky drifts
    try:
        try:
            got = call(sim, tmp_path, monkeypatch)
        except (DC1Error, AnsibleError) as exc:
            got, error = None, exc
        else:
            error = None
        fired = sim.stats()["faults_fired"]
    finally:
        sim.set_faults([])
    assert fired, "the fault never fired: the test proves nothing"
    if error is None:
        assert outcome in (C, X), "%s/%s: expected a failure, got data" % (fault, entry)
        assert got == baseline[entry], "%s/%s: data differs from a fault-free read (short, padded or changed)" % (
            fault, entry)
        return
    text = error_text(error)
    assert outcome in (E, X), "%s/%s: expected complete data, got: %s" % (fault, entry, text)
    assert "Traceback" not in text
    for fragment in ("GET", target) + tuple(fragments):
        assert fragment in text, "%s/%s: %r missing from the error: %s" % (fault, entry, fragment, text)
    assert sim.api_key not in text
