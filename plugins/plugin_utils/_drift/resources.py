# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a resource of ``dc1_facts`` is to a comparison: its identity, its volatile fields, its values.

* Identity: ``id``; ``manager/name`` for roles (they carry no id); the serial number for Trust Lifecycle
  certificates (upper-cased: the API is case-insensitive about it). A resource no table names is paired by
  ``id``, else by ``serial_number``, so a list another version of the gatherer adds is compared too.
* Volatile fields change without anyone changing the tenant (a day count, a last sign-in): never drift.
* Values are compared in a canonical form: the order of a list is not drift, and a copy of another object
  inside this one (a user's ``accounts[]`` carry the account's name and service period) is reduced to its id,
  so a renamed account is one change of the account, not one per user.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.digicert.one.plugins.module_utils._facts.account_scope import accounts_of
from ansible_collections.digicert.one.plugins.module_utils._facts.summary import ident
from ansible_collections.digicert.one.plugins.module_utils._facts.users import user_label

# The order resources are shown in; any other list of objects in both snapshots follows, sorted by name.
ORDER = ("accounts", "users", "organizations", "roles", "api_tokens", "client_certificates", "certificates")
# Keys of dc1_facts that are not lists of objects of the tenant: metadata, or derived and volatile
# (``audit`` is a digest of a moving window, ``summary`` counts what the lists hold).
NOT_RESOURCES = frozenset(("audit", "summary", "unavailable", "filtered_locally", "account_ids", "hosts"))
VOLATILE = frozenset(("days_to_expiry", "days_to_service_end", "last_login_at", "last_login", "last_activity",
                      "last_used_at", "last_used", "last_access_at"))
# Where the owner of an object is named: tokens and certificates belong to a user.
OWNED = frozenset(("api_tokens", "client_certificates"))


def order_key(resource):
    return (ORDER.index(resource) if resource in ORDER else len(ORDER), resource)


def resource_names(facts):
    """The resources of a snapshot: keys holding a list, in display order."""
    return sorted((k for k, v in facts.items() if isinstance(v, list) and k not in NOT_RESOURCES), key=order_key)


def identity(resource, obj):
    """The key pairing ``obj`` across snapshots, as text, or None when the object carries none."""
    if resource == "roles":
        name = ident(obj.get("name"))
        return "%s/%s" % (obj.get("manager") or "", name) if name is not None else None
    if resource == "certificates":
        serial = obj.get("serial_number")
        return serial.strip().upper() if isinstance(serial, str) and serial.strip() else None
    for key in ("id", "serial_number"):
        value = ident(obj.get(key))
        if value is not None:
            return "%s" % value
    return None


def label(resource, obj):
    """The name a person recognises."""
    if resource == "users":
        return user_label(obj)
    if resource == "roles":
        return "%s" % (obj.get("display_name") or obj.get("name") or "?")
    for key in ("name", "common_name", "subject", "friendly_name", "serial_number", "id"):
        if obj.get(key) not in (None, "", {}, []):
            return "%s" % obj[key]
    return "?"


def object_accounts(resource, obj, owners):
    """Account ids of ``obj``; tokens and certificates take their owner's (``owners``: user id text -> accounts)."""
    if resource == "accounts":
        return [obj["id"]] if ident(obj.get("id")) is not None else []
    if resource in OWNED:
        return list(owners.get("%s" % obj.get("user_id")) or [])
    return accounts_of(resource, obj)


def _canonical(value):
    """Dicts with canonical values; lists sorted (their order is not drift)."""
    if isinstance(value, dict):
        return dict((k, _canonical(v)) for k, v in value.items())
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, default=str))
    return value


def _ref_ids(value):
    """A list of objects (or one) reduced to their ids: a reference, not a copy, is what belongs here."""
    if isinstance(value, dict) and "id" in value:
        return value["id"]
    if isinstance(value, list) and all(isinstance(v, dict) and "id" in v for v in value):
        return sorted(("%s" % v["id"]) for v in value)
    return _canonical(value)


def _applications(value):
    """``{application: {roles, permissions}}``, each list sorted; a key the API did not send stays absent."""
    if not isinstance(value, list):
        return _canonical(value)
    out = {}
    for app in value:
        if not isinstance(app, dict):
            continue
        name = "%s" % (app.get("name") or app.get("id") or "?")
        out[name] = dict((k, sorted(("%s" % c) for c in app[k])) for k in ("roles", "permissions")
                         if isinstance(app.get(k), list))
    return out


def _upper(value):
    return value.strip().upper() if isinstance(value, str) else value


# (resource, field) -> canonical form; every other field is _canonical.
_FIELD_FORMS = {("users", "accounts"): _ref_ids, ("users", "applications"): _applications,
                ("organizations", "account"): _ref_ids, ("certificates", "account"): _ref_ids,
                ("certificates", "serial_number"): _upper}


def canonical(resource, field, value):
    return _FIELD_FORMS.get((resource, field), _canonical)(value)


def comparable_applications(before, after):
    """Both applications maps without what only one snapshot sent (``roles`` of one application, say).

    Returns ``(before, after, unknown)``; ``unknown`` names the keys dropped, as ``applications.<app>.<key>``.
    An application present in one snapshot only is a real change (granted, or taken away), and stays.
    """
    before, after, unknown = dict(before), dict(after), []
    for app in sorted(set(before) & set(after)):
        b, a = dict(before[app]), dict(after[app])
        for key in sorted(set(b) ^ set(a)):
            unknown.append("applications.%s.%s" % (app, key))
            b.pop(key, None)
            a.pop(key, None)
        before[app], after[app] = b, a
    return before, after, unknown
