# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One resource of two snapshots: objects paired by identity, then added, removed and changed field by field.

A field the API sent in one snapshot only is unknown in the other, not a change of value: it is counted under
``not_comparable`` (field -> objects) and never makes an object "changed". A field sent as null is a value.
Objects without an identity, or whose identity several objects share, cannot be paired: they are counted under
``unidentified`` and are neither added nor removed.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.digicert.one.plugins.module_utils._facts.summary import ident
from ansible_collections.digicert.one.plugins.module_utils._facts.users import user_accounts, user_label
from ansible_collections.digicert.one.plugins.plugin_utils._drift.resources import (
    OWNED,
    VOLATILE,
    canonical,
    comparable_applications,
    identity,
    label,
    object_accounts,
)


class Snapshot:
    """One side: its objects per resource (kept to the accounts compared) and how to name them."""

    def __init__(self, facts, scope=None, account_names=None):
        self.facts, self.scope = facts, scope
        users = [u for u in facts.get("users") or [] if isinstance(u, dict)]
        # Keyed by the id as text, as identity() keys objects.
        self.users = dict(("%s" % u["id"], u) for u in users if ident(u.get("id")) is not None)
        self.owners = dict((k, user_accounts(u)) for k, u in self.users.items())
        self.account_names = account_names or {}

    def items(self, resource):
        """The resource's objects; with a scope, those of its accounts and those naming no account."""
        items = [i for i in self.facts.get(resource) or [] if isinstance(i, dict)]
        if self.scope is None:
            return items
        return [i for i in items if not object_accounts(resource, i, self.owners)
                or self.scope.intersection(object_accounts(resource, i, self.owners))]

    def entry(self, resource, key, obj):
        """``{id, name, account, account_ids[, owner, owner_id]}``: an object as every report names it."""
        ids = object_accounts(resource, obj, self.owners)
        out = {"id": key, "name": label(resource, obj), "account_ids": ids,
               "account": ", ".join("%s" % self.account_names.get(a, a) for a in ids)}
        if resource in OWNED:
            owner = self.users.get("%s" % obj.get("user_id"))
            out["owner"] = user_label(owner) if owner else obj.get("user_id")
            out["owner_id"] = obj.get("user_id")
        return out


def account_names(*facts):
    """Account id -> name over both snapshots (the later wins), so a removed account's objects are named."""
    names = {}
    for snapshot in facts:
        for account in snapshot.get("accounts") or []:
            if isinstance(account, dict) and ident(account.get("id")) is not None:
                names[account["id"]] = account.get("name") or account["id"]
    return names


def index(resource, items):
    """``({key: object}, ambiguous keys, objects without identity)``."""
    by_key, ambiguous, missing = {}, set(), 0
    for obj in items:
        key = identity(resource, obj)
        if key is None:
            missing += 1
        elif key in by_key:
            ambiguous.add(key)
        else:
            by_key[key] = obj
    return by_key, ambiguous, missing


def compare_fields(resource, before, after, ignored=frozenset()):
    """``(changed {field: {before, after}}, fields sent in one snapshot only)``; volatile fields are skipped."""
    changed, unknown = {}, []
    for field in sorted(set(before) | set(after)):
        if field in VOLATILE or field in ignored:
            continue
        if field not in before or field not in after:
            unknown.append(field)
            continue
        b, a = canonical(resource, field, before[field]), canonical(resource, field, after[field])
        if field == "applications" and isinstance(b, dict) and isinstance(a, dict):
            b, a, partly = comparable_applications(b, a)
            unknown += partly
        if b != a:
            changed[field] = {"before": b, "after": a}
    return changed, unknown


def _sort(entries):
    return sorted(entries, key=lambda e: ("%s" % e["name"].lower(), "%s" % e["id"]))


def compare_resource(resource, before, after, ignored=frozenset()):
    """``{added, removed, changed, not_comparable, unidentified}`` of one resource of two ``Snapshot``s."""
    old, old_twins, old_missing = index(resource, before.items(resource))
    new, new_twins, new_missing = index(resource, after.items(resource))
    for key in old_twins | new_twins:  # shared by several objects on one side: cannot be paired honestly
        old.pop(key, None)
        new.pop(key, None)
    added = [after.entry(resource, k, new[k]) for k in new if k not in old]
    removed = [before.entry(resource, k, old[k]) for k in old if k not in new]
    changed, not_comparable = [], {}
    for key in [k for k in new if k in old]:
        fields, unknown = compare_fields(resource, old[key], new[key], ignored)
        for field in unknown:
            not_comparable[field] = not_comparable.get(field, 0) + 1
        if fields:
            changed.append(dict(after.entry(resource, key, new[key]), fields=fields))
    unidentified = old_missing + new_missing + len(old_twins | new_twins)
    return {"added": _sort(added), "removed": _sort(removed), "changed": _sort(changed),
            "not_comparable": not_comparable, "unidentified": unidentified}
