"""Persona service users (who the API keys belong to) and planted compliance offenders.

Planted objects are created whatever the sizes, with offsets well away from the
thresholds (30 / 365 days) so that a check run a few hours off ``now`` still agrees.
Every offender is recorded in ``tenant["planted"]`` as {check, object_type, object_id,
account_id, requires}; the random population contains none, so that list is exhaustive.
"""
from . import catalog as C
from .dates import DAY

# check names (documented in docs/simulator.md)
CHECKS = (
    "token_expiring_soon", "token_without_end_date", "token_older_than_365_days",
    "token_enabled_owner_inactive", "service_user_without_end_date",
    "service_user_expiring_soon", "service_user_overprivileged", "user_locked",
    "user_pending_stale", "client_cert_expiring_soon", "account_service_period_ending",
    "account_without_active_admin", "account_too_many_admins", "audit_failure_burst",
)
# The fields each check's detection depends on (vocabulary of dc1sim.shapes.served_fields): a profile that does
# not serve one of them hides that offender (Simulator.detectable_planted).
_TOKEN_END = ("token.end_date", "token.enabled")
_ADMIN = ("user.applications.permissions",)
REQUIRES = {
    "token_expiring_soon": _TOKEN_END,
    "token_without_end_date": _TOKEN_END,
    "token_older_than_365_days": ("token.created_at", "token.enabled"),
    "token_enabled_owner_inactive": ("token.enabled", "token.user_id", "user.status"),
    "service_user_without_end_date": ("user.end_date",),
    "service_user_expiring_soon": ("user.end_date",),
    "service_user_end_date_passed": ("user.end_date",),
    "service_user_overprivileged": _ADMIN,
    "user_locked": ("user.status",),
    "user_pending_stale": ("user.status", "user.created_at"),
    "client_cert_expiring_soon": ("certificate.valid_to", "certificate.status"),
    "account_service_period_ending": ("account.service_period",),
    "account_without_active_admin": _ADMIN,
    "account_too_many_admins": _ADMIN,
    "audit_failure_burst": ("audit.status", "audit.timestamp"),
}


def add_requires(planted):
    """Give every planted entry its ``requires`` (kept when a loaded tenant already has one)."""
    for entry in planted:
        entry.setdefault("requires", list(REQUIRES.get(entry["check"], ())))


def personas(g):
    """The users behind the simulator's keys; created first so their ids do not depend on sizes."""
    a0 = g.t["accounts"][0]
    far = g.now + 730 * DAY
    spec = [
        ("admin", "sim-admin", "system", ["AM_ACCOUNT_ADMIN", "EM_VIEW_ONLY", "CM_VIEW_ONLY"], far),
        ("viewer", "sim-viewer", "account", ["AM_VIEW_ONLY"], far),
        ("no-audit", "sim-no-audit", "system", ["AM_ACCOUNT_USER"], far),
        # an expired service user: its key answers 401 ("everything stopped at midnight")
        ("expired", "sim-expired", "account", ["AM_VIEW_ONLY"], g.now - 2 * DAY),
    ]
    for role, name, scope, roles, end in spec:
        u = g.user("service", [a0], roles, name=name, scope=scope, end=end,
                   created=g.now - 400 * DAY, description=f"sim persona: {role} key")
        g.t["personas"][role] = u["id"]


