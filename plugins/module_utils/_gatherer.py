# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Gather everything visible in a tenant, across all accounts, in one call: ``dc1_facts``.

The independent listings (accounts, users, organizations, roles, audit log)
run concurrently; tokens and client certificates then fan out over the users
already read. Every request goes through the one client, whose slot limit
bounds the whole gathering to ``max_concurrency`` requests in flight.

A resource the credential may not read (403) or the tenant does not serve
(404) does not stop the gathering: it is recorded under ``unavailable`` so
that checks needing it are reported as not evaluated, never as passed.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import json
import os

from ansible_collections.digicert.one.plugins.module_utils import _validation as validation
from ansible_collections.digicert.one.plugins.module_utils._dates import days_until, iso, now_utc, reference_instant
from ansible_collections.digicert.one.plugins.module_utils._tokens_and_certificates import FanOut
from ansible_collections.digicert.one.plugins.module_utils._endpoints import ENDPOINTS, read
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ApiError, DC1ConfigError
from ansible_collections.digicert.one.plugins.module_utils._files import replace_file
from ansible_collections.digicert.one.plugins.module_utils._users import user_accounts

SCHEMA = 1
RESOURCES = ("accounts", "users", "organizations", "roles", "api_tokens", "client_certificates", "audit_logs")
# resource -> (endpoint, options) for the plain listings
_LISTINGS = {
    "accounts": ("account", {}),
    "users": ("user", {}),
    "organizations": ("organization", {}),
    "roles": ("role", {}),
    "audit_logs": ("audit_log", {}),
}
_OWNED = {"api_tokens": "api_token", "client_certificates": "client_certificate"}
TOLERATED = (403, 404)
# The options of dc1_facts beyond the connection table; the module and its action plugin share them.
OPTIONS = {
    "account_ids": {"type": "list", "elements": "str", "default": []},
    "audit_window_days": {"type": "int", "default": 30},
    "expiry_warning_days": {"type": "int", "default": 30},
    "resources": {"type": "list", "elements": "str", "choices": list(RESOURCES), "default": list(RESOURCES)},
    "dest": {"type": "path"},
    "reference_time": {"type": "str"},
}
ADMIN_ROLE = "AM_ACCOUNT_ADMIN"


def is_account_admin(user):
    """True when the user holds the Account Manager admin role in any application entry."""
    apps = user.get("applications")
    for app in apps if isinstance(apps, list) else []:
        if isinstance(app, dict) and isinstance(app.get("roles"), list) and ADMIN_ROLE in app["roles"]:
            return True
    return False


def _dict(value):
    """``value`` when it is an object, else ``{}``: a field of the wrong type reads as absent."""
    return value if isinstance(value, dict) else {}


def _ident(value):
    """An id usable as a key (a string or a number), else None."""
    return value if isinstance(value, (str, int)) and not isinstance(value, bool) else None


def _account_ids(user):
    return [a for a in user_accounts(user) if _ident(a) is not None]


def check_options(account_ids, audit_window_days, resources, expiry_warning_days):
    """Validate the gathering options before any request."""
    ids = [validation.check_uuid("account_ids[%d]" % i, a) for i, a in enumerate(account_ids or [])]
    if audit_window_days is None or audit_window_days < 0 or audit_window_days > 3660:
        raise DC1ConfigError("audit_window_days must be between 0 and 3660, got %r" % (audit_window_days,))
    if expiry_warning_days is None or expiry_warning_days < 0:
        raise DC1ConfigError("expiry_warning_days must not be negative, got %r" % (expiry_warning_days,))
    unknown = sorted(set(resources or ()) - set(RESOURCES))
    if unknown:
        raise DC1ConfigError("unknown resources %s; choose from %s" % (", ".join(unknown), ", ".join(RESOURCES)))
    return ids


def gather(client, account_ids=None, audit_window_days=30, resources=None, expiry_warning_days=30, now=None, warn=None):
    """Return the ``dc1_facts`` dict (see docs/roles.md for its shape).

    ``now`` is the reference instant of every day count and of the audit window (default: the current time).
    """
    collected_at = now_utc()
    ids = check_options(account_ids, audit_window_days, resources, expiry_warning_days)
    wanted = list(resources or RESOURCES)
    if any(r in wanted for r in _OWNED) and "users" not in wanted:
        wanted.append("users")  # tokens and certificates are listed per user
    if not audit_window_days and "audit_logs" in wanted:
        wanted.remove("audit_logs")
    now = now or collected_at
    audit_from = (now - datetime.timedelta(days=audit_window_days)).date().isoformat()
    warn = warn or (lambda msg: None)
    unavailable = {}

    owned = [r for r in _OWNED if r in wanted]
    refused = dict((_OWNED[r], []) for r in owned)

    def skip(endpoint, user_id, exc):
        if exc.status in TOLERATED:
            refused[endpoint].append(exc)
            return True
        return False
    # Tokens and certificates are requested per user as each page of users arrives, not after the whole list.
    fan = FanOut(client, [_OWNED[r] for r in owned], now, skip=skip) if owned else None
    keep = set(ids)

    def new_users(users):
        fan.add([u.get("id") for u in users if isinstance(u, dict) and (not keep or keep.intersection(_account_ids(u)))])

    def listing(resource):
        endpoint, options = _LISTINGS[resource]
        if resource == "audit_logs":
            options = {"from_date": audit_from}
        try:
            return read(client, endpoint, options, on_items=new_users if resource == "users" and fan else None)[
                ENDPOINTS[endpoint].result_key]
        except DC1ApiError as exc:
            if exc.status not in TOLERATED:
                raise
            unavailable[resource] = {"status": exc.status, "reason": "%s" % exc}
            return []

    try:
        plain = [r for r in wanted if r in _LISTINGS]
        data = dict(zip(plain, client.map(listing, plain)))
        if ids:
            _keep_accounts(data, keep)
        if fan and "users" in unavailable:
            fan.discard()  # no users, so none of their tokens either
        owned_items = fan.results() if fan else {}
    finally:
        if fan:
            fan.close()
    for resource in owned:
        endpoint = _OWNED[resource]
        data[resource] = owned_items[endpoint]
        if refused[endpoint]:
            users = len(fan.jobs)
            unavailable[resource] = {
                "status": refused[endpoint][0].status,
                "reason": "%d of %d users: %s" % (len(refused[endpoint]), users, refused[endpoint][0]),
                "partial": len(refused[endpoint]) < users,
            }

    for resource, problem in sorted(unavailable.items()):
        warn("%s not gathered (%s): checks that need them will be reported as not evaluated" % (
            resource, problem["reason"]))
    facts = {
        "schema": SCHEMA,
        "collected_at": iso(collected_at),
        "reference_time": iso(now),
        "base_url": client.base_url,
        "account_ids": ids,
        "audit_window_days": audit_window_days,
        "audit_from": audit_from if "audit_logs" in wanted else None,
        "expiry_warning_days": expiry_warning_days,
        "unavailable": unavailable,
    }
    for resource in RESOURCES:
        facts[resource] = data.get(resource, [])
        if resource not in wanted and resource not in unavailable:
            unavailable[resource] = {"status": None, "reason": "not requested"}
    facts["summary"] = summarise(facts, now)
    return facts


