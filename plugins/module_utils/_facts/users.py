# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Users as the API sends them: their accounts and the name a person recognises."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def user_label(user):
    """The name a person recognises: user name, friendly name (service users), else email or id."""
    for key in ("user_name", "username", "friendly_name", "email", "id"):
        if user.get(key):
            return "%s" % user[key]
    return "?"


def user_accounts(user):
    """Ids of the accounts a user belongs to: ``accounts[].id`` plus ``primary_account_id``."""
    ids = []
    for account in user.get("accounts") or []:
        if isinstance(account, dict) and account.get("id") and account["id"] not in ids:
            ids.append(account["id"])
    primary = user.get("primary_account_id")
    if primary and primary not in ids:
        ids.append(primary)
    return ids


# Who administers an account (docs/compliance.md, "Administrators"). DigiCert's Account Manager role list names
# two roles that manage the account itself: "Account Manager" (AM_ACCOUNT_MANAGER, "primary admin and point of
# contact for managing account setup and user access") and "Account Admin" (AM_ACCOUNT_ADMIN); both carry the
# permission "Manage accounts", which the API spells MANAGE_AM_ACCOUNT (the seed's /user example). User Manager
# (AM_USER_MANAGER) only manages users and views the account, so it does not count.
ADMIN_ROLES = frozenset(("AM_ACCOUNT_ADMIN", "AM_ACCOUNT_MANAGER"))
ADMIN_PERMISSION = "MANAGE_AM_ACCOUNT"
ACCOUNT_MANAGER_APP = ("Account Manager", "78c0355a-e1ca-4978-b60c-e9d66b9e1f30", "account_manager")


def _is_account_manager_app(app):
    if app.get("name") in ACCOUNT_MANAGER_APP or app.get("id") in ACCOUNT_MANAGER_APP:
        return True
    codes = [c for key in ("roles", "permissions") if isinstance(app.get(key), list) for c in app[key]
             if isinstance(c, str)]
    return any(c.startswith("AM_") or "_AM_" in c for c in codes)


def account_admin(user):
    """True or False when the user's Account Manager rights show it; None when the API did not send them.

    ``roles`` decide where present; where an application carries only ``permissions``, MANAGE_AM_ACCOUNT does.
    A user whose ``applications`` list has no Account Manager entry holds no Account Manager right: False.
    """
    apps = user.get("applications")
    if not isinstance(apps, list):
        return None
    unknown = False
    for app in apps:
        if not isinstance(app, dict) or not _is_account_manager_app(app):
            continue
        if isinstance(app.get("roles"), list):
            if ADMIN_ROLES.intersection(app["roles"]):
                return True
        elif isinstance(app.get("permissions"), list):
            if ADMIN_PERMISSION in app["permissions"]:
                return True
        else:
            unknown = True
    return None if unknown else False


def manage_applications(user):
    """Names of the applications where the user holds a MANAGE_* permission; None when permissions were not sent."""
    apps = user.get("applications")
    if not isinstance(apps, list):
        return None
    names = []
    for app in apps:
        if not isinstance(app, dict):
            continue
        if not isinstance(app.get("permissions"), list):
            return None
        if any(("%s" % p).startswith("MANAGE_") for p in app["permissions"]):
            names.append(app.get("name") or app.get("id") or "?")
    return sorted(names)


def user_status(user):
    """The status upper-cased (the API says ACTIVE, filters take active), or None when not sent."""
    status = user.get("status")
    return ("%s" % status).upper() if status is not None else None
