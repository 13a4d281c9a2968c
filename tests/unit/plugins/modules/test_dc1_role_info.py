# -*- coding: utf-8 -*-
"""dc1_role_info through its real argument spec and main() (harness: conftest.py)."""

from ansible_collections.digicert.one.plugins.modules import dc1_role_info

from dc1_fakes import paged, response


def test_roles_flat_and_grouped(harness):
    grouped = {"account_manager": [{"name": "AM_ACCOUNT_ADMIN"}, {"name": "AM_VIEW_ONLY"}],
               "ca_manager": [{"name": "CM_KEY_ESCROW"}]}
    kind, result, client = harness(dc1_role_info, {}, lambda *a: response(body=grouped))
    assert [(r["name"], r["manager"]) for r in result["roles"]] == [
        ("AM_ACCOUNT_ADMIN", "account_manager"), ("AM_VIEW_ONLY", "account_manager"), ("CM_KEY_ESCROW", "ca_manager")]
    assert list(result["roles_by_manager"]) == ["account_manager", "ca_manager"]
    assert len(client.session.calls) == 1


def test_roles_list_shape_uses_application_code(harness):
    rows = [{"name": "AM_VIEW_ONLY", "application_code": "account_manager"}]
    kind, result, client = harness(dc1_role_info, {"manager": "account_manager"}, paged(rows, "bare"))
    assert result["roles"][0]["manager"] == "account_manager"
    assert client.session.calls[0]["params"]["application_code"] == "account_manager"


def test_bad_input_fails_before_any_request(fails_before_any_request):
    fails_before_any_request(dc1_role_info, {"manager": "Account Manager"}, "application code")
