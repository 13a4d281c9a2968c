# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The facts of many account hosts as one ``dc1_facts``: what the play's single set of reports is made from.

Each account host holds its own account's objects; a user of two accounts (and its tokens) appears on both.
Lists are joined by identity, so every object counts once; the audit digests are joined by account, the
certificate digests (``certificate_posture``) added up: each host counted only its own account's certificates. A
resource that one host could not read is unavailable for the whole: checks that need it are not evaluated, never
passed.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.digicert.one.plugins.module_utils._lifecycle.certificates import identity as certificate_identity
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError

LISTS = ("accounts", "users", "organizations", "api_tokens", "client_certificates", "certificates",
         "certificate_profiles")
_SUMMED = ("certificates", "unparsed", "without_body", "dropped_other_accounts", "problems")
_TALLIES = ("by_status", "issued_buckets", "by_key_type", "by_signature_hash", "issued_by_days_left")


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


def _add(into, counts):
    for key, value in (counts or {}).items():
        into[key] = into.get(key, 0) + value


def _add_checks(into, checks):
    for cid, row in (checks or {}).items():
        merged = into.setdefault(cid, {"evaluated": 0, "unknown": 0, "flagged": 0, "suppressed": 0, "findings": 0,
                                       "missing": {}, "by_account": {}, "listed": {}, "excepted": []})
        for key in ("evaluated", "unknown", "flagged", "suppressed", "findings"):
            merged[key] += row.get(key, 0)
        for key in ("missing", "by_account", "listed"):
            _add(merged[key], row.get(key))
        merged["excepted"] = sorted(set(merged["excepted"]) | set(row.get("excepted") or ()))


def _add_groups(into, groups):
    """Groups by key over hosts: exact for a group every host listed; what a host summed as ``other`` stays there."""
    for name, dimension in (groups or {}).items():
        merged = into.setdefault(name, {"groups": {}, "other": {"groups": 0, "certificates": 0, "findings": 0}})
        for row in dimension.get("groups") or []:
            fresh = dict(row, certificates=0, issued=0, revoked=0, findings=0, buckets={})
            target = merged["groups"].setdefault(row["id"], fresh)
            for key in ("certificates", "issued", "revoked", "findings"):
                target[key] += row.get(key, 0)
            _add(target["buckets"], row.get("buckets"))
        _add(merged["other"], dimension.get("other"))


def _posture(named):
    """The hosts' ``certificate_posture`` added up; settings that differ between hosts are named, not chosen."""
    digests = [(host, f.get("certificate_posture")) for host, f in named if f.get("certificate_posture")]
    if not digests:
        return {}
    merged = dict((key, 0) for key in _SUMMED)
    merged.update((key, {}) for key in _TALLIES + ("by_account", "checks"))
    groups = {}
    for _host, digest in digests:
        for key in _SUMMED:
            merged[key] += digest.get(key) or 0
        for key in _TALLIES:
            _add(merged[key], digest.get(key))
        merged["by_account"].update(digest.get("by_account") or {})
        _add_checks(merged["checks"], digest.get("checks"))
        _add_groups(groups, digest.get("groups"))
    merged["groups"] = dict((name, {"groups": sorted(d["groups"].values(), key=lambda r: -r["certificates"]),
                                    "other": d["other"]}) for name, d in groups.items())
    settings = [d.get("settings") for _h, d in digests]
    merged["settings"] = settings[0] if all(s == settings[0] for s in settings) else {
        "conflict": sorted(h for h, d in digests if d.get("settings") != settings[0])}
    merged["listed_per_check"] = digests[0][1].get("listed_per_check")
    return merged


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
    merged["certificate_posture"] = _posture(named)
    merged["unavailable"] = _unavailable(named)
    merged["summary"] = dict((k, v) for _h, f in named for k, v in (f.get("summary") or {}).items())
    merged["hosts"] = [host for host, _f in named]
    return merged