def plant(g):
    t, now = g.t, g.now
    a0 = t["accounts"][0]
    aid = a0["id"]
    healthy_end = now + 300 * DAY

    # tokens: one healthy ACTIVE service user owns the three token-date offenders
    owner = g.user("service", [a0], ["AM_VIEW_ONLY", "SSM_SIGNER"], name="planted-ci-deployer",
                   end=healthy_end, created=now - 500 * DAY)
    g.plant("token_expiring_soon", "api_access_token",
            g.token(owner, created=now - 100 * DAY, end=now + 12 * DAY, name="expires-in-12-days"), aid)
    g.plant("token_without_end_date", "api_access_token",
            g.token(owner, created=now - 50 * DAY, end=None, name="never-expires"), aid)
    g.plant("token_older_than_365_days", "api_access_token",
            g.token(owner, created=now - 420 * DAY, end=now + 120 * DAY, name="created-420-days-ago"), aid)
    g.cert(owner, valid_to=now + 400 * DAY)

    # enabled tokens whose owner can no longer use them
    disabled = g.user("standard", [a0], ["AM_ACCOUNT_USER"], status="DISABLED", name="planted.disabled1")
    g.plant("token_enabled_owner_inactive", "api_access_token",
            g.token(disabled, created=now - 60 * DAY, end=now + 200 * DAY, enabled=True), aid)
    locked = g.user("standard", [a0], ["AM_VIEW_ONLY"], status="LOCKED", name="planted.locked1")
    g.plant("user_locked", "user", locked, aid)
    g.plant("token_enabled_owner_inactive", "api_access_token",
            g.token(locked, created=now - 80 * DAY, end=now + 150 * DAY, enabled=True), aid)

    pending = g.user("standard", [a0], ["AM_DEFAULT_USER"], status="PENDING", name="planted.pending1",
                     created=now - 45 * DAY)
    g.plant("user_pending_stale", "user", pending, aid)

    # service users
    g.plant("service_user_without_end_date", "user",
            g.user("service", [a0], ["AM_VIEW_ONLY"], name="planted-svc-no-end-date", end=None), aid)
    g.plant("service_user_expiring_soon", "user",
            g.user("service", [a0], ["AM_VIEW_ONLY"], name="planted-svc-expiring", end=now + 9 * DAY), aid)
    g.plant("service_user_overprivileged", "user",
            g.user("service", [a0], ["AM_ACCOUNT_ADMIN", "EM_ADMIN", "CM_PKI_MANAGER", "SSM_LEAD"],
                   name="planted-svc-overprivileged", end=healthy_end), aid)
    exp_user = next(u for u in t["users"] if u["id"] == t["personas"]["expired"])
    t["planted"].append({"check": "service_user_end_date_passed", "object_type": "user",
                         "object_id": exp_user["id"], "account_id": aid})

    # client certificate expiring soon (owned by a healthy ACTIVE service user)
    cert_owner = g.user("service", [a0], ["SSM_SIGNER"], name="planted-svc-cert-owner", end=healthy_end)
    g.plant("client_cert_expiring_soon", "client_auth_certificate",
            g.cert(cert_owner, valid_to=now + 18 * DAY), aid)

    # accounts
    ending = g.account("Planted Ending Account", period_to=now + 21 * DAY)
    g.user("standard", [ending], ["AM_ACCOUNT_ADMIN"], name="planted.ending.admin")
    g.plant("account_service_period_ending", "account", ending, ending["id"])

    orphan = g.account("Planted Orphan Account")
    g.user("standard", [orphan], ["AM_ACCOUNT_ADMIN"], status="DISABLED", name="planted.former.admin")
    g.user("standard", [orphan], ["AM_VIEW_ONLY"], name="planted.orphan.viewer")
    g.plant("account_without_active_admin", "account", orphan, orphan["id"])

    crowded = g.account("Planted Crowded Account")
    for i in range(7):
        g.user("standard", [crowded], ["AM_ACCOUNT_ADMIN"], name=f"planted.crowded.admin{i + 1}")
    g.plant("account_too_many_admins", "account", crowded, crowded["id"])
    # the burst of failed audit events is planted by events.audit_events on account 0


ADMIN_ROLES = ("AM_ACCOUNT_ADMIN", "AM_ACCOUNT_MANAGER")  # the roles holding Manage accounts (catalog.py)


def is_admin(user):
    return any(set(ADMIN_ROLES) & set(app.get("roles", ())) for app in user.get("applications", ()))


def manage_managers(user):
    return sum(1 for app in user.get("applications", ())
               if any(p.startswith("MANAGE_") for p in app.get("permissions", ())))


__all__ = ["CHECKS", "REQUIRES", "add_requires", "personas", "plant", "is_admin", "manage_managers", "C"]
