# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Gather what a credential can see into ``dc1_facts``: the whole tenant, or the accounts asked for.

Two modes, one gatherer:

* the tenant (no ``account_ids``): every listing once, across all accounts (localhost, small tenants);
* accounts (``account_ids``, one per inventory host): users, organizations and the audit log are asked with
  the server's ``account_id`` filter, checked on the way back (_facts/account_scope.py); the tenant-wide lists
  (accounts, roles) come from ``tenant``, read once per play by ``gather_tenant``, or are read here.

Trust Lifecycle certificates stream page by page into ``certificate_posture`` (_lifecycle/stream.py): exact counts
and the certificate checks, run with the compliance settings of the run (``certificate_checks``); ``certificates``
keeps only the ones a check flagged or could not judge. Each gets ``account_id``: the account whose ``account_id``
filter listed it (account mode, a filter the mpki spec documents), else the ``account.id`` the API sent, else None
(the tenant mode on an answer without ``account``).

The listings run concurrently; tokens and client certificates fan out over the users as their pages arrive.
Every request goes through the one client, whose slot limit bounds the whole gathering. A resource the
credential may not read (403) or the tenant does not serve (404) is recorded under ``unavailable`` so that
checks needing it are reported as not evaluated, never as passed. The audit log becomes a digest
(_facts/audit.py); its events go to a JSON Lines file only when asked for.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import json
import os

from ansible_collections.digicert.one.plugins.module_utils._lifecycle import certificates as lifecycle
from ansible_collections.digicert.one.plugins.module_utils._lifecycle import profiles
from ansible_collections.digicert.one.plugins.module_utils._lifecycle import stream as certificate_stream
from ansible_collections.digicert.one.plugins.module_utils._lifecycle import workers
from ansible_collections.digicert.one.plugins.module_utils import _validation as validation
from ansible_collections.digicert.one.plugins.module_utils._facts.account_scope import accounts_of, keep
from ansible_collections.digicert.one.plugins.module_utils._facts.audit import digest, write_events
from ansible_collections.digicert.one.plugins.module_utils._dates import iso, now_utc, reference_instant
from ansible_collections.digicert.one.plugins.module_utils._listing.endpoints import ENDPOINTS, read
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ApiError, DC1ConfigError
from ansible_collections.digicert.one.plugins.module_utils._files import replace_file
from ansible_collections.digicert.one.plugins.module_utils._facts.summary import ident, summarise
from ansible_collections.digicert.one.plugins.module_utils._facts.tenant import SCHEMA, TENANT_WIDE, TOLERATED, tenant_read
from ansible_collections.digicert.one.plugins.module_utils._listing.credentials import FanOut

RESOURCES = ("accounts", "users", "organizations", "roles", "api_tokens", "client_certificates", "certificates",
             "certificate_profiles", "audit")
_ENDPOINT = {"accounts": "account", "users": "user", "organizations": "organization", "roles": "role",
             "certificates": "certificate", "audit": "audit_log"}
_OWNED = {"api_tokens": "api_token", "client_certificates": "client_certificate"}
# The options of dc1_facts beyond the connection table; the module and its action plugin share them.
OPTIONS = {
    "account_ids": {"type": "list", "elements": "str", "default": []},
    "audit_window_days": {"type": "int", "default": 30},
    "expiry_warning_days": {"type": "int", "default": 30},
    "resources": {"type": "list", "elements": "str", "choices": list(RESOURCES), "default": list(RESOURCES)},
    "dest": {"type": "path"},
    "audit_events_dest": {"type": "path"},
    "reference_time": {"type": "str"},
    "tenant_only": {"type": "bool", "default": False},
    "certificate_checks": {"type": "dict", "default": {}},
    "tenant": {"type": "dict"},
    "certificates_dest": {"type": "path"},
    "certificate_workers": {"type": "int"},
}


def check_options(account_ids, audit_window_days, resources, expiry_warning_days):
    """Validate the gathering options before any request; returns the account ids, lower-cased."""
    ids = [validation.check_uuid("account_ids[%d]" % i, a) for i, a in enumerate(account_ids or [])]
    if audit_window_days is None or audit_window_days < 0 or audit_window_days > 3660:
        raise DC1ConfigError("audit_window_days must be between 0 and 3660, got %r" % (audit_window_days,))
    if expiry_warning_days is None or expiry_warning_days < 0:
        raise DC1ConfigError("expiry_warning_days must not be negative, got %r" % (expiry_warning_days,))
    unknown = sorted(set(resources or ()) - set(RESOURCES))
    if unknown:
        raise DC1ConfigError("unknown resources %s; choose from %s" % (", ".join(unknown), ", ".join(RESOURCES)))
    return ids


