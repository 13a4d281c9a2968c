# -*- coding: utf-8 -*-
"""dc1_facts gathering: one pass over every account, tolerant of 403/404, exact summary."""

import datetime
import time

import pytest

from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ApiError, DC1ConfigError
from ansible_collections.digicert.one.plugins.module_utils._facts.gatherer import gather, gather_tenant
from ansible_collections.digicert.one.plugins.module_utils._facts.users import account_admin

from dc1_fakes import make_client, response
from gatherer_fixture import A1, A2, ADMIN_APPS, NOW, TENANT, U1, U2, U3, handler


def test_everything_in_one_pass_with_a_summary_per_account():
    client = make_client(handler(), max_concurrency=4)
    facts = gather(client, now=NOW)
    assert [len(facts[k]) for k in ("accounts", "users", "organizations", "roles", "api_tokens")] == [2, 3, 2, 1, 2]
    assert facts["audit"]["events"] == 2 and facts["audit"]["accounts"][A1]["failures"] == 1
    assert facts["unavailable"] == {} and facts["reference_time"] == "2026-11-23T00:00:00Z"
    assert facts["collected_at"].endswith("Z")  # when it ran: the real clock, whatever the reference
    one = facts["summary"][A1]
    assert (one["users"], one["users_by_status"], one["service_users"], one["active_admins"]) == \
        (2, {"ACTIVE": 1, "LOCKED": 1}, 1, 1)
    assert (one["api_tokens"], one["api_tokens_expiring"], one["audit_failures"], one["days_to_service_end"]) == \
        (2, 1, 1, 8)
    assert facts["summary"][A2]["users"] == 2 and facts["summary"][A2]["active_admins"] == 0
    posture = facts["certificate_posture"]
    assert posture["certificates"] == 2 and posture["by_status"] == {"issued": 1, "revoked": 1}
    assert posture["by_account"] == {A1: {"certificates": 1, "issued": 1, "expiring": 1},
                                     A2: {"certificates": 1, "issued": 0, "expiring": 0}}
    assert posture["checks"]["DC1-TLM-001"]["findings"] == 1  # issued, ends in 9 days
    # kept: what a check flagged or could not judge (the fake bodies do not parse); the revoked one passed
    assert [(c["serial_number"], c["account_id"], c["days_to_expiry"]) for c in facts["certificates"]] == \
        [("0A01", A1, 9)]
    assert facts["certificates"][0]["posture"]["DC1-TLM-001"]["finding"].startswith("issued certificate ends in 9")
    assert (one["certificates"], one["certificates_expiring"]) == (1, 1)
    assert (facts["summary"][A2]["certificates"], facts["summary"][A2]["certificates_expiring"]) == (1, 0)
    listings = [c for c in client.session.calls if c["path"].endswith("/user") and c["params"]["offset"] == 0]
    assert len(listings) == 1  # tokens fan out over the users already read, not a second listing


def test_forbidden_resource_is_recorded_not_fatal():
    warnings = []
    facts = gather(make_client(handler(forbidden=("audit-log",))), now=NOW, warn=warnings.append)
    assert facts["audit"] == {} and facts["unavailable"]["audit"]["status"] == 403
    assert "access_denied" in facts["unavailable"]["audit"]["reason"]
    assert len(warnings) == 1 and "not evaluated" in warnings[0]


def test_tokens_forbidden_for_some_users_are_partial():
    facts = gather(make_client(handler(token_forbidden_for=(U2,))), now=NOW)
    problem = facts["unavailable"]["api_tokens"]
    assert problem["partial"] is True and problem["reason"].startswith("1 of 3 users")
    assert [t["id"] for t in facts["api_tokens"]] == ["t1"]


def test_server_errors_still_fail():
    def broken(method, path, params, n):
        return response(400, {"errors": [{"code": "invalid_request", "message": "bad"}]})
    with pytest.raises(DC1ApiError):
        gather(make_client(broken), now=NOW)


