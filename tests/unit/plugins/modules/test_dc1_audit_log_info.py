# -*- coding: utf-8 -*-
"""dc1_audit_log_info through its real argument spec and main() (harness: conftest.py)."""

import json

import pytest

from ansible_collections.digicert.one.plugins.modules import dc1_audit_log_info

from dc1_fakes import TOKEN, paged, response


@pytest.mark.parametrize("args,word", [
    ({"from_date": "2026-02-30"}, "not a real date"),
    ({"to": "yesterday"}, "YYYY-MM-DD"),
    ({"from": "2026-03-02", "to": "2026-03-01"}, "is after"),
    ({"sort": "timestamp; drop"}, "sort"),
    ({"sort": "bogus"}, "'bogus' is not a field of an audit-log entry"),
    ({"status": "meh"}, "status must be one of success, failure, warning (in either case)"),
    ({"max_results": 0}, "max_results"),
])
def test_bad_input_fails_before_any_request(args, word, fails_before_any_request):
    fails_before_any_request(dc1_audit_log_info, args, word)


def test_audit_log_filters_and_pages(harness):
    events = [{"id": "e%03d" % i} for i in range(45)]
    args = {"status": "failure", "resource_types": ["user", "api_access_token"], "from": "2026-11-01",
            "to_date": "2026-11-23", "sort": "-timestamp", "page_size": 20}
    kind, result, client = harness(dc1_audit_log_info, args, paged(events, "envelope"))
    assert [e["id"] for e in result["audit_logs"]] == [e["id"] for e in events]
    params = client.session.calls[0]["params"]
    assert params["resource_types"] == "user,api_access_token"
    assert params["from"] == "2026-11-01" and params["to"] == "2026-11-23" and params["sort"] == "-timestamp"
    assert len(client.session.calls) == 3


def test_api_failure_names_method_path_status_and_api_message(harness):
    body = {"errors": [{"code": "access_denied", "message": "missing VIEW_AM_AUDIT_LOG"}]}
    kind, result, client = harness(dc1_audit_log_info, {}, lambda *a: response(403, body))
    assert kind == "fail"
    assert result["msg"].startswith("GET /account/api/v1/audit-log?limit=100&offset=0 failed: HTTP 403")
    assert result["status"] == 403 and result["api_code"] == "access_denied"
    assert TOKEN not in json.dumps(result)
