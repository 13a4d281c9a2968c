"""Account Manager / Trust Lifecycle GET endpoints: routing, auth, paging, envelopes, errors.

Pure request -> Response logic with no sockets, so the server can decide separately
how (and whether) the bytes reach the client.
"""
import collections
import hashlib
import json
import math
import threading
import time

from . import config as cfgmod
from . import mpki, shapes
from .errors import BadRequest
from .ids import UUID_RE
from .store import Store

AM = "/account/api/v1"
MPKI = "/mpki/api/v1"
CODES = {400: "invalid_request", 401: "invalid_api_key", 403: "access_denied",
         404: "resource_not_found", 405: "method_not_allowed", 409: "duplicate_error",
         429: "request_limit_exceeded", 503: "service_unavailable"}
HELLO = "Hello from DigiCert ONE - Trust Lifecycle Manager REST API!"
AM_LISTS = {"user", "account", "organization", "audit-log", "api-access-token", "client-auth-certificate"}


class Response:
    def __init__(self, status, body=b"", content_type="application/json", headers=None):
        self.status, self.body, self.content_type = status, body, content_type
        self.headers = dict(headers or {})


class ApiError(Exception):
    def __init__(self, status, message, headers=None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


def key_label(secret):
    """Short, non-reversible label for a credential, safe to log."""
    return "k-" + hashlib.sha256(secret.encode()).hexdigest()[:10]


def error_body(shape, status, message):
    code = CODES.get(status) or ("internal_error" if status >= 500 else "invalid_request")
    if shape == "error-code":
        obj = {"error": {"code": code, "message": message}}
    elif shape == "error-status":
        obj = {"error": {"status": code, "message": message}}
    else:
        obj = {"errors": [{"code": code, "message": message}]}
    return json.dumps(obj).encode()


def error_response(shape, status, message, headers=None):
    h = dict(headers or {})
    if status == 405:
        h.setdefault("Allow", "GET")
    return Response(status, error_body(shape, status, message), headers=h)


def jresp(obj, status=200):
    return Response(status, json.dumps(obj, separators=(",", ":")).encode())


class RateLimiter:
    """Sliding window per key: at most N admitted requests in any SECONDS window."""

    def __init__(self):
        self._lock = threading.Lock()
        self._hits = collections.defaultdict(collections.deque)

    def reset(self):
        with self._lock:
            self._hits.clear()

    def check(self, key, limit):
        n, window = limit
        now = time.monotonic()
        with self._lock:
            q = self._hits[key]
            while q and q[0] <= now - window:
                q.popleft()
            if len(q) >= n:
                return max(1, math.ceil(q[0] + window - now))
            q.append(now)
        return None


class Api:
    def __init__(self, tenant, keys):
        """keys: {secret: persona role}; the persona's user is the caller."""
        self.store = Store(tenant)
        self.tenant = tenant
        self.keys = {}
        for secret, role in keys.items():
            uid = tenant["personas"].get(role)
            if uid is None:
                raise ValueError(f"no persona for key role {role!r} (have {', '.join(tenant['personas'])})")
            self.keys[secret] = uid
        self.limiter = RateLimiter()

    def reload(self):
        """Index the (changed) tenant afresh; requests already running keep the old store."""
        self.store = Store(self.tenant)

    # --- auth -------------------------------------------------------------------------
    def authenticate(self, api_key, cert_user_id):
        """-> (user, key_id); raises 401 for a missing/unknown key or an unusable owner."""
        if api_key:
            uid, kid = self.keys.get(api_key), key_label(api_key)
            if uid is None:
                raise ApiError(401, "Invalid API key")
        elif cert_user_id:
            uid, kid = cert_user_id, "cert-" + cert_user_id[:8]
        else:
            raise ApiError(401, "Missing API key: send it in the x-api-key header")
        user = self.store.users.get(uid)
        if user is None or user["status"] != "ACTIVE":
            raise ApiError(401, "The user that owns this credential is not active")
        if user.get("end_date") and user["end_date"] < self.store.now_day:
            raise ApiError(401, "The API key has expired")
        return user, kid

    def identify(self, api_key, cert_user_id):
        """key_id for logging/rate limiting, even when auth fails."""
        if api_key:
            return key_label(api_key)
        return ("cert-" + cert_user_id[:8]) if cert_user_id else None

    # --- dispatch ----------------------------------------------------------------------
    def route(self, path):
        """-> (family, resource, ident) or None when no such endpoint exists."""
        for base, fam in ((AM, "am"), (MPKI, "mpki")):
            if path == base or path.startswith(base + "/"):
                parts = [p for p in path[len(base):].split("/") if p]
                if not parts or len(parts) > 2:
                    return None
                res = parts[0]
                ident = parts[1] if len(parts) == 2 else None
                if fam == "am" and res in AM_LISTS | {"role"}:
                    if res == "role" and ident:
                        return None
                    return fam, res, ident
                if fam == "mpki" and res in ("certificate-search", "hello") and not ident:
                    return fam, res, None
                if fam == "mpki" and (res == "profile" or (res == "certificate" and ident)):
                    return fam, res, ident
        return None

    def handle(self, method, path, q, api_key, cert_user_id, cfg, data_fault=None, drift=0):
        shape = cfg["error_shape"]
        try:
            r = self.route(path)
            if r is None or r[1] in cfg["absent_endpoints"]:  # absent: a tenant that does not serve it
                raise ApiError(404, f"No endpoint {path}")
            if method != "GET":
                raise ApiError(405, f"Method {method} is not allowed on {path}")
            user, kid = self.authenticate(api_key, cert_user_id)
            if cfg.get("rate_limit"):
                wait = self.limiter.check(kid, cfg["rate_limit"])
                if wait is not None:
                    raise ApiError(429, "Service unavailable, please limit request volume",
                                   {"Retry-After": str(wait)})
            fam, res, ident = r
            ctx = (user, self.store.scope_of(user), q, cfg, data_fault, drift)
            if fam == "mpki":
                return self._mpki(res, ident, *ctx)
            return self._am(res, ident, *ctx)
        except BadRequest as e:
            return error_response(shape, 400, str(e))
        except ApiError as e:
            return error_response(shape, e.status, e.message, e.headers)
        except Exception as e:  # a simulator bug must still produce a well-formed answer
            return error_response(shape, 500, f"Internal simulator error: {type(e).__name__}")

    def _get(self, kind, table, ident, scope):
        if not UUID_RE.match(ident):
            raise ApiError(400, f"{ident!r} is not a valid id (expected a UUID)")
        obj = table.get(ident)
        if obj is None or not self.store.visible(kind, obj, scope):
            raise ApiError(404, f"Resource {ident} not found")
        return obj

    def _target_user(self, user, scope, q):
        uid = (q.get("user_id") or "").strip()
        if not uid:
            raise ApiError(400, "user_id is required")
        if uid == "me":
            return user["id"]
        return self._get("user", self.store.users, uid, scope)["id"]

    def _am(self, res, ident, user, scope, q, cfg, data_fault, drift):
        if res == "role":
            return jresp(self._roles(cfg, q))
        if res == "audit-log" and not _may_view_audit_log(user):
            raise ApiError(403, "You do not have permission to view audit logs")
        kind, table, render = AM_OBJECTS[res]
        if ident:
            obj = user if res == "user" and ident == "me" else self._get(kind, getattr(self.store, table), ident, scope)
            return jresp(render(obj, cfg) if render else obj)
        # a token or certificate list is one user's: user_id is required, and checked before the listing
        extra = (self._target_user(user, scope, q),) if res in PER_USER else ()
        items = self.store.listing(res, scope, q, extra)
        return self._list(cfg, res, items, q, data_fault, drift, _list_renderer(res, render, cfg))

    def _mpki(self, res, ident, user, scope, q, cfg, data_fault, drift):
        if res == "hello":
            return Response(200, HELLO.encode(), "text/plain")
        if res == "profile":
            return self._profile(ident, q, cfg)
        bulk = self.store.bulk(cfg[mpki.BULK_SWITCH])
        if res == "certificate":
            cert = mpki.find(self.tenant["mpki_certificates"], ident, scope, bulk)
            if cert is None:
                raise ApiError(404, f"Certificate {ident} not found")
            return jresp(mpki.render(cert, cfg))
        mpki.check_query(q, cfg)
        items = self.store.listing("certificate-search", scope, q, (cfg[mpki.BULK_SWITCH],))
        return self._list(cfg, "certificate-search", items, q, data_fault, drift, mpki.renderer(items, cfg),
                          shape="envelope")

    def _profile(self, ident, q, cfg):
        """A bare array of every profile (tenant-wide, as the spec has no paging for it), or one by id."""
        if ident is None:
            return jresp(mpki.profiles(self.tenant["mpki_profiles"], q, cfg))
        found = mpki.profile(self.tenant["mpki_profiles"], ident, cfg)
        if found is None:
            raise ApiError(404, f"Profile {ident} not found")
        return jresp(found)

    def _roles(self, cfg, q):
        roles = self.tenant["roles"]
        code = (q.get("application_code") or "").strip()
        if code:
            if code not in roles:
                raise ApiError(400, f"Unknown application_code {code!r}")
            roles = {code: roles[code]}
        if cfg["role_shape"] == "list":
            return [dict(r, application_code=c) for c, rows in roles.items() for r in rows]
        return roles

    # --- paging -------------------------------------------------------------------------
    def _list(self, cfg, endpoint, items, q, data_fault, drift, render=None, shape=None):
        shape = shape or cfg["envelope"].get(endpoint, "bare")
        if shape == "bare" and cfg["bare_paging"].get(endpoint) == "ignore":
            page = items
            offset, limit = 0, len(items)
        else:
            offset, limit = self._window(cfg, endpoint, q)
            page = _slice(items, offset, limit, data_fault)
        if render:
            page = [render(x) for x in page]
        if shape == "bare":
            return jresp(page)
        if shape in ("items", "records"):
            return jresp({shape: page})
        key = "records" if shape == "envelope-records" else "items"
        return jresp({"total": len(items) + drift, "offset": offset, "limit": limit, key: page})

    @staticmethod
    def _window(cfg, endpoint, q):
        cap = cfgmod.page_cap(cfg, endpoint)
        raw_limit, raw_offset = q.get("limit"), q.get("offset")
        try:
            limit = int(raw_limit) if raw_limit not in (None, "") else min(cfg["page_default"], cap)
            offset = int(raw_offset) if raw_offset not in (None, "") else 0
        except ValueError:
            raise BadRequest("limit and offset must be integers") from None
        if offset < 0:
            raise BadRequest("offset must be >= 0")
        if limit < 1 or limit > cap:
            if cfg["page_cap_mode"] == "reject":
                raise BadRequest(f"limit must be between 1 and {cap}")
            limit = min(max(limit, 1), cap)
        return offset, limit


def _slice(items, offset, limit, fault):
    kind = fault["kind"] if fault else None
    if kind == "empty":
        return []
    if kind == "oversize":
        return items[offset:offset + limit + fault.get("extra", max(1, limit // 2))]
    if kind == "duplicate":
        if offset > 0:
            return items[offset - 1:offset - 1 + limit]
        return items[:1] + items[:max(0, limit - 1)]
    return items[offset:offset + limit]


def _may_view_audit_log(user):
    return any("VIEW_AM_AUDIT_LOG" in a["permissions"] for a in user["applications"])


def _list_renderer(res, render, cfg):
    """Per-item render of a list; None sends the stored objects as they are (organizations, a rich shape)."""
    if res in PER_USER:
        return lambda obj: render(obj, cfg)
    return shapes.renderer(res, cfg)


def render_token(tok, cfg):
    state = cfg["token_state_field"]
    return {"id": tok["id"], "name": tok["name"], "user_id": tok["user_id"],
            "created_at": tok["created_at"], cfg["token_end_field"]: tok["end_date"],
            state: tok["enabled"] if state == "enabled" else ("ACTIVE" if tok["enabled"] else "DISABLED")}


def render_cert(c, cfg):
    out = {k: v for k, v in c.items() if k != "valid_to"}
    out[cfg["cert_end_field"]] = c["valid_to"]
    return out


# Account Manager object endpoint -> (visibility kind, Store table, render of one object under cfg or None)
AM_OBJECTS = {
    "user": ("user", "users", shapes.user),
    "account": ("account", "accounts", shapes.account),
    "organization": ("organization", "orgs", None),
    "audit-log": ("audit", "events", shapes.audit),
    "api-access-token": ("token", "tokens", render_token),
    "client-auth-certificate": ("cert", "certs", render_cert),
}
PER_USER = {"api-access-token", "client-auth-certificate"}  # lists of one user's credentials (?user_id=)
