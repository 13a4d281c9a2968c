# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The checks: pure functions ``(view, object, threshold) -> OUT | None | finding``, listed in ``CHECKS``.

A check returns ``OUT`` for an object it does not judge (a disabled token, a standard user for a service-user
check), ``None`` for one that passes, or a finding. Every field is read through the view, which raises
``Absent`` for a field the API did not send: the engine then counts that object as unknown, never as a finding
and never as a pass. The catalogue (severities, explanations, fields) is data in catalogue.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


from ansible_collections.digicert.one.plugins.module_utils._dates import parse_instant
from ansible_collections.digicert.one.plugins.module_utils._lifecycle import posture
from ansible_collections.digicert.one.plugins.module_utils._facts.summary import certificate_account
from ansible_collections.digicert.one.plugins.module_utils._facts.users import user_accounts, user_label
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.view import NO_ACCOUNT, Absent

OUT = posture.OUT  # one sentinel for every check, the certificate checks of _lifecycle/posture.py included


def finding(view, obj_type, obj_id, name, message, account_id, account_ids=None, owner=None, **details):
    """A finding; ``owner`` names the user a credential belongs to, so reports can say whose it is."""
    return {"account_id": account_id, "account_name": view.account_name(account_id),
            "account_ids": account_ids if account_ids is not None else ([account_id] if account_id else []),
            "object_type": obj_type, "object_id": obj_id, "object_name": name, "owner": owner, "message": message,
            "details": details}


def describe(view, resource, obj):
    """Who an object is, for findings and for the list of unknown objects."""
    if resource in ("api_tokens", "client_certificates"):
        primary, ids, label = view.owner(obj.get("user_id"))
        name = obj.get("name") or obj.get("subject") or obj.get("serial_number") or obj.get("id")
        kind = "api_token" if resource == "api_tokens" else "client_certificate"
        return {"object_type": kind, "object_id": obj.get("id"), "object_name": name, "owner": label,
                "account_id": primary, "account_ids": ids}
    if resource == "certificates":
        account_id = certificate_account(obj)
        return {"object_type": "certificate", "object_id": obj.get("serial_number"),
                "object_name": obj.get("common_name") or obj.get("serial_number"), "owner": None,
                "account_id": account_id, "account_ids": [account_id] if account_id else []}
    if resource == "users":
        primary, ids, label = view.owner(obj.get("id"))
        return {"object_type": "user", "object_id": obj.get("id"), "object_name": label, "owner": None,
                "account_id": primary, "account_ids": ids}
    account_id = obj.get("id")
    return {"object_type": "account", "object_id": account_id, "object_name": view.account_name(account_id),
            "owner": None, "account_id": account_id, "account_ids": [account_id] if account_id else []}


def _when(days):
    return "ended %d day(s) ago" % -days if days < 0 else "ends in %d day(s)" % days


def _credential(view, resource, obj, message, **details):
    who = describe(view, resource, obj)
    return finding(view, who["object_type"], who["object_id"], who["object_name"], message, who["account_id"],
                   who["account_ids"], owner=who["owner"], **details)


def _user(view, user, message, **details):
    who = describe(view, "users", user)
    details.setdefault("user_type", user.get("user_type"))
    details.setdefault("status", user.get("status"))
    return finding(view, "user", who["object_id"], who["object_name"], message, who["account_id"], who["account_ids"],
                   **details)


def _account(view, acc, message, **details):
    return finding(view, "account", acc["id"], view.account_name(acc["id"]), message, acc["id"], **details)


# --- tokens ------------------------------------------------------------------------------------------

def _enabled_token(view, tok):
    return view.known(tok, "api_tokens", "enabled") is True


def token_expiring(view, tok, days):
    if not _enabled_token(view, tok):
        return OUT
    view.value(tok, "api_tokens", "expires_at")
    left = tok.get("days_to_expiry")
    if left is None:
        return None  # no end date: DC1-TOKEN-002's business
    if left <= days:
        return _credential(view, "api_tokens", tok, "API token %s (%s)" % (_when(left), tok.get("expires_at")),
                           expires_at=tok.get("expires_at"), days_to_expiry=left)
    return None


def token_no_expiry(view, tok, _t):
    if not _enabled_token(view, tok):
        return OUT
    if not view.value(tok, "api_tokens", "expires_at"):
        return _credential(view, "api_tokens", tok, "API token has no expiration date")
    return None


def token_old(view, tok, days):
    if not _enabled_token(view, tok):
        return OUT
    age = view.age_days(view.value(tok, "api_tokens", "created_at"))
    if age is not None and age > days:
        return _credential(view, "api_tokens", tok, "API token is %d days old (rotate after %s)" % (age, days),
                           created_at=tok.get("created_at"), age_days=age)
    return None


def token_owner_inactive(view, tok, _t):
    if not _enabled_token(view, tok):
        return OUT
    owner = view.users.get(tok.get("user_id"))
    if owner is None:
        raise Absent("users.status")  # the owner is not among the users read: its status is unknown
    status = view.status(owner)
    if status in ("DISABLED", "LOCKED"):
        return _credential(view, "api_tokens", tok, "enabled API token of %s user %s" % (status, user_label(owner)),
                           owner_status=status)
    return None


# --- users -------------------------------------------------------------------------------------------

def _live_service_user(view, user):
    return view.known(user, "users", "user_type") == "service" and view.status(user) != "DISABLED"


