# -*- coding: utf-8 -*-
"""dc1_certificate_info through its real argument spec and main(); HTTP is scripted."""

import json
import os

import pytest
import yaml
from ansible.plugins.loader import fragment_loader
from ansible.utils.plugin_docs import get_docstring

from ansible_collections.digicert.one.plugins.modules import dc1_certificate_info as mod

from dc1_fakes import TOKEN, paged, response
from x509_bodies import body

BODY = body(dns=("www.example.com", "example.com"), eku=("serverAuth",))

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))


@pytest.fixture
def run_module(harness):
    """Run main() with ``args`` against ``handler``; returns (kind, result with its warnings, client)."""
    return lambda args, handler=None: harness(mod, args, handler)


def cert(serial, valid_to, **fields):
    return dict({"serial_number": serial, "common_name": "%s.example.com" % serial.lower(), "status": "issued",
                 "valid_to": valid_to, "certificate": BODY}, **fields)


def test_read_only_check_mode_and_in_the_action_group(run_module):
    kind, result, client = run_module({"_ansible_check_mode": True}, paged([], "envelope"))
    assert kind == "exit" and result["changed"] is False and result["certificates"] == []
    assert len(client.session.calls) == 1
    with open(os.path.join(ROOT, "meta", "runtime.yml")) as f:
        assert "dc1_certificate_info" in yaml.safe_load(f)["action_groups"]["dc1"]


def test_filters_go_to_the_server_as_the_spec_spells_them(run_module):
    args = {"status": "revoked", "seat_type_id": "device_seat", "account_id": "57FF4149-16E9-4EEF-8AC4-CC105216A736",
            "valid_from": "2026-01-01", "common_name": "vpn.example.com", "issuing_ca_serial_number": "0a1b"}
    kind, result, client = run_module(args, paged([], "envelope"))
    call = client.session.calls[0]
    assert call["path"] == "/mpki/api/v1/certificate-search"
    assert call["params"] == {"status": "REVOKED", "seat_type_id": "DEVICE_SEAT",
                              "account_id": "57ff4149-16e9-4eef-8ac4-cc105216a736", "valid_from": "2026-01-01",
                              "common_name": "vpn.example.com", "issuing_ca_serial_number": "0A1B",
                              "offset": 0, "limit": 100}


def test_expiring_certificates_with_a_fixed_reference_time(run_module):
    items = [cert("A1", "2026-06-20T00:00:00Z"), cert("A2", "2027-06-20T00:00:00Z"), cert("A3", "2026-07-01")]
    kind, result, client = run_module({"expires_within_days": 30, "reference_time": "2026-06-15"}, paged(items))
    assert kind == "exit"
    assert [(c["serial_number"], c["expires_at"], c["days_to_expiry"]) for c in result["certificates"]] == [
        ("A1", "2026-06-20T00:00:00Z", 5), ("A3", "2026-07-01T23:59:59Z", 16)]
    assert all("certificate" not in c for c in result["certificates"])
    assert result["truncated"] is False and result["malformed"] == [] and result["warnings"] == []
    x509 = result["certificates"][0]["x509"]
    assert (x509["key_type"], x509["key_size"], x509["signature_hash"]) == ("RSA", 2048, "sha256")
    assert x509["dns_names"] == ["example.com", "www.example.com"] and x509["validity_days"] == 365.0
    assert x509["issuer_org"] == "DigiCert Inc" and x509["extended_key_usage"] == ["serverAuth"]


def test_a_malformed_item_is_a_warning_and_the_rest_is_returned(run_module):
    items = [cert("A1", "2027-01-01"), {"common_name": "lost.example.com", "valid_to": "2027-01-01"},
             cert("A3", "2027-01-01")]
    kind, result, client = run_module({"include_pem": True}, paged(items))
    assert kind == "exit"
    assert [c["serial_number"] for c in result["certificates"]] == ["A1", "A3"]
    assert result["certificates"][0]["certificate"] == BODY
    assert result["malformed"] == [("GET /mpki/api/v1/certificate-search: item 2 (common_name 'lost.example.com') "
                                    "has no serial_number; skipped")]
    assert result["warnings"] == result["malformed"]


