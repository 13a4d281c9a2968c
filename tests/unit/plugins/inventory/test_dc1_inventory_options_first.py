# -*- coding: utf-8 -*-
"""Bad inventory options fail before any request (found by tests/e2e/test_leak_hunt.py: a bad hostname_field
used to be reported only after the whole tenant had been read)."""

import os
import sys

import pytest
from ansible.errors import AnsibleError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import inventory_loader

from dc1_fakes import TOKEN, make_client


@pytest.mark.parametrize("option,message", [
    ("hostname_field: bogus", "hostname_field"),  # Ansible checks the choices when the option is read
    ("hostvar_prefix: '1bad-'", "hostvar_prefix must be empty or a valid variable name"),
    ("expiry_warning_days: -3", "expiry_warning_days must be 0 or more"),
])
def test_bad_option_fails_before_any_request(monkeypatch, tmp_path, option, message):
    for key in list(os.environ):
        if key.startswith(("DC_", "ANSIBLE_INVENTORY_CACHE", "ANSIBLE_CACHE")):
            monkeypatch.delenv(key)
    monkeypatch.setenv("DC_BASE", "https://dc1.example.test")
    monkeypatch.setenv("DC_API_TOKEN", TOKEN)
    plugin = inventory_loader.get("digicert.one.dc1")
    module = sys.modules[type(plugin).__module__]
    clients = []

    def fake_client(settings, warn=None, debug=None):
        clients.append(make_client(lambda *a: pytest.fail("no request expected"), **settings))
        return clients[-1]
    monkeypatch.setattr(module, "DC1Client", fake_client)
    source = tmp_path / "bad.dc1.yml"
    source.write_text("plugin: digicert.one.dc1\n%s\n" % option)
    with pytest.raises(AnsibleError) as err:
        plugin.parse(InventoryData(), DataLoader(), str(source), cache=False)
    assert message in str(err.value) and TOKEN not in str(err.value)
    assert not clients or not clients[0].session.calls
