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


def evaluate_gate(findings, fail_on):
    """``{fail_on, failed, findings, checks}``: how many findings reach ``fail_on``, per check."""
    reached = _reached(findings, fail_on)
    return {"fail_on": fail_on, "failed": bool(reached), "findings": len(reached), "checks": _per_check(reached)}


def holders(finding):
    """The accounts that hold a finding's object; empty when none does (a tenant-wide finding)."""
    return set(finding.get("account_ids") or ([finding["account_id"]] if finding.get("account_id") else []))


def failing_hosts(findings, fail_on, host_accounts, account_names=None):
    """``{host: {findings, checks, msg}}`` for each host whose account holds a finding at or above ``fail_on``.

    ``host_accounts`` is ``{host: set of account ids}``; an empty set is a host that gathered the whole tenant.
    """
    reached = _reached(findings, fail_on)
    names = account_names or {}
    out = {}
    for host, accounts in host_accounts.items():
        mine = [f for f in reached if not accounts or not holders(f) or holders(f) & set(accounts)]
        if not mine:
            continue
        tenant_wide = [f for f in mine if not holders(f)]
        if accounts:
            who = "account %s" % ", ".join(sorted("%s" % names.get(a, a) for a in accounts))
        else:
            who = "the tenant"
        msg = "%s holds %d finding(s) at or above %s: %s" % (who, len(mine), fail_on, checks_text(_per_check(mine)))
        if accounts and tenant_wide:
            msg += " (tenant-wide, held by no one account: %s)" % checks_text(_per_check(tenant_wide))
        out[host] = {"findings": len(mine), "checks": _per_check(mine), "msg": msg}
    return out


def gate_line(gate, summary):
    """The gate's one line: the findings that reach it, per check, the hosts it fails, then the summary."""
    hosts = sorted(gate.get("hosts") or {})
    where = ""
    if hosts and hosts != ["localhost"]:
        where = "; failing host(s): %s" % ", ".join(hosts)
    return "compliance gate fail_on=%s: %d finding(s) at or above %s (%s)%s. %s" % (
        gate["fail_on"], gate["findings"], gate["fail_on"], checks_text(gate["checks"]), where, summary)
