"""Endpoints, filters, envelopes, paging switches, error shapes, auth."""
import pytest

from conftest import AM, EXPIRED, NOAUDIT, VIEWER, Client


def test_user_status_filter_is_case_insensitive(client):
    r = client.am("/user", status="active", limit=100)
    assert r.status_code == 200 and isinstance(r.json(), list) and r.json()
    assert {u["status"] for u in r.json()} == {"ACTIVE"}
    every = client.am("/user", limit=100).json()
    assert {"ACTIVE", "PENDING", "LOCKED", "DISABLED"} <= {u["status"] for u in every}


def test_user_filters(client, sim):
    svc = client.am("/user", user_type="service", limit=100).json()
    assert svc and all(u["user_type"] == "service" for u in svc)
    assert all("friendly_name" in u and "end_date" in u for u in svc)
    named = client.am("/user", user_name="PLANTED-SVC", limit=100).json()
    assert named and all("planted-svc" in u["friendly_name"] for u in named)
    one = svc[0]
    assert [u["id"] for u in client.am("/user", email=one["email"].upper()).json()] == [one["id"]]
    acc = sim.tenant["accounts"][1]["id"]
    in_acc = client.am("/user", account_id=acc, limit=100).json()
    assert in_acc and all(acc in {a["id"] for a in u["accounts"]} for u in in_acc)


def test_single_objects_and_ids(client, sim):
    me = client.am("/user/me").json()
    assert me["friendly_name"] == "sim-admin" and me["access_scope"] == "system"
    assert client.am(f"/user/{me['id']}").json() == me
    acc = sim.tenant["accounts"][0]
    assert client.am(f"/account/{acc['id']}").json()["name"] == acc["name"]
    org = sim.tenant["organizations"][0]
    assert client.am(f"/organization/{org['id']}").json()["id"] == org["id"]
    ev = sim.tenant["audit_events"][0]
    assert client.am(f"/audit-log/{ev['id']}").json() == ev
    assert client.am("/user/00000000-0000-4000-8000-000000000000").status_code == 404
    assert client.am("/user/not-a-uuid").status_code == 400
    assert client.am("/nope").status_code == 404


@pytest.mark.parametrize("shape", ["bare", "items", "records", "envelope", "envelope-records"])
def test_envelopes(client, shape):
    client.sim.configure(envelope={"organization": shape})
    body = client.am("/organization", limit=2).json()
    if shape == "bare":
        assert isinstance(body, list) and len(body) == 2
    elif shape in ("items", "records"):
        assert list(body) == [shape] and len(body[shape]) == 2
    else:
        key = "records" if shape == "envelope-records" else "items"
        assert set(body) == {"total", "offset", "limit", key}
        assert body["total"] == 6 and body["limit"] == 2 and len(body[key]) == 2


def test_default_envelopes(client):
    assert isinstance(client.am("/account").json(), list)
    for path in ("/audit-log", "/api-access-token?user_id=me", "/client-auth-certificate?user_id=me"):
        assert set(client.get(AM + path).json()) == {"total", "offset", "limit", "items"}


def test_page_cap_clamp_and_reject(client):
    client.sim.configure(page_cap="audit-log=20")
    body = client.am("/audit-log", limit=500).json()
    assert body["limit"] == 20 and len(body["items"]) == 20
    assert client.am("/audit-log").json()["limit"] == 20  # default 50 capped too
    client.sim.configure(page_cap_mode="reject")
    r = client.am("/audit-log", limit=21)
    assert r.status_code == 400 and "between 1 and 20" in r.json()["errors"][0]["message"]
    assert client.am("/audit-log", limit=20).status_code == 200
    assert client.am("/audit-log", limit="x").status_code == 400


def test_bare_paging_honour_and_ignore(client):
    all_users = client.am("/user", limit=100).json()
    assert len(client.am("/user", limit=5, offset=5).json()) == 5
    client.sim.configure(bare_paging="ignore")
    assert client.am("/user", limit=5, offset=5).json() == all_users


def test_paging_walks_whole_audit_log(client, sim):
    seen, offset = [], 0
    while True:
        body = client.am("/audit-log", limit=100, offset=offset).json()
        seen += [e["id"] for e in body["items"]]
        offset += 100
        if offset >= body["total"]:
            break
    assert seen == [e["id"] for e in sim.tenant["audit_events"]]


@pytest.mark.parametrize("shape,expect", [
    ("errors", {"errors": [{"code": "resource_not_found"}]}),
    ("error-code", {"error": {"code": "resource_not_found"}}),
    ("error-status", {"error": {"status": "resource_not_found"}}),
])
def test_error_shapes(client, shape, expect):
    client.sim.configure(error_shape=shape)
    body = client.am("/user/00000000-0000-4000-8000-000000000000").json()
    if shape == "errors":
        assert body["errors"][0]["code"] == "resource_not_found" and body["errors"][0]["message"]
    else:
        inner = body["error"]
        key = "code" if shape == "error-code" else "status"
        assert inner[key] == "resource_not_found" and inner["message"]


