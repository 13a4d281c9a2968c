# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the ``digicert.one.dc1`` inventory plugin does, as plain functions.

``gather`` reads the tenant through the shared client (``endpoints.read``,
``credentials.for_users``) and ``slim`` keeps only the fields the inventory
uses: that is what gets cached, so the cache holds no e-mail address, no
permission list and no secret. ``build_hosts`` turns it into hosts, hostvars
and state groups; it is pure, so cached and fresh runs give the same output.

Trust Lifecycle certificates (``gather_certificates``) are read per account with the search's ``account_id``
filter, so each counts in the account that listed it even when the API sends no ``account`` field. A credential
without Trust Lifecycle rights (403/404) gets no certificate counts, and a warning.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import re
import unicodedata

from ansible_collections.digicert.one.plugins.module_utils._lifecycle import certificates as lifecycle
from ansible_collections.digicert.one.plugins.module_utils._facts.account_scope import keep
from ansible_collections.digicert.one.plugins.module_utils._dates import reference_instant
from ansible_collections.digicert.one.plugins.module_utils._listing.credentials import for_users
from ansible_collections.digicert.one.plugins.module_utils._listing.endpoints import ENDPOINTS, read
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ApiError, DC1ConfigError
from ansible_collections.digicert.one.plugins.module_utils._facts.summary import (
    account_row,
    ident,
    lifecycle_counts,
    organization_account,
    summarise,
)
from ansible_collections.digicert.one.plugins.module_utils._facts.users import user_accounts

HOSTNAME_FIELDS = ("name", "id", "friendly_identifier")
GROUP_ACTIVE = "dc1_active"
GROUP_INACTIVE = "dc1_inactive"
GROUP_SERVICE_ENDING = "dc1_service_ending"
GROUP_SERVICE_ENDED = "dc1_service_ended"
# Always created, even empty, so ``hosts: dc1_inactive`` is never an unknown pattern.
STATE_GROUPS = (GROUP_ACTIVE, GROUP_INACTIVE, GROUP_SERVICE_ENDING, GROUP_SERVICE_ENDED)
CACHE_VERSION = 1
# What the inventory's reads taught about the server's paging (knowledge.py), kept in this process: the play's
# tasks run in workers forked from it, where ``learned()`` hands it to dc1_facts. Not a host variable: lessons and
# a base URL have no place in the inventory's output.
_LEARNED = []
_UNSAFE = re.compile(r"[^a-z0-9_.-]+")
_PREFIX = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$|^$")


# -- reading ---------------------------------------------------------------------------
def gather(client, gather_tokens=False, now=None, gather_certificates=False, warn=None):
    """Accounts, users, organizations and (optionally) API tokens and certificates, already slimmed.

    The three listings run concurrently; tokens fan out over the users just read
    (no second users listing), certificates over the accounts.
    """
    names = ("account", "user", "organization")
    data = dict(zip([ENDPOINTS[name].result_key for name in names],
                    client.map(lambda name: read(client, name, {})[ENDPOINTS[name].result_key], names)))
    data["api_tokens"] = None
    if gather_tokens:
        data["api_tokens"] = for_users(client, "api_token", [u.get("id") for u in data["users"]], now)
    data["certificates"] = None
    if gather_certificates:
        data["certificates"], data["certificates_unavailable"] = _certificates(client, data["accounts"], now,
                                                                               warn or (lambda msg: None))
    client.knowledge.remember_users([u.get("id") for u in data["users"] if isinstance(u, dict)])
    data["knowledge"] = client.knowledge.export(paths_only=True)  # for the play of this process: remember()
    return slim(data)


