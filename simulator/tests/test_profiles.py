"""Profiles: the documented shapes (the seed's examples, field for field), the rich ones, and what each reveals."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest
import requests

from dc1sim import Simulator
from dc1sim import config as cfgmod

from conftest import AM, NOW, Client

SEED_DOC = "/work/shared/seeds/first-api-call.txt"
# Literal copies of the keys of the seed's examples (first-api-call.txt: GET /user, GET /audit-log).
SEED_USER_KEYS = {"id", "email", "status", "access_scope", "primary_account_id", "created_at", "created_by",
                  "user_type", "friendly_name", "description", "locale", "applications", "accounts"}
SEED_APPLICATION_KEYS = {"id", "name", "permissions"}
SEED_ACCOUNT_KEYS = {"id", "name", "active", "service_period", "friendly_identifier", "locale"}
SEED_AUDIT_KEYS = {"id", "account", "resource_type", "resource_id", "resource_name", "action", "user", "timestamp",
                   "description", "status"}
END_DATE_CHECKS = {"service_user_without_end_date", "service_user_expiring_soon", "service_user_end_date_passed"}


@pytest.fixture(scope="module")
def dsim():
    with Simulator(seed=7, now=NOW, profile="documented") as s:
        yield s


@pytest.fixture
def doc(dsim):
    yield Client(dsim, dsim.api_key)
    dsim.configure(**cfgmod.defaults("documented"))


def _keys(objs):
    return {k for o in objs for k in o}


def test_documented_user_items_have_exactly_the_seed_keys(doc, dsim):
    users = doc.am("/user").json()
    assert isinstance(users, list) and {u["user_type"] for u in users} == {"standard", "service"}
    for u in users + [doc.am("/user/me").json(), doc.am(f"/user/{users[0]['id']}").json()]:
        assert set(u) == SEED_USER_KEYS
        assert all(set(a) == SEED_APPLICATION_KEYS for a in u["applications"])
        assert all(set(a) == SEED_ACCOUNT_KEYS for a in u["accounts"])
    stored = {u["id"]: u for u in dsim.tenant["users"]}
    std = next(u for u in users if u["user_type"] == "standard")
    assert std["friendly_name"] == f"{stored[std['id']]['first_name']} {stored[std['id']]['last_name']}"
    assert std["id"] in {u["id"] for u in doc.am("/user", user_name=std["friendly_name"].upper()).json()}


@pytest.mark.skipif(not os.path.exists(SEED_DOC), reason="the seed documents are not on this machine")
def test_the_literal_keys_are_the_seed_documents_keys():
    with open(SEED_DOC, encoding="utf-8") as f:
        text = f.read()
    start = text.index("[", text.index("Example response"))
    example = json.JSONDecoder().raw_decode(text[start:])[0][0]
    assert set(example) == SEED_USER_KEYS
    assert _keys(example["applications"]) == SEED_APPLICATION_KEYS
    assert _keys(example["accounts"]) == SEED_ACCOUNT_KEYS
    audit = text[text.index('"items": [', text.index("GET /audit-log")):]
    assert {k for k in SEED_AUDIT_KEYS if f'"{k}":' in audit} == SEED_AUDIT_KEYS


def test_documented_user_list_ignores_limit_and_offset(doc, dsim):
    whole = doc.am("/user").json()
    assert len(whole) == len(dsim.tenant["users"]) > 50  # more than the default page
    assert doc.am("/user", limit=5, offset=5).json() == whole
    assert doc.am("/user", status="active", limit=1).json() == [u for u in whole if u["status"] == "ACTIVE"]
    assert len(doc.am("/organization", limit=2).json()) == 2  # other bare lists still page


def test_documented_audit_and_account_shapes(doc, dsim):
    body = doc.am("/audit-log", limit=100).json()
    assert set(body) == {"total", "offset", "limit", "items"}
    assert _keys(body["items"]) == SEED_AUDIT_KEYS
    assert set(doc.am(f"/audit-log/{body['items'][0]['id']}").json()) == SEED_AUDIT_KEYS
    accounts = doc.am("/account").json()
    assert _keys(accounts) == SEED_ACCOUNT_KEYS
    assert set(doc.am(f"/account/{accounts[0]['id']}").json()) == SEED_ACCOUNT_KEYS
    assert set(doc.am("/api-access-token", user_id="me").json()) == {"total", "offset", "limit", "items"}


def test_rich_profile_serves_the_stored_objects(doc, dsim):
    dsim.configure(profile="rich")
    assert doc.am("/user", limit=100).json() == dsim.tenant["users"][:100]
    assert len(doc.am("/user", limit=5, offset=5).json()) == 5
    assert doc.am("/audit-log", limit=3).json()["items"] == dsim.tenant["audit_events"][:3]
    assert "ip_address" in doc.am("/audit-log", limit=1).json()["items"][0]
    assert doc.am("/account").json() == dsim.tenant["accounts"]
    assert any("roles" in a for u in doc.am("/user", limit=100).json() for a in u["applications"])


def test_a_shape_switch_overrides_the_profile(doc, dsim):
    dsim.configure(audit_shape="rich")
    assert "ip_address" in doc.am("/audit-log", limit=1).json()["items"][0]
    assert set(doc.am("/user/me").json()) == SEED_USER_KEYS
    assert cfgmod.build({"profile": "rich", "user_shape": "documented"}, {})["user_shape"] == "documented"
    cfg = cfgmod.build({"user_shape": "rich", "envelope": {"user": "items"}}, {"profile": "documented"})
    assert (cfg["user_shape"], cfg["audit_shape"], cfg["envelope"]["user"]) == ("rich", "documented", "items")
    with pytest.raises(cfgmod.ConfigError):
        cfgmod.build(None, {"profile": "lavish"})


def test_seed_server_is_the_documented_profile_plus_three_switches():
    spelled_out = {"profile": "documented",  # as docs/simulator.md spells it out
                   "envelope": {"api-access-token": "bare", "client-auth-certificate": "bare"},
                   "bare_paging": ["user=ignore", "api-access-token=ignore", "client-auth-certificate=ignore"],
                   "absent_endpoints": ["client-auth-certificate"]}
    assert dict(cfgmod.build(spelled_out), profile="seed-server") == cfgmod.defaults("seed-server")


@pytest.mark.parametrize("profile", ["documented", "rich"])
def test_default_profile_is_read_when_defaults_are_built(monkeypatch, profile):
    monkeypatch.setattr(cfgmod, "DEFAULT_PROFILE", profile)
    cfg = cfgmod.defaults()
    assert (cfg["profile"], cfg["user_shape"], cfg["audit_shape"]) == (profile, profile, profile)
    assert cfg["bare_paging"]["user"] == ("ignore" if profile == "documented" else "honour")
    assert cfg["envelope"] == cfgmod.ENVELOPE_DEFAULT and cfg["absent_endpoints"] == []
    assert cfgmod.build(None, {})["profile"] == profile


def test_absent_endpoints_answer_404(doc, dsim):
    dsim.configure(absent_endpoints=["client-auth-certificate", "organization"])
    cert = dsim.tenant["client_auth_certificates"][0]["id"]
    for path in ("/client-auth-certificate?user_id=me", f"/client-auth-certificate/{cert}", "/organization"):
        r = doc.get(AM + path)
        assert r.status_code == 404 and r.json()["errors"][0]["code"] == "resource_not_found", path
        assert "No endpoint" in r.json()["errors"][0]["message"]
    assert Client(dsim).am("/organization").status_code == 404  # like an unknown path: before authentication
    assert doc.am("/api-access-token", user_id="me").status_code == 200
    with pytest.raises(cfgmod.ConfigError):
        dsim.configure(absent_endpoints=["role"])


def test_bare_paging_per_endpoint(doc, dsim):
    owner = next(u for u in dsim.tenant["users"] if u.get("friendly_name") == "planted-ci-deployer")
    dsim.configure(envelope={"api-access-token": "bare", "client-auth-certificate": "bare"},
                   bare_paging="api-access-token=ignore")
    assert len(doc.am("/api-access-token", user_id=owner["id"], limit=1, offset=1).json()) == 3
    assert doc.am("/client-auth-certificate", user_id=owner["id"], limit=1, offset=5).json() == []
    assert len(doc.am("/user", limit=5).json()) == len(dsim.tenant["users"])  # the profile's user=ignore stays
    dsim.configure(bare_paging="honour")  # a plain value sets every endpoint
    assert len(doc.am("/user", limit=5).json()) == 5
    dsim.configure(bare_paging=["ignore", "account=honour"])
    assert dsim.cfg["bare_paging"]["account"] == "honour" and dsim.cfg["bare_paging"]["user"] == "ignore"


def test_detectable_planted_follows_the_profile(dsim):
    planted = dsim.tenant["planted"]
    hidden = dsim.hidden_planted()
    assert {p["check"] for p in hidden} == END_DATE_CHECKS
    assert all(p["missing"] == ["user.end_date"] and "user_shape=documented" in p["reason"] for p in hidden)
    assert len(dsim.detectable_planted()) + len(hidden) == len(planted)
    try:
        dsim.configure(profile="rich")
        assert dsim.detectable_planted() == planted and dsim.hidden_planted() == []
        dsim.configure(profile="seed-server")
        assert {p["check"] for p in dsim.hidden_planted()} == END_DATE_CHECKS | {"client_cert_expiring_soon"}
        body = Client(dsim).get("/_sim/planted").json()
        assert [p["object_id"] for p in body["detectable"]] == [p["object_id"] for p in dsim.detectable_planted()]
        assert body["served"] == dsim.served_fields() and "certificate.valid_to" not in body["served"]
        assert "absent_endpoints includes client-auth-certificate" in body["hidden"][-1]["reason"]
    finally:
        dsim.configure(**cfgmod.defaults("documented"))


@pytest.mark.parametrize("profile", ["documented", "rich"])
def test_served_fields_are_the_fields_responses_carry(dsim, profile):
    """``served_fields`` is what clients really get: every field of every response object, and nothing more."""
    dsim.configure(profile=profile)
    c = Client(dsim, dsim.api_key)
    try:
        users = c.am("/user", limit=100).json()
        objs = {"user": users, "account": c.am("/account").json(),
                "audit": c.am("/audit-log", limit=100).json()["items"],
                "organization": c.am("/organization", limit=100).json(),
                "token": [t for u in users for t in c.am("/api-access-token", user_id=u["id"]).json()["items"]],
                "certificate": [x for u in users
                                for x in c.am("/client-auth-certificate", user_id=u["id"]).json()["items"]],
                "mpki_certificate": [x for status in ("ISSUED", "REVOKED") for x in c.get(
                    "/mpki/api/v1/certificate-search", status=status, limit=100).json()["items"]],
                "mpki_profile": c.get("/mpki/api/v1/profile").json()}
        seen = {f"{name}.{k}" for name, items in objs.items() for k in _keys(items)}
        seen |= {f"user.applications.{k}" for u in users for a in u["applications"] for k in a}
        assert seen == set(dsim.served_fields())
    finally:
        dsim.configure(**cfgmod.defaults("documented"))


def test_cli_serve_profile_documented(tmp_path):
    info = tmp_path / "info.json"
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    proc = subprocess.Popen([sys.executable, "-m", "dc1sim", "serve", "--profile", "documented", "--now", NOW,
                             "--info-json", str(info), "--state-dir", str(tmp_path / "state"),
                             "--bare-paging", "account=ignore", "--absent-endpoints", "client-auth-certificate"],
                            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _i in range(200):
            if info.exists():
                break
            time.sleep(0.05)
        data = json.loads(info.read_text())
        kw = {"headers": {"x-api-key": data["api_key"]}, "verify": data["ca_path"], "timeout": 10}
        users = requests.get(data["base_url"] + AM + "/user?limit=2", **kw).json()
        assert len(users) > 2 and _keys(users) == SEED_USER_KEYS
        assert requests.get(data["base_url"] + AM + "/client-auth-certificate?user_id=me", **kw).status_code == 404
        cfg = requests.get(data["base_url"] + "/_sim/config", **kw).json()
        assert cfg["profile"] == "documented" and cfg["bare_paging"]["account"] == "ignore"
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=10)
    assert proc.returncode == 0
