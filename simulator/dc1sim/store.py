"""Indexes over the tenant, per-caller visibility, query filters and the result cache.

Filtered lists are cached per (endpoint, visible accounts, normalised filters, sort), so
paging through 100,000 audit events costs one O(N) filter for the first page and
O(page) for each later one. The tenant is read-only while served, so the cache never
needs invalidation.
"""
import re
import threading
from collections import OrderedDict

from . import mpki, mpki_bulk
from .dates import day, parse_now
from .errors import BadRequest
from .names import display_name

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SORT_FIELDS = {
    "timestamp": lambda e: e["timestamp"], "action": lambda e: e["action"],
    "status": lambda e: e["status"], "resource_type": lambda e: e["resource_type"],
    "resource_name": lambda e: e.get("resource_name") or "",
    "user_name": lambda e: e["user"]["name"] or "", "account_name": lambda e: e["account"]["name"],
}


def parse_sort(value):
    """Accepted: f, +f, -f, 'f,asc', 'f,desc', 'f:asc', 'f asc' -> (field, descending)."""
    v = (value or "-timestamp").strip()
    desc = False
    if v[:1] in "+-":
        desc, v = v[0] == "-", v[1:]
    else:
        for sep in (",", ":", " "):
            if sep in v:
                v, direction = (x.strip() for x in v.split(sep, 1))
                if direction.lower() not in ("asc", "desc"):
                    raise BadRequest(f"sort direction must be asc or desc, got {direction!r}")
                desc = direction.lower() == "desc"
                break
    if v not in SORT_FIELDS:
        raise BadRequest(f"sort field must be one of {', '.join(SORT_FIELDS)}")
    return v, desc


def _date(value, name):
    if not DATE_RE.match(value):
        raise BadRequest(f"{name} must be a date in YYYY-MM-DD format")
    y, m, d = (int(x) for x in value.split("-"))
    if not (1 <= m <= 12 and 1 <= d <= 31):
        raise BadRequest(f"{name} must be a date in YYYY-MM-DD format")
    return value


