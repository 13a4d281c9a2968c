"""Audit events (mpki-like shape, docs/api-notes.md "Audit log"); Trust Lifecycle objects: :mod:`dc1sim.mpki`.

Random failures are capped at 15 per account in the last 7 days, so the planted burst
(30 failed sign-ins on account 0) is the only account over the 25-failure threshold.
"""
from operator import itemgetter

from .dates import DAY, iso

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
    """``n`` random events over the last 90 days, then the planted burst; stored newest first.

    The draws from ``g.rng`` come in a fixed order, so a seed always gives the same log.
    """
    t = g.t
    pools, actors = _pools(t)
    out = _random_events(g, n, pools, actors) + _burst(g, t["accounts"][0], actors)
    out.sort(key=itemgetter("timestamp"), reverse=True)  # stable: deterministic order on ties
    t["audit_events"] = out
    a0 = t["accounts"][0]["id"]
    t["planted"].append({"check": "audit_failure_burst", "object_type": "account", "object_id": a0,
                         "account_id": a0})


def _pools(t):
    """-> (account id -> its users, tokens, certs, orgs; account id -> who acts there: its active users if any)."""
    pools = {a["id"]: {"users": [], "tokens": [], "certs": [], "orgs": []} for a in t["accounts"]}
    owners = {}
    for u in t["users"]:
        owners[u["id"]] = u
        for a in u["accounts"]:
            pools[a["id"]]["users"].append(u)
    for tok in t["api_access_tokens"]:
        pools[owners[tok["user_id"]]["primary_account_id"]]["tokens"].append(tok)
    for c in t["client_auth_certificates"]:
        pools[owners[c["user_id"]]["primary_account_id"]]["certs"].append(c)
    for o in t["organizations"]:
        pools[o["account"]["id"]]["orgs"].append(o)
    actors = {aid: [u for u in d["users"] if u["status"] == "ACTIVE"] or d["users"] for aid, d in pools.items()}
    return pools, actors


# (r below, pool, resource type): the share of token, certificate and organization events; an empty pool passes
# its share on to the next row, and whatever is left is an account event
_SHARES = ((0.75, "tokens", "api_access_token"), (0.85, "certs", "client_auth_certificate"),
           (0.95, "orgs", "organization"))


def _what(r, acc, pool, actor, pick):
    """-> (resource type, resource, action, description) of one event; ``r`` in [0, 1) chooses the kind."""
    if r < 0.35:
        return "user", actor, "login", "User signed in"
    if r < 0.6:
        res = pick(pool["users"])
        rtype = "service_user" if res["user_type"] == "service" else "user"
        return (rtype, res, *pick(ACTIONS[rtype]))
    for bound, key, rtype in _SHARES:
        if r < bound and pool[key]:
            return (rtype, pick(pool[key]), *pick(ACTIONS[rtype]))
    return ("account", acc, *pick(ACTIONS["account"]))


def _random_events(g, n, pools, actors):
    now, week_ago = g.now, g.now - 7 * DAY
    rnd, bits = g.rng.random, g.rng.getrandbits
    accounts = [a for a in g.t["accounts"] if not a["name"].startswith("Planted ")] or g.t["accounts"]
    fails = {a["id"]: 0 for a in accounts}  # failures per account in the last 7 days, capped at FAIL_CAP_7D

    def pick(seq):
        return seq[int(rnd() * len(seq))]

    stamps = sorted((now - 60 - int(rnd() * (90 * DAY - 60)) for _i in range(n)), reverse=True)
    out = []
    for ts in stamps:
        acc = pick(accounts)
        actor = pick(actors[acc["id"]])
        rtype, res, action, desc = _what(rnd(), acc, pools[acc["id"]], actor, pick)
        status = "success"
        if rnd() < 0.03 and (ts < week_ago or fails[acc["id"]] < FAIL_CAP_7D):
            status = "failure"
            fails[acc["id"]] += ts >= week_ago
            desc = desc.replace("has been", "could not be").replace("signed in", "sign-in failed")
        out.append(_event(g, ts, acc, rtype, res, action, actor, desc, status,
                          f"10.{bits(8)}.{bits(8)}.{1 + bits(7)}"))
    return out


def _burst(g, a0, actors):
    """The planted offender: failed sign-ins of one user on account 0 inside the last 7 days."""
    victim = next((u for u in actors[a0["id"]] if u["user_type"] == "standard"), actors[a0["id"]][0])
    return [_event(g, g.now - g.rng.randint(3600, 6 * DAY), a0, "user", victim, "login", victim,
                   "Sign-in failed: invalid credentials", "failure", "198.51.100.23") for _i in range(BURST)]


def _event(g, ts, acc, rtype, res, action, actor, desc, status, ip):
    name = _uname(res) if rtype in ("user", "service_user") else res.get("name")
    return {"id": g.uid(), "account": {"id": acc["id"], "name": acc["name"]},
            "resource_type": rtype, "resource_id": res["id"], "resource_name": name,
            "action": action, "user": {"id": actor["id"], "name": _uname(actor)},
            "timestamp": iso(ts), "description": desc, "status": status, "ip_address": ip}
