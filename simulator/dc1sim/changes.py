"""Changes to a running simulator's tenant: new audit entries, users, roles, tokens; for tests that watch them.

``apply(tenant, changes)`` mutates the tenant dict in place and returns what it created. The caller
(``Simulator.change_tenant``) then builds a fresh ``Store`` and swaps it in, so requests in flight keep
reading a consistent old view and the next request sees the new one. Every change is validated before
any is applied: a bad list changes nothing.
"""
import copy
import time
import uuid

from . import catalog as C
from .dates import iso

USER_FIELDS = ("email", "status", "access_scope", "user_type", "friendly_name", "user_name", "first_name",
               "last_name", "description", "locale", "end_date", "created_at")
TOKEN_FIELDS = ("name", "end_date", "enabled", "created_at")
AUDIT_FIELDS = ("resource_type", "resource_id", "resource_name", "action", "description", "status", "ip_address",
                "timestamp")


class ChangeError(ValueError):
    """A change the simulator refuses (unknown op, id or field); nothing was applied."""


def _now_iso(clock=time.time):
    return iso(int(clock()))


def _find(items, ident, what):
    for item in items:
        if item["id"] == ident:
            return item
    raise ChangeError(f"{what}: no object with id {ident!r}")


def _check_fields(given, allowed, what):
    unknown = sorted(set(given) - set(allowed))
    if unknown:
        raise ChangeError(f"{what}: unknown field(s) {', '.join(unknown)} (allowed: {', '.join(allowed)})")


def _account_refs(tenant, ids):
    by_id = {a["id"]: a for a in tenant["accounts"]}
    refs = []
    for ident in ids:
        if ident not in by_id:
            raise ChangeError(f"accounts: no account {ident!r}")
        a = by_id[ident]
        refs.append({k: a[k] for k in ("id", "name", "active", "service_period", "friendly_identifier", "locale")})
    return refs


def _roles(names):
    unknown = sorted(set(names) - set(C.ROLE_APP))
    if unknown:
        raise ChangeError(f"roles: unknown role(s) {', '.join(unknown)}")
    return C.applications_for(list(names))


def _audit(tenant, change, clock):
    entries = change.get("entries") or [{}] * int(change.get("count", 1))
    users = {u["id"]: u for u in tenant["users"]}
    default_account = tenant["accounts"][0]
    out = []
    for given in entries:
        _check_fields({k for k in given if k not in ("account_id", "user_id", "id")}, AUDIT_FIELDS, "append_audit")
        account = _find(tenant["accounts"], given.get("account_id", default_account["id"]), "append_audit account_id")
        actor = users.get(given.get("user_id") or tenant["personas"]["admin"])
        if actor is None:
            raise ChangeError(f"append_audit user_id: no user {given.get('user_id')!r}")
        name = actor.get("user_name") or actor.get("friendly_name")
        entry = {"id": given.get("id") or str(uuid.uuid4()), "account": {"id": account["id"], "name": account["name"]},
                 "resource_type": "user", "resource_id": actor["id"], "resource_name": name, "action": "login",
                 "user": {"id": actor["id"], "name": name}, "timestamp": _now_iso(clock),
                 "description": "Simulated event", "status": "success"}
        entry.update({k: v for k, v in given.items() if k in AUDIT_FIELDS})
        out.append(entry)
    return out


def _user(tenant, change, clock):
    given = dict(change.get("user") or {})
    accounts = given.pop("accounts", None) or [tenant["accounts"][0]["id"]]
    roles = given.pop("roles", [])
    _check_fields(given, USER_FIELDS + ("id",), "add_user")
    user = {"id": given.pop("id", None) or str(uuid.uuid4()), "email": "new.user@example.com", "status": "ACTIVE",
            "access_scope": "account", "primary_account_id": accounts[0],
            "created_at": _now_iso(clock), "created_by": tenant["personas"]["admin"], "user_type": "standard",
            "description": "", "locale": "en_US", "last_login_at": None}
    user.update(given)
    if user["user_type"] == "standard":
        user.setdefault("user_name", user["email"].partition("@")[0])
    else:
        user.setdefault("friendly_name", user["email"].partition("@")[0])
        user.setdefault("end_date", None)
    user["applications"] = _roles(roles)
    user["accounts"] = _account_refs(tenant, accounts)
    return user


def _validate(tenant, changes):
    if not isinstance(changes, list) or not all(isinstance(c, dict) for c in changes):
        raise ChangeError("changes must be a list of objects, each with an 'op'")
    for change in changes:
        if change.get("op") not in OPS:
            raise ChangeError(f"unknown op {change.get('op')!r} (one of {', '.join(OPS)})")


