# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The facts of many account hosts as one ``dc1_facts``: what the play's single set of reports is made from.

Each account host holds its own account's objects; a user of two accounts (and its tokens) appears on both.
Lists are joined by identity, so every object counts once; the audit digests are joined by account. A resource
that one host could not read is unavailable for the whole: checks that need it are not evaluated, never passed.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.digicert.one.plugins.module_utils._lifecycle.certificates import identity as certificate_identity
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError

LISTS = ("accounts", "users", "organizations", "api_tokens", "client_certificates", "certificates")


def _identity(resource, item):
    if resource == "roles":
        return "%s/%s" % (item.get("manager"), item.get("name"))
    if resource == "certificates" and isinstance(item.get("serial_number"), str):
        return "%s/%s" % certificate_identity(item)  # no id: serial number and thumbprint (_lifecycle/certificates.py)
    value = item.get("id")
    return "%s" % value if isinstance(value, (str, int)) else json.dumps(item, sort_keys=True, default=str)


def _join(resource, lists):
    seen, out = set(), []
    for items in lists:
        for item in items or []:
            if not isinstance(item, dict):
                continue
            key = _identity(resource, item)
            if key not in seen:
                seen.add(key)
                out.append(item)
    return out


def _unavailable(named):
    """``{resource: problem}`` over all hosts; a problem names the hosts that had it."""
    out = {}
    for host, facts in named:
        problems = dict(facts.get("unavailable") or {})
        for resource in LISTS:  # facts gathered before a resource existed (a fact cache) did not read it
            if not isinstance(facts.get(resource), list):
                problems.setdefault(resource, {"status": None, "reason": "not in dc1_facts"})
        for resource, problem in problems.items():
            problem = problem if isinstance(problem, dict) else {"reason": problem}
            merged = out.setdefault(resource, dict(problem, hosts=[]))
            merged["hosts"].append(host)
    for problem in out.values():
        problem["reason"] = "%s (on %s)" % (problem.get("reason"), ", ".join(problem["hosts"]))
    return out


def _audit(named):
    accounts, events = {}, 0
    windows = set()
    for _host, facts in named:
        digest = facts.get("audit") or {}
        windows.add(digest.get("from"))
        for account_id, row in (digest.get("accounts") or {}).items():
            if account_id not in accounts:
                accounts[account_id] = row
                events += row.get("events", 0)
    return {"from": min(w for w in windows if w) if any(windows) else None, "events": events, "accounts": accounts}


def merge_facts(named):
    """One facts dict from ``[(host, dc1_facts)]`` of one tenant; DC1ConfigError when they are of different tenants."""
    named = [(host, facts) for host, facts in named if isinstance(facts, dict)]
    if not named:
        raise DC1ConfigError("no host of the play has dc1_facts: gather them first (the digicert.one.facts role)")
    tenants = sorted(set("%s" % f.get("base_url") for _h, f in named))
    if len(tenants) > 1:
        raise DC1ConfigError("the hosts' dc1_facts come from different tenants (%s): evaluate each tenant on its own"
                             % ", ".join(tenants))
    first = named[0][1]
    merged = dict((key, first.get(key)) for key in ("schema", "base_url", "audit_window_days", "audit_from",
                                                    "expiry_warning_days"))
    merged["collected_at"] = min("%s" % f.get("collected_at") for _h, f in named)
    merged["reference_time"] = max("%s" % (f.get("reference_time") or f.get("collected_at")) for _h, f in named)
    merged["account_ids"] = sorted(set(a for _h, f in named for a in f.get("account_ids") or []))
    for resource in LISTS + ("roles",):
        merged[resource] = _join(resource, [f.get(resource) for _h, f in named])
    merged["audit"] = _audit(named)
    merged["unavailable"] = _unavailable(named)
    merged["summary"] = dict((k, v) for _h, f in named for k, v in (f.get("summary") or {}).items())
    merged["hosts"] = [host for host, _f in named]
    return merged
