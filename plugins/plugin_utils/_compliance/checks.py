# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The compliance checks: pure functions ``(Index, threshold) -> findings``, listed in ``CHECKS``.

``Index`` indexes ``dc1_facts`` by id once, so every check is one linear pass.
The catalogue (severities, explanations) is data in catalogue.py; attribution
of findings to accounts is described there.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.digicert.one.plugins.module_utils._dates import days_between, now_utc, parse_instant
from ansible_collections.digicert.one.plugins.module_utils._gatherer import ADMIN_ROLE, is_account_admin
from ansible_collections.digicert.one.plugins.module_utils._users import user_accounts, user_label

NO_ACCOUNT = "(no account)"


# --- the index: every lookup a check needs, built once -------------------------------------------

class Index:
    """``facts`` indexed by id, plus ``now`` (the facts' ``collected_at``, so results are reproducible)."""

    def __init__(self, facts):
        self.facts = facts
        self.now = parse_instant(facts.get("reference_time") or facts.get("collected_at")) or now_utc()
        self.users = dict((u.get("id"), u) for u in facts.get("users") or [] if isinstance(u, dict))
        self.account_names = {}
        for user in self.users.values():
            for ref in user.get("accounts") or []:
                if isinstance(ref, dict) and ref.get("id") and ref.get("name"):
                    self.account_names.setdefault(ref["id"], ref["name"])
        for acc in facts.get("accounts") or []:
            if isinstance(acc, dict) and acc.get("id"):
                self.account_names[acc["id"]] = acc.get("name") or acc["id"]
        self._memo = {}

    def days_until(self, moment):
        return days_between(moment, self.now)

    def owner_accounts(self, user_id):
        """``(attributed account, all account ids)`` of a user, computed once per user."""
        if user_id not in self._memo:
            user = self.users.get(user_id)
            ids = user_accounts(user) if user else []
            primary = (user.get("primary_account_id") if user else None) or (ids[0] if ids else None)
            self._memo[user_id] = (primary, ids, user_label(user) if user else user_id)
        return self._memo[user_id][:2]

    def label(self, user_id):
        self.owner_accounts(user_id)
        return self._memo[user_id][2]


def _finding(ix, obj_type, obj_id, name, message, account_id, account_ids=None, **details):
    return {"account_id": account_id, "account_name": ix.account_names.get(account_id, account_id or NO_ACCOUNT),
            "account_ids": account_ids if account_ids is not None else ([account_id] if account_id else []),
            "object_type": obj_type, "object_id": obj_id, "object_name": name, "message": message,
            "details": details}


def _status(user):
    return ("%s" % (user.get("status") or "")).upper()


def _enabled_tokens(ix):
    for tok in ix.facts.get("api_tokens") or []:
        if isinstance(tok, dict) and tok.get("enabled") is not False:
            yield tok


def _token(ix, tok, message, **details):
    primary, ids = ix.owner_accounts(tok.get("user_id"))
    details.setdefault("owner", ix.label(tok.get("user_id")))
    return _finding(ix, "api_token", tok.get("id"), tok.get("name") or tok.get("id"), message, primary, ids,
                    **details)


def _user(ix, user, message, **details):
    primary, ids = ix.owner_accounts(user.get("id"))
    details.setdefault("user_type", user.get("user_type"))
    details.setdefault("status", _status(user))
    return _finding(ix, "user", user.get("id"), ix.label(user.get("id")), message, primary, ids, **details)


def _when(days):
    return "ended %d day(s) ago" % -days if days < 0 else "ends in %d day(s)" % days


# --- the checks: (index, threshold) -> iterable of findings ---------------------------------------

def token_expiring(ix, days):
    for tok in _enabled_tokens(ix):
        left = tok.get("days_to_expiry")
        if left is not None and left <= days:
            yield _token(ix, tok, "API token %s (%s)" % (_when(left), tok.get("expires_at")),
                         expires_at=tok.get("expires_at"), days_to_expiry=left)


def token_no_expiry(ix, _t):
    for tok in _enabled_tokens(ix):
        if not tok.get("expires_at"):
            yield _token(ix, tok, "API token has no expiration date")


def token_old(ix, days):
    for tok in _enabled_tokens(ix):
        created = parse_instant(tok.get("created_at"))
        if created is not None and -ix.days_until(created) > days:
            age = -ix.days_until(created)
            yield _token(ix, tok, "API token is %d days old (rotate after %s)" % (age, days),
                         created_at=tok.get("created_at"), age_days=age)


def token_owner_inactive(ix, _t):
    for tok in _enabled_tokens(ix):
        owner = ix.users.get(tok.get("user_id"))
        if owner and _status(owner) in ("DISABLED", "LOCKED"):
            yield _token(ix, tok, "enabled API token of %s user %s" % (_status(owner), user_label(owner)),
                         owner_status=_status(owner))


def _service_users(ix):
    for user in ix.users.values():
        if user.get("user_type") == "service" and _status(user) != "DISABLED":
            yield user


def svc_no_end(ix, _t):
    for user in _service_users(ix):
        if not user.get("end_date"):
            yield _user(ix, user, "service user has no end date")


def svc_expiring(ix, days):
    for user in _service_users(ix):
        end = parse_instant(user.get("end_date"), end_of_day=True)
        if end is not None and ix.days_until(end) <= days:
            left = ix.days_until(end)
            yield _user(ix, user, "service user %s (%s)" % (_when(left), user.get("end_date")),
                        end_date=user.get("end_date"), days_to_expiry=left)


