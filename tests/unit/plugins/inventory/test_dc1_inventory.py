# -*- coding: utf-8 -*-
"""The inventory plugin through Ansible's own loader, config handling and InventoryData; HTTP is faked."""

import os
import sys

import pytest
from ansible.errors import AnsibleError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import inventory_loader

from dc1_fakes import TOKEN, make_client, response
import dc1_tenant as t

BASE = "https://dc1.example.test"


@pytest.fixture
def run(monkeypatch, tmp_path):
    """``run(config_text, handler=...)`` -> (inventory, clients); DC_* env gives the connection."""
    for key in list(os.environ):
        if key.startswith(("DC_", "ANSIBLE_INVENTORY_CACHE", "ANSIBLE_CACHE")):
            monkeypatch.delenv(key)
    monkeypatch.setenv("DC_BASE", BASE)
    monkeypatch.setenv("DC_API_TOKEN", TOKEN)
    clients = []

    def go(config, handler=t.handler, name="tenant.dc1.yml", cache=True):
        plugin = inventory_loader.get("digicert.one.dc1")
        module = sys.modules[type(plugin).__module__]

        def fake_client(settings, warn=None, debug=None):
            clients.append(make_client(handler, **settings))
            return clients[-1]
        monkeypatch.setattr(module, "DC1Client", fake_client)
        path = tmp_path / name
        path.write_text(config)
        inventory = InventoryData()
        assert plugin.verify_file(str(path))
        plugin.parse(inventory, DataLoader(), str(path), cache=cache)
        if hasattr(plugin, "_cache"):
            plugin.update_cache_if_changed()
        return inventory
    go.clients = clients
    return go


def hostvars(inventory, name):
    return inventory.get_host(name).get_vars()


def test_verify_file_accepts_only_dc1_sources(tmp_path):
    plugin = inventory_loader.get("digicert.one.dc1")
    for name, ok in (("a.dc1.yml", True), ("a.dc1.yaml", True), ("a.yml", False), ("dc1.yml", False)):
        (tmp_path / name).write_text("plugin: digicert.one.dc1\n")
        assert plugin.verify_file(str(tmp_path / name)) is ok
    assert not plugin.verify_file(str(tmp_path / "missing.dc1.yml"))


def test_hosts_vars_and_state_groups(run):
    inventory = run("plugin: digicert.one.dc1\nreference_time: '2026-11-23T12:00:00Z'\ngather_tokens: true\n")
    assert sorted(inventory.hosts) == ["acme_corp_a1a1a1a1", "acme_corp_a2a2a2a2", "beta_gmbh"]
    v = hostvars(inventory, "acme_corp_a1a1a1a1")
    assert v["dc1_account_id"] == t.A1 and v["dc1_days_to_service_end"] == 17
    assert v["dc1_user_counts"] == {"ACTIVE": 1, "LOCKED": 1} and v["dc1_service_user_count"] == 1
    assert v["dc1_api_token_count"] == 3 and v["dc1_tokens_expiring_soon"] == 1 and v["dc1_organization_count"] == 2
    assert v["ansible_connection"] == "local" and v["ansible_python_interpreter"] == "{{ ansible_playbook_python }}"
    members = dict((g, sorted(h.name for h in inventory.groups[g].get_hosts())) for g in inventory.groups)
    assert members["dc1_active"] == ["acme_corp_a1a1a1a1", "acme_corp_a2a2a2a2"]
    assert members["dc1_inactive"] == ["beta_gmbh"] and members["dc1_service_ended"] == ["beta_gmbh"]
    assert members["dc1_service_ending"] == ["acme_corp_a1a1a1a1"]


def test_constructed_options_and_plugin_options(run):
    config = """
plugin: digicert.one.dc1
reference_time: '2026-11-23T12:00:00Z'
hostname_field: friendly_identifier
hostvar_prefix: acct_
gather_tokens: false
set_local_connection: false
expiry_warning_days: 10
keyed_groups:
  - key: acct_account.locale
    prefix: locale
groups:
  has_locked: acct_user_counts.LOCKED | default(0) > 0
compose:
  support_ref: "'DC1-' ~ acct_account.friendly_identifier"
"""
    inventory = run(config)
    assert sorted(inventory.hosts) == ["1001", "1002", "1003"]
    v = hostvars(inventory, "1001")
    assert v["support_ref"] == "DC1-1001" and "acct_api_token_count" not in v and "ansible_connection" not in v
    assert sorted(h.name for h in inventory.groups["has_locked"].get_hosts()) == ["1001", "1003"]
    assert [h.name for h in inventory.groups["locale_fr_FR"].get_hosts()] == ["1002"]
    assert not inventory.groups["dc1_service_ending"].get_hosts()  # 17 days > 10
    assert not [c for c in run.clients[0].session.calls if "api-access-token" in c["path"]]


def test_strict_compose_error_is_raised(run):
    with pytest.raises(AnsibleError):
        run("plugin: digicert.one.dc1\nstrict: true\ncompose:\n  x: no_such_var.attr\n")


def test_api_error_is_an_ansible_error_without_the_key(run):
    def handler(method, path, params, n):
        return response(401, {"errors": [{"code": "invalid_api_key", "message": "bad key %s" % TOKEN}]})
    with pytest.raises(AnsibleError) as exc:
        run("plugin: digicert.one.dc1\n", handler=handler)
    assert "HTTP 401" in str(exc.value) and TOKEN not in str(exc.value)


def test_config_error_before_any_request(run):
    with pytest.raises(AnsibleError, match="hostvar_prefix"):
        run("plugin: digicert.one.dc1\nhostvar_prefix: 'bad-'\n")


def test_cache_second_run_makes_no_request_and_holds_no_secret(run, tmp_path):
    cache_dir = tmp_path / "cache"
    # cache_timeout 0 (never expires): jsonfile compares the file's mtime, which the kernel stamps, with
    # time.time(); under the clock-shifted test run those two clocks disagree by 400 days.
    config = ("plugin: digicert.one.dc1\ncache: true\ncache_plugin: ansible.builtin.jsonfile\ncache_timeout: 0\n"
              "cache_connection: %s\nreference_time: '2026-11-23'\n" % cache_dir)
    first = run(config)
    second = run(config)
    assert run.clients and len(run.clients) == 1  # the second parse built no client at all
    assert sorted(first.hosts) == sorted(second.hosts)
    assert hostvars(first, "beta_gmbh") == hostvars(second, "beta_gmbh")
    files = list(cache_dir.iterdir())
    assert files
    for path in files:
        text = path.read_text()
        assert TOKEN not in text and "must-never-leak" not in text and "example.com" not in text
    # refresh (cache=False, as --flush-cache) reads again and rewrites the entry
    run(config, cache=False)
    assert len(run.clients) == 2


def test_cache_is_not_reused_for_another_credential(run, tmp_path, monkeypatch):
    config = ("plugin: digicert.one.dc1\ncache: true\ncache_plugin: ansible.builtin.jsonfile\ncache_timeout: 0\n"
              "cache_connection: %s\nreference_time: '2026-11-23'\n" % (tmp_path / "cache"))
    run(config)
    monkeypatch.setenv("DC_API_TOKEN", "another-token-0123456789")
    run(config)
    assert len(run.clients) == 2
