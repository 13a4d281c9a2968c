# -*- coding: utf-8 -*-
"""The lookup through Ansible's loader and option handling; HTTP is faked."""

import os
import sys

import pytest
import yaml
from ansible.errors import AnsibleLookupError
from ansible.plugins.loader import lookup_loader

from ansible_collections.digicert.one.plugins.plugin_utils import _lookup as lookup_data
from ansible_collections.digicert.one.plugins.module_utils._connection import CONNECTION_OPTIONS

from dc1_fakes import TOKEN, make_client, response
import dc1_tenant as t


@pytest.fixture
def lookup(monkeypatch):
    """``lookup(terms, handler=..., **kwargs)`` -> items; the client gets the settings the plugin resolved."""
    for key in list(os.environ):
        if key.startswith("DC_"):
            monkeypatch.delenv(key)
    plugin = lookup_loader.get("digicert.one.dc1")
    module = sys.modules[type(plugin).__module__]
    state = {"clients": [], "settings": []}

    def fake_client(settings, warn=None, debug=None):
        state["settings"].append(settings)
        state["clients"].append(make_client(state["handler"], **settings))
        return state["clients"][-1]
    monkeypatch.setattr(module, "DC1Client", fake_client)

    def go(terms, handler=t.handler, **kwargs):
        state["handler"] = handler
        return plugin.run(terms, variables={}, **kwargs)
    go.state = state
    return go


def no_request(*args):
    pytest.fail("no request expected")


def test_filter_goes_to_the_server_and_connection_kwargs_to_the_client(lookup, monkeypatch):
    monkeypatch.setenv("DC_BASE", "https://dc1.example.test")
    users = lookup(["user"], status="active", api_token=TOKEN, page_size=7)
    assert [u["id"] for u in users] == [t.U1, t.U3]
    settings = lookup.state["settings"][0]
    assert settings["api_key"] == TOKEN and settings["page_size"] == 7
    assert settings["base_url"] == "https://dc1.example.test"  # from the env source of the doc fragment
    assert lookup.state["clients"][0].session.calls[0]["params"] == {"status": "active", "offset": 0, "limit": 7}


def test_terms_are_concatenated_in_order(lookup):
    items = lookup(["account", "organization"], base_url="https://x.example", api_key=TOKEN)
    assert [i["id"] for i in items] == [t.A1, t.A2, t.A3, "o1", "o2", "o3"]


def test_tokens_of_every_user_are_normalised_and_secret_free(lookup):
    tokens = lookup(["api_token"], base_url="https://x.example", api_key=TOKEN)
    assert sorted(tok["id"] for tok in tokens) == ["t1", "t2", "t3"]
    assert all("token" not in tok for tok in tokens)
    assert [tok["user_id"] for tok in tokens if tok["id"] == "t3"] == [t.U2]
    one = lookup(["api_token"], base_url="https://x.example", api_key=TOKEN, user_id=t.U1)
    assert sorted(tok["id"] for tok in one) == ["t1", "t2"]


def test_roles_carry_their_manager(lookup):
    roles = lookup(["role"], base_url="https://x.example", api_key=TOKEN)
    expected = [("account_manager", "AM_ACCOUNT_ADMIN"), ("ca_manager", "CM_VIEW_ONLY")]
    assert sorted((r["manager"], r["name"]) for r in roles) == expected


@pytest.mark.parametrize("terms,kwargs,match", [
    (["users"], {}, "unknown resource 'users'"),
    ([], {}, "at least one resource"),
    (["user"], {"stauts": "active"}, "user does not take filter stauts"),
    (["user"], {"status": "gone"}, "status must be one of"),
    (["user", "account"], {"status": "active"}, "account does not take filter status"),
    (["account", "user"], {"id": "not-a-uuid"}, "id must be a UUID"),
    (["user"], {"id": "me", "status": "active"}, "cannot be combined"),
    (["audit_log"], {"from_date": "2026-02-30"}, "not a real date"),
    (["audit_log"], {"from_date": "2026-03-02", "to_date": "2026-03-01"}, "is after"),
    (["api_token"], {"user_id": "x"}, "user_id must be a UUID"),
    (["user"], {"max_results": 0}, "at least 1"),
])
def test_bad_terms_and_filters_fail_before_any_request(lookup, terms, kwargs, match):
    with pytest.raises(AnsibleLookupError, match=match):
        lookup(terms, handler=no_request, base_url="https://x.example", api_key=TOKEN, **kwargs)
    assert not lookup.state["clients"]


def test_api_error_message_is_redacted(lookup):
    def handler(method, path, params, n):
        return response(403, {"errors": [{"code": "access_denied", "message": "key %s may not" % TOKEN}]})
    with pytest.raises(AnsibleLookupError) as exc:
        lookup(["audit_log"], handler=handler, base_url="https://x.example", api_key=TOKEN)
    assert "HTTP 403" in str(exc.value) and TOKEN not in str(exc.value)


def test_missing_connection_is_a_clear_error(lookup):
    with pytest.raises(AnsibleLookupError, match="No DigiCert ONE host given"):
        lookup(["user"], handler=no_request, api_key=TOKEN)


def test_every_filter_is_documented_and_no_filter_shadows_a_connection_option():
    from ansible_collections.digicert.one.plugins.lookup import dc1
    documented = set(yaml.safe_load(dc1.DOCUMENTATION)["options"]) - {"_terms"}
    assert documented == set(lookup_data.all_filters())
    assert not documented & lookup_data.connection_names()
    assert lookup_data.connection_names() >= set(CONNECTION_OPTIONS) | {"api_token"}
