# -*- coding: utf-8 -*-
"""When a result says "could not check": the host becomes unreachable (exit code 4), never a failed task (2)."""

import os

import pytest

from ansible_collections.digicert.one.plugins.plugin_utils._unreachable import as_unreachable, could_not_check

import conftest

INFO_MODULES = sorted(f[:-3] for f in os.listdir(os.path.join(conftest.ROOT, "plugins", "modules"))
                      if f.endswith("_info.py"))


def failed(**fields):
    return dict(fields, failed=True, changed=False, msg="GET /x failed", method="GET", path="/x")


@pytest.mark.parametrize("result", [
    failed(error_kind="connection"), failed(error_kind="tls"), failed(error_kind="api", status=401),
    failed(error_kind="api", status=403),
], ids=["connection", "tls", "401", "403"])
def test_could_not_check_becomes_unreachable_without_failed(result):
    out = as_unreachable(result)
    assert out["unreachable"] is True and "failed" not in out  # ansible-core reads failed first
    assert out["msg"] == "GET /x failed" and out["path"] == "/x" and out["method"] == "GET"
    assert result["failed"] is True  # the input is not changed


@pytest.mark.parametrize("result", [
    failed(error_kind="api", status=500), failed(error_kind="api", status=404), failed(error_kind="config"),
    failed(error_kind="response"), failed(), {"changed": False, "users": []},
], ids=["500", "404", "config", "response", "no-kind", "success"])
def test_anything_else_stays_as_it_was(result):
    assert as_unreachable(result) == result and could_not_check(result) is None


def facts_result(unavailable, **counts):
    base = dict((r, 0) for r in ("accounts", "users", "organizations", "roles", "api_tokens", "client_certificates",
                                 "certificates", "audit_events"))
    base.update(counts)
    return {"changed": False, "counts": base, "ansible_facts": {"dc1_facts": {"unavailable": unavailable}}}


REFUSED = {"status": 403, "reason": "HTTP 403"}


def test_facts_that_hold_nothing_because_every_read_was_refused_are_unreachable():
    result = facts_result({"accounts": REFUSED, "users": REFUSED, "organizations": REFUSED, "roles": REFUSED,
                           "certificates": {"status": 404, "reason": "not served"},
                           "audit": {"status": None, "reason": "not requested"}})
    out = as_unreachable(result)
    assert out["unreachable"] is True and "ansible_facts" not in out and out["status"] == 403
    assert out["msg"].startswith("DigiCert ONE refused every read of this credential: accounts: HTTP 403")


@pytest.mark.parametrize("unavailable,counts", [
    ({"audit": REFUSED}, {"users": 3}),  # a credential without the audit right: facts, with audit unavailable
    ({"users": REFUSED}, {"accounts": 1}),  # an account host still holds its account
    ({"certificates": {"status": 404, "reason": "not served"}}, {}),  # an empty tenant, nothing refused
    ({}, {}),
], ids=["audit-403", "account-read", "404-only", "empty"])
def test_facts_with_anything_read_or_nothing_refused_stay_facts(unavailable, counts):
    result = facts_result(unavailable, **counts)
    assert as_unreachable(result) is result


def test_an_unreachable_result_passes_unchanged():
    result = {"unreachable": True, "msg": "ssh: no route", "changed": False}
    assert as_unreachable(result) is result


@pytest.mark.parametrize("module", INFO_MODULES)
def test_every_info_module_has_the_action_that_marks_it_unreachable(module):
    from importlib import import_module

    from ansible_collections.digicert.one.plugins.plugin_utils._unreachable import ModuleAction

    action = import_module("ansible_collections.digicert.one.plugins.action.%s" % module)
    assert action.ActionModule is ModuleAction
