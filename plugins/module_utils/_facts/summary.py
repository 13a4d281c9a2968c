# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Per-account counts, computed once for the facts' ``summary`` and the inventory's host variables.

A user counts in every account it belongs to, and so do its tokens and client certificates; an organization, an
audit event and a Trust Lifecycle certificate count in their own account. A count is only made from fields the
API sent: a user without a status counts under ``UNKNOWN``, an account's administrators only from rights the API
sent, a Trust Lifecycle certificate only in the account ``certificate_account`` names (none: no account's count).
``active_admins`` are ACTIVE standard users holding an Account Manager administrator role, as DC1-ACCT-002 counts.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.digicert.one.plugins.module_utils._dates import days_until
from ansible_collections.digicert.one.plugins.module_utils._facts.users import account_admin, user_accounts, user_status


def _dict(value):
    """``value`` when it is an object, else ``{}``: a field of the wrong type reads as absent."""
    return value if isinstance(value, dict) else {}


def ident(value):
    """An id usable as a key (a string or a number), else None."""
    return value if isinstance(value, (str, int)) and not isinstance(value, bool) else None


def is_active(account):
    """``active`` if the API sends it as a bool, else a ``status`` of ACTIVE; None when unknown."""
    if isinstance(account.get("active"), bool):
        return account["active"]
    status = account.get("status")
    return status.upper() == "ACTIVE" if isinstance(status, str) else None


def organization_account(org):
    """An organization's account id, whether sent as ``account_id`` or ``account: {id}``."""
    return ident(org.get("account_id")) or ident(_dict(org.get("account")).get("id"))


def certificate_account(cert):
    """A Trust Lifecycle certificate's account: the gatherer's ``account_id`` (the account whose ``account_id``
    filter listed it), else the ``account.id`` the API sent; None when neither is known."""
    return ident(cert.get("account_id")) or ident(_dict(cert.get("account")).get("id"))


def account_row(account, now):
    period_to = _dict(account.get("service_period")).get("to")
    return {
        "id": account.get("id"), "name": account.get("name"), "active": is_active(account),
        "service_period_to": period_to, "days_to_service_end": days_until(period_to, now),
        "users": 0, "users_by_status": {}, "service_users": 0, "active_admins": 0,
        "api_tokens": 0, "api_tokens_expiring": 0, "client_certificates": 0,
        "certificates": 0, "certificates_expiring": 0,
        "organizations": 0, "audit_events": 0, "audit_failures": 0,
    }


def _count_users(rows, users):
    """Users into their accounts' rows; returns ``{user_id: [account ids]}`` for their credentials."""
    owners = {}
    for user in users:
        accounts = [a for a in user_accounts(user) if ident(a) in rows]
        owners[ident(user.get("id"))] = accounts
        status = user_status(user) or "UNKNOWN"
        for account_id in accounts:
            row = rows[account_id]
            row["users"] += 1
            row["users_by_status"][status] = row["users_by_status"].get(status, 0) + 1
            row["service_users"] += user.get("user_type") == "service"
            # As DC1-ACCT-002 counts them: ACTIVE standard users (a service user administers no one's sign-in).
            row["active_admins"] += (status == "ACTIVE" and user.get("user_type") not in (None, "service")
                                     and account_admin(user) is True)
    return owners


def _count_credentials(rows, owners, tokens, certificates, warning_days, now):
    for token in tokens or ():
        days = days_until(token.get("expires_at"), now)
        soon = token.get("enabled") is True and days is not None and 0 <= days <= warning_days
        for account_id in owners.get(ident(token.get("user_id")), []):
            rows[account_id]["api_tokens"] += 1
            rows[account_id]["api_tokens_expiring"] += bool(soon)
    for cert in certificates or ():
        for account_id in owners.get(ident(cert.get("user_id")), []):
            rows[account_id]["client_certificates"] += 1


def add_lifecycle(counts, account_id, status, days, warning_days):
    """One Trust Lifecycle certificate into ``counts[account_id]``; expiring: ``issued`` and ending in 0 to N days."""
    row = counts.setdefault(account_id or "", {"certificates": 0, "issued": 0, "expiring": 0})
    row["certificates"] += 1
    if isinstance(status, str) and status.lower() == "issued":
        row["issued"] += 1
        row["expiring"] += days is not None and 0 <= days <= warning_days


def lifecycle_counts(certificates, warning_days, now):
    """``{account_id: {certificates, issued, expiring}}`` of a list of Trust Lifecycle certificates (the
    inventory's); the facts count them as they stream (``certificate_posture.by_account``)."""
    counts = {}
    for cert in certificates or ():
        add_lifecycle(counts, certificate_account(cert), cert.get("status"), days_until(cert.get("expires_at"), now),
                      warning_days)
    return counts


def _count_lifecycle(rows, counts):
    for account_id, row in (counts or {}).items():
        if account_id in rows:
            rows[account_id]["certificates"] += row["certificates"]
            rows[account_id]["certificates_expiring"] += row["expiring"]


def summarise(accounts, users, now, warning_days, tokens=None, certificates=None, organizations=None, audit=None,
              lifecycle=None):
    """``{account_id: counts}`` for ``accounts``, one pass over each list.

    ``certificates`` are the client (mTLS) certificates of users; ``lifecycle`` the Trust Lifecycle certificates
    counted per account (``lifecycle_counts``, or the facts' ``certificate_posture.by_account``).
    """
    rows = {}
    for account in accounts:
        if ident(account.get("id")) is not None:
            rows[ident(account.get("id"))] = account_row(account, now)
    owners = _count_users(rows, users)
    _count_credentials(rows, owners, tokens, certificates, warning_days, now)
    _count_lifecycle(rows, lifecycle)
    for org in organizations or ():
        if organization_account(org) in rows:
            rows[organization_account(org)]["organizations"] += 1
    for account_id, digest_row in ((audit or {}).get("accounts") or {}).items():
        if account_id in rows:
            rows[account_id]["audit_events"] = digest_row.get("events", 0)
            rows[account_id]["audit_failures"] = digest_row.get("failures", 0)
    return rows
