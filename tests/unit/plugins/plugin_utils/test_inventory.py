# -*- coding: utf-8 -*-
"""The inventory's naming, counting and grouping rules, and what it reads and caches."""

import itertools
import json

import pytest

from ansible_collections.digicert.one.plugins.plugin_utils import _inventory as inv
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError
from ansible_collections.digicert.one.plugins.module_utils._facts.summary import is_active, summarise

from dc1_fakes import TOKEN, make_client
import dc1_tenant as t


def test_safe_name():
    assert inv.safe_name("Acme Corp") == "acme_corp"
    assert inv.safe_name("  ACME corp! ") == "acme_corp"
    assert inv.safe_name("Bêta GmbH / Zürich") == "beta_gmbh_zurich"
    assert inv.safe_name("a:b,c[d]e") == "a_b_c_d_e"
    assert inv.safe_name("1001") == "1001"
    assert inv.safe_name("###") == ""


def test_host_names_collisions_get_id_prefix_whatever_the_order():
    accounts = [{"id": t.A2, "name": "ACME corp!"}, {"id": t.A1, "name": "Acme Corp"}, {"id": t.A3, "name": "Beta"}]
    expected = [("acme_corp_a1a1a1a1", t.A1), ("acme_corp_a2a2a2a2", t.A2), ("beta", t.A3)]
    for order in itertools.permutations(accounts):
        assert [(n, a["id"]) for n, a in inv.host_names(list(order))] == expected


def test_host_names_same_id_prefix_uses_whole_id_and_missing_values_fall_back_to_id():
    a = {"id": "abcdef01-0000-4000-8000-000000000001", "name": "X"}
    b = {"id": "abcdef01-0000-4000-8000-000000000002", "name": "x"}
    c = {"id": "cccccccc-0000-4000-8000-000000000003", "name": "!!"}
    names = [n for n, _account in inv.host_names([a, b, c])]
    assert names == ["cccccccc-0000-4000-8000-000000000003", "x_" + a["id"], "x_" + b["id"]]
    by_fid = inv.host_names([{"id": t.A1, "friendly_identifier": 1001}, {"id": t.A2}], "friendly_identifier")
    assert [n for n, _account in by_fid] == ["1001", t.A2]
    assert [n for n, _account in inv.host_names(t.ACCOUNTS, "id")] == [t.A1, t.A2, t.A3]
    with pytest.raises(DC1ConfigError, match="hostname_field"):
        inv.host_names([], "email")


def host(account, warning_days=30, **data):
    rows = summarise([account], data.get("users", []), t.NOW, warning_days, tokens=data.get("tokens"),
                     organizations=data.get("organizations"))
    return inv.host_facts(account, rows[account["id"]], data.get("tokens") is not None)


def test_account_facts_and_state_groups():
    facts = host(t.ACCOUNTS[0])
    assert facts["account_id"] == t.A1 and facts["account_name"] == "Acme Corp" and facts["active"] is True
    assert facts["service_period_to"] == "2026-12-10" and facts["days_to_service_end"] == 17
    assert inv.state_groups(facts, 30) == ["dc1_active", "dc1_service_ending"]
    assert inv.state_groups(facts, 16) == ["dc1_active"]
    ended = host(t.ACCOUNTS[2])
    assert inv.state_groups(ended, 30) == ["dc1_inactive", "dc1_service_ended"]
    unknown = host({"id": "x"})
    assert unknown["active"] is None and unknown["days_to_service_end"] is None
    assert inv.state_groups(unknown, 30) == []
    assert is_active({"status": "active"}) is True


