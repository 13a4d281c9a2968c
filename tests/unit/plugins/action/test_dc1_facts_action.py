# -*- coding: utf-8 -*-
"""The dc1_facts action plugin: where it gathers, what it takes from the task, what callbacks see."""

import pytest
from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

from ansible_collections.digicert.one.plugins.action import dc1_facts as action
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ApiError
from ansible_collections.digicert.one.plugins.module_utils._facts.gatherer import RESOURCES
from ansible_collections.digicert.one.plugins.plugin_utils._action import CALLBACK_ITEM_LIMIT

TOKEN = "canary-token-0123456789abcdef"


class Task:
    def __init__(self, args, environment=None):
        self.args = args
        self.environment = environment
        self.check_mode = False
        self.async_val = 0


class Templar:
    def template(self, value):
        return value


class Connection:
    def __init__(self, transport):
        self.transport = transport
        self._shell = type("Shell", (), {"tmpdir": None, "env_prefix": lambda self, **env: ""})()


def plugin(monkeypatch, args, transport="local", environment=None):
    monkeypatch.setattr(ActionBase, "run", lambda self, tmp=None, task_vars=None: {})
    mod = action.ActionModule.__new__(action.ActionModule)
    mod._task, mod._templar, mod._connection = Task(args, environment), Templar(), Connection(transport)
    mod._remove_tmp_path = lambda path: None
    return mod


@pytest.fixture
def gathered(monkeypatch):
    """Replace the gathering (tested in test_facts.py) and record the settings and params it got."""
    seen = {}

    def facts_result(params, client, warn=None, check_mode=False, tenant=None):
        seen.update(params=params, base_url=client.base_url, api_key=client.api_key, tenant=tenant)
        warn("one warning")
        return {"changed": False, "counts": dict((r, seen.get("n", 1)) for r in RESOURCES),
                "ansible_facts": {"dc1_facts": {"users": [{"note": seen.get("echo", "x")}]}}}
    monkeypatch.setattr(action, "facts_result", facts_result)
    for name in ("DC_BASE", "DC_API_TOKEN", "DC_CA_PATH", "DC_REGION", "DC_ENVIRONMENT"):
        monkeypatch.delenv(name, raising=False)
    return seen


def test_gathers_in_process_with_connection_from_the_task_environment(monkeypatch, gathered):
    mod = plugin(monkeypatch, {"audit_window_days": 7},
                 environment=[{"DC_BASE": "https://dc1.example.test", "DC_API_TOKEN": TOKEN}])
    result = mod.run(task_vars={})
    assert gathered["base_url"] == "https://dc1.example.test" and gathered["api_key"] == TOKEN
    assert gathered["params"]["audit_window_days"] == 7
    assert result["warnings"] == ["one warning"] and "failed" not in result
    assert "_ansible_no_log" not in result  # small results are shown to callbacks as usual


def test_arguments_win_over_the_environment(monkeypatch, gathered):
    monkeypatch.setenv("DC_BASE", "https://from-controller-env.example.test")
    mod = plugin(monkeypatch, {"base_url": "https://from-args.example.test", "api_key": TOKEN},
                 environment=[{"DC_BASE": "https://from-task-env.example.test"}])
    mod.run(task_vars={})
    assert gathered["base_url"] == "https://from-args.example.test"


def test_large_results_are_not_echoed_to_callbacks(monkeypatch, gathered):
    gathered["n"] = CALLBACK_ITEM_LIMIT
    result = plugin(monkeypatch, {"base_url": "https://dc1.example.test", "api_key": TOKEN}).run(task_vars={})
    assert result["_ansible_no_log"] is True and result["ansible_facts"]["dc1_facts"]["users"]


def test_a_secret_in_the_data_is_masked(monkeypatch, gathered):
    gathered["echo"] = "the key is %s" % TOKEN
    result = plugin(monkeypatch, {"base_url": "https://dc1.example.test", "api_key": TOKEN}).run(task_vars={})
    assert TOKEN not in repr(result)