def facts_result(params, client, warn=None, check_mode=False):
    """The task result of dc1_facts (module or action plugin): the fact, counts, and ``dest`` written."""
    now = reference_instant(params.get("reference_time"))
    facts = gather(client, params["account_ids"], params["audit_window_days"], params["resources"],
                   params["expiry_warning_days"], now=now, warn=warn)
    result = {"ansible_facts": {"dc1_facts": facts}, "counts": dict((r, len(facts[r])) for r in RESOURCES),
              "changed": False}
    if params.get("dest"):
        result["dest"] = params["dest"]
        if not check_mode:
            write_facts_file(params["dest"], facts)
        result["changed"] = True
    return result


def write_facts_file(dest, facts):
    """Write from Python (not through Jinja, which is slow for large data), atomically, mode 0600."""
    replace_file(os.path.abspath(os.path.expanduser(dest)),
                 lambda handle: json.dump(facts, handle, indent=1, sort_keys=True), 0o600)


def _keep_accounts(data, ids):
    """Restrict listings to the given accounts (the API lists across all accounts in one call)."""
    if "accounts" in data:
        missing = ids - set(_ident(a.get("id")) for a in data["accounts"])
        if missing:
            raise DC1ConfigError("account_ids not visible to this credential: %s" % ", ".join(sorted(missing)))
        data["accounts"] = [a for a in data["accounts"] if a.get("id") in ids]
    if "users" in data:
        data["users"] = [u for u in data["users"] if ids.intersection(_account_ids(u))]
    if "organizations" in data:
        data["organizations"] = [o for o in data["organizations"] if _ident(_dict(o.get("account")).get("id")) in ids]
    if "audit_logs" in data:
        data["audit_logs"] = [e for e in data["audit_logs"] if _ident(_dict(e.get("account")).get("id")) in ids]


def summarise(facts, now):
    """Per-account counts: ``{account_id: {...}}`` in one pass over each list."""
    warn_days = facts["expiry_warning_days"]
    summary = {}
    for account in facts["accounts"]:
        summary[_ident(account.get("id"))] = {
            "id": account.get("id"),
            "name": account.get("name"),
            "active": account.get("active"),
            "service_period_to": _dict(account.get("service_period")).get("to"),
            "days_to_service_end": days_until(_dict(account.get("service_period")).get("to"), now),
            "users": 0, "users_by_status": {}, "service_users": 0, "active_admins": 0,
            "api_tokens": 0, "api_tokens_expiring": 0, "client_certificates": 0,
            "organizations": 0, "audit_events": 0, "audit_failures": 0,
        }
    owner_accounts = {}
    for user in facts["users"]:
        accounts = [a for a in _account_ids(user) if a in summary]
        owner_accounts[_ident(user.get("id"))] = accounts
        status = ("%s" % user.get("status", "UNKNOWN")).upper()
        for account_id in accounts:
            row = summary[account_id]
            row["users"] += 1
            row["users_by_status"][status] = row["users_by_status"].get(status, 0) + 1
            row["service_users"] += user.get("user_type") == "service"
            row["active_admins"] += status == "ACTIVE" and is_account_admin(user)
    for token in facts["api_tokens"]:
        soon = token.get("enabled") and token.get("days_to_expiry") is not None and 0 <= token["days_to_expiry"] <= warn_days
        for account_id in owner_accounts.get(_ident(token.get("user_id")), []):
            summary[account_id]["api_tokens"] += 1
            summary[account_id]["api_tokens_expiring"] += bool(soon)
    for cert in facts["client_certificates"]:
        for account_id in owner_accounts.get(_ident(cert.get("user_id")), []):
            summary[account_id]["client_certificates"] += 1
    for org in facts["organizations"]:
        account_id = _ident(_dict(org.get("account")).get("id"))
        if account_id in summary:
            summary[account_id]["organizations"] += 1
    for event in facts["audit_logs"]:
        account_id = _ident(_dict(event.get("account")).get("id"))
        if account_id in summary:
            summary[account_id]["audit_events"] += 1
            summary[account_id]["audit_failures"] += ("%s" % event.get("status", "")).lower() == "failure"
    return summary
