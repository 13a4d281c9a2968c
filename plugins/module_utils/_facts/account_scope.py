# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which account an object belongs to, and keeping a listing to the accounts asked for.

The gatherer asks the server to filter by ``account_id`` (documented for /user, /organization and the audit
log). DigiCert's documentation warns that filters are not on every endpoint, so what comes back is checked:
an object that names another account proves the server ignored the filter. Such objects are dropped (never
another account's data), and so are objects that name no account at all once the filter is known to be
ignored; the gatherer warns about it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.digicert.one.plugins.module_utils._facts.summary import ident, organization_account
from ansible_collections.digicert.one.plugins.module_utils._facts.users import user_accounts


def _dict(value):
    return value if isinstance(value, dict) else {}


def accounts_of(resource, obj):
    """The account ids an object says it belongs to; ``[]`` when it names none."""
    if not isinstance(obj, dict):
        return []
    if resource == "users":
        return [a for a in user_accounts(obj) if ident(a) is not None]
    if resource == "organizations":
        found = organization_account(obj)
        return [found] if found else []
    if resource == "audit":
        found = ident(_dict(obj.get("account")).get("id")) or ident(obj.get("account_id"))
        return [found] if found else []
    if resource == "certificates":
        found = ident(_dict(obj.get("account")).get("id"))
        return [found] if found else []
    return []


def keep(resource, items, account_ids):
    """``(kept, dropped)``: the items of ``account_ids``; see the module docstring for the rule."""
    wanted = set(account_ids)
    foreign = [i for i in items if accounts_of(resource, i) and not wanted.intersection(accounts_of(resource, i))]
    if not foreign:
        return list(items), 0
    kept = [i for i in items if wanted.intersection(accounts_of(resource, i))]
    return kept, len(items) - len(kept)