def test_an_account_is_gathered_with_the_servers_filter():
    client = make_client(handler(honour_account_id=True))
    warnings = []
    facts = gather(client, account_ids=[A2], now=NOW, warn=warnings.append)
    assert [a["id"] for a in facts["accounts"]] == [A2] and warnings == [] and facts["filtered_locally"] == {}
    assert sorted(u["id"] for u in facts["users"]) == sorted([U2, U3])
    assert [o["id"] for o in facts["organizations"]] == ["o2"] and list(facts["audit"]["accounts"]) == [A2]
    assert [t["id"] for t in facts["api_tokens"]] == ["t2"]
    filtered = [c for c in client.session.calls if c["path"].endswith(("/user", "/organization", "/audit-log"))]
    assert filtered and all(c["params"]["account_id"] == A2 for c in filtered)
    tokens = sorted(c["params"]["user_id"] for c in client.session.calls if c["path"].endswith("/api-access-token"))
    assert tokens == sorted([U2, U3])  # only this account's users


def test_a_server_that_ignores_the_account_filter_never_leaks_another_account():
    warnings = []
    facts = gather(make_client(handler()), account_ids=[A2], now=NOW, warn=warnings.append)
    assert sorted(u["id"] for u in facts["users"]) == sorted([U2, U3])
    assert [o["id"] for o in facts["organizations"]] == ["o2"] and list(facts["audit"]["accounts"]) == [A2]
    assert [t["id"] for t in facts["api_tokens"]] == ["t2"]
    assert facts["certificates"] == [] and list(facts["certificate_posture"]["by_account"]) == [A2]  # revoked: passed
    assert facts["filtered_locally"] == {"users": 1, "organizations": 1, "audit": 1, "certificates": 1}
    assert len(warnings) == 4 and all("ignores its account_id filter" in w for w in warnings)


def test_tenant_wide_lists_read_once_are_not_asked_again():
    tenant = gather_tenant(make_client(handler()))
    assert [a["id"] for a in tenant["accounts"]] == [A1, A2] and tenant["roles"]
    client = make_client(handler(honour_account_id=True))
    facts = gather(client, account_ids=[A1], now=NOW, tenant=tenant)
    assert not [c for c in client.session.calls if c["path"].endswith(("/account", "/role"))]
    assert [a["id"] for a in facts["accounts"]] == [A1] and facts["roles"] == tenant["roles"]


def test_a_per_user_endpoint_refused_for_the_whole_first_wave_is_not_asked_again():
    users = [{"id": "dddddddd-0000-4000-8000-%012d" % i, "status": "ACTIVE", "primary_account_id": A1}
             for i in range(10)]

    def serve(method, path, params, n):
        if path.endswith("/client-auth-certificate"):
            return response(404, {"errors": [{"code": "resource_not_found", "message": "No endpoint"}]})
        if path.endswith("/api-access-token"):
            return response(body=[])
        if path.endswith("/user"):
            return response(body=users)
        return handler()(method, path, params, n)
    client = make_client(serve, max_concurrency=4)
    facts = gather(client, now=NOW)
    asked = [c for c in client.session.calls if c["path"].endswith("/client-auth-certificate")]
    assert len(asked) == 4  # the first wave (max_concurrency users), then nobody
    problem = facts["unavailable"]["client_certificates"]
    assert problem["status"] == 404 and problem["partial"] is False and "other 6 were not asked" in problem["reason"]
    assert len([c for c in client.session.calls if c["path"].endswith("/api-access-token")]) == 10


