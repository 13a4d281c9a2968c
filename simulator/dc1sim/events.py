"""Audit events (mpki-like shape, docs/api-notes.md "Audit log"); Trust Lifecycle objects: :mod:`dc1sim.mpki`.

Random failures are capped at 15 per account in the last 7 days, so the planted burst
(30 failed sign-ins on account 0) is the only account over the 25-failure threshold.
"""
from operator import itemgetter

from .tenant import DAY, iso

ACTIONS = {
    "user": [("create", "User has been created by api"), ("update", "User has been updated"),
             ("disable", "User has been disabled"), ("enable", "User has been enabled")],
    "service_user": [("create", "Service user has been created"), ("update", "Service user has been updated")],
    "api_access_token": [("create", "API token has been generated"), ("delete", "API token has been deleted"),
                         ("disable", "API token has been disabled")],
    "client_auth_certificate": [("create", "Client authentication certificate has been created"),
                                ("disable", "Client authentication certificate has been disabled")],
    "organization": [("create", "Organization has been created"), ("update", "Organization has been updated")],
    "account": [("update", "Account has been updated")],
}
FAIL_CAP_7D = 15
BURST = 30


def _uname(u):
    return u.get("user_name") or u.get("friendly_name")


def audit_events(g, n):
    rng, t, now = g.rng, g.t, g.now
    accounts = [a for a in t["accounts"] if not a["name"].startswith("Planted ")] or t["accounts"]
    by_acc = {a["id"]: {"users": [], "tokens": [], "certs": [], "orgs": []} for a in t["accounts"]}
    owners = {}
    for u in t["users"]:
        owners[u["id"]] = u
        for a in u["accounts"]:
            by_acc[a["id"]]["users"].append(u)
    for tok in t["api_access_tokens"]:
        by_acc[owners[tok["user_id"]]["primary_account_id"]]["tokens"].append(tok)
    for c in t["client_auth_certificates"]:
        by_acc[owners[c["user_id"]]["primary_account_id"]]["certs"].append(c)
    for o in t["organizations"]:
        by_acc[o["account"]["id"]]["orgs"].append(o)
    actors = {aid: [u for u in d["users"] if u["status"] == "ACTIVE"] or d["users"] for aid, d in by_acc.items()}

    week_ago = now - 7 * DAY
    fails = {a["id"]: 0 for a in accounts}
    rnd, bits = rng.random, rng.getrandbits
    span = 90 * DAY - 60

    def pick(seq):
        return seq[int(rnd() * len(seq))]

    stamps = sorted((now - 60 - int(rnd() * span) for _i in range(n)), reverse=True)
    out = []
    for ts in stamps:
        acc = pick(accounts)
        aid, pool = acc["id"], by_acc[acc["id"]]
        actor = pick(actors[aid])
        r = rnd()
        if r < 0.35:
            rtype, res, (action, desc) = "user", actor, ("login", "User signed in")
        elif r < 0.6:
            res = pick(pool["users"])
            rtype = "service_user" if res["user_type"] == "service" else "user"
            action, desc = pick(ACTIONS[rtype])
        elif r < 0.75 and pool["tokens"]:
            rtype, res = "api_access_token", pick(pool["tokens"])
            action, desc = pick(ACTIONS[rtype])
        elif r < 0.85 and pool["certs"]:
            rtype, res = "client_auth_certificate", pick(pool["certs"])
            action, desc = pick(ACTIONS[rtype])
        elif r < 0.95 and pool["orgs"]:
            rtype, res = "organization", pick(pool["orgs"])
            action, desc = pick(ACTIONS[rtype])
        else:
            rtype, res, (action, desc) = "account", acc, pick(ACTIONS["account"])
        status = "success"
        if rnd() < 0.03 and (ts < week_ago or fails[aid] < FAIL_CAP_7D):
            status = "failure"
            fails[aid] += ts >= week_ago
            desc = desc.replace("has been", "could not be").replace("signed in", "sign-in failed")
        out.append(_event(g, ts, acc, rtype, res, action, actor, desc, status,
                          f"10.{bits(8)}.{bits(8)}.{1 + bits(7)}"))
    # planted: a burst of failed sign-ins on account 0 inside the last 7 days
    a0 = t["accounts"][0]
    victim = next((u for u in actors[a0["id"]] if u["user_type"] == "standard"), actors[a0["id"]][0])
    for _i in range(BURST):
        ts = now - rng.randint(3600, 6 * DAY)
        out.append(_event(g, ts, a0, "user", victim, "login", victim,
                          "Sign-in failed: invalid credentials", "failure", "198.51.100.23"))
    out.sort(key=itemgetter("timestamp"), reverse=True)  # stable: deterministic order on ties
    t["audit_events"] = out
    t["planted"].append({"check": "audit_failure_burst", "object_type": "account",
                         "object_id": a0["id"], "account_id": a0["id"]})


def _event(g, ts, acc, rtype, res, action, actor, desc, status, ip):
    name = _uname(res) if rtype in ("user", "service_user") else res.get("name")
    return {"id": g.uid(), "account": {"id": acc["id"], "name": acc["name"]},
            "resource_type": rtype, "resource_id": res["id"], "resource_name": name,
            "action": action, "user": {"id": actor["id"], "name": _uname(actor)},
            "timestamp": iso(ts), "description": desc, "status": status, "ip_address": ip}