def _wanted(resources, audit_window_days):
    wanted = list(resources or RESOURCES)
    if any(r in wanted for r in _OWNED) and "users" not in wanted:
        wanted.append("users")  # tokens and certificates are listed per user
    if not audit_window_days and "audit" in wanted:
        wanted.remove("audit")
    return wanted


class _Gathering:
    """One gathering: what was read, what could not be, and what a server that ignores filters sent."""

    def __init__(self, client, ids, wanted, audit_from, now, warn, tenant, lifecycle_plan=None):
        self.client, self.ids, self.wanted, self.audit_from = client, ids, wanted, audit_from
        self.now, self.warn, self.tenant = now, warn, tenant or {}
        self.data, self.unavailable, self.dropped = {}, {}, {}
        self.lifecycle_plan, self.posture = lifecycle_plan, {}
        owned = [_OWNED[r] for r in _OWNED if r in wanted]
        self.refused = dict((name, []) for name in owned)
        self.fan = FanOut(client, owned, now, skip=self._refuse) if owned else None

    def _refuse(self, endpoint, _user_id, exc):
        if exc.status in TOLERATED:
            self.refused[endpoint].append(exc)
            return True
        return False

    def run(self):
        try:
            plain = [r for r in self.wanted if r in _ENDPOINT or r in TENANT_WIDE]
            self.data = dict(zip(plain, self.client.map(self._listing, plain)))
            if self.fan and "users" in self.unavailable:
                self.fan.discard()  # no users, so none of their tokens either
            owned = self.fan.results() if self.fan else {}
        finally:
            if self.fan:
                self.fan.close()
        self._take_owned(owned)
        return self.data

    # -- listings ---------------------------------------------------------------------------------------
    def _listing(self, resource):
        try:
            if resource == "certificates":
                return self._certificates()
            if resource in TENANT_WIDE:
                return self._tenant_wide(resource)
            if not self.ids:
                return self._read(resource, {})
            return self._per_account(resource)
        except DC1ApiError as exc:
            if exc.status not in TOLERATED:
                raise
            self.unavailable[resource] = {"status": exc.status, "reason": "%s" % exc}
            return []

    def _read(self, resource, options):
        if resource == "certificate_profiles":
            return profiles.read(self.client, options, warn=self.warn)[profiles.RESULT_KEY]
        endpoint = _ENDPOINT[resource]
        if resource == "audit":
            options = dict(options, from_date=self.audit_from)
        on_items = self._new_users if resource == "users" and self.fan else None
        return read(self.client, endpoint, options, on_items=on_items)[ENDPOINTS[endpoint].result_key]

    def _tenant_wide(self, resource):
        items = self.tenant.get(resource)
        if items is None:
            items = self._read(resource, {})
        if resource == "accounts" and self.ids:
            visible = set(ident(a.get("id")) for a in items if isinstance(a, dict))
            missing = sorted(set(self.ids) - visible)
            if missing:
                raise DC1ConfigError("account_ids not visible to this credential: %s" % ", ".join(missing))
            items = [a for a in items if isinstance(a, dict) and a.get("id") in self.ids]
        return items

    def _certificates(self):
        """Trust Lifecycle certificates streamed into ``certificate_posture``; the ones worth listing are kept."""
        plan = self.lifecycle_plan or {}
        stream = certificate_stream.CertificateStream(self.now, plan.get("warning_days", 30),
                                                      plan.get("checks") or certificate_stream.check_options({}),
                                                      plan.get("dest"), pool=plan.get("pool"))
        try:
            for account_id in self.ids or [None]:
                stream.read(self.client, account_id)
            kept, self.posture = stream.finish()
        finally:
            stream.close()
        for message in stream.warnings():
            self.warn(message)
        if stream.counts["dropped_other_accounts"]:
            self.dropped["certificates"] = stream.counts["dropped_other_accounts"]
            self.warn("GET %s ignores its account_id filter: %d certificates of other accounts were dropped"
                      % (ENDPOINTS[lifecycle.ENDPOINT].path, stream.counts["dropped_other_accounts"]))
        return kept

    def _per_account(self, resource):
        """Each account asked with the server's filter; what comes back is checked, duplicates kept once."""
        items, seen = [], set()
        for account_id in self.ids:
            for item in self._read(resource, {"account_id": account_id}):
                key = _key(resource, item)
                if key is None or key not in seen:
                    seen.add(key)
                    items.append(item)
        kept, dropped = keep(resource, items, self.ids)
        if dropped:
            self.dropped[resource] = dropped
            self.warn("GET %s ignores its account_id filter: %d %s of other accounts were dropped"
                      % (ENDPOINTS[_ENDPOINT[resource]].path, dropped, resource))
        return kept

    def _new_users(self, users):
        """Start the per-user requests for a page of users (not for users of other accounts)."""
        wanted = set(self.ids)
        self.fan.add([u.get("id") for u in users if isinstance(u, dict) and (
            not wanted or not accounts_of("users", u) or wanted.intersection(accounts_of("users", u)))])

    # -- tokens and certificates --------------------------------------------------------------------------
    def _take_owned(self, owned):
        users = set(ident(u.get("id")) for u in self.data.get("users") or [] if isinstance(u, dict))
        for resource, endpoint in _OWNED.items():
            if resource not in self.wanted:
                continue
            # Only the credentials of the users kept (a user dropped as another account's takes them along).
            self.data[resource] = [i for i in owned.get(endpoint, []) if not self.ids or i.get("user_id") in users]
            refused, verdict = self.refused[endpoint], self.fan.waves[endpoint].verdict
            if verdict is not None and not verdict["served"]:
                self.unavailable[resource] = {"status": verdict["status"], "reason": verdict["reason"],
                                              "partial": False, "learned_by": "tenant"}
            elif refused:
                self.unavailable[resource] = self._refusal(endpoint, refused)

    def _refusal(self, endpoint, refused):
        wave = self.fan.waves[endpoint]
        asked = len(self.fan.jobs) - wave.skipped
        reason = "%d of %d users: %s" % (len(refused), asked, refused[0])
        if wave.refused_all and wave.skipped:
            reason += "; refused for every user of the first %d, so the other %d were not asked" % (
                wave.size, wave.skipped)
        return {"status": refused[0].status, "reason": reason, "partial": len(refused) < asked}


