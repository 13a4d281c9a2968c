# -*- coding: utf-8 -*-
"""The five _info modules through their real argument specs and main()."""

import json

import pytest
from ansible.module_utils import basic
from ansible.module_utils.testing import patch_module_args

from ansible_collections.digicert.one.plugins.module_utils import _module_template as info_module
from ansible_collections.digicert.one.plugins.modules import (
    dc1_account_info,
    dc1_api_info,
    dc1_api_token_info,
    dc1_audit_log_info,
    dc1_client_certificate_info,
    dc1_organization_info,
    dc1_role_info,
    dc1_user_info,
)

from dc1_fakes import TOKEN, make_client, paged, response

MODULES = [dc1_user_info, dc1_account_info, dc1_organization_info, dc1_role_info, dc1_audit_log_info,
           dc1_api_token_info, dc1_client_certificate_info, dc1_api_info]
REQUIRED = {dc1_api_info: {"product": "mpki", "path": "certificate-search"}}
CONN = {"base_url": "https://dc1.example.test", "api_key": TOKEN}
UUID = "783a6a45-b74b-4635-bb4b-69855910ccd3"


class Exit(Exception):
    def __init__(self, kind, result):
        super().__init__(kind)
        self.kind = kind
        self.result = result


@pytest.fixture
def harness(monkeypatch):
    """Run a module's main() with ``args``, serving requests from ``handler``; returns (kind, result, client)."""
    def exit_json(self, **kw):
        raise Exit("exit", kw)

    def fail_json(self, **kw):
        raise Exit("fail", kw)
    monkeypatch.setattr(basic.AnsibleModule, "exit_json", exit_json)
    monkeypatch.setattr(basic.AnsibleModule, "fail_json", fail_json)

    def run(mod, args, handler=None):
        holder = {}

        def fake_client(settings, **kw):
            # The real settings of the module (validated by DC1Client), only the session is fake.
            settings = dict((k, v) for k, v in settings.items() if v is not None)
            holder["client"] = make_client(handler or (lambda *a: pytest.fail("no request expected")), **settings)
            return holder["client"]
        monkeypatch.setattr(info_module, "new_client", fake_client)
        with patch_module_args(dict(CONN, **args)):
            with pytest.raises(Exit) as exc:
                mod.main()
        return exc.value.kind, exc.value.result, holder.get("client")
    return run


@pytest.mark.parametrize("mod", MODULES)
def test_every_module_is_read_only_and_check_mode_safe(mod, harness):
    args = dict(REQUIRED.get(mod, {}), _ansible_check_mode=True)
    kind, result, client = harness(mod, args, paged([], "envelope"))
    assert kind == "exit" and result["changed"] is False
    assert len(client.session.calls) == 1


def test_user_filters_go_to_the_server(harness):
    users = [{"id": UUID, "status": "ACTIVE"}]
    kind, result, client = harness(dc1_user_info, {"status": "active", "user_type": "service"}, paged(users, "bare"))
    assert result["users"] == users
    params = client.session.calls[0]["params"]
    assert params["status"] == "active" and params["user_type"] == "service"
    assert client.session.calls[0]["path"] == "/account/api/v1/user"


def test_user_me(harness):
    kind, result, client = harness(dc1_user_info, {"id": "me"}, lambda *a: response(body={"id": UUID}))
    assert result["users"] == [{"id": UUID}]
    assert client.session.calls[0]["path"] == "/account/api/v1/user/me"


def test_unknown_id_is_an_empty_list(harness):
    kind, result, client = harness(dc1_account_info, {"id": UUID}, lambda *a: response(404, {"errors": [
        {"code": "resource_not_found", "message": "not found"}]}))
    assert kind == "exit" and result["accounts"] == []


