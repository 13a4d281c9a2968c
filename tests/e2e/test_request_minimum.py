# -*- coding: utf-8 -*-
"""The whole-tenant gathering at the request minimum on every list shape the API may use.

The gatherer runs in process with the real client against the simulator; the simulator's request log says what
was asked. On each shape: no request twice, and at most one request per endpoint path beyond the minimum (what a
client that knew the answers in advance would have to ask).
"""

import math

import pytest

import dc1_e2e

from ansible_collections.digicert.one.plugins.module_utils._http.client import DC1Client
from ansible_collections.digicert.one.plugins.module_utils._dates import parse_instant
from ansible_collections.digicert.one.plugins.module_utils._facts.gatherer import gather

dc1sim = pytest.importorskip("dc1sim")

API = "/account/api/v1"
SIZES = dict(accounts=3, users=150, service_users=40, organizations=120, audit_events=450, mpki_certificates=60)
LISTS = ("user", "account", "organization", "audit-log", "api-access-token", "client-auth-certificate")
SHAPES = {
    "documented": {},
    "seed-server": {"profile": "seed-server"},
    "all-envelopes": {"profile": "rich", "envelope": dict((ep, "envelope") for ep in LISTS)},
}
CONCURRENCY = 8


def minimum(tenant, audit_from, shape):
    """Requests per path a client that knew every answer would send (page cap 100, limit 100)."""
    def pages(n, whole_list=False):
        return 1 if whole_list else max(1, math.ceil(n / 100))
    users = len(tenant["users"])
    audit = len([e for e in tenant["audit_events"] if e["timestamp"][:10] >= audit_from])
    return {
        API + "/account": pages(len(tenant["accounts"])),
        API + "/user": pages(users, whole_list=shape != "all-envelopes"),  # the documented /user: one answer
        API + "/organization": pages(len(tenant["organizations"])),
        API + "/role": 1,
        API + "/audit-log": pages(audit),
        API + "/api-access-token": users,
        # an endpoint absent for every user: the first wave tells, the others are not asked
        API + "/client-auth-certificate": CONCURRENCY if shape == "seed-server" else users,
    }


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_gathering_a_tenant_costs_the_minimum_plus_at_most_one_per_path(shape):
    with dc1sim.Simulator(seed=21, now=dc1_e2e.NOW, page_cap=100, **dict(SIZES, **SHAPES[shape])) as sim:
        client = DC1Client({"base_url": sim.base_url, "api_key": sim.api_key, "ca_path": sim.ca_path,
                            "max_concurrency": CONCURRENCY, "retries": 0})
        facts = gather(client, audit_window_days=30, resources=["accounts", "users", "organizations", "roles",
                                                                "api_tokens", "client_certificates", "audit"],
                       now=parse_instant(dc1_e2e.NOW))
        assert len(facts["users"]) == len(sim.tenant["users"])
        asked = [(e["path"], e["query"]) for e in sim.requests()]
        assert len(asked) == len(set(asked)), "a request was sent twice"
        counts = {}
        for path, _query in asked:
            counts[path] = counts.get(path, 0) + 1
        for path, least in minimum(sim.tenant, facts["audit_from"], shape).items():
            assert least <= counts.get(path, 0) <= least + 1, (shape, path, counts.get(path), least)