def _key(_resource, item):
    """What makes an item the same one in two answers: its id."""
    return ident(item.get("id")) if isinstance(item, dict) else None


def gather(client, account_ids=None, audit_window_days=30, resources=None, expiry_warning_days=30, now=None,
           warn=None, tenant=None, audit_events_dest=None, certificate_checks=None, certificates_dest=None,
           certificate_workers=None):
    """Return the ``dc1_facts`` dict (see docs/roles.md for its shape).

    ``now`` is the reference instant of every day count and of the audit window (default: the current time).
    ``tenant`` holds tenant-wide lists read once for a play (``gather_tenant``): they are not asked again.
    ``certificate_checks`` are the compliance settings the certificate checks run with while the certificates
    stream past; ``certificates_dest`` a JSON Lines file for every certificate; ``certificate_workers`` the processes
    that parse and check their bodies (None: ``workers.default_count()``).
    """
    collected_at = now_utc()
    ids = check_options(account_ids, audit_window_days, resources, expiry_warning_days)
    checks = certificate_stream.check_options(certificate_checks)
    count = workers.check_count(certificate_workers)
    wanted = _wanted(resources, audit_window_days)
    now = now or collected_at
    audit_from = (now - datetime.timedelta(days=audit_window_days)).date().isoformat()
    warn = warn or (lambda msg: None)
    plan = {"warning_days": expiry_warning_days, "checks": checks,
            "dest": os.path.abspath(os.path.expanduser(certificates_dest)) if certificates_dest else None}
    # Forked before any request thread exists (workers.py): the certificates' bodies are parsed on every core.
    plan["pool"] = _certificate_workers(now, plan, count) if "certificates" in wanted else None
    try:
        run = _Gathering(client, ids, wanted, audit_from, now, warn, tenant, plan)
        data = run.run()
    finally:
        if plan["pool"]:
            plan["pool"].close()
    events = data.pop("audit", None)
    if events is not None and "audit" not in run.unavailable:
        data["audit"] = digest(events, audit_from, audit_window_days)
        if audit_events_dest:
            write_events(os.path.abspath(os.path.expanduser(audit_events_dest)), events)
    for resource, problem in sorted(run.unavailable.items()):
        warn("%s not gathered (%s): checks that need them will be reported as not evaluated" % (
            resource, problem["reason"]))
    return _facts(client, ids, data, run, collected_at, now, audit_window_days, expiry_warning_days, wanted)


