# -*- coding: utf-8 -*-
"""The modules end to end: real ``ansible`` and ``ansible-playbook`` runs against the simulator.

These are the spine's acceptance checks: ad-hoc filters, a capped and rate-limited audit
log read completely, TLS refused by default, no token in any output at -vvvv, and complete
data under every response shape the docs leave open. Each module through the action group's
module_defaults, in check mode, is its integration target (tests/integration/targets/).
"""

import math

import pytest

import dc1_e2e

dc1sim = pytest.importorskip("dc1sim")

AUDIT = "/account/api/v1/audit-log"
CANARY = "canary-%s" % ("7f3a9c" * 6)


@pytest.fixture(scope="module")
def sim():
    with dc1sim.Simulator(seed=5, api_key=CANARY) as server:
        yield server


def tenant_counts(tenant):
    users = tenant["users"]
    return {
        "expected_users": len(users),
        "expected_active": sum(1 for u in users if u["status"] == "ACTIVE"),
        "expected_accounts": len(tenant["accounts"]),
        "expected_organizations": len(tenant["organizations"]),
        "expected_roles": sum(len(v) for v in tenant["roles"].values()),
        "expected_audit_logs": len(tenant["audit_events"]),
        "expected_api_tokens": len(tenant["api_access_tokens"]),
        "expected_client_certificates": len(tenant["client_auth_certificates"]),
    }


@pytest.mark.parametrize("status", ["active", "disabled"])
def test_adhoc_status_filter_returns_only_that_status(sim, tmp_path, status):
    env = dc1_e2e.ansible_env(sim, tmp_path, ca=False)  # ca_path given as an argument, as users type it
    _status, result, _proc = dc1_e2e.adhoc("dc1_user_info", "status=%s ca_path=%s" % (status, sim.ca_path), env, tmp_path)
    expected = sorted(u["id"] for u in sim.tenant["users"] if u["status"] == status.upper())
    assert expected and sorted(u["id"] for u in result["users"]) == expected
    assert result["changed"] is False


def test_capped_rate_limited_audit_log_is_complete_with_minimal_requests(tmp_path):
    faults = [{"path": AUDIT, "nth": [1], "kind": "429", "retry_after": "1"}]
    with dc1sim.Simulator(seed=2, page_cap={"audit-log": 20}, faults=faults) as server:
        _status, result, proc = dc1_e2e.adhoc("dc1_audit_log_info", "", dc1_e2e.ansible_env(server, tmp_path), tmp_path)
        calls = server.stats()["by_path"][AUDIT]
        events = server.tenant["audit_events"]
    got = [e["id"] for e in result["audit_logs"]]
    assert sorted(got) == sorted(e["id"] for e in events) and len(got) == len(set(got))
    pages = math.ceil(len(events) / 20.0)
    assert calls <= pages + 1 + 1  # the pages, the retried 429, at most one more
    assert "HTTP 429 x1" in proc.stderr  # the retry is reported, once


def test_self_signed_server_is_refused_by_default_with_a_hint(sim, tmp_path):
    env = dc1_e2e.ansible_env(sim, tmp_path, ca=False)
    status, result, proc = dc1_e2e.adhoc("dc1_account_info", "", env, tmp_path, check=False)
    assert status == "UNREACHABLE" and proc.returncode == 4  # could not check: not a failed task (exit code 2)
    assert "ca_path" in result["msg"] and "certificate" in result["msg"]


def test_validate_certs_false_works_and_warns(sim, tmp_path):
    env = dc1_e2e.ansible_env(sim, tmp_path, ca=False)
    _status, result, proc = dc1_e2e.adhoc("dc1_account_info", "validate_certs=false", env, tmp_path)
    assert result["accounts"] and "validate_certs is false" in proc.stderr


CASES = {
    "success": ("dc1_user_info", "status=active", None),
    "bad-arguments": ("dc1_user_info", "id=not-a-uuid", None),
    "http-500": ("dc1_account_info", "", [{"path": "/account/api/v1/account", "kind": "500"}]),
    "reset": ("dc1_organization_info", "retries=1", [{"path": "/account/api/v1/organization", "kind": "reset"}]),
    "api-error-403": ("dc1_api_token_info", "user_id=00000000-0000-4000-8000-000000000000", None),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_token_never_appears_at_vvvv(sim, tmp_path, case):
    module, args, faults = CASES[case]
    sim.set_faults(faults or [])
    try:
        status, result, proc = dc1_e2e.adhoc(module, args, dc1_e2e.ansible_env(sim, tmp_path), tmp_path,
                                             check=False, verbosity=4)
    finally:
        sim.set_faults([])
    assert (status == "SUCCESS") == (case == "success"), proc.stdout
    assert CANARY not in proc.stdout + proc.stderr
    assert "ESTABLISH LOCAL CONNECTION" in proc.stdout  # really at -vvvv


def test_wrong_token_at_vvvv_is_a_clean_401(sim, tmp_path):
    other = "wrong-%s" % CANARY
    env = dc1_e2e.ansible_env(sim, tmp_path, DC_API_TOKEN=other)
    status, result, proc = dc1_e2e.adhoc("dc1_user_info", "", env, tmp_path, check=False, verbosity=4)
    assert status == "UNREACHABLE" and result["status"] == 401 and "DC_API_TOKEN" in result["msg"]
    assert other not in proc.stdout + proc.stderr and CANARY not in proc.stdout + proc.stderr


LISTS = ("user", "account", "organization", "audit-log", "api-access-token", "client-auth-certificate")
SWITCHES = {
    "documented-defaults": {},
    "all-enveloped-capped-reject": {"envelope": {"user": "envelope", "account": "envelope", "organization": "envelope"},
                                    "page_cap": 7, "page_cap_mode": "reject"},
    "items-clamped": {"envelope": dict((e, "items") for e in LISTS), "page_cap": 9},
    "records-no-total-list-roles": {"envelope": {"audit-log": "records", "user": "records"}, "role_shape": "list",
                                    "page_cap": 11, "error_shape": "error-status"},
    "bare-ignores-paging": {"envelope": {"audit-log": "bare", "api-access-token": "bare"}, "bare_paging": "ignore",
                            "token_end_field": "expiration_date", "token_state_field": "status"},
    "iot-shape-valid-to": {"envelope": {"audit-log": "envelope-records", "client-auth-certificate": "envelope-records"},
                           "token_end_field": "valid_to", "cert_end_field": "expiry_date", "page_cap": 13},
}


@pytest.mark.parametrize("name", sorted(SWITCHES))
def test_complete_data_under_every_shape(name, tmp_path):
    with dc1sim.Simulator(seed=11, **SWITCHES[name]) as server:
        expected = tenant_counts(server.tenant)
        proc = dc1_e2e.playbook("all_modules.yml", dc1_e2e.ansible_env(server, tmp_path), tmp_path, expected,
                                check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