def _certificates(client, accounts, now, warn):
    """``(certificates with account_id, None)``, or ``(None, reason)`` when Trust Lifecycle refuses (403/404)."""
    def of(account_id):
        found = lifecycle.read(client, {"account_id": account_id, "reference_time": now}, warn=warn)["certificates"]
        kept, dropped = keep("certificates", found, [account_id])
        if dropped:
            warn("GET %s ignores its account_id filter: %d certificates of other accounts were dropped"
                 % (ENDPOINTS[lifecycle.ENDPOINT].path, dropped))
        return [dict(c, account_id=account_id) for c in kept]
    try:
        lists = client.map(of, [ident(a.get("id")) for a in accounts if ident(a.get("id")) is not None])
    except DC1ApiError as exc:
        if exc.status not in (403, 404):
            raise
        warn("digicert.one.dc1: Trust Lifecycle certificates not read (%s): no certificate counts" % exc)
        return None, "%s" % exc
    return [c for items in lists for c in items], None


def slim(data):
    """Only the fields ``build_hosts`` reads; accounts stay whole (they become hostvars)."""
    users = []
    for user in data.get("users") or []:
        users.append({
            "id": user.get("id"),
            "status": user.get("status"),
            "user_type": user.get("user_type"),
            "accounts": [{"id": i} for i in user_accounts(user)],
        })
    orgs = [{"id": o.get("id"), "account_id": organization_account(o)} for o in data.get("organizations") or []]
    tokens = data.get("api_tokens")
    if tokens is not None:
        tokens = [dict((k, t.get(k)) for k in ("id", "user_id", "enabled", "expires_at")) for t in tokens]
    certificates = data.get("certificates")
    if certificates is not None:
        certificates = [dict((k, c.get(k)) for k in ("account_id", "status", "expires_at")) for c in certificates]
    return {"accounts": list(data.get("accounts") or []), "users": users, "organizations": orgs, "api_tokens": tokens,
            "certificates": certificates, "certificates_unavailable": data.get("certificates_unavailable"),
            "knowledge": data.get("knowledge")}


def remember(data):
    """Keep the lessons of ``data`` (read now, or from the inventory cache) for the play of this process."""
    if isinstance(data.get("knowledge"), dict):
        _LEARNED[:] = [data["knowledge"]]


def learned():
    """The lessons the inventory of this ``ansible-playbook`` run learned, or None."""
    return _LEARNED[0] if _LEARNED else None


# -- cache -----------------------------------------------------------------------------
def source_identity(base_url, settings):
    """Which tenant and which credential a cache entry belongs to, without any secret.

    The API key enters only as a truncated SHA-256, so a changed ``DC_API_TOKEN``
    (another persona, another tenant on the same host) does not reuse a cache entry.
    """
    if settings.get("api_key"):
        credential = "key:" + hashlib.sha256(("digicert.one inventory:%s" % settings["api_key"]).encode("utf-8")).hexdigest()[:16]
    else:
        credential = "cert:%s" % (settings.get("client_cert") or "")
    return {"base_url": base_url, "credential": credential}


def cache_entry(data, identity):
    return {"version": CACHE_VERSION, "source": identity, "data": data}


def from_cache(entry, identity, gather_tokens, gather_certificates=False):
    """The cached data if it fits this source and these options, else None (read afresh)."""
    if not isinstance(entry, dict) or entry.get("version") != CACHE_VERSION or entry.get("source") != identity:
        return None
    data = entry.get("data")
    if not isinstance(data, dict) or (gather_tokens and data.get("api_tokens") is None):
        return None
    if gather_certificates and data.get("certificates") is None and not data.get("certificates_unavailable"):
        return None
    return data


# -- naming ----------------------------------------------------------------------------
def safe_name(value):
    """A host or group name that needs no quoting in a host pattern: ``[a-z0-9_.-]``."""
    text = unicodedata.normalize("NFKD", "%s" % (value,)).encode("ascii", "ignore").decode("ascii")
    return _UNSAFE.sub("_", text.strip().lower()).strip("_.-")


