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