def test_what_the_tenant_read_learns_spares_every_account_host_the_lesson():
    """A refused per-user endpoint costs one wave per run; the wave's answers and each path's paging are handed on."""
    users = [{"id": "dddddddd-0000-4000-8000-%012d" % i, "status": "ACTIVE", "primary_account_id": A1}
             for i in range(10)]

    def serve(method, path, params, n):
        if path.endswith("/client-auth-certificate"):
            return response(404, {"errors": [{"code": "resource_not_found", "message": "No endpoint"}]})
        if path.endswith("/api-access-token"):
            return response(body=[{"id": "tok-" + params["user_id"][-3:]}] if params["user_id"] in wave else [])
        if path.endswith("/user"):
            return response(body=users)  # ignores paging and, here, the account filter (all users are A1's)
        return handler(honour_account_id=True)(method, path, params, n)
    wave = [u["id"] for u in users[:4]]
    read = make_client(serve, max_concurrency=4)
    wanted = ["accounts", "roles", "users", "organizations", "api_tokens", "client_certificates"]
    tenant = gather_tenant(read, resources=wanted)
    asked = [c["path"].rsplit("/", 1)[-1] for c in read.session.calls]
    assert asked.count("client-auth-certificate") == 4  # one wave, refused for all
    assert asked.count("api-access-token") == 5  # one wave, and one probe that shows the path ignores paging
    knowledge = tenant["knowledge"]
    assert knowledge["per_user"]["/account/api/v1/client-auth-certificate"]["served"] is False
    assert knowledge["paths"]["/account/api/v1/user"]["whole"] is True  # the probe saw the same users again
    host = make_client(serve, max_concurrency=4)
    host.knowledge.load(knowledge)
    facts = gather(host, account_ids=[A1], now=NOW, tenant=tenant,
                   resources=["users", "api_tokens", "client_certificates"])
    calls = host.session.calls
    assert not [c for c in calls if c["path"].endswith("/client-auth-certificate")]
    assert sorted(c["params"]["user_id"] for c in calls if c["path"].endswith("/api-access-token")) == \
        sorted(u["id"] for u in users[4:])  # the wave's users were answered by the tenant read
    assert len([c for c in calls if c["path"].endswith("/user")]) == 1  # whole: no probe on this host
    assert sorted(t["id"] for t in facts["api_tokens"]) == sorted("tok-" + u[-3:] for u in wave)
    problem = facts["unavailable"]["client_certificates"]
    assert problem["status"] == 404 and problem["learned_by"] == "tenant" and "first 4 users" in problem["reason"]


def test_lessons_of_another_server_are_not_loaded():
    read = make_client(handler(), base_url="https://other.example.test")
    tenant = gather_tenant(read, resources=["roles", "organizations"])
    host = make_client(handler())
    host.knowledge.load(tenant["knowledge"])
    assert not host.knowledge.path("/account/api/v1/organization").known()


def test_subset_and_skipped_audit_are_marked_not_requested():
    facts = gather(make_client(handler()), resources=["api_tokens"], audit_window_days=0, now=NOW)
    assert len(facts["api_tokens"]) == 2 and len(facts["users"]) == 3  # users read for the fan-out
    assert facts["unavailable"]["audit"]["reason"] == "not requested"
    assert facts["unavailable"]["organizations"]["reason"] == "not requested"


@pytest.mark.parametrize("kwargs,word", [({"account_ids": ["nope"]}, "account_ids[0]"),
                                         ({"audit_window_days": -1}, "audit_window_days"),
                                         ({"resources": ["secrets"]}, "unknown resources"),
                                         ({"account_ids": ["cccccccc-0000-4000-8000-000000000009"]}, "not visible")])
def test_bad_options(kwargs, word):
    with pytest.raises(DC1ConfigError) as err:
        gather(make_client(handler()), now=NOW, **kwargs)
    assert word in str(err.value)


def test_admin_detection_from_roles_or_permissions():
    assert account_admin({"applications": ADMIN_APPS}) is True
    assert account_admin({"applications": [{"roles": ["AM_VIEW_ONLY"]}]}) is False
    assert account_admin({}) is None  # rights not sent: unknown, not "no"
    documented = {"applications": [{"id": "78c0355a-e1ca-4978-b60c-e9d66b9e1f30", "name": "Account Manager",
                                    "permissions": ["MANAGE_AM_ACCOUNT", "VIEW_AM_AUDIT_LOG"]}]}
    assert account_admin(documented) is True
    viewer = {"applications": [{"name": "Account Manager", "permissions": ["VIEW_AM_USER"]}]}
    assert account_admin(viewer) is False
    assert account_admin({"applications": [{"name": "Trust Lifecycle", "permissions": ["VIEW_EM_SEAT"]}]}) is False
    assert account_admin({"applications": [{"name": "Account Manager"}]}) is None


def test_tokens_are_requested_while_the_user_list_is_still_paged():
    """Each page of users starts its users' token and certificate requests before the next page is asked."""
    serve, order = handler(), []

    def paged_users(method, path, params, n):
        name = path.rsplit("/", 1)[-1]
        if name == "user":
            if params["offset"] == 1:  # the second page: give the first page's token request time to start
                deadline = datetime.datetime.now() + datetime.timedelta(seconds=5)
                while ("api-access-token", None, U1) not in order and datetime.datetime.now() < deadline:
                    time.sleep(0.001)
            order.append((name, params["offset"], None))
            start = int(params["offset"])
            return response(body=TENANT["user"][start:start + 1])
        order.append((name, None, params.get("user_id")))
        return serve(method, path, params, n)
    facts = gather(make_client(paged_users, page_size=1, max_concurrency=4), now=NOW)
    assert order.index(("api-access-token", None, U1)) < order.index(("user", 1, None))
    assert sorted(t["id"] for t in facts["api_tokens"]) == ["t1", "t2"] and len(facts["users"]) == 3