def svc_no_end(view, user, _t):
    if not _live_service_user(view, user):
        return OUT
    if not view.value(user, "users", "end_date"):
        return _user(view, user, "service user has no end date")
    return None


def svc_expiring(view, user, days):
    if not _live_service_user(view, user):
        return OUT
    end_date = view.value(user, "users", "end_date")
    end = parse_instant(end_date, end_of_day=True)
    if end is not None and view.days_until(end) <= days:
        left = view.days_until(end)
        return _user(view, user, "service user %s (%s)" % (_when(left), end_date), end_date=end_date,
                     days_to_expiry=left)
    return None


def svc_overprivileged(view, user, managers):
    if not _live_service_user(view, user):
        return OUT
    admin = _or_none(view.admin, user)
    apps = _or_none(view.manage_apps, user)
    if admin or (apps is not None and len(apps) > managers):
        why = (["account administration"] if admin else []) + (
            ["MANAGE_* rights in %d manager(s)" % len(apps)] if apps else [])
        return _user(view, user, "service user holds %s" % " and ".join(why), admin=bool(admin), manage_in=apps)
    if admin is None or apps is None:
        raise Absent("users.applications")
    return None


def _or_none(read, user):
    try:
        return read(user)
    except Absent:
        return None


def user_locked(view, user, _t):
    return _user(view, user, "user is LOCKED") if view.status(user) == "LOCKED" else None


def user_pending(view, user, days):
    if view.status(user) != "PENDING":
        return None
    age = view.age_days(view.value(user, "users", "created_at"))
    if age is not None and age > days:
        return _user(view, user, "user invited %d days ago has never signed in" % age,
                     created_at=user.get("created_at"), age_days=age)
    return None


# --- certificates and accounts -------------------------------------------------------------------------

def cert_expiring(view, cert, days):
    if view.known(cert, "client_certificates", "state") != "VALID":
        return OUT
    view.value(cert, "client_certificates", "expires_at")
    left = cert.get("days_to_expiry")
    if left is not None and left <= days:
        return _credential(view, "client_certificates", cert, "client certificate %s (%s)" % (
            _when(left), cert.get("expires_at")), expires_at=cert.get("expires_at"), days_to_expiry=left,
            serial_number=cert.get("serial_number"))
    return None


def acct_period(view, acc, days):
    if view.known(acc, "accounts", "active") is False:
        return OUT
    to = view.value(acc, "accounts", "service_period.to")
    end = parse_instant(to, end_of_day=True)
    if end is not None and view.days_until(end) <= days:
        left = view.days_until(end)
        return _account(view, acc, "service period %s (%s)" % (_when(left), to), service_period_to=to,
                        days_to_expiry=left)
    return None


def _admins(view):
    """``{account_id: ([admin names], unknown users)}``, computed once per view."""
    if "admins" not in view.memo:
        table = {}
        for user in view.users.values():
            try:
                admin = (view.known(user, "users", "user_type") != "service" and view.status(user) == "ACTIVE"
                         and view.admin(user))
            except Absent:
                admin = None
            for account_id in user_accounts(user):
                names, unknown = table.setdefault(account_id, ([], [0]))
                if admin:
                    names.append(user_label(user))
                elif admin is None:
                    unknown[0] += 1
        view.memo["admins"] = table
    return view.memo["admins"]


def acct_admins(view, acc, most):
    names, unknown = _admins(view).get(acc["id"], ([], [0]))
    names = sorted(names)
    if len(names) > most:
        return _account(view, acc, "%d ACTIVE administrators (at most %s)" % (len(names), most),
                        active_admins=len(names), admins=names)
    if unknown[0] and (not names or len(names) + unknown[0] > most):
        raise Absent("users.applications")  # users whose rights were not sent could change the verdict
    if not names:
        return _account(view, acc, "no ACTIVE administrator", active_admins=0, admins=[])
    return None


def audit_failures(view, row, most):
    """``row`` is one account of the audit digest (facts ``audit.accounts``)."""
    failures, unknown = row.get("failures") or 0, row.get("status_unknown") or 0
    if failures > most:
        account_id = row.get("id")
        return finding(view, "account", account_id, view.account_name(account_id) if account_id else NO_ACCOUNT,
                       "%d failed actions since %s (more than %s)" % (failures, view.facts.get("audit_from"), most),
                       account_id, failures=failures, top_actions=_top(row.get("failures_by_action")),
                       top_users=_top(row.get("failures_by_user")))
    if unknown and failures + unknown > most:
        raise Absent("audit.status")
    return None


def _top(counts):
    """The five most frequent keys, most frequent first."""
    return [k for k, _n in sorted((counts or {}).items(), key=lambda kv: (-kv[1], "%s" % kv[0]))[:5]]


CHECKS = {
    "DC1-TOKEN-001": token_expiring, "DC1-TOKEN-002": token_no_expiry, "DC1-TOKEN-003": token_old,
    "DC1-TOKEN-004": token_owner_inactive, "DC1-SVC-001": svc_no_end, "DC1-SVC-002": svc_expiring,
    "DC1-SVC-003": svc_overprivileged, "DC1-USER-001": user_locked, "DC1-USER-002": user_pending,
    "DC1-CERT-001": cert_expiring, "DC1-ACCT-001": acct_period, "DC1-ACCT-002": acct_admins,
    "DC1-AUDIT-001": audit_failures,
}
