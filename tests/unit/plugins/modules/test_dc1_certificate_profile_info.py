# -*- coding: utf-8 -*-
"""dc1_certificate_profile_info through its real argument spec and main(); HTTP is scripted."""

import json
import os

import pytest
import yaml
from ansible.plugins.loader import fragment_loader
from ansible.utils.plugin_docs import get_docstring

from ansible_collections.digicert.one.plugins.modules import dc1_certificate_profile_info as mod

from dc1_fakes import TOKEN, paged, response
from x509_bodies import body

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
PATH = "/mpki/api/v1/profile"
PROFILE_ID = "d6743d9a-fb67-4a64-a33e-8a3229d28cc4"
TOKEN_ID = "8517a493-ef6a-405e-85f1-eecd538e7692"


def profile(ident=PROFILE_ID, **fields):
    return dict({"id": ident, "name": "TLS server", "status": "Active", "signature_algorithm": "SHA1_WITH_RSA",
                 "private_key_attributes": {"key_size": "1024"}, "key_escrow_policy": {"key_escrow_enabled": True},
                 "certificate": {"validity": {"unit": "years", "duration": 2},
                                 "issuer": {"subject_dn": "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, "
                                                          "O=DigiCert Inc, C=US"}}}, **fields)


@pytest.fixture
def run_module(harness):
    return lambda args, handler=None: harness(mod, args, handler)


def test_read_only_check_mode_and_in_the_action_group(run_module):
    kind, result, client = run_module({"_ansible_check_mode": True}, paged([], "bare"))
    assert kind == "exit" and result["changed"] is False and result["certificate_profiles"] == []
    assert [c["path"] for c in client.session.calls] == [PATH]
    with open(os.path.join(ROOT, "meta", "runtime.yml")) as f:
        assert "dc1_certificate_profile_info" in yaml.safe_load(f)["action_groups"]["dc1"]


def test_profiles_as_sent_with_their_posture(run_module):
    served = [profile(), profile("00000000-0000-4000-8000-000000000000", name="Bare", certificate=None,
                                 signature_algorithm="MATCH_ISSUER")]
    kind, result, client = run_module({"api_token_id": TOKEN_ID}, paged(served, "bare"))
    assert kind == "exit" and result["warnings"] == [] and result["truncated"] is False
    first, second = result["certificate_profiles"]
    assert dict((k, v) for k, v in first.items() if k != "posture") == served[0]
    assert first["posture"] == {"signature_hash": "sha1", "key_size": 1024, "validity_days": 732,
                                "issuer_dn": "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US",
                                "issuer_cn": "DigiCert Global G2 TLS RSA SHA256 2020 CA1",
                                "issuer_org": "DigiCert Inc", "key_escrow": True}
    assert second["posture"]["signature_hash"] is None and second["posture"]["validity_days"] is None
    assert client.session.calls[0]["params"]["api_token_id"] == TOKEN_ID


def test_an_issuer_sent_only_as_a_certificate(run_module):
    ca = body(subject=(("O", "Example Corp"), ("CN", "Example Private CA")))
    served = [profile(certificate={"issuer": {"certificate": ca}}),
              profile("00000000-0000-4000-8000-000000000000", certificate={"issuer": {"certificate": "MIIB"}})]
    kind, result, _client = run_module({}, paged(served, "bare"))
    assert [p["posture"]["issuer_cn"] for p in result["certificate_profiles"]] == ["Example Private CA", None]
    assert len(result["warnings"]) == 1 and result["warnings"][0].startswith(
        "GET %s: profile 00000000-0000-4000-8000-000000000000 (name 'TLS server'): issuer certificate" % PATH)


def test_one_profile_by_id_or_an_empty_list(run_module):
    def handler(method, path, params, n):
        if path == PATH + "/" + PROFILE_ID:
            return response(body=profile())
        return response(404, {"errors": [{"code": "not_found", "message": "Profile not found"}]})
    kind, result, client = run_module({"id": PROFILE_ID}, handler)
    assert [p["id"] for p in result["certificate_profiles"]] == [PROFILE_ID]
    kind, result, client = run_module({"id": "00000000-0000-4000-8000-000000000000"}, handler)
    assert kind == "exit" and result["certificate_profiles"] == [] and result["truncated"] is False


@pytest.mark.parametrize("args,word", [
    ({"id": "tls-server"}, "id must be a UUID"),
    ({"id": PROFILE_ID, "api_token_id": TOKEN_ID}, "id cannot be combined with the filters api_token_id"),
    ({"max_results": 0}, "max_results must be at least 1"),
])
def test_bad_input_fails_before_any_request(fails_before_any_request, args, word):
    fails_before_any_request(mod, args, word)


def test_api_failure_names_method_path_status_and_api_message(run_module):
    body_403 = {"errors": [{"code": "access_denied", "message": "User has no access to Trust Lifecycle"}]}
    kind, result, _client = run_module({}, lambda *a: response(403, body_403))
    assert kind == "fail" and result["msg"].startswith("GET %s" % PATH)
    assert "HTTP 403" in result["msg"] and "no access to Trust Lifecycle" in result["msg"]
    assert TOKEN not in json.dumps(result)


def test_documented_options_and_return_match_the_spec():
    doc, _examples, returned, _metadata = get_docstring(mod.__file__, fragment_loader)
    assert set(doc["options"]) == set(mod.SPEC)
    assert set(yaml.safe_load(mod.RETURN)) == {"certificate_profiles", "truncated"}
    posture = yaml.safe_load(mod.RETURN)["certificate_profiles"]["contains"]["posture"]["contains"]
    sample = yaml.safe_load(mod.RETURN)["certificate_profiles"]["sample"][0]
    assert set(posture) == set(sample["posture"]) == set(mod.profiles.posture({}))