def test_user_token_and_organization_counts():
    # U2 belongs to A1 (accounts) and A3 (primary_account_id): counted in both.
    a1 = host(t.ACCOUNTS[0], users=t.USERS)
    assert (a1["user_counts"], a1["user_count"], a1["service_user_count"]) == ({"ACTIVE": 1, "LOCKED": 1}, 2, 1)
    assert host(t.ACCOUNTS[2], users=t.USERS)["user_counts"] == {"LOCKED": 1}
    assert host(t.ACCOUNTS[1], users=t.USERS)["user_counts"] == {"ACTIVE": 1}
    tokens = [{"id": "a", "user_id": t.U1, "enabled": True, "expires_at": "2026-12-03T23:59:59Z"},
              {"id": "b", "user_id": t.U1, "enabled": False, "expires_at": "2026-11-25T23:59:59Z"},
              {"id": "c", "user_id": t.U2, "enabled": True, "expires_at": "2026-12-23T23:59:59Z"},
              {"id": "d", "user_id": t.U2, "enabled": True, "expires_at": "2026-11-20T23:59:59Z"},
              {"id": "e", "user_id": t.U2, "enabled": True, "expires_at": None},
              {"id": "f", "user_id": "unknown-user", "enabled": True, "expires_at": "2026-11-24T23:59:59Z"}]
    a1 = host(t.ACCOUNTS[0], users=t.USERS, tokens=tokens)
    assert (a1["api_token_count"], a1["tokens_expiring_soon"]) == (5, 2)  # a, c; not disabled b, expired d
    a3 = host(t.ACCOUNTS[2], users=t.USERS, tokens=tokens)
    assert (a3["api_token_count"], a3["tokens_expiring_soon"]) == (3, 1)
    assert host(t.ACCOUNTS[0], 29, users=t.USERS, tokens=tokens)["tokens_expiring_soon"] == 1
    orgs = inv.slim({"organizations": t.ORGANIZATIONS})["organizations"]
    assert [host(a, organizations=orgs)["organization_count"] for a in t.ACCOUNTS] == [2, 0, 1]


def test_build_hosts_prefix_and_without_tokens():
    data = inv.slim({"accounts": t.ACCOUNTS, "users": t.USERS, "organizations": t.ORGANIZATIONS, "api_tokens": None})
    hosts = inv.build_hosts(data, prefix="x_", now=t.NOW)
    assert [h["name"] for h in hosts] == ["acme_corp_a1a1a1a1", "acme_corp_a2a2a2a2", "beta_gmbh"]
    assert all(k.startswith("x_") for h in hosts for k in h["vars"])
    assert "x_api_token_count" not in hosts[0]["vars"]
    assert hosts[1]["vars"]["x_organization_count"] == 0 and hosts[1]["vars"]["x_user_count"] == 1
    assert inv.build_hosts(data, prefix="", now=t.NOW)[0]["vars"]["active"] is True
    with pytest.raises(DC1ConfigError, match="hostvar_prefix"):
        inv.build_hosts(data, prefix="dc1-")
    with pytest.raises(DC1ConfigError, match="expiry_warning_days"):
        inv.build_hosts(data, warning_days=-1)


def test_gather_reads_through_the_client_and_keeps_no_email_or_secret():
    client = make_client(t.handler)
    data = inv.gather(client, gather_tokens=True, now=t.NOW)
    paths = [c["path"] for c in client.session.calls]
    assert paths.count("/account/api/v1/api-access-token") == 3
    text = json.dumps(data)
    assert "example.com" not in text and "must-never-leak" not in text and TOKEN not in text
    assert {tok["id"]: tok["user_id"] for tok in data["api_tokens"]} == {"t1": t.U1, "t2": t.U1, "t3": t.U2}
    host = inv.build_hosts(data, now=t.NOW)[0]
    assert host["name"] == "acme_corp_a1a1a1a1"
    assert host["vars"]["dc1_api_token_count"] == 3 and host["vars"]["dc1_tokens_expiring_soon"] == 1
    assert host["vars"]["dc1_account"] == t.ACCOUNTS[0]
    assert host["groups"] == ["dc1_active", "dc1_service_ending"]


def test_gather_without_tokens_makes_no_token_requests():
    client = make_client(t.handler)
    data = inv.gather(client, gather_tokens=False)
    assert data["api_tokens"] is None
    assert not [c for c in client.session.calls if "api-access-token" in c["path"]]


def test_cache_entry_is_bound_to_host_and_credential_without_holding_the_key():
    ident = inv.source_identity("https://a.example", {"api_key": TOKEN})
    assert TOKEN not in json.dumps(ident)
    data = {"accounts": [], "users": [], "organizations": [], "api_tokens": []}
    entry = inv.cache_entry(data, ident)
    assert inv.from_cache(entry, ident, True) == data
    assert inv.from_cache(entry, inv.source_identity("https://b.example", {"api_key": TOKEN}), True) is None
    assert inv.from_cache(entry, inv.source_identity("https://a.example", {"api_key": "other-key"}), True) is None
    no_tokens = inv.cache_entry(dict(data, api_tokens=None), ident)
    assert inv.from_cache(no_tokens, ident, True) is None and inv.from_cache(no_tokens, ident, False) is not None
    assert inv.from_cache(None, ident, False) is None and inv.from_cache({"version": 0}, ident, False) is None
    cert = inv.source_identity("https://a.example", {"client_cert": "/p/c.pem"})
    assert cert["credential"] == "cert:/p/c.pem"
