# -*- coding: utf-8 -*-
"""The request minimum of a gathering, per mode and shape, and what the simulator's request log shows against it.

The minimum is what a client that knew the tenant and the server's shape in advance would have to send to read
every object the facts hold (docs/performance.md, "The request minimum"):

* a list that pages: ``max(1, ceil(n / 100))`` pages (an empty list still costs its one answer); a bare list
  that ignores ``limit``/``offset``: 1;
* ``role``: 1; per user, 1 request for API tokens and 1 for client certificates (every user's fit in one page);
* an endpoint the tenant does not serve (404 for every user): 1 per process -- the one answer that shows it.

**localhost** reads the tenant once. **Account hosts**: the inventory reads the account, user and organization
lists (its host variables count users and organizations), the play reads ``role`` once, and each host reads its
account's users, organizations, audit log and certificates with the ``account_id`` filter plus the tokens and
client certificates of its account's users. A user of k accounts is read by each of its k hosts (the facts of
each account hold its tokens): that is in the mode's minimum, and counted apart as identical requests.

The allowance over the minimum is 1 per endpoint path per process that reads the path (the pager may need one
request to learn how a bare list pages, once per process): 1 on localhost; on account hosts 1 per host, plus 1
for the inventory's own listings.
"""

import collections
import datetime
import math

from simproc import ABSENT, CAP, IGNORES_PAGING

PER_USER = ("api-access-token", "client-auth-certificate")
PATHS = ("account", "user", "organization", "role", "audit-log", "certificate-search") + PER_USER


def _pages(n, whole=False):
    return 1 if whole else max(1, math.ceil(n / CAP))


def audit_from(now, window_days):
    day = datetime.date.fromisoformat(now[:10])
    return (day - datetime.timedelta(days=window_days)).isoformat()


class Tenant:
    """What the minimum needs from ``GET /_sim/tenant``: members and objects per account."""

    def __init__(self, tenant, since):
        self.accounts = [a["id"] for a in tenant["accounts"]]
        self.users = [u["id"] for u in tenant["users"]]
        self.members = collections.defaultdict(list)
        for u in tenant["users"]:
            for acc in dict.fromkeys(a["id"] for a in u["accounts"]):
                self.members[acc].append(u["id"])
        self.shared = set(u["id"] for u in tenant["users"] if len(set(a["id"] for a in u["accounts"])) > 1)
        self.orgs = collections.Counter(o["account"]["id"] for o in tenant["organizations"])
        events = [e for e in tenant["audit_events"] if e["timestamp"][:10] >= since]
        self.events = collections.Counter(e["account"]["id"] for e in events)
        self.certs = collections.Counter(c["account"]["id"] for c in tenant["mpki_certificates"])
        per_user = collections.Counter(t["user_id"] for t in tenant["api_access_tokens"])
        per_user.update(c["user_id"] for c in tenant["client_auth_certificates"])
        if per_user and max(per_user.values()) > CAP:
            raise RuntimeError("a user holds more than one page of tokens or certificates: extend the minimum")
        self.counts = {"accounts": len(self.accounts), "users": len(self.users),
                       "users_in_several_accounts": len(self.shared),
                       "organizations": len(tenant["organizations"]), "audit_events_read": len(events),
                       "certificates": len(tenant["mpki_certificates"]),
                       "api_tokens": len(tenant["api_access_tokens"]),
                       "client_certificates": len(tenant["client_auth_certificates"])}


def tenant_minimum(t, shape):
    """Per path, the localhost mode: the whole tenant once."""
    whole = IGNORES_PAGING.get(shape, ())
    absent = ABSENT.get(shape, ())
    per = {"account": _pages(len(t.accounts)), "user": _pages(len(t.users), "user" in whole),
           "organization": _pages(sum(t.orgs.values())), "role": 1,
           "audit-log": _pages(sum(t.events.values())), "certificate-search": _pages(sum(t.certs.values()))}
    for path in PER_USER:
        per[path] = 1 if path in absent else len(t.users)
    return per


def account_hosts_minimum(t, shape):
    """Per path, the account-host mode: the inventory's listings, roles once, then every account host."""
    whole = IGNORES_PAGING.get(shape, ())
    absent = ABSENT.get(shape, ())
    per = {"account": _pages(len(t.accounts)), "user": _pages(len(t.users), "user" in whole),
           "organization": _pages(sum(t.orgs.values())), "role": 1, "audit-log": 0, "certificate-search": 0}
    per.update(dict.fromkeys(PER_USER, 0))
    for acc in t.accounts:
        members = len(t.members.get(acc, ()))
        per["user"] += _pages(members, "user" in whole)
        per["organization"] += _pages(t.orgs.get(acc, 0))
        per["audit-log"] += _pages(t.events.get(acc, 0))
        per["certificate-search"] += _pages(t.certs.get(acc, 0))
        for path in PER_USER:
            per[path] += 1 if path in absent else members
    return per


def allowance(mode, hosts):
    """Requests allowed over the minimum per path: 1 per process that reads the path."""
    if mode == "localhost":
        return dict.fromkeys(PATHS, 1)
    out = dict.fromkeys(PATHS, hosts)
    out.update(account=1, role=1, user=hosts + 1, organization=hosts + 1)
    return out


def _name(path):
    return path.rstrip("/").rsplit("/", 1)[-1]


def analyse(asked, minimum, allowed, shared):
    """Per path: sent, minimum, over; identical requests (path and query sent again), split into the per-user reads
    of users of several accounts (the account-host mode's known cost) and any other."""
    sent = collections.Counter(_name(p) for p, _q in asked)
    repeats = collections.Counter(asked)
    twice = [(pq, n - 1) for pq, n in repeats.items() if n > 1]

    def shared_user(pq):
        query = dict(kv.split("=", 1) for kv in pq[1].split("&") if "=" in kv)
        return _name(pq[0]) in PER_USER and query.get("user_id") in shared

    by_shared = sum(n for pq, n in twice if shared_user(pq))
    others = sorted(((pq, n) for pq, n in twice if not shared_user(pq)), key=lambda x: -x[1])
    paths = sorted(set(minimum) | set(sent))
    rows = dict((p, {"sent": sent.get(p, 0), "minimum": minimum.get(p, 0), "allowed_over": allowed.get(p, 1),
                     "over": sent.get(p, 0) - minimum.get(p, 0)}) for p in paths)
    within = all(r["over"] <= r["allowed_over"] for r in rows.values())
    return {"by_path": rows, "total": len(asked), "minimum": sum(minimum.values()),
            "within_allowance": within,
            "identical": {"total": sum(n for _pq, n in twice), "shared_users": by_shared,
                          "other": sum(n for _pq, n in others),
                          "other_examples": ["%s?%s x%d" % (p, q, n + 1) for (p, q), n in others[:5]]}}
