"""What a response shows of the tenant: the shape switches applied when rendering, and the fields they serve.

The tenant is always generated rich (every field the simulator knows); ``user_shape``, ``account_shape``
and ``audit_shape`` decide what a response shows. ``documented`` is field for field the seed documents'
examples (/work/shared/seeds/first-api-call.txt: the ``/user`` and ``/audit-log`` answers, the user's
``accounts[]`` entry); a field the example lacks is absent. ``rich`` is the stored object as it is.

Field names in ``served_fields`` use the simulator's own vocabulary, ``object.field``; tokens and certificates
use their stored names (``token.end_date``, ``token.enabled``, ``certificate.valid_to``), which the
``token_end_field`` / ``token_state_field`` / ``cert_end_field`` switches only rename on output.
"""
from . import mpki
from .names import display_name

USER_KEYS = ("id", "email", "status", "access_scope", "primary_account_id", "created_at", "created_by",
             "user_type", "friendly_name", "description", "locale")
APPLICATION_KEYS = ("id", "name", "permissions")
ACCOUNT_KEYS = ("id", "name", "active", "service_period", "friendly_identifier", "locale")
AUDIT_KEYS = ("id", "account", "resource_type", "resource_id", "resource_name", "action", "user", "timestamp",
              "description", "status")
ORGANIZATION_KEYS = ("id", "name", "address", "address2", "zip_code", "city", "state", "country", "phone",
                     "account", "active")
TOKEN_KEYS = ("id", "name", "user_id", "created_at", "end_date", "enabled")
CERTIFICATE_KEYS = ("id", "user_id", "name", "serial_number", "subject", "status", "valid_from", "valid_to",
                    "created_at")

_USER_DOC = USER_KEYS + ("applications", "accounts") + tuple("applications." + k for k in APPLICATION_KEYS)
# object -> (endpoint that serves it, shape switch or None, fields per shape)
FIELDS = {
    "user": ("user", "user_shape", {
        "documented": _USER_DOC,
        "rich": _USER_DOC + ("end_date", "user_name", "first_name", "last_name", "last_login_at",
                             "applications.roles")}),
    "account": ("account", "account_shape", {"documented": ACCOUNT_KEYS, "rich": ACCOUNT_KEYS + ("created_at",)}),
    "audit": ("audit-log", "audit_shape", {"documented": AUDIT_KEYS, "rich": AUDIT_KEYS + ("ip_address",)}),
    "organization": ("organization", None, ORGANIZATION_KEYS),
    "token": ("api-access-token", None, TOKEN_KEYS),
    "certificate": ("client-auth-certificate", None, CERTIFICATE_KEYS),
    "mpki_certificate": ("certificate-search", "mpki_fields", mpki.FIELDS),  # Trust Lifecycle (dc1sim.mpki)
    "mpki_profile": ("profile", None, mpki.PROFILE_KEYS),
}


def user(u, cfg):
    if cfg["user_shape"] == "rich":
        return u
    out = {k: u.get(k) for k in USER_KEYS}
    out["friendly_name"] = display_name(u)
    out["applications"] = [{k: a.get(k) for k in APPLICATION_KEYS} for a in u.get("applications", ())]
    out["accounts"] = [{k: a.get(k) for k in ACCOUNT_KEYS} for a in u.get("accounts", ())]
    return out


def account(a, cfg):
    return a if cfg["account_shape"] == "rich" else {k: a.get(k) for k in ACCOUNT_KEYS}


def audit(e, cfg):
    return e if cfg["audit_shape"] == "rich" else {k: e.get(k) for k in AUDIT_KEYS}


def renderer(endpoint, cfg):
    """The render function of a list endpoint under ``cfg``, or None when objects go out as stored."""
    fn = {"user": user, "account": account, "audit-log": audit}.get(endpoint)
    shape = {"user": "user_shape", "account": "account_shape", "audit-log": "audit_shape"}.get(endpoint)
    if fn is None or cfg[shape] == "rich":
        return None
    return lambda obj: fn(obj, cfg)


def _why_not(obj, cfg):
    endpoint, switch, _fields = FIELDS[obj]
    if endpoint in cfg["absent_endpoints"]:
        return f"absent_endpoints includes {endpoint}"
    return f"{switch}={cfg[switch]}"


def served_fields(cfg):
    """Every ``object.field`` the current switches serve, sorted."""
    out = set()
    for obj, (endpoint, switch, fields) in FIELDS.items():
        if endpoint in cfg["absent_endpoints"]:
            continue
        out.update(f"{obj}.{f}" for f in (fields[cfg[switch]] if switch else fields))
    return sorted(out)


def split_planted(planted, cfg):
    """-> (detectable, hidden): planted entries whose ``requires`` are all served, and the others with a reason."""
    served = set(served_fields(cfg))
    detectable, hidden = [], []
    for entry in planted:
        missing = [f for f in entry.get("requires", ()) if f not in served]
        if not missing:
            detectable.append(entry)
            continue
        why = sorted({_why_not(f.split(".", 1)[0], cfg) for f in missing if f.split(".", 1)[0] in FIELDS})
        hidden.append(dict(entry, missing=missing,
                           reason=f"not served: {', '.join(missing)}" + (f" ({'; '.join(why)})" if why else "")))
    return detectable, hidden
