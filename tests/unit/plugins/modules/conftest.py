# -*- coding: utf-8 -*-
"""The harness the module tests share: a module's real argument spec and main(), HTTP scripted."""

import pytest
from ansible.module_utils import basic
from ansible.module_utils.testing import patch_module_args

from ansible_collections.digicert.one.plugins.module_utils import _module_template as info_module

from dc1_fakes import TOKEN, make_client

CONN = {"base_url": "https://dc1.example.test", "api_key": TOKEN}


class Exit(Exception):
    def __init__(self, kind, result):
        super().__init__(kind)
        self.kind = kind
        self.result = result


@pytest.fixture
def warnings_seen(monkeypatch):
    """The module's warnings, in order (``AnsibleModule.warn`` recorded)."""
    seen = []
    monkeypatch.setattr(basic.AnsibleModule, "warn", lambda self, msg: seen.append(msg))
    return seen


@pytest.fixture
def harness(monkeypatch, warnings_seen):
    """Run a module's main() with ``args``, serving requests from ``handler``; returns (kind, result, client).

    The result holds the module's warnings under ``warnings``, as Ansible shows them.
    """
    def exit_json(self, **kw):
        raise Exit("exit", dict(kw, warnings=list(warnings_seen)))

    def fail_json(self, **kw):
        raise Exit("fail", dict(kw, warnings=list(warnings_seen)))
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


@pytest.fixture
def fails_before_any_request(harness):
    """``check(mod, args, word)``: bad input fails with ``word`` in the message and sends nothing."""
    def check(mod, args, word):
        kind, result, client = harness(mod, args)
        assert kind == "fail" and word in result["msg"]
        assert client is None or client.session.calls == []
    return check
