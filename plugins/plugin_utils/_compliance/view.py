# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``dc1_facts`` as the checks read them: indexed once, and every field read through ``value``.

``value`` is where "absent is not null" is kept: a field the API did not send raises ``Absent`` (the object
is then *unknown* for that check, never a finding and never a pass), unless the user declared that field
"absent means unset" for their tenant. A field sent as null or empty is a value like any other.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.digicert.one.plugins.module_utils._dates import now_utc, parse_instant
from ansible_collections.digicert.one.plugins.module_utils._facts.users import (
    account_admin,
    manage_applications,
    user_accounts,
    user_label,
    user_status,
)
from ansible_collections.digicert.one.plugins.module_utils._lifecycle.posture import Absent, Fields

NO_ACCOUNT = "(no account)"
__all__ = ["Absent", "FactsView", "NO_ACCOUNT"]  # Absent: the one the certificate checks raise too


class FactsView(Fields):
    """``facts`` indexed by id, plus ``now`` (the facts' reference instant, so results are reproducible); fields are
    read as every check reads them (``Fields``: ``value``, ``known``, ``days_until``, ``age_days``)."""

    def __init__(self, facts, absent_as_unset=(), public_issuers=()):
        now = parse_instant(facts.get("reference_time") or facts.get("collected_at")) or now_utc()
        super(FactsView, self).__init__(now, absent_as_unset)
        self.facts = facts
        self.public_issuers = [n.strip().lower() for n in public_issuers]
        self.users = dict((u.get("id"), u) for u in facts.get("users") or [] if isinstance(u, dict))
        self.account_names = {}
        for user in self.users.values():
            for ref in user.get("accounts") or []:
                if isinstance(ref, dict) and ref.get("id") and ref.get("name"):
                    self.account_names.setdefault(ref["id"], ref["name"])
        for acc in self.accounts():
            self.account_names[acc["id"]] = acc.get("name") or acc["id"]
        self._owners = {}
        self.memo = {}  # per-run tables a check builds once (such as administrators per account)

    def status(self, user):
        return user_status({"status": self.known(user, "users", "status")})

    def admin(self, user):
        """Whether the user administers its accounts (``_users.account_admin``); Absent when unknown."""
        found = account_admin(user)
        if found is None:
            raise Absent("users.applications")
        return found

    def manage_apps(self, user):
        found = manage_applications(user)
        if found is None:
            raise Absent("users.applications")
        return found

    # -- objects and owners -----------------------------------------------------------------------------
    def accounts(self):
        return [a for a in self.facts.get("accounts") or [] if isinstance(a, dict) and a.get("id")]

    def items(self, resource):
        return [o for o in self.facts.get(resource) or [] if isinstance(o, dict)]

    def owner(self, user_id):
        """``(attributed account, all account ids, label)`` of a user; a finding belongs to one account."""
        if user_id not in self._owners:
            user = self.users.get(user_id)
            ids = user_accounts(user) if user else []
            primary = (user.get("primary_account_id") if user else None) or (ids[0] if ids else None)
            self._owners[user_id] = (primary, ids, user_label(user) if user else user_id)
        return self._owners[user_id]

    def account_name(self, account_id):
        return self.account_names.get(account_id, account_id or NO_ACCOUNT)
