"""Changing the tenant while the simulator serves: audit entries, users, roles, tokens."""
import pytest

from dc1sim import Simulator

from conftest import Client


@pytest.fixture
def live():
    with Simulator(seed=3, now="2026-06-15", users=6, service_users=2, audit_events=20) as sim:
        yield sim, Client(sim, sim.api_key)


def test_appended_audit_entries_are_served_newest_first(live):
    sim, client = live
    before = client.am("/audit-log", limit=100).json()
    ids = sim.append_audit([{"action": "create", "resource_type": "api_access_token", "timestamp": "2026-06-16T10:00:00Z"},
                            {"action": "login", "status": "failure", "timestamp": "2026-06-16T11:00:00Z"}])
    after = client.am("/audit-log", limit=100).json()
    assert after["total"] == before["total"] + 2
    assert [e["id"] for e in after["items"][:2]] == [ids[1], ids[0]]
    assert after["items"][0]["status"] == "failure" and after["items"][1]["action"] == "create"
    assert client.am("/audit-log", status="failure", **{"from": "2026-06-16"}).json()["total"] == 1


def test_audit_append_over_the_control_api(live):
    sim, client = live
    r = Client(sim).request("POST", "/_sim/audit-log", json={"entries": [{"action": "delete", "timestamp": "2026-06-17T00:00:00Z"}]})
    assert r.status_code == 200
    (ident,) = r.json()["ids"]
    assert client.am("/audit-log/" + ident).json()["action"] == "delete"


def test_user_token_and_role_changes(live):
    sim, client = live
    account = sim.tenant["accounts"][1]["id"]
    done = sim.change_tenant([{"op": "add_user", "user": {"email": "newadmin@example.com", "accounts": [account],
                                                          "roles": ["AM_ACCOUNT_ADMIN"]}}])
    new_id = done[0]["id"]
    user = client.am("/user/" + new_id).json()
    assert any(app["name"] == "Account Manager" and "MANAGE_AM_USER" in app["permissions"] for app in user["applications"])
    token_id = sim.change_tenant([{"op": "add_token", "token": {"user_id": new_id, "name": "fresh", "end_date": "2026-07-01"}}])[0]["id"]
    tokens = client.am("/api-access-token", user_id=new_id).json()
    assert [t["id"] for t in tokens["items"]] == [token_id]
    victim = next(u for u in sim.tenant["users"] if u["status"] == "ACTIVE" and u["user_type"] == "standard"
                  and u["id"] != new_id)
    sim.change_tenant([{"op": "update_user", "id": victim["id"], "set": {"status": "DISABLED"}},
                       {"op": "remove_user", "id": new_id}])
    assert client.am("/user/" + victim["id"]).json()["status"] == "DISABLED"
    assert client.am("/user/" + new_id).status_code == 404
    assert new_id not in {u["id"] for u in client.am("/user", limit=1000).json()}


def test_a_bad_change_list_changes_nothing(live):
    sim, client = live
    users = len(sim.tenant["users"])
    r = Client(sim).request("POST", "/_sim/tenant/changes", json={"changes": [
        {"op": "add_user", "user": {"email": "x@example.com"}}, {"op": "remove_user", "id": "no-such-id"}]})
    assert r.status_code == 400 and "no-such-id" in r.json()["error"]
    assert len(sim.tenant["users"]) == users
    assert Client(sim).request("POST", "/_sim/tenant/changes", json={"changes": [{"op": "explode"}]}).status_code == 400
