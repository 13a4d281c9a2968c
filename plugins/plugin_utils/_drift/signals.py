# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The questions people ask of a drift: who became an admin, which API tokens appeared, which users left,
whose status and whose roles changed.

Admin rights are read with ``account_admin`` (docs/compliance.md, "Administrators"): True, False, or None when
the API did not send the rights. An unknown is never a new admin: a user is a new admin when the after snapshot
says admin and the user is new, or the before snapshot said "not admin" (not "unknown"), or an admin joined
accounts. A signal whose resource was not compared is listed under ``signals_not_compared``, never as empty.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.digicert.one.plugins.module_utils._facts.users import account_admin, user_accounts

SIGNALS = ("new_admins", "new_api_tokens", "removed_users", "status_changes", "role_changes")
# The resource each signal is read from.
SOURCES = {"new_admins": "users", "new_api_tokens": "api_tokens", "removed_users": "users",
           "status_changes": "users", "role_changes": "users"}
# Fields that say whether an object is in use; a change of any is a status change.
STATUS_FIELDS = {"users": ("status",), "accounts": ("active", "status"), "organizations": ("active", "status"),
                 "api_tokens": ("enabled", "status", "state"), "client_certificates": ("enabled", "status", "state"),
                 "certificates": ("status",)}
_NAMING = ("id", "name", "account", "account_ids", "owner", "owner_id")


def _named(entry, **extra):
    return dict(((k, entry[k]) for k in _NAMING if k in entry), **extra)


def _new_admins(users, before, after):
    out = []
    for entry in users["added"]:
        if account_admin(after.users.get(entry["id"]) or {}) is True:
            out.append(_named(entry, why="new user with Account Manager admin rights"))
    for entry in users["changed"]:
        old, new = before.users.get(entry["id"]) or {}, after.users.get(entry["id"]) or {}
        was, now = account_admin(old), account_admin(new)
        if now is not True or was is None:
            continue
        if was is False:
            out.append(_named(entry, why="granted Account Manager admin rights"))
            continue
        joined = [a for a in user_accounts(new) if a not in user_accounts(old)]
        if joined:
            out.append(_named(entry, why="an admin that joined account(s) %s" % ", ".join(
                "%s" % after.account_names.get(a, a) for a in joined), joined=joined))
    return out


def _new_api_tokens(tokens, after):
    out, by_id = [], dict(("%s" % t.get("id"), t) for t in after.items("api_tokens"))
    for entry in tokens["added"]:
        token = by_id.get(entry["id"]) or {}
        out.append(_named(entry, **dict((k, token[k]) for k in ("expires_at", "enabled") if k in token)))
    return out


def _removed_users(users, before):
    return [_named(e, status=(before.users.get(e["id"]) or {}).get("status")) for e in users["removed"]]


def _status_changes(drift):
    out = []
    for resource, fields in STATUS_FIELDS.items():
        for entry in (drift.get(resource) or {}).get("changed", []):
            moved = dict((f, entry["fields"][f]) for f in fields if f in entry["fields"])
            if moved:
                out.append(_named(entry, resource=resource, fields=moved))
    return out


def _role_changes(users):
    out = []
    for entry in users["changed"]:
        change = entry["fields"].get("applications")
        if change is None:
            continue
        b, a = change["before"], change["after"]
        if isinstance(b, dict) and isinstance(a, dict):  # only the applications whose rights changed
            apps = sorted(k for k in set(b) | set(a) if b.get(k) != a.get(k))
            b, a = dict((k, b[k]) for k in apps if k in b), dict((k, a[k]) for k in apps if k in a)
        out.append(_named(entry, before=b, after=a))
    return out


def signals(drift, before, after, not_compared):
    """``(signals {name: [entries]}, signals_not_compared {name: reason})``."""
    found, missing = {}, {}
    for name in SIGNALS:
        source = SOURCES[name]
        if source not in drift:
            missing[name] = "%s not compared: %s" % (source, not_compared.get(source, "not in the snapshots"))
    users, tokens = drift.get("users"), drift.get("api_tokens")
    found["status_changes"] = _status_changes(drift)  # of every resource compared; users' may be missing
    if users is not None:
        found["new_admins"] = _new_admins(users, before, after)
        found["removed_users"] = _removed_users(users, before)
        found["role_changes"] = _role_changes(users)
    if tokens is not None:
        found["new_api_tokens"] = _new_api_tokens(tokens, after)
    return dict((name, found[name]) for name in SIGNALS if name in found), missing