def host_names(accounts, field="name"):
    """``[(host_name, account)]`` sorted by host name, every name unique.

    Names that collide all get ``_`` + the first 8 characters of the account id,
    so no account wins by API order; a remaining clash gets the whole id. An
    account without a usable value for ``field`` is named by its id.
    """
    if field not in HOSTNAME_FIELDS:
        raise DC1ConfigError("hostname_field must be one of %s" % ", ".join(HOSTNAME_FIELDS))
    named = []  # [base name, id, account, name]
    for account in accounts:
        ident = safe_name(account.get("id") or "")
        base = safe_name(account.get(field) or "") or ident or "account"
        named.append([base, ident, account, base])
    for width in (8, None):
        counts = {}
        for entry in named:
            counts[entry[3]] = counts.get(entry[3], 0) + 1
        for entry in named:
            if counts[entry[3]] > 1 and entry[1]:
                entry[3] = "%s_%s" % (entry[0], entry[1][:width])
    named.sort(key=lambda e: (e[3], e[1]))
    seen, result = {}, []
    for _base, _ident, account, name in named:  # last resort (same id twice): numbered in id order
        seen[name] = seen.get(name, 0) + 1
        result.append(("%s_%d" % (name, seen[name]) if seen[name] > 1 else name, account))
    return result


# -- facts and counts --------------------------------------------------------------------
def state_groups(facts, warning_days):
    """The built-in groups of one account, from its unprefixed facts."""
    groups = []
    if facts["active"] is not None:
        groups.append(GROUP_ACTIVE if facts["active"] else GROUP_INACTIVE)
    days = facts["days_to_service_end"]
    if days is not None and days < 0:
        groups.append(GROUP_SERVICE_ENDED)
    elif days is not None and days <= warning_days:
        groups.append(GROUP_SERVICE_ENDING)
    return groups


def check_options(hostname_field="name", prefix="dc1_", warning_days=30):
    """The host-building options, checked before any request; raises DC1ConfigError."""
    if hostname_field not in HOSTNAME_FIELDS:
        raise DC1ConfigError("hostname_field must be one of %s" % ", ".join(HOSTNAME_FIELDS))
    if not _PREFIX.match(prefix or ""):
        raise DC1ConfigError("hostvar_prefix must be empty or a valid variable name start such as dc1_")
    if not isinstance(warning_days, int) or warning_days < 0:
        raise DC1ConfigError("expiry_warning_days must be 0 or more")


def host_facts(account, row, with_tokens, with_certificates=False):
    """The unprefixed host variables of one account, from its ``_summary`` row."""
    facts = {
        "account": account, "account_id": account.get("id"), "account_name": account.get("name"),
        "active": row["active"], "service_period_to": row["service_period_to"],
        "days_to_service_end": row["days_to_service_end"], "user_counts": row["users_by_status"],
        "user_count": row["users"], "service_user_count": row["service_users"],
    }
    if with_tokens:
        facts.update(api_token_count=row["api_tokens"], tokens_expiring_soon=row["api_tokens_expiring"])
    if with_certificates:
        facts.update(certificate_count=row["certificates"], certificates_expiring_soon=row["certificates_expiring"])
    facts["organization_count"] = row["organizations"]
    return facts


def build_hosts(data, hostname_field="name", prefix="dc1_", warning_days=30, now=None):
    """``[{name, vars, groups}]`` from (slim) ``data``, sorted by host name.

    The counts are the facts' per-account summary (``_summary.summarise``), so an inventory host and its
    gathered facts agree. Token counts are present only when ``data`` holds tokens (``gather_tokens``),
    certificate counts only when it holds certificates (``gather_certificates``, and Trust Lifecycle answered).
    """
    check_options(hostname_field, prefix, warning_days)
    now = now or reference_instant()
    tokens = data.get("api_tokens")
    accounts = data.get("accounts") or []
    certificates = data.get("certificates")
    rows = summarise(accounts, data.get("users") or [], now, warning_days, tokens=tokens,
                     organizations=data.get("organizations"),
                     lifecycle=lifecycle_counts(certificates, warning_days, now) if certificates is not None else None)
    hosts = []
    for name, account in host_names(accounts, hostname_field):
        row = rows.get(ident(account.get("id"))) or account_row(account, now)
        facts = host_facts(account, row, tokens is not None, certificates is not None)
        hosts.append({
            "name": name,
            "vars": dict(((prefix or "") + k, v) for k, v in facts.items()),
            "groups": state_groups(facts, warning_days),
        })
    return hosts