class Store:
    def __init__(self, tenant, cache_size=256):
        self.t = tenant
        self.users = {u["id"]: u for u in tenant["users"]}
        self.accounts = {a["id"]: a for a in tenant["accounts"]}
        self.orgs = {o["id"]: o for o in tenant["organizations"]}
        self.tokens = {x["id"]: x for x in tenant["api_access_tokens"]}
        self.certs = {x["id"]: x for x in tenant["client_auth_certificates"]}
        self.events = {x["id"]: x for x in tenant["audit_events"]}
        self.user_accs = {u["id"]: frozenset(a["id"] for a in u["accounts"]) for u in tenant["users"]}
        self.tokens_by_user, self.certs_by_user = {}, {}
        for x in tenant["api_access_tokens"]:
            self.tokens_by_user.setdefault(x["user_id"], []).append(x)
        for x in tenant["client_auth_certificates"]:
            self.certs_by_user.setdefault(x["user_id"], []).append(x)
        self.now_day = day(parse_now(tenant.get("meta", {}).get("now")))
        self._cache = OrderedDict()
        self._bulk = None
        self._size = cache_size
        self._lock = threading.Lock()

    # --- visibility ------------------------------------------------------------------
    @staticmethod
    def scope_of(user):
        """None = every account (access_scope system), else the user's account ids."""
        if user.get("access_scope") == "system":
            return None
        return frozenset(a["id"] for a in user.get("accounts", ()))

    def user_visible(self, u, scope):
        return scope is None or bool(self.user_accs.get(u["id"], frozenset()) & scope)

    def visible(self, kind, obj, scope):
        if scope is None:
            return True
        if kind == "user":
            return self.user_visible(obj, scope)
        if kind == "account":
            return obj["id"] in scope
        if kind in ("organization", "audit", "mpki"):
            return obj["account"]["id"] in scope
        if kind in ("token", "cert"):
            owner = self.users.get(obj["user_id"])
            return owner is not None and self.user_visible(owner, scope)
        return True

    # --- filtered lists ---------------------------------------------------------------
    def listing(self, endpoint, scope, q, extra=()):
        """Filtered (and for audit, sorted) list for a query; cached."""
        key = (endpoint, None if scope is None else tuple(sorted(scope)),
               tuple(sorted((k, v) for k, v in q.items() if k not in ("limit", "offset"))), extra)
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
        result = getattr(self, "_f_" + endpoint.replace("-", "_"))(scope, q, *extra)
        with self._lock:
            self._cache[key] = result
            if len(self._cache) > self._size:
                self._cache.popitem(last=False)
        return result

    def _f_user(self, scope, q):
        preds = []
        if q.get("status"):
            s = q["status"].upper()
            preds.append(lambda u: u["status"] == s)
        if q.get("user_type"):
            ut = q["user_type"].lower()
            preds.append(lambda u: u["user_type"] == ut)
        if q.get("user_name"):
            n = q["user_name"].lower()
            # the stored name, or the name the documented shape shows ("First Last"): both profiles find a user
            preds.append(lambda u: n in (u.get("user_name") or "").lower() or n in display_name(u).lower())
        if q.get("email"):
            e = q["email"].lower()
            preds.append(lambda u: (u.get("email") or "").lower() == e)
        if q.get("account_id"):
            a = q["account_id"]
            preds.append(lambda u: a in self.user_accs[u["id"]])
        return [u for u in self.t["users"]
                if self.user_visible(u, scope) and all(p(u) for p in preds)]

    def _f_account(self, scope, q):
        return [a for a in self.t["accounts"] if scope is None or a["id"] in scope]

    def _f_organization(self, scope, q):
        a = q.get("account_id")
        return [o for o in self.t["organizations"]
                if (scope is None or o["account"]["id"] in scope) and (not a or o["account"]["id"] == a)]

    def _f_audit_log(self, scope, q):
        preds = []
        if q.get("user_name"):
            n = q["user_name"].lower()
            preds.append(lambda e: n in (e["user"]["name"] or "").lower())
        if q.get("action"):
            act = q["action"]
            preds.append(lambda e: e["action"] == act)
        if q.get("resource_types"):
            rts = {x.strip() for x in q["resource_types"].split(",") if x.strip()}
            preds.append(lambda e: e["resource_type"] in rts)
        if q.get("resource_id"):
            rid = q["resource_id"]
            preds.append(lambda e: e["resource_id"] == rid)
        if q.get("status"):
            st = q["status"].lower()
            preds.append(lambda e: e["status"] == st)
        if q.get("account_id"):
            aid = q["account_id"]
            preds.append(lambda e: e["account"]["id"] == aid)
        if q.get("from"):
            lo = _date(q["from"], "from")
            preds.append(lambda e: e["timestamp"][:10] >= lo)
        if q.get("to"):
            hi = _date(q["to"], "to")
            preds.append(lambda e: e["timestamp"][:10] <= hi)
        field, desc = parse_sort(q.get("sort"))
        out = [e for e in self.t["audit_events"]
               if (scope is None or e["account"]["id"] in scope) and all(p(e) for p in preds)]
        if field == "timestamp":
            return out if desc else out[::-1]
        return sorted(out, key=SORT_FIELDS[field], reverse=desc)

    def _f_api_access_token(self, scope, q, user_id):
        return list(self.tokens_by_user.get(user_id, ()))

    def _f_client_auth_certificate(self, scope, q, user_id):
        return list(self.certs_by_user.get(user_id, ()))

    def _f_certificate_search(self, scope, q, bulk_size=0):
        return mpki.search(self.t["mpki_certificates"], scope, q, self.bulk(bulk_size))

    def bulk(self, size):
        """The bulk population of ``size`` certificates in all (``mpki_bulk_certificates``), or None when off."""
        if not size:
            return None
        with self._lock:
            if self._bulk is None or self._bulk.size != size:
                self._bulk = mpki_bulk.Population(self.t, size)
            return self._bulk
