"""Tenant generation: determinism, shapes, and that `planted` is exactly the set of offenders."""
import datetime
import time

import pytest
import sim_posture

from dc1sim import config as cfgmod
from dc1sim import mpki, mpki_planted
from dc1sim import tenant as T
from dc1sim.planting import CHECKS, is_admin, manage_managers


def _d(s, days=0):
    return (datetime.date.fromisoformat(s[:10]) + datetime.timedelta(days=days)).isoformat()


class Days:
    """The evaluator's dates, ISO strings that compare as dates: today and the thresholds around it."""

    def __init__(self, t):
        self.today = t["meta"]["now"][:10]
        self.soon, self.year_ago = _d(self.today, 30), _d(self.today, -365)
        self.month_ago, self.week_ago = _d(self.today, -30), _d(self.today, -7)


def offenders(t):
    """An independent mini compliance evaluator over the tenant JSON (thresholds 30/365 days, 25 failures)."""
    days = Days(t)
    users = {u["id"]: u for u in t["users"]}
    out = set()
    for tok in t["api_access_tokens"]:
        out |= {(check, tok["id"]) for check in token_checks(tok, users[tok["user_id"]], days)}
    for u in t["users"]:
        out |= {(check, u["id"]) for check in user_checks(u, days)}
    for c in t["client_auth_certificates"]:
        if c["status"] == "VALID" and c["valid_to"][:10] <= days.soon:
            out.add(("client_cert_expiring_soon", c["id"]))
    for a in t["accounts"]:
        out |= {(check, a["id"]) for check in account_checks(a, t["users"], days)}
    for c in t["mpki_certificates"]:  # Trust Lifecycle certificates, keyed by serial number
        out |= {(check, c["serial_number"]) for check in mpki_checks(c, days)}
    return out | audit_bursts(t["audit_events"], days) | posture(t)


def posture(t):
    """Trust Lifecycle posture over the certificates as served (bodies included) and the stored profiles."""
    now = datetime.datetime.fromisoformat(t["meta"]["now"].replace("Z", "+00:00"))
    served = [mpki.render(c, cfgmod.defaults()) for c in t["mpki_certificates"]]
    approved = next(p["approved_issuers"] for p in t["planted"] if p["check"] == "certificate_unapproved_issuer")
    profiles = [mpki.render_profile(p, cfgmod.defaults()) for p in t["mpki_profiles"]]
    return sim_posture.certificate_findings(served, now, approved) | sim_posture.profile_findings(profiles, now)


def token_checks(tok, owner, days):
    if not tok["enabled"]:
        return []
    found = []
    if tok["end_date"] is None:
        found.append("token_without_end_date")
    elif tok["end_date"] <= days.soon:
        found.append("token_expiring_soon")
    if tok["created_at"][:10] < days.year_ago:
        found.append("token_older_than_365_days")
    if owner["status"] in ("DISABLED", "LOCKED"):
        found.append("token_enabled_owner_inactive")
    return found


def user_checks(u, days):
    found = []
    if u["status"] == "LOCKED":
        found.append("user_locked")
    if u["status"] == "PENDING" and u["created_at"][:10] < days.month_ago:
        found.append("user_pending_stale")
    return found + (service_user_checks(u, days) if u["user_type"] == "service" else [])


def service_user_checks(u, days):
    found = ["service_user_overprivileged"] if manage_managers(u) >= 3 else []
    if u["end_date"] is None:
        return found + ["service_user_without_end_date"]
    if u["end_date"] < days.today:
        return found + ["service_user_end_date_passed"]
    if u["end_date"] <= days.soon:
        return found + ["service_user_expiring_soon"]
    return found


def account_checks(a, users, days):
    found = ["account_service_period_ending"] if a["service_period"]["to"] <= days.soon else []
    admins = [u for u in users if is_admin(u) and a["id"] in {x["id"] for x in u["accounts"]}]
    if not any(u["status"] == "ACTIVE" for u in admins):
        found.append("account_without_active_admin")
    if len(admins) > 5:
        found.append("account_too_many_admins")
    return found


def mpki_checks(c, days):
    found = []
    if c["status"] == "issued" and days.today <= c["valid_to"][:10] <= days.soon:
        found.append("certificate_expiring_soon")
    elif c["status"] == "issued" and c["valid_to"][:10] < days.today:
        found.append("certificate_expired_but_issued")
    revocation = c.get("revocation") or {}
    if revocation.get("reason") == "key_compromise" and revocation["revocation_date"][:10] >= days.month_ago:
        found.append("certificate_revoked_key_compromise")
    return found


def audit_bursts(events, days):
    """Accounts with 25 or more failed events in the last 7 days."""
    fails = {}
    for e in events:
        if e["status"] == "failure" and e["timestamp"][:10] >= days.week_ago:
            fails[e["account"]["id"]] = fails.get(e["account"]["id"], 0) + 1
    return {("audit_failure_burst", aid) for aid, n in fails.items() if n >= 25}


@pytest.mark.parametrize("sizes", [{}, {"accounts": 1, "users": 0, "service_users": 0, "organizations": 0,
                                        "audit_events": 0},
                                   {"accounts": 8, "users": 400, "service_users": 80, "audit_events": 20000}])
def test_planted_is_exactly_the_offender_set(sizes):
    t = T.generate(seed=11, now="2026-03-01", **sizes)
    assert set(CHECKS) | set(mpki_planted.CHECKS) <= {p["check"] for p in t["planted"]}
    assert {(p["check"], p["object_id"]) for p in t["planted"]} == offenders(t)
    extra = {"case", "duplicate_of", "approved_issuers", "issued", "validity_days", "maximum_days"}  # mpki details
    for p in t["planted"]:
        assert {"check", "object_type", "object_id", "account_id", "requires"} <= set(p) <= (
            {"check", "object_type", "object_id", "account_id", "requires"} | extra)
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
