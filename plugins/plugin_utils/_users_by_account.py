# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The users of each account, for the digicert.one.users_by_account filter."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.digicert.one.plugins.module_utils._facts.users import user_accounts, user_label, user_status


def users_by_account(users, accounts):
    """``[{account, users, counts, lines}]``, one entry per account in ``accounts`` order.

    A user of several accounts is listed under each; users of accounts not in
    ``accounts`` (not visible to the credential) are listed under a last entry
    named "(other accounts)", so no user silently disappears.
    """
    known = dict((a.get("id"), a) for a in accounts)
    grouped = dict((a.get("id"), []) for a in accounts)
    other = []
    for user in users:
        ids = [i for i in user_accounts(user) if i in known]
        if not ids:
            other.append(user)
        for account_id in ids:
            grouped[account_id].append(user)
    rows = [_row(known[i], grouped[i]) for i in grouped]
    if other:
        rows.append(_row({"id": None, "name": "(other accounts)"}, other))
    return rows


def _row(account, users):
    counts = {}
    for user in users:
        status = user_status(user) or "UNKNOWN"
        counts[status] = counts.get(status, 0) + 1
    users = sorted(users, key=lambda u: (u.get("user_type") != "standard", user_label(u).lower()))
    head = "%s: %d users (%s)" % (
        account.get("name") or account.get("id"),
        len(users),
        ", ".join("%d %s" % (n, s.lower()) for s, n in sorted(counts.items())) or "none",
    )
    lines = [head] + [
        "  %-8s %-8s %s" % ((user_status(u) or ""), u.get("user_type", ""), user_label(u)) for u in users
    ]
    return {"account": account, "users": users, "counts": counts, "lines": lines}