@pytest.mark.parametrize("secret", ['quote"d-0123456789', "back\\slash-0123456789", "n\u00e4ive-0123456789"])
def test_a_secret_that_json_escapes_is_masked_too(monkeypatch, gathered, secret):
    gathered["echo"] = "the key is %s" % secret
    result = plugin(monkeypatch, {"base_url": "https://dc1.example.test", "api_key": secret}).run(task_vars={})
    assert secret not in repr(result) and secret not in str(result)


def test_bad_arguments_fail_before_any_request(monkeypatch, gathered):
    mod = plugin(monkeypatch, {"base_url": "https://dc1.example.test", "api_key": TOKEN, "resources": ["nope"]})
    with pytest.raises(AnsibleActionFail, match="resources"):
        mod.run(task_vars={})
    assert "params" not in gathered


def test_api_errors_become_a_failed_result(monkeypatch, gathered):
    def refuse(params, client, warn=None, check_mode=False, tenant=None):
        raise DC1ApiError("GET /account/api/v1/user: HTTP 500 boom", method="GET", path="/account/api/v1/user",
                          status=500)
    monkeypatch.setattr(action, "facts_result", refuse)
    result = plugin(monkeypatch, {"base_url": "https://dc1.example.test", "api_key": TOKEN}).run(task_vars={})
    assert result["failed"] is True and "HTTP 500" in result["msg"] and result["status"] == 500


@pytest.mark.parametrize("transport,async_val", [("ssh", 0), ("local", 60)])
def test_other_connections_and_async_run_the_module(monkeypatch, gathered, transport, async_val):
    mod = plugin(monkeypatch, {"audit_window_days": 7}, transport=transport)
    mod._task.async_val = async_val
    shipped = []

    def execute(module_name=None, module_args=None, task_vars=None, wrap_async=False):
        shipped.append((module_name, wrap_async, module_args.get("tenant")))
        return {"ok": 1}
    mod._execute_module = execute
    assert mod.run(task_vars={}) == {"ok": 1}
    assert shipped == [("digicert.one.dc1_facts", async_val, None)] and "params" not in gathered
    # what the play read before is reused on this path too: handed to the module
    tenant = {"base_url": "https://dc1.example.test", "roles": [{"name": "r"}], "knowledge": {"paths": {}}}
    mod.run(task_vars={"inventory_hostname": "acct", "hostvars": {"localhost": {"ansible_facts": {"dc1_tenant": tenant}}},
                       "dc1_account": {"id": "a1"}})
    assert shipped[-1][2] == dict(tenant, accounts=[{"id": "a1"}])


def test_option_and_alias_both_set_warns_like_a_module(monkeypatch, gathered):
    mod = plugin(monkeypatch, {"base_url": "https://dc1.example.test", "api_key": TOKEN, "api_token": TOKEN})
    result = mod.run(task_vars={})
    assert "Both option api_key and its alias api_token are set." in result["warnings"]
    assert TOKEN not in repr(result)


class NoLookups(dict):
    """hostvars that must not be read."""

    def get(self, *args):
        raise AssertionError("hostvars read")


ROLES = {"roles": [{"manager": "account", "name": "AM_ACCOUNT_ADMIN"}]}
ACCOUNT = {"id": "a-1", "name": "One"}


def test_an_account_host_takes_the_tenant_lists_from_its_own_facts_then_from_localhost():
    own = action._tenant({"inventory_hostname": "one", "ansible_facts": {"dc1_tenant": ROLES}, "dc1_account": ACCOUNT,
                          "hostvars": NoLookups()})
    assert own == dict(ROLES, accounts=[ACCOUNT])
    delegated = action._tenant({"inventory_hostname": "one", "dc1_account": ACCOUNT,
                                "hostvars": {"localhost": {"ansible_facts": {"dc1_tenant": ROLES}}}})
    assert delegated == own


def test_localhost_does_not_read_its_own_facts_again_through_hostvars():
    assert action._tenant({"inventory_hostname": "localhost", "ansible_facts": {"dc1_facts": {}},
                           "hostvars": NoLookups()}) is None
