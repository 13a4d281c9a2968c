# -*- coding: utf-8 -*-
"""The lookup's ``certificate`` term through Ansible's loader; HTTP is scripted."""

import os
import sys

import pytest
from ansible.errors import AnsibleLookupError
from ansible.plugins.loader import lookup_loader

from dc1_fakes import TOKEN, make_client, paged
from x509_bodies import body

CONN = {"base_url": "https://dc1.example.test", "api_key": TOKEN}


@pytest.fixture
def lookup(monkeypatch):
    """``lookup(terms, handler, **kwargs)`` -> (items, warnings, client)."""
    for key in list(os.environ):
        if key.startswith("DC_"):
            monkeypatch.delenv(key)
    plugin = lookup_loader.get("digicert.one.dc1")
    module = sys.modules[type(plugin).__module__]
    state = {}
    warnings = []
    monkeypatch.setattr(module.display, "warning", warnings.append)

    def fake_client(settings, warn=None, debug=None):
        state["client"] = make_client(state["handler"], **settings)
        return state["client"]
    monkeypatch.setattr(module, "DC1Client", fake_client)

    def go(terms, handler=None, **kwargs):
        state["handler"] = handler or (lambda *a: pytest.fail("no request expected"))
        items = plugin.run(terms, variables={}, **dict(CONN, **kwargs))
        return items, warnings, state.get("client")
    return go


def test_certificate_term_takes_the_module_filters_and_normalises(lookup):
    served = [{"serial_number": "A1", "status": "issued", "valid_to": "2026-06-25", "certificate": body(key_kind="p256")},
              {"serial_number": "A2", "status": "issued", "valid_to": "2027-06-25"},
              {"common_name": "no-serial.example.com"}]
    items, warnings, client = lookup(["certificate"], paged(served), status="issued", expires_within_days=30,
                                     reference_time="2026-06-15")
    assert [(c["serial_number"], c["days_to_expiry"]) for c in items] == [("A1", 10)]
    assert "certificate" not in items[0] and items[0]["x509"]["curve"] == "P-256"  # parsed, as the module does
    params = client.session.calls[0]["params"]
    assert client.session.calls[0]["path"] == "/mpki/api/v1/certificate-search"
    assert params["status"] == "ISSUED" and params["valid_to"] == "2026-07-17"
    assert len(warnings) == 1 and "(common_name 'no-serial.example.com') has no serial_number" in warnings[0]


@pytest.mark.parametrize("terms,kwargs,match", [
    (["certificate"], {"status": "valid"}, "status must be one of ISSUED"),
    (["user", "certificate"], {"status": "issued"}, "status must be one of"),
    (["certificate"], {"serial": "AB"}, "certificate does not take filter serial"),
    (["certificate"], {"thumbprint": "AB"}, "64 hexadecimal digits"),
    (["certificate"], {"expires_within_days": -1}, "expires_within_days"),
    (["certificate"], {"reference_time": "later"}, "reference_time must be a date"),
    (["account", "certificate"], {"expires_within_days": 30}, "account does not take filter expires_within_days"),
])
def test_bad_certificate_filters_fail_before_any_request(lookup, terms, kwargs, match):
    with pytest.raises(AnsibleLookupError, match=match):
        lookup(terms, **kwargs)
