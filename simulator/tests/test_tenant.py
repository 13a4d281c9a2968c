"""Tenant generation: determinism, shapes, and that `planted` is exactly the set of offenders."""
import datetime
import time

import pytest

from dc1sim import mpki
from dc1sim import tenant as T
from dc1sim.planting import CHECKS, is_admin, manage_managers


def _d(s, days=0):
    return (datetime.date.fromisoformat(s[:10]) + datetime.timedelta(days=days)).isoformat()


def offenders(t):
    """An independent mini compliance evaluator over the tenant JSON (thresholds 30/365 days, 25 failures)."""
    today = t["meta"]["now"][:10]
    soon, year_ago, month_ago, week_ago = _d(today, 30), _d(today, -365), _d(today, -30), _d(today, -7)
    users = {u["id"]: u for u in t["users"]}
    out = set()
    for tok in t["api_access_tokens"]:
        if not tok["enabled"]:
            continue
        if tok["end_date"] is None:
            out.add(("token_without_end_date", tok["id"]))
        elif tok["end_date"] <= soon:
            out.add(("token_expiring_soon", tok["id"]))
        if tok["created_at"][:10] < year_ago:
            out.add(("token_older_than_365_days", tok["id"]))
        if users[tok["user_id"]]["status"] in ("DISABLED", "LOCKED"):
            out.add(("token_enabled_owner_inactive", tok["id"]))
    for u in t["users"]:
        if u["status"] == "LOCKED":
            out.add(("user_locked", u["id"]))
        if u["status"] == "PENDING" and u["created_at"][:10] < month_ago:
            out.add(("user_pending_stale", u["id"]))
        if u["user_type"] != "service":
            continue
        if u["end_date"] is None:
            out.add(("service_user_without_end_date", u["id"]))
        elif u["end_date"] < today:
            out.add(("service_user_end_date_passed", u["id"]))
        elif u["end_date"] <= soon:
            out.add(("service_user_expiring_soon", u["id"]))
        if manage_managers(u) >= 3:
            out.add(("service_user_overprivileged", u["id"]))
    for c in t["client_auth_certificates"]:
        if c["status"] == "VALID" and c["valid_to"][:10] <= soon:
            out.add(("client_cert_expiring_soon", c["id"]))
    for a in t["accounts"]:
        if a["service_period"]["to"] <= soon:
            out.add(("account_service_period_ending", a["id"]))
        admins = [u for u in t["users"] if is_admin(u) and a["id"] in {x["id"] for x in u["accounts"]}]
        if not any(u["status"] == "ACTIVE" for u in admins):
            out.add(("account_without_active_admin", a["id"]))
        if len(admins) > 5:
            out.add(("account_too_many_admins", a["id"]))
    for c in t["mpki_certificates"]:  # Trust Lifecycle certificates, keyed by serial number
        if c["status"] == "issued" and today <= c["valid_to"][:10] <= soon:
            out.add(("certificate_expiring_soon", c["serial_number"]))
        elif c["status"] == "issued" and c["valid_to"][:10] < today:
            out.add(("certificate_expired_but_issued", c["serial_number"]))
        revocation = c.get("revocation") or {}
        if revocation.get("reason") == "key_compromise" and revocation["revocation_date"][:10] >= month_ago:
            out.add(("certificate_revoked_key_compromise", c["serial_number"]))
    fails = {}
    for e in t["audit_events"]:
        if e["status"] == "failure" and e["timestamp"][:10] >= week_ago:
            fails[e["account"]["id"]] = fails.get(e["account"]["id"], 0) + 1
    out |= {("audit_failure_burst", aid) for aid, n in fails.items() if n >= 25}
    return out


@pytest.mark.parametrize("sizes", [{}, {"accounts": 1, "users": 0, "service_users": 0, "organizations": 0,
                                        "audit_events": 0},
                                   {"accounts": 8, "users": 400, "service_users": 80, "audit_events": 20000}])
def test_planted_is_exactly_the_offender_set(sizes):
    t = T.generate(seed=11, now="2026-03-01", **sizes)
    assert set(CHECKS) | set(mpki.CHECKS) <= {p["check"] for p in t["planted"]}
    assert {(p["check"], p["object_id"]) for p in t["planted"]} == offenders(t)
    for p in t["planted"]:
        assert set(p) == {"check", "object_type", "object_id", "account_id", "requires"}
        assert p["requires"] and all("." in f for f in p["requires"])


def test_determinism():
    a = T.dumps(T.generate(seed=5, now="2026-01-01"))
    assert a == T.dumps(T.generate(seed=5, now="2026-01-01"))
    assert a != T.dumps(T.generate(seed=6, now="2026-01-01"))
    assert a != T.dumps(T.generate(seed=5, now="2026-01-02"))


def test_shapes():
    t = T.generate(seed=2, now="2026-01-01")
    assert {u["status"] for u in t["users"]} == {"ACTIVE", "PENDING", "LOCKED", "DISABLED"}
    for u in t["users"]:
        assert u["applications"] and all({"id", "name", "permissions", "roles"} == set(a) for a in u["applications"])
        assert (u["last_login_at"] is None) == (u["status"] == "PENDING")
        assert u["created_at"].endswith("Z") and len(u["created_at"]) == 20
        if u["user_type"] == "service":
            assert "friendly_name" in u and "end_date" in u
        else:
            assert {"first_name", "last_name", "user_name"} <= set(u)
    admin = next(u for u in t["users"] if u["id"] == t["personas"]["admin"])
    assert admin["status"] == "ACTIVE" and admin["access_scope"] == "system"
    ts = [e["timestamp"] for e in t["audit_events"]]
    assert ts == sorted(ts, reverse=True) and ts[-1] >= "2025-10-03"
    assert all("secret" not in json_key for tok in t["api_access_tokens"] for json_key in tok)


def test_large_generation_time():
    t0 = time.monotonic()
    t = T.generate(seed=1, accounts=50, users=10000, service_users=2000, organizations=200,
                   audit_events=100000)
    took = time.monotonic() - t0
    print(f"\n10k users / 2k service users / 100k audit events generated in {took:.2f}s "
          f"({len(t['api_access_tokens'])} tokens)")
    assert len(t["audit_events"]) >= 100000