@pytest.mark.parametrize("mod,args,word", [
    (dc1_user_info, {"id": "not-a-uuid"}, "id must be a UUID"),
    (dc1_user_info, {"account_id": "123"}, "account_id must be a UUID"),
    (dc1_user_info, {"status": "sleeping"}, "status"),
    (dc1_user_info, {"id": "me", "status": "active"}, "cannot be combined"),
    (dc1_account_info, {"id": "me"}, "id must be a UUID"),
    (dc1_audit_log_info, {"from_date": "2026-02-30"}, "not a real date"),
    (dc1_audit_log_info, {"to": "yesterday"}, "YYYY-MM-DD"),
    (dc1_audit_log_info, {"from": "2026-03-02", "to": "2026-03-01"}, "is after"),
    (dc1_audit_log_info, {"sort": "timestamp; drop"}, "sort"),
    (dc1_audit_log_info, {"max_results": 0}, "max_results"),
    (dc1_role_info, {"manager": "Account Manager"}, "application code"),
    (dc1_user_info, {"base_url": "http://dc1.example.test"}, "https://"),
    (dc1_api_token_info, {"user_id": "bob"}, "user_id must be a UUID"),
    (dc1_client_certificate_info, {"user_id": "12"}, "user_id must be a UUID"),
    (dc1_api_token_info, {"reference_time": "next week"}, "reference_time must be a date"),
    (dc1_api_info, {"product": "mpki", "path": "../account/api/v1/user"}, "path must be"),
    (dc1_api_info, {"product": "mpki", "path": "x", "max_results": 3}, "all_pages"),
])
def test_bad_input_fails_before_any_request(mod, args, word, harness):
    kind, result, client = harness(mod, args)
    assert kind == "fail" and word in result["msg"]
    assert client is None or client.session.calls == []


def test_reference_time_fixes_the_day_counts(harness):
    tokens = [{"id": "t1", "name": "ci", "user_id": UUID, "end_date": "2026-12-01", "enabled": True}]
    for reference, days in (("2026-11-21", 10), ("2026-12-02T00:00:00Z", -1)):
        kind, result, _client = harness(dc1_api_token_info, {"user_id": UUID, "reference_time": reference},
                                        paged(tokens, "envelope"))
        assert kind == "exit" and result["api_tokens"][0]["days_to_expiry"] == days


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


def test_api_failure_names_method_path_status_and_api_message(harness):
    body = {"errors": [{"code": "access_denied", "message": "missing VIEW_AM_AUDIT_LOG"}]}
    kind, result, client = harness(dc1_audit_log_info, {}, lambda *a: response(403, body))
    assert kind == "fail"
    assert result["msg"].startswith("GET /account/api/v1/audit-log?limit=100&offset=0 failed: HTTP 403")
    assert result["status"] == 403 and result["api_code"] == "access_denied"
    assert TOKEN not in json.dumps(result)


def test_retries_surface_as_one_warning(harness, monkeypatch):
    warnings = []
    monkeypatch.setattr(basic.AnsibleModule, "warn", lambda self, msg: warnings.append(msg))
    answers = [response(503), response(body=[])]
    kind, result, client = harness(dc1_account_info, {}, lambda m, p, q, n: answers[n - 1] if n <= 2 else response(body=[]))
    assert kind == "exit" and len(warnings) == 1 and "HTTP 503 x1" in warnings[0]


@pytest.mark.parametrize("mod", MODULES)
def test_api_key_is_no_log_and_documented_options_match_the_spec(mod):
    spec = mod.SPEC
    assert spec["api_key"]["no_log"] is True and spec["client_key"]["no_log"] is True
    from ansible.utils.plugin_docs import get_docstring  # noqa: PLC0415 - controller-side helper
    from ansible.plugins.loader import fragment_loader  # noqa: PLC0415
    doc = get_docstring(mod.__file__, fragment_loader)[0]
    assert set(doc["options"]) == set(spec)
    for name, opt in doc["options"].items():
        assert opt.get("type", "str") == spec[name].get("type", "str"), name
        assert opt.get("choices") == spec[name].get("choices"), name
        assert opt.get("default") == spec[name].get("default"), name
        assert bool(opt.get("required")) == bool(spec[name].get("required")), name