def _manage_apps(user):
    return sorted(app.get("name") or app.get("id") or "?" for app in user.get("applications") or ()
                  if isinstance(app, dict) and any(("%s" % p).startswith("MANAGE_") for p in app.get("permissions") or ()))


def svc_overprivileged(ix, managers):
    for user in _service_users(ix):
        admin, apps = is_account_admin(user), _manage_apps(user)
        if admin or len(apps) > managers:
            why = ([ADMIN_ROLE] if admin else []) + (["MANAGE_* rights in %d manager(s)" % len(apps)] if apps else [])
            yield _user(ix, user, "service user holds %s" % " and ".join(why), admin=admin, manage_in=apps)


def user_locked(ix, _t):
    for user in ix.users.values():
        if _status(user) == "LOCKED":
            yield _user(ix, user, "user is LOCKED")


def user_pending(ix, days):
    for user in ix.users.values():
        created = parse_instant(user.get("created_at"))
        if _status(user) == "PENDING" and created is not None and -ix.days_until(created) > days:
            age = -ix.days_until(created)
            yield _user(ix, user, "user invited %d days ago has never signed in" % age,
                        created_at=user.get("created_at"), age_days=age)


def cert_expiring(ix, days):
    for cert in ix.facts.get("client_certificates") or []:
        if not isinstance(cert, dict) or cert.get("enabled") is False or cert.get("state") not in (None, "VALID"):
            continue
        left = cert.get("days_to_expiry")
        if left is not None and left <= days:
            primary, ids = ix.owner_accounts(cert.get("user_id"))
            yield _finding(ix, "client_certificate", cert.get("id"),
                           cert.get("subject") or cert.get("name") or cert.get("serial_number") or cert.get("id"),
                           "client certificate %s (%s)" % (_when(left), cert.get("expires_at")), primary, ids,
                           expires_at=cert.get("expires_at"), days_to_expiry=left,
                           serial_number=cert.get("serial_number"),
                           owner=ix.label(cert.get("user_id")))


def accounts_of(ix):
    return [a for a in ix.facts.get("accounts") or [] if isinstance(a, dict) and a.get("id")]


def acct_period(ix, days):
    for acc in accounts_of(ix):
        end = parse_instant((acc.get("service_period") or {}).get("to"), end_of_day=True)
        if acc.get("active") is not False and end is not None and ix.days_until(end) <= days:
            left = ix.days_until(end)
            yield _finding(ix, "account", acc["id"], acc.get("name") or acc["id"],
                           "service period %s (%s)" % (_when(left), acc["service_period"]["to"]), acc["id"],
                           service_period_to=acc["service_period"]["to"], days_to_expiry=left)


def acct_admins(ix, most):
    admins = {}
    for user in ix.users.values():
        if user.get("user_type") != "service" and _status(user) == "ACTIVE" and is_account_admin(user):
            for aid in user_accounts(user):
                admins.setdefault(aid, []).append(user_label(user))
    for acc in accounts_of(ix):
        names = sorted(admins.get(acc["id"], []))
        if not names or len(names) > most:
            msg = "no ACTIVE administrator" if not names else "%d ACTIVE administrators (at most %s)" % (len(names), most)
            yield _finding(ix, "account", acc["id"], acc.get("name") or acc["id"], msg, acc["id"],
                           active_admins=len(names), admins=names)


def audit_failures(ix, most):
    since = parse_instant(ix.facts.get("audit_from"))
    since_day = since.strftime("%Y-%m-%d") if since else None
    per = {}
    for entry in ix.facts.get("audit_logs") or []:
        if not isinstance(entry, dict) or ("%s" % entry.get("status", "")).lower() not in ("failure", "failed"):
            continue
        stamp = "%s" % (entry.get("timestamp") or "")
        if since_day and stamp[:10] < since_day and parse_instant(stamp) is not None:  # ISO dates sort as text
            continue
        aid = (entry.get("account") or {}).get("id") or entry.get("account_id")
        bucket = per.setdefault(aid, {"n": 0, "actions": {}, "users": {}})
        bucket["n"] += 1
        for key, value in (("actions", entry.get("action")), ("users", (entry.get("user") or {}).get("name"))):
            bucket[key][value] = bucket[key].get(value, 0) + 1
    for aid in sorted(per, key=lambda a: "%s" % a):
        bucket = per[aid]
        if bucket["n"] > most:
            yield _finding(ix, "account", aid, ix.account_names.get(aid, aid or NO_ACCOUNT),
                           "%d failed actions since %s (more than %s)" % (bucket["n"], ix.facts.get("audit_from"), most),
                           aid, failures=bucket["n"], top_actions=_top(bucket["actions"]), top_users=_top(bucket["users"]))


def _top(counts):
    """The five most frequent keys, most frequent first."""
    return [k for k, _n in sorted(counts.items(), key=lambda kv: (-kv[1], "%s" % kv[0]))[:5]]


CHECKS = {
    "DC1-TOKEN-001": token_expiring, "DC1-TOKEN-002": token_no_expiry, "DC1-TOKEN-003": token_old,
    "DC1-TOKEN-004": token_owner_inactive, "DC1-SVC-001": svc_no_end, "DC1-SVC-002": svc_expiring,
    "DC1-SVC-003": svc_overprivileged, "DC1-USER-001": user_locked, "DC1-USER-002": user_pending,
    "DC1-CERT-001": cert_expiring, "DC1-ACCT-001": acct_period, "DC1-ACCT-002": acct_admins,
    "DC1-AUDIT-001": audit_failures,
}