def apply(tenant, changes, clock=time.time):
    """Apply ``changes`` (a list of ``{"op": ..., ...}``) to ``tenant``; returns ``[{"op", "id"}]`` created or touched.

    Validation runs on a trial copy first, so a bad change leaves the tenant as it was.
    """
    _validate(tenant, changes)
    kept = ("accounts", "users", "api_access_tokens", "client_auth_certificates", "personas")
    trial = copy.deepcopy({k: tenant[k] for k in kept})
    trial["audit_events"] = []
    _run(trial, changes, clock)  # raises ChangeError before the real tenant is touched
    return _run(tenant, changes, clock)


def _run(tenant, changes, clock):
    done = []
    for change in changes:
        op = change["op"]
        done += [{"op": op, "id": ident} for ident in _OPS[op](tenant, change, clock)]
    return done


# Each op: (tenant, change, clock) -> ids of the objects it created or touched, in order.

def _append_audit(tenant, change, clock):
    entries = _audit(tenant, change, clock)
    # The log is served newest first: keep it sorted by timestamp, stable for equal ones.
    tenant["audit_events"] = sorted(entries + tenant["audit_events"], key=lambda e: e["timestamp"], reverse=True)
    return [e["id"] for e in entries]


def _add_user(tenant, change, clock):
    user = _user(tenant, change, clock)
    tenant["users"].append(user)
    return [user["id"]]


def _update_user(tenant, change, _clock):
    user = _find(tenant["users"], change.get("id"), "update_user")
    fields = dict(change.get("set") or {})
    roles = fields.pop("roles", None)
    _check_fields(fields, USER_FIELDS, "update_user")
    user.update(fields)
    if roles is not None:
        user["applications"] = _roles(roles)
    return [user["id"]]


def _remove_user(tenant, change, _clock):
    """The user goes with their tokens and certificates, as they would on the service."""
    user = _find(tenant["users"], change.get("id"), "remove_user")
    tenant["users"].remove(user)
    for key in ("api_access_tokens", "client_auth_certificates"):
        tenant[key] = [x for x in tenant[key] if x["user_id"] != user["id"]]
    return [user["id"]]


def _add_token(tenant, change, clock):
    given = dict(change.get("token") or {})
    owner = _find(tenant["users"], given.pop("user_id", None), "add_token user_id")
    _check_fields(given, TOKEN_FIELDS + ("id",), "add_token")
    token = {"id": given.pop("id", None) or str(uuid.uuid4()), "name": "new-token", "user_id": owner["id"],
             "created_at": _now_iso(clock), "end_date": None, "enabled": True}
    token.update(given)
    tenant["api_access_tokens"].append(token)
    return [token["id"]]


def _update_token(tenant, change, _clock):
    token = _find(tenant["api_access_tokens"], change.get("id"), "update_token")
    _check_fields(change.get("set") or {}, TOKEN_FIELDS, "update_token")
    token.update(change.get("set") or {})
    return [token["id"]]


def _add_certificate(tenant, change, clock):
    given = dict(change.get("certificate") or {})
    owner = _find(tenant["users"], given.pop("user_id", None), "add_certificate user_id")
    start = int(clock())
    cert = {"id": given.pop("id", None) or str(uuid.uuid4()), "user_id": owner["id"],
            "name": given.get("name", "new-cert"), "serial_number": uuid.uuid4().hex.upper(),
            "subject": {"common_name": owner.get("friendly_name") or owner.get("user_name")},
            "status": given.get("status", "VALID"), "valid_from": iso(start),
            "valid_to": given.get("valid_to") or iso(start + 365 * 86400), "created_at": iso(start)}
    tenant["client_auth_certificates"].append(cert)
    return [cert["id"]]


def _remover(key, op):
    """The op that removes one object, by id, from ``tenant[key]``."""
    def remove(tenant, change, _clock):
        obj = _find(tenant[key], change.get("id"), op)
        tenant[key].remove(obj)
        return [obj["id"]]
    return remove


_OPS = {
    "append_audit": _append_audit,
    "add_user": _add_user,
    "update_user": _update_user,
    "remove_user": _remove_user,
    "add_token": _add_token,
    "update_token": _update_token,
    "remove_token": _remover("api_access_tokens", "remove_token"),
    "add_certificate": _add_certificate,
    "remove_certificate": _remover("client_auth_certificates", "remove_certificate"),
}
OPS = tuple(_OPS)  # the ops a change may name, in the order an error message lists them