def _certificate_workers(now, plan, count):
    """The worker processes of the certificate stream, or None (no CPU to spare, no fork, or 0 asked)."""
    count = workers.default_count() if count is None else count
    if not count:
        return None

    def make_stream(directory):
        part = os.path.join(directory, "certificates.jsonl") if plan["dest"] else None
        return certificate_stream.CertificateStream(now, plan["warning_days"], plan["checks"], part, directory)
    return workers.Pool(count, make_stream)


def _facts(client, ids, data, run, collected_at, now, audit_window_days, expiry_warning_days, wanted):
    facts = {
        "schema": SCHEMA, "collected_at": iso(collected_at), "reference_time": iso(now), "base_url": client.base_url,
        "account_ids": ids, "audit_window_days": audit_window_days,
        "audit_from": run.audit_from if "audit" in wanted else None, "expiry_warning_days": expiry_warning_days,
        "unavailable": run.unavailable, "filtered_locally": run.dropped,
    }
    for resource in RESOURCES:
        facts[resource] = data.get(resource, {} if resource == "audit" else [])
        if resource not in wanted and resource not in run.unavailable:
            run.unavailable[resource] = {"status": None, "reason": "not requested"}
    facts["certificate_posture"] = run.posture
    facts["summary"] = summarise(facts["accounts"], facts["users"], now, expiry_warning_days, facts["api_tokens"],
                                 facts["client_certificates"], facts["organizations"], facts["audit"],
                                 lifecycle=run.posture.get("by_account"))
    return facts


def gather_tenant(client, warn=None, resources=TENANT_WIDE):
    """``dc1_tenant``: the tenant-wide lists among ``resources``, read once for a play, and what the run learned
    for every account host about the paths of the other ``resources`` (tenant.py).

    ``resources`` may leave out ``accounts`` when every host already has its own account object (the inventory's).
    """
    def read_lists(client, wanted):
        run = _Gathering(client, [], wanted, None, now_utc(), warn or (lambda msg: None), None)
        return run.run(), run.unavailable
    return tenant_read(client, resources, read_lists, warn)


def facts_result(params, client, warn=None, check_mode=False, tenant=None):
    """The task result of dc1_facts (module or action plugin): the fact, counts, and files written.

    ``tenant``: what the play read and learned before (``dc1_tenant``, the inventory's lessons).
    """
    client.knowledge.load((tenant or {}).get("knowledge"))
    if params.get("tenant_only"):
        facts = gather_tenant(client, warn, params["resources"])
        return {"ansible_facts": {"dc1_tenant": facts}, "changed": False,
                "counts": dict((r, len(facts[r])) for r in TENANT_WIDE if r in facts)}
    now = reference_instant(params.get("reference_time"))
    facts = gather(client, params["account_ids"], params["audit_window_days"], params["resources"],
                   params["expiry_warning_days"], now=now, warn=warn, tenant=_usable_tenant(tenant, client),
                   audit_events_dest=None if check_mode else params.get("audit_events_dest"),
                   certificate_checks=params.get("certificate_checks"),
                   certificates_dest=None if check_mode else params.get("certificates_dest"),
                   certificate_workers=params.get("certificate_workers"))
    counts = dict((r, len(facts[r])) for r in RESOURCES if r != "audit")
    counts["audit_events"] = facts["audit"].get("events", 0)
    counts["certificates"] = facts["certificate_posture"].get("certificates", 0)  # all of them; kept: fewer
    result = {"ansible_facts": {"dc1_facts": facts}, "counts": counts, "changed": False}
    for option in ("dest", "audit_events_dest", "certificates_dest"):
        if params.get(option):
            result[option] = params[option]
            result["changed"] = True
    if params.get("dest") and not check_mode:
        write_facts_file(params["dest"], facts)
    return result


def _usable_tenant(tenant, client):
    """Tenant-wide lists read earlier in the play (or the host's own account from the inventory), when they come
    from this host and were read completely; each list that was not is read again."""
    if not isinstance(tenant, dict) or tenant.get("base_url", client.base_url) != client.base_url:
        return None
    unavailable = tenant.get("unavailable") or {}
    return dict((r, tenant[r]) for r in TENANT_WIDE if isinstance(tenant.get(r), list) and r not in unavailable)


def write_facts_file(dest, facts):
    """Write from Python (not through Jinja, which is slow for large data), atomically, mode 0600."""
    replace_file(os.path.abspath(os.path.expanduser(dest)),
                 lambda handle: json.dump(facts, handle, indent=1, sort_keys=True), 0o600)
