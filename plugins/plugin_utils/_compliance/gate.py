# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The compliance gate: the findings that reach it, the hosts it fails, and the one line a pipeline log shows.

Over account hosts, a host fails when its account holds a finding at or above ``fail_on``: the finding's object
belongs to that account (``account_ids``: a user of two accounts, and its tokens, is held by both). A finding that
no account holds (an object the API sent without an account) is tenant-wide: it fails every host, because each
of them is part of the tenant that holds it and none can be told apart. A host that gathered the whole tenant
(localhost) holds every finding.

A certificate check lists at most 1,000 of its findings (the facts keep no more): its count per check and per
account comes from its row (``findings``, ``findings_by_account``), so the gate counts what the gathering counted.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.digicert.one.plugins.plugin_utils._compliance.catalogue import RANK


def _reached(findings, fail_on):
    if fail_on == "none":
        return []
    return [f for f in findings if RANK[f["severity"]] >= RANK[fail_on]]


def _per_check(findings):
    """``{check: count}`` in the findings' order (most severe first, then the catalogue's)."""
    out = {}
    for item in findings:
        out[item["check"]] = out.get(item["check"], 0) + 1
    return out


def checks_text(checks):
    """``DC1-TOKEN-001 x3, DC1-ACCT-001 x1``."""
    return ", ".join("%s x%d" % kv for kv in checks.items())


def _counted(rows, fail_on):
    """``{check: {account or "": count}}`` of the checks whose findings are counted apart from their list."""
    if fail_on == "none":
        return {}
    return dict((r["id"], r["findings_by_account"]) for r in rows or ()
                if "findings_by_account" in r and r["findings"] and RANK[r["severity"]] >= RANK[fail_on])


def evaluate_gate(findings, fail_on, rows=None):
    """``{fail_on, failed, findings, checks}``: how many findings reach ``fail_on``, per check."""
    counted = _counted(rows, fail_on)
    checks = _per_check(f for f in _reached(findings, fail_on) if f["check"] not in counted)
    for row in rows or ():
        if row["id"] in counted:
            checks[row["id"]] = row["findings"]
    order = dict((f["check"], i) for i, f in enumerate(findings))
    checks = dict(sorted(checks.items(), key=lambda kv: order.get(kv[0], len(order))))
    total = sum(checks.values())
    return {"fail_on": fail_on, "failed": total > 0, "findings": total, "checks": checks}


def holders(finding):
    """The accounts that hold a finding's object; empty when none does (a tenant-wide finding)."""
    return set(finding.get("account_ids") or ([finding["account_id"]] if finding.get("account_id") else []))


def _held(counted, accounts):
    """``(mine, tenant-wide)`` per check of the counted checks, for a host of ``accounts`` (empty: the tenant)."""
    mine, wide = {}, {}
    for cid, by_account in counted.items():
        for account, count in by_account.items():
            if count and (not accounts or not account or account in accounts):
                mine[cid] = mine.get(cid, 0) + count
                if not account:
                    wide[cid] = wide.get(cid, 0) + count
    return mine, wide


def failing_hosts(findings, fail_on, host_accounts, account_names=None, rows=None):
    """``{host: {findings, checks, msg}}`` for each host whose account holds a finding at or above ``fail_on``.

    ``host_accounts`` is ``{host: set of account ids}``; an empty set is a host that gathered the whole tenant.
    """
    counted = _counted(rows, fail_on)
    reached = [f for f in _reached(findings, fail_on) if f["check"] not in counted]
    names = account_names or {}
    out = {}
    for host, accounts in host_accounts.items():
        listed = [f for f in reached if not accounts or not holders(f) or holders(f) & set(accounts)]
        counts, wide_counts = _held(counted, set(accounts))
        checks = dict(_per_check(listed), **counts)
        if not checks:
            continue
        wide = dict(_per_check(f for f in listed if not holders(f)), **wide_counts)
        if accounts:
            who = "account %s" % ", ".join(sorted("%s" % names.get(a, a) for a in accounts))
        else:
            who = "the tenant"
        total = sum(checks.values())
        msg = "%s holds %d finding(s) at or above %s: %s" % (who, total, fail_on, checks_text(checks))
        if accounts and wide:
            msg += " (tenant-wide, held by no one account: %s)" % checks_text(wide)
        out[host] = {"findings": total, "checks": checks, "msg": msg}
    return out


def gate_line(gate, summary):
    """The gate's one line: the findings that reach it, per check, the hosts it fails, then the summary."""
    hosts = sorted(gate.get("hosts") or {})
    where = ""
    if hosts and hosts != ["localhost"]:
        where = "; failing host(s): %s" % ", ".join(hosts)
    return "compliance gate fail_on=%s: %d finding(s) at or above %s (%s)%s. %s" % (
        gate["fail_on"], gate["findings"], gate["fail_on"], checks_text(gate["checks"]), where, summary)