def test_a_body_that_does_not_parse_is_a_warning_naming_the_serial_number(run_module):
    items = [cert("A1", "2027-01-01"), cert("B2", "2027-01-01", certificate="MIIB" * 20, common_name="b2.example.com")]
    kind, result, client = run_module({}, paged(items))
    assert kind == "exit" and [c["serial_number"] for c in result["certificates"]] == ["A1", "B2"]
    assert result["certificates"][0]["x509"]["key_type"] == "RSA" and result["certificates"][1]["x509"] is None
    assert result["warnings"] == result["malformed"] and len(result["warnings"]) == 1
    assert result["warnings"][0].startswith("GET /mpki/api/v1/certificate-search: certificate B2 (common_name "
                                            "'b2.example.com'): certificate body (base64 DER) does not parse: ")


def test_one_certificate_by_serial_number_or_an_empty_list(run_module):
    def handler(method, path, params, n):
        if path.endswith("/ABCDEF01"):
            return response(body=cert("ABCDEF01", "2029-01-01T00:00:00Z"))
        return response(404, {"error": {"code": "not_found", "message": "no such certificate"}})
    kind, result, client = run_module({"serial_number": "abcdef01"}, handler)
    assert client.session.calls[0]["path"] == "/mpki/api/v1/certificate/ABCDEF01"
    assert [c["serial_number"] for c in result["certificates"]] == ["ABCDEF01"]
    kind, result, client = run_module({"serial_number": "0F"}, handler)
    assert kind == "exit" and result["certificates"] == []


@pytest.mark.parametrize("args,word", [
    ({"status": "valid"}, "status must be one of ISSUED, EXPIRED, REVOKED, SUSPENDED"),
    ({"business_unit_id": "bu-1"}, "business_unit_id must be a UUID"),
    ({"valid_to": "2026-13-01"}, "not a real date"),
    ({"serial_number": "serial-1"}, "serial_number must be hexadecimal digits"),
    ({"expires_within_days": -5}, "expires_within_days must be between 0"),
    ({"reference_time": "tomorrow"}, "reference_time must be a date"),
])
def test_bad_input_fails_before_any_request(run_module, args, word):
    kind, result, client = run_module(args)
    assert kind == "fail" and word in result["msg"]
    assert client is None or client.session.calls == []


def test_api_failure_names_method_path_status_and_api_message(run_module):
    body = {"error": {"code": "no_access", "message": "User has no access to the Business unit"}}
    kind, result, client = run_module({}, lambda *a: response(403, body))
    assert kind == "fail" and result["msg"].startswith("GET /mpki/api/v1/certificate-search?")
    assert "HTTP 403" in result["msg"] and "no access to the Business unit" in result["msg"]
    assert TOKEN not in json.dumps(result)


def test_documented_options_and_return_match_the_spec():
    spec = mod.SPEC
    assert spec["api_key"]["no_log"] is True
    doc, _plainexamples, _returndocs, _metadata = get_docstring(mod.__file__, fragment_loader)
    assert set(doc["options"]) == set(spec)
    for name, opt in doc["options"].items():
        assert opt.get("type", "str") == spec[name].get("type", "str"), name
        assert opt.get("default") == spec[name].get("default"), name
    assert set(yaml.safe_load(mod.RETURN)) == {"certificates", "truncated", "malformed"}


def test_return_documents_every_x509_attribute():
    documented = yaml.safe_load(mod.RETURN)["certificates"]
    parsed = mod.certificates.x509.parse(BODY)[0]
    assert set(documented["contains"]["x509"]["contains"]) == set(parsed) == set(documented["sample"][0]["x509"])
