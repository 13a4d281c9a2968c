# -*- coding: utf-8 -*-
"""The request minimum of a gathering, per mode and shape, the contract over it, and what a run's log shows.

The minimum is what a client that knew the tenant and the server's shape in advance would have to send to read
every object the facts hold (docs/performance.md, "The request contract"):

* a list that pages: ``max(1, ceil(n / cap))`` pages at the path's page cap (100; simproc.PAGE_CAPS may set a
  path's own); a bare list that ignores ``limit``/``offset``: 1;
* ``role`` and ``profile`` (Trust Lifecycle profiles, a bare array): 1 each; per user, 1 request for API tokens and 1
  for client certificates (every user's fit in one page);
* a per-user endpoint the tenant does not serve (404 for every user): 1 per run, the one answer that shows it.

**localhost** reads the tenant once. **Account hosts**: the inventory reads the account, user and organization
lists (its host variables count users and organizations), the play reads ``role`` and ``profile`` once, and each host reads its
account's users, organizations, audit log and certificates with the ``account_id`` filter plus the tokens and
client certificates of its account's users. A user of k accounts is read by each of its k hosts (the facts of
each account hold its tokens, and hosts share nothing but what the play hands them): that is in the mode's
minimum, and counted apart as identical requests. The exception is the play's tenant-wide read: it asks a first
wave of users (the first ``wave`` users of the unfiltered user list, ``wave`` = that task's ``max_concurrency``)
once per per-user endpoint and hands their answers to every host, so those users are read once, however many
accounts they belong to.

**The contract** (issue 24) a run is judged by: requests <= minimum + 1 per endpoint path per run + one refused
wave per run, and no request twice except those per-user reads of users of several accounts. So every path may
go 1 over its minimum (the pager learning how a bare list pages, the tenant-wide read's first page of a path the
hosts will list, once per run, not per process), and a per-user endpoint the tenant refuses may go ``wave`` over
(the refused wave of the run, whose one answer the minimum already counts, plus the path's 1).
"""

import collections
import datetime
import math

from simproc import ABSENT, CAP, IGNORES_PAGING

PER_USER = ("api-access-token", "client-auth-certificate")
PATHS = ("account", "user", "organization", "role", "audit-log", "certificate-search", "profile") + PER_USER


def audit_from(now, window_days):
    day = datetime.date.fromisoformat(now[:10])
    return (day - datetime.timedelta(days=window_days)).isoformat()


class Tenant:
    """What the minimum needs from ``GET /_sim/tenant``: members and objects per account, users in list order."""

    def __init__(self, tenant, since):
        self.accounts = [a["id"] for a in tenant["accounts"]]
        self.users = [u["id"] for u in tenant["users"]]  # the order of the unfiltered user list
        self.members = collections.defaultdict(list)
        self.memberships = {}
        for u in tenant["users"]:
            accounts = list(dict.fromkeys(a["id"] for a in u["accounts"]))
            self.memberships[u["id"]] = len(accounts)
            for acc in accounts:
                self.members[acc].append(u["id"])
        self.shared = set(u for u, k in self.memberships.items() if k > 1)
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


class Pages:
    """Pages of a list of ``n`` items on a path of a shape, at the path's cap."""

    def __init__(self, shape, caps=None):
        self.whole = IGNORES_PAGING.get(shape, ())
        self.absent = ABSENT.get(shape, ())
        self.caps = caps or {}

    def __call__(self, path, n):
        if path in self.whole:
            return 1
        return max(1, math.ceil(n / float(self.caps.get(path, CAP))))


def tenant_minimum(t, shape, caps=None):
    """Per path, the localhost mode: the whole tenant once."""
    pages = Pages(shape, caps)
    per = {"account": pages("account", len(t.accounts)), "user": pages("user", len(t.users)),
           "organization": pages("organization", sum(t.orgs.values())), "role": 1,
           "audit-log": pages("audit-log", sum(t.events.values())),
           "certificate-search": pages("certificate-search", sum(t.certs.values())), "profile": 1}
    for path in PER_USER:
        per[path] = 1 if path in pages.absent else len(t.users)
    return per


def account_hosts_minimum(t, shape, wave, caps=None):
    """Per path, the account-host mode: the inventory's listings, roles once, every account host; the first
    ``wave`` users' tokens and certificates once (the play's tenant-wide read hands them to every host)."""
    pages = Pages(shape, caps)
    per = {"account": pages("account", len(t.accounts)), "user": pages("user", len(t.users)),
           "organization": pages("organization", sum(t.orgs.values())), "role": 1, "audit-log": 0,
           "certificate-search": 0, "profile": 1}
    per.update(dict.fromkeys(PER_USER, 0))
    for acc in t.accounts:
        per["user"] += pages("user", len(t.members.get(acc, ())))
        per["organization"] += pages("organization", t.orgs.get(acc, 0))
        per["audit-log"] += pages("audit-log", t.events.get(acc, 0))
        per["certificate-search"] += pages("certificate-search", t.certs.get(acc, 0))
    handed_over = sum(t.memberships[u] - 1 for u in t.users[:wave])
    for path in PER_USER:
        per[path] = 1 if path in pages.absent else sum(len(m) for m in t.members.values()) - handed_over
    return per


def allowance(shape, wave):
    """Requests allowed over the minimum per path in one run: 1; a refused per-user endpoint ``wave``."""
    out = dict.fromkeys(PATHS, 1)
    for path in ABSENT.get(shape, ()):
        out[path] = max(wave, 1)
    return out


def _name(path):
    return path.rstrip("/").rsplit("/", 1)[-1]


def analyse(asked, minimum, allowed, shared):
    """One run's request log against the contract. Per path: sent, minimum, over, allowed over; identical requests
    (path and query sent again), split into the per-user reads of users of several accounts (the account-host
    minimum counts them) and any other (the contract allows none)."""
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
    beyond = sorted(p for p, r in rows.items() if r["over"] > r["allowed_over"])
    other = sum(n for _pq, n in others)
    return {"by_path": rows, "total": len(asked), "minimum": sum(minimum.values()),
            "allowed": sum(minimum.values()) + sum(r["allowed_over"] for r in rows.values()),
            "beyond": beyond, "within_allowance": not beyond, "contract_met": not beyond and not other,
            "identical": {"total": sum(n for _pq, n in twice), "shared_users": by_shared, "other": other,
                          "other_examples": ["%s?%s x%d" % (p, q, n + 1) for (p, q), n in others[:5]]}}


def run_summary(req):
    """What one run's analysis keeps beside the last run's full ``by_path``: total, paths over, repeats."""
    return {"total": req["total"], "contract_met": req["contract_met"], "identical_other": req["identical"]["other"],
            "beyond": dict((p, [req["by_path"][p]["over"], req["by_path"][p]["allowed_over"]]) for p in req["beyond"])}