def test_users_forbidden_midway_leave_no_tokens_of_the_users_read_before():
    serve = handler()

    def second_page_forbidden(method, path, params, n):
        if path.endswith("/user"):
            if params["offset"] >= 1:
                return response(403, {"errors": [{"code": "access_denied", "message": "no"}]})
            return response(body=TENANT["user"][:1])
        return serve(method, path, params, n)
    facts = gather(make_client(second_page_forbidden, page_size=1, max_concurrency=4), now=NOW)
    assert facts["users"] == [] and facts["api_tokens"] == [] and facts["unavailable"]["users"]["status"] == 403


# -- Trust Lifecycle certificates -----------------------------------------------------------------------------

def _example_shape(serve):
    """The spec's example fields: no ``account`` on a certificate."""
    def strip(method, path, params, n):
        if path.endswith("/certificate-search"):
            rows = [dict((k, v) for k, v in c.items() if k != "account") for c in TENANT["certificate-search"]
                    if params.get("account_id") in (None, c["account"]["id"])]
            return response(body={"total": len(rows), "offset": 0, "limit": 100, "items": rows})
        return serve(method, path, params, n)
    return strip


def test_certificates_of_an_account_host_belong_to_it_because_the_server_filtered_them():
    client = make_client(_example_shape(handler(honour_account_id=True)))
    facts = gather(client, account_ids=[A1], now=NOW)
    assert [(c["serial_number"], c["account_id"]) for c in facts["certificates"]] == [("0A01", A1)]
    assert "account" not in facts["certificates"][0] and "certificate" not in facts["certificates"][0]  # no PEM
    assert (facts["summary"][A1]["certificates"], facts["summary"][A1]["certificates_expiring"]) == (1, 1)
    asked = [c["params"] for c in client.session.calls if c["path"].endswith("/certificate-search")]
    assert asked and all(p["account_id"] == A1 for p in asked)


def test_certificates_of_the_tenant_without_an_account_field_belong_to_no_account():
    client = make_client(_example_shape(handler()))
    facts = gather(client, now=NOW)
    assert [c["account_id"] for c in facts["certificates"]] == [None]
    assert facts["certificate_posture"]["by_account"][""]["certificates"] == 2
    assert facts["summary"][A1]["certificates"] == 0 and facts["summary"][A2]["certificates"] == 0
    asked = [c["params"] for c in client.session.calls if c["path"].endswith("/certificate-search")]
    assert len(asked) == 1 and "account_id" not in asked[0]  # one read for the whole tenant


@pytest.mark.parametrize("status", [403, 404])
def test_trust_lifecycle_refused_or_not_served_is_unavailable_not_fatal(status):
    serve, warnings = handler(), []

    def no_mpki(method, path, params, n):
        if path.startswith("/mpki/"):
            return response(status, {"errors": [{"code": "access_denied", "message": "no Trust Lifecycle"}]})
        return serve(method, path, params, n)
    facts = gather(make_client(no_mpki), now=NOW, warn=warnings.append)
    assert facts["certificates"] == [] and facts["unavailable"]["certificates"]["status"] == status
    assert len(facts["users"]) == 3 and facts["summary"][A1]["certificates"] == 0
    assert any(w.startswith("certificates not gathered") for w in warnings)


def test_a_malformed_certificate_is_a_warning_of_the_gathering():
    serve, warnings = handler(), []

    def broken(method, path, params, n):
        if path.endswith("/certificate-search"):
            rows = [{"common_name": "x.example.com", "status": "issued"}] + TENANT["certificate-search"]
            return response(body={"total": 3, "offset": 0, "limit": 100, "items": rows})
        return serve(method, path, params, n)
    facts = gather(make_client(broken), now=NOW, warn=warnings.append)
    assert [c["serial_number"] for c in facts["certificates"]] == ["0A01"]
    assert facts["certificate_posture"]["certificates"] == 2 and facts["certificate_posture"]["problems"] == 1
    assert [w for w in warnings if "has no serial_number" in w and "x.example.com" in w]
    assert "certificates" not in facts["unavailable"]