def test_auth_errors(client, anon, sim):
    r = anon.am("/user")
    assert r.status_code == 401 and r.json()["errors"][0]["code"] == "invalid_api_key"
    assert Client(sim, "wrong").am("/user").status_code == 401
    assert Client(sim, EXPIRED).am("/user").status_code == 401
    r = Client(sim, NOAUDIT).am("/audit-log")
    assert r.status_code == 403 and r.json()["errors"][0]["code"] == "access_denied"
    assert Client(sim, NOAUDIT).am("/user").status_code == 200
    r = client.request("POST", AM + "/user", json={})
    assert r.status_code == 405 and r.headers["Allow"] == "GET"
    assert client.request("DELETE", AM + "/user/me").status_code == 405


def test_viewer_sees_only_its_account(sim):
    v = Client(sim, VIEWER)
    a0 = sim.tenant["accounts"][0]["id"]
    assert [a["id"] for a in v.am("/account").json()] == [a0]
    assert all(o["account"]["id"] == a0 for o in v.am("/organization", limit=100).json())
    assert all(e["account"]["id"] == a0 for e in v.am("/audit-log", limit=100).json()["items"])
    other = sim.tenant["accounts"][1]["id"]
    assert v.am(f"/account/{other}").status_code == 404


def test_tokens_and_certificates(client, sim):
    assert client.am("/api-access-token").status_code == 400
    assert client.am("/client-auth-certificate").status_code == 400
    owner = next(u for u in sim.tenant["users"] if u.get("friendly_name") == "planted-ci-deployer")
    toks = client.am("/api-access-token", user_id=owner["id"]).json()["items"]
    assert len(toks) == 3
    assert set(toks[0]) == {"id", "name", "user_id", "created_at", "end_date", "enabled"}
    client.sim.configure(token_end_field="expiration_date", token_state_field="status",
                         cert_end_field="expiry_date")
    tok = client.am(f"/api-access-token/{toks[0]['id']}").json()
    assert tok["status"] in ("ACTIVE", "DISABLED") and "expiration_date" in tok and "enabled" not in tok
    certs = client.am("/client-auth-certificate", user_id=owner["id"]).json()["items"]
    assert certs and "expiry_date" in certs[0] and "valid_to" not in certs[0]
    assert client.am(f"/client-auth-certificate/{certs[0]['id']}").json()["status"] == "VALID"
    assert client.am("/api-access-token", user_id="00000000-0000-4000-8000-000000000000").status_code == 404


def test_roles(client):
    grouped = client.am("/role").json()
    assert "AM_ACCOUNT_ADMIN" in [r["name"] for r in grouped["account_manager"]]
    assert set(grouped) == {"account_manager", "ca_manager", "trust_lifecycle", "software_trust",
                            "document_trust", "iot_trust"}
    assert list(client.am("/role", application_code="ca_manager").json()) == ["ca_manager"]
    client.sim.configure(role_shape="list")
    lst = client.am("/role", application_code="account_manager").json()
    assert isinstance(lst, list) and {r["application_code"] for r in lst} == {"account_manager"}


def test_audit_filters(client, sim):
    fails = client.am("/audit-log", status="failure", **{"from": "2026-06-08"}, limit=100).json()
    assert fails["total"] >= 25 and all(e["status"] == "failure" for e in fails["items"])
    assert all(e["timestamp"] >= "2026-06-08" for e in fails["items"])
    day = client.am("/audit-log", **{"from": "2026-06-01", "to": "2026-06-01"}, limit=100).json()
    assert all(e["timestamp"].startswith("2026-06-01") for e in day["items"])
    assert client.am("/audit-log", **{"from": "01-06-2026"}).status_code == 400
    asc = client.am("/audit-log", sort="timestamp", limit=5).json()["items"]
    assert [e["timestamp"] for e in asc] == sorted(e["timestamp"] for e in asc)
    assert client.am("/audit-log", sort="timestamp,desc", limit=1).json()["items"][0] == sim.tenant["audit_events"][0]
    assert client.am("/audit-log", sort="bogus").status_code == 400
    rt = client.am("/audit-log", resource_types="organization,account", limit=100).json()["items"]
    assert rt and {e["resource_type"] for e in rt} <= {"organization", "account"}
    assert all(e["action"] == "login" for e in client.am("/audit-log", action="login").json()["items"])


def test_mpki(client):
    r = client.get("/mpki/api/v1/hello")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/plain")
    assert isinstance(client.get("/mpki/api/v1/profile").json(), list)
    body = client.get("/mpki/api/v1/certificate-search", status="ISSUED", limit=10).json()
    assert set(body) == {"total", "offset", "limit", "items"}
    assert body["items"] and all(c["status"] == "issued" for c in body["items"])
