"""Deterministic tenant generation: accounts, users, organizations, tokens, certificates.

Everything is drawn from one seeded ``random.Random`` relative to a fixed reference
instant (``now``), so the same seed, sizes and ``now`` give a byte-identical tenant.
The random population is kept "healthy" (no compliance finding); the offenders are
added by :mod:`dc1sim.planting`, so ``tenant["planted"]`` is the complete list of them.
Audit events live in :mod:`dc1sim.events`, Trust Lifecycle objects in :mod:`dc1sim.mpki_gen` (and its planted
ones in :mod:`dc1sim.mpki_planted`).
"""
import json
import random

from . import catalog as C
from . import events, mpki_gen, planting
from .dates import DAY, day, iso, parse_now  # also read from here by tests and tools
from .ids import uuid4

SCHEMA = 1
__all__ = ["DAY", "SCHEMA", "day", "dumps", "generate", "iso", "load", "parse_now"]


class Gen:
    """Carries the rng, the clock and the growing tenant while it is built."""

    def __init__(self, seed, now):
        self.rng = random.Random(seed)
        self.now = now
        self.t = {"accounts": [], "users": [], "organizations": [], "api_access_tokens": [],
                  "client_auth_certificates": [], "audit_events": [], "mpki_certificates": [],
                  "mpki_profiles": [], "mpki_issuers": [], "mpki_controls": [], "planted": [], "personas": {}}
        self.system_id = self.uid()
        self.n = 0  # running counter that keeps generated names unique

    def uid(self):
        return uuid4(self.rng)

    def ago(self, lo_days, hi_days):
        return self.now - self.rng.randint(int(lo_days * DAY), int(hi_days * DAY))

    def ahead(self, lo_days, hi_days):
        return self.now + self.rng.randint(int(lo_days * DAY), int(hi_days * DAY))

    # --- accounts -------------------------------------------------------------------
    def account(self, name, period_to=None):
        rng = self.rng
        start = self.ago(100, 1500)
        to = period_to if period_to is not None else self.ahead(180, 1500)
        acc = {"id": self.uid(), "name": name, "active": True,
               "service_period": {"from": day(start), "to": day(to)},
               "friendly_identifier": str(rng.randint(1000000, 9999999)),
               "locale": rng.choice(C.LOCALES), "created_at": iso(start)}
        self.t["accounts"].append(acc)
        return acc

    @staticmethod
    def acc_ref(acc):
        return {k: acc[k] for k in ("id", "name", "active", "service_period",
                                    "friendly_identifier", "locale")}

    # --- users ----------------------------------------------------------------------
    def user(self, kind, accounts, roles, status="ACTIVE", created=None, end=None,
             name=None, scope="account", description=""):
        """One user; ``end`` is an epoch for service users' end_date, or None for no end date."""
        rng = self.rng
        self.n += 1
        created = created if created is not None else self.ago(40, 900)
        age_days = max(1, (self.now - created) // DAY)
        u = {"id": self.uid()}
        if kind == "standard":
            first, last = rng.choice(C.FIRST), rng.choice(C.LAST)
            uname = name or f"{first}.{last}{self.n}"
            u["email"] = f"{uname}@example.com"
        else:
            uname = name or f"{rng.choice(C.SVC_WORDS)}-{rng.choice(C.SVC_WORDS)}-{self.n}"
            u["email"] = f"owner{self.n}@example.com"
        u.update({"status": status, "access_scope": scope, "primary_account_id": accounts[0]["id"],
                  "created_at": iso(created), "created_by": self.system_id, "user_type": kind})
        if kind == "standard":
            u.update({"first_name": uname.split(".")[0].title(),
                      "last_name": uname.split(".")[-1].rstrip("0123456789").title() or "User",
                      "user_name": uname})
        else:
            u["friendly_name"] = uname
        u["description"] = description
        u["locale"] = rng.choice(C.LOCALES)
        if kind == "service":
            u["end_date"] = day(end) if end is not None else None
        if status == "PENDING":
            u["last_login_at"] = None
        else:
            u["last_login_at"] = iso(self.now - rng.randint(0, min(age_days, 20) * DAY))
        u["applications"] = C.applications_for(roles)
        u["accounts"] = [self.acc_ref(a) for a in accounts]
        self.t["users"].append(u)
        return u

    def random_roles(self, first=None):
        """Roles with MANAGE_* rights in at most two managers, so nobody is over-privileged.

        No administrator role is drawn at random: AM_ACCOUNT_MANAGER is DigiCert's "primary admin" role and holds
        Manage accounts (MANAGE_AM_ACCOUNT) like AM_ACCOUNT_ADMIN, so administrators are placed on purpose only
        (one or two per account, and the planted offenders). The list keeps its length so the draws of every
        other object stay the same for a seed.
        """
        rng = self.rng
        am = first or rng.choice(["AM_VIEW_ONLY", "AM_ACCOUNT_USER", "AM_DEFAULT_USER",
                                  "AM_DEFAULT_USER", "AM_USER_MANAGER", "AM_USER_MANAGER"])
        roles, manage = [am], int(am in C.MANAGE_ROLES)
        others = [c for c, _n, _i in C.APPLICATIONS if c != "account_manager"]
        for code in rng.sample(others, rng.randint(0, 2)):
            names = [r[0] for r in C.ROLES[code]]
            r = rng.choice(names)
            if r in C.MANAGE_ROLES and manage >= 2:
                r = next(n for n in names if n not in C.MANAGE_ROLES)
            manage += r in C.MANAGE_ROLES
            roles.append(r)
        return roles

    # --- tokens and certificates ---------------------------------------------------
    def token(self, owner, created=None, end=None, enabled=True, name=None):
        self.n += 1
        label = owner.get("friendly_name") or owner.get("user_name")
        tok = {"id": self.uid(), "name": name or f"{label}-token-{self.n}", "user_id": owner["id"],
               "created_at": iso(created if created is not None else self.ago(5, 300)),
               "end_date": day(end) if end is not None else None, "enabled": enabled}
        self.t["api_access_tokens"].append(tok)
        return tok

    def cert(self, owner, valid_to=None, status="VALID"):
        self.n += 1
        start = self.ago(10, 300)
        label = owner.get("friendly_name") or owner.get("user_name")
        c = {"id": self.uid(), "user_id": owner["id"], "name": f"{label}-cert-{self.n}",
             "serial_number": "%032X" % self.rng.getrandbits(128),
             "subject": {"common_name": label}, "status": status, "valid_from": iso(start),
             "valid_to": iso(valid_to if valid_to is not None else self.ahead(45, 700)),
             "created_at": iso(start)}
        self.t["client_auth_certificates"].append(c)
        return c

    def plant(self, check, object_type, obj, account_id):
        self.t["planted"].append({"check": check, "object_type": object_type,
                                  "object_id": obj["id"], "account_id": account_id})


def _population(g, accounts, users, service_users, organizations):
    rng = g.rng
    accs = g.t["accounts"][:accounts]
    admins = {a["id"]: 0 for a in accs}
    # one ACTIVE admin per account first, so no random account lacks an admin
    for a in accs:
        g.user("standard", [a], g.random_roles("AM_ACCOUNT_ADMIN"))
        admins[a["id"]] += 1
    for i in range(max(0, users - len(accs))):
        a = accs[i % len(accs)]
        r = rng.random()
        status = "ACTIVE" if r < 0.85 else ("DISABLED" if r < 0.95 else "PENDING")
        created = g.ago(1, 20) if status == "PENDING" else None
        if status == "ACTIVE" and admins[a["id"]] < 2 and rng.random() < 0.05:
            admins[a["id"]] += 1
            g.user("standard", [a], g.random_roles("AM_ACCOUNT_ADMIN"))
            continue
        extra = [accs[(i + 1) % len(accs)]] if len(accs) > 1 and rng.random() < 0.15 else []
        g.user("standard", [a] + extra, g.random_roles(), status=status, created=created)
    for i in range(service_users):
        a = accs[i % len(accs)]
        extra = [accs[(i + 1) % len(accs)]] if len(accs) > 1 and rng.random() < 0.25 else []
        status = "ACTIVE" if rng.random() < 0.9 else "DISABLED"
        g.user("service", [a] + extra, g.random_roles(), status=status, end=g.ahead(45, 900))
    for i in range(organizations):
        a = accs[i % len(accs)]
        city, state, country = rng.choice(C.CITIES)
        suffix = rng.choice(["Inc.", "GmbH", "Ltd", "KK", "BV", "SA"])
        g.t["organizations"].append({
            "id": g.uid(), "name": f"{rng.choice(C.ORG_WORDS)} {suffix} {i + 1}",
            "address": f"{rng.randint(1, 9999)} Main Street", "address2": rng.choice(["", "Suite 500", "Floor 3"]),
            "zip_code": rng.randint(10000, 99999), "city": city, "state": state, "country": country,
            "phone": f"+1 ({rng.randint(100, 999)}) {rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
            "account": {"id": a["id"], "name": a["name"]}, "active": rng.random() < 0.9})


def _credentials(g):
    """Healthy tokens/certificates: future end dates, recent creation, enabled only for ACTIVE owners."""
    rng = g.rng
    for u in list(g.t["users"]):
        if u["description"].startswith("sim persona"):
            continue
        active = u["status"] == "ACTIVE"
        created = parse_now(u["created_at"])
        age = max(6, (g.now - created) // DAY)
        if u["user_type"] == "service":
            ntok, pcert = rng.randint(1, 3), 0.4
        else:
            ntok, pcert = (1 if active and rng.random() < 0.25 else 0), (0.1 if active else 0)
        if u["status"] == "PENDING":
            continue
        for _i in range(ntok):
            g.token(u, created=g.ago(5, min(age, 300)), end=g.ahead(45, 365), enabled=active)
        if rng.random() < pcert:
            g.cert(u, status="VALID" if active and rng.random() < 0.9 else "DISABLED")


def generate(seed=1, now=None, accounts=3, users=24, service_users=8, organizations=6,
             audit_events=300, mpki_certificates=300):
    """Build a tenant dict (JSON-ready). See module docstring for the guarantees."""
    accounts = max(1, int(accounts))
    g = Gen(seed, parse_now(now))
    for i in range(accounts):
        g.account(f"{g.rng.choice(C.ORG_WORDS)} Account {i + 1}")
    planting.personas(g)
    _population(g, accounts, users, service_users, organizations)
    _credentials(g)
    planting.plant(g)
    events.audit_events(g, audit_events)
    mpki_gen.generate(g.t, seed, g.now, mpki_certificates)  # last, from its own random stream
    planting.add_requires(g.t["planted"])
    g.t["roles"] = C.role_objects()
    g.t["meta"] = {"schema": SCHEMA, "seed": seed, "now": iso(g.now),
                   "sizes": {"accounts": accounts, "users": users, "service_users": service_users,
                             "organizations": organizations, "audit_events": audit_events,
                             "mpki_certificates": mpki_certificates}}
    return g.t


def dumps(tenant):
    """Canonical text: sorted keys, compact separators (the smallest text, and the quickest to write)."""
    return json.dumps(tenant, sort_keys=True, separators=(",", ":")) + "\n"


def load(path):
    with open(path, encoding="utf-8") as f:
        t = json.load(f)
    missing = [k for k in ("accounts", "users", "personas") if k not in t]
    if missing:
        raise ValueError(f"{path}: not a dc1sim tenant (missing {', '.join(missing)})")
    for k in ("organizations", "api_access_tokens", "client_auth_certificates", "audit_events",
              "mpki_certificates", "mpki_profiles", "mpki_issuers", "mpki_controls", "planted"):
        t.setdefault(k, [])
    t.setdefault("roles", C.role_objects())
    planting.add_requires(t["planted"])
    return t
