# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which hosts the drift gate fails: each host whose account holds an object that reached the gate.

As for the compliance gate (_compliance/gate.py): an object belongs to the accounts in its ``account_ids`` (a token
to its owner's); an object of no account fails every host; a host that gathered the whole tenant holds everything.
``not_compared`` reaches a host when a resource was not compared at all, or when that host was left out.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.digicert.one.plugins.plugin_utils._drift.signals import SIGNALS

KINDS = ("added", "removed", "changed")


def _entries(report, value):
    """The drifted objects (or signal entries) that ``value`` of fail_on counts."""
    drift = report.get("drift") or {}
    if value == "any":
        return [e for d in drift.values() for k in KINDS for e in d.get(k) or []]
    if value in KINDS:
        return [e for d in drift.values() for e in d.get(value) or []]
    if value in SIGNALS:
        return list((report.get("signals") or {}).get(value) or [])
    return [e for k in KINDS for e in (drift.get(value) or {}).get(k) or []]


def _count(report, value, host, accounts):
    """How much of ``value`` the host holds; ``accounts`` None: a host without facts, which holds only its absence."""
    if value == "not_compared":
        return len(report.get("not_compared") or {}) + (host in (report.get("hosts_not_compared") or {}))
    if accounts is None:
        return 0
    return sum(1 for e in _entries(report, value)
               if not accounts or not e.get("account_ids") or set(e["account_ids"]) & accounts)


def failing_hosts(report, gate, host_accounts, account_names=None):
    """``{host: {matched, msg}}`` for each host that holds what reached the gate (``gate["matched"]``)."""
    names = account_names or {}
    out = {}
    for host, accounts in host_accounts.items():
        held = None if accounts is None else set(accounts)
        matched = dict((v, _count(report, v, host, held)) for v in gate["matched"])
        matched = dict((v, n) for v, n in matched.items() if n)
        if matched:
            who = ("account %s" % ", ".join(sorted("%s" % names.get(a, a) for a in held)) if held
                   else "the tenant" if held is not None else host)
            out[host] = {"matched": matched, "msg": "%s drifted (fail_on=%s): %s" % (
                who, ",".join(gate["fail_on"]), ", ".join("%d %s" % (n, v) for v, n in sorted(matched.items())))}
    return out
