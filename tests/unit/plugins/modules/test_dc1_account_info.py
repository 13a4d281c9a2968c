# -*- coding: utf-8 -*-
"""dc1_account_info through its real argument spec and main() (harness: conftest.py)."""


from ansible_collections.digicert.one.plugins.modules import dc1_account_info

from dc1_fakes import response

UUID = "783a6a45-b74b-4635-bb4b-69855910ccd3"


def test_unknown_id_is_an_empty_list(harness):
    kind, result, client = harness(dc1_account_info, {"id": UUID}, lambda *a: response(404, {"errors": [
        {"code": "resource_not_found", "message": "not found"}]}))
    assert kind == "exit" and result["accounts"] == []


def test_retries_surface_as_one_warning(harness):
    answers = [response(503), response(body=[])]
    kind, result, client = harness(dc1_account_info, {}, lambda m, p, q, n: answers[n - 1] if n <= 2 else response(body=[]))
    assert kind == "exit" and len(result["warnings"]) == 1 and "HTTP 503 x1" in result["warnings"][0]


def test_bad_input_fails_before_any_request(fails_before_any_request):
    fails_before_any_request(dc1_account_info, {"id": "me"}, "id must be a UUID")
