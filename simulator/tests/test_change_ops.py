"""The tenant change ops that test_changes.py does not drive through a running simulator, on a bare tenant."""
import pytest

from dc1sim import changes
from dc1sim import tenant as T

CLOCK = 1781524800  # 2026-06-15T12:00:00Z: the clock is pinned, so created/valid dates are known


def clock():
    return CLOCK


@pytest.fixture
def t():
    return T.generate(seed=3, now="2026-06-15", users=6, service_users=2, audit_events=20)


def test_ops_are_listed_in_the_error_for_an_unknown_op(t):
    with pytest.raises(changes.ChangeError) as err:
        changes.apply(t, [{"op": "explode"}], clock)
    listed = ("append_audit, add_user, update_user, remove_user, add_token, update_token, remove_token, "
              "add_certificate, remove_certificate")
    assert listed in str(err.value)


def test_update_and_remove_token(t):
    tok = t["api_access_tokens"][0]
    done = changes.apply(t, [{"op": "update_token", "id": tok["id"], "set": {"enabled": False, "name": "renamed"}}],
                         clock)
    assert done == [{"op": "update_token", "id": tok["id"]}]
    assert (tok["enabled"], tok["name"]) == (False, "renamed")
    with pytest.raises(changes.ChangeError, match="update_token: unknown field"):
        changes.apply(t, [{"op": "update_token", "id": tok["id"], "set": {"secret": "x"}}], clock)
    done = changes.apply(t, [{"op": "remove_token", "id": tok["id"]}], clock)
    assert done == [{"op": "remove_token", "id": tok["id"]}]
    assert tok["id"] not in {x["id"] for x in t["api_access_tokens"]}


def test_add_and_remove_certificate(t):
    owner = next(u for u in t["users"] if u["user_type"] == "standard")
    done = changes.apply(t, [{"op": "add_certificate", "certificate": {"user_id": owner["id"], "id": "c-1"}}], clock)
    assert done == [{"op": "add_certificate", "id": "c-1"}]
    cert = t["client_auth_certificates"][-1]
    assert cert["user_id"] == owner["id"] and cert["subject"] == {"common_name": owner["user_name"]}
    assert (cert["name"], cert["status"]) == ("new-cert", "VALID")
    assert (cert["valid_from"], cert["valid_to"]) == ("2026-06-15T12:00:00Z", "2027-06-15T12:00:00Z")
    changes.apply(t, [{"op": "remove_certificate", "id": "c-1"}], clock)
    assert "c-1" not in {c["id"] for c in t["client_auth_certificates"]}
    with pytest.raises(changes.ChangeError, match="remove_certificate: no object with id 'c-1'"):
        changes.apply(t, [{"op": "remove_certificate", "id": "c-1"}], clock)


def test_removing_a_user_takes_their_credentials(t):
    owner = t["api_access_tokens"][0]["user_id"]
    changes.apply(t, [{"op": "add_certificate", "certificate": {"user_id": owner}}], clock)
    changes.apply(t, [{"op": "remove_user", "id": owner}], clock)
    assert all(x["user_id"] != owner for x in t["api_access_tokens"] + t["client_auth_certificates"])
