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


def test_an_unknown_manager_is_named_not_an_empty_list(harness):
    grouped = {"account_manager": [{"name": "AM_VIEW_ONLY"}], "ca_manager": [{"name": "CM_KEY_ESCROW"}]}

    def serve(method, path, params, n):
        if params.get("application_code"):
            return response(body={params["application_code"]: grouped[params["application_code"]]}
                            if params["application_code"] in grouped else {})
        return response(body=grouped)
    kind, result, client = harness(dc1_role_info, {"manager": "nope"}, serve)
    assert kind == "fail" and "manager 'nope' is not one of this tenant's managers: account_manager, ca_manager" \
        in result["msg"]
    kind, result, client = harness(dc1_role_info, {"manager": "ca_manager"}, serve)
    assert kind == "exit" and len(client.session.calls) == 1
