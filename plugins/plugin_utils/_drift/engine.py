# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The drift between two ``dc1_facts`` snapshots, as one report dict, and the gate over it.

The report (``drift.json``, and the task result of ``digicert.one.dc1_facts_diff``):

* ``drift``: resource -> ``added``, ``removed``, ``changed`` (each ``{id, name, account, account_ids[, owner],
  fields: {field: {before, after}}}``), ``not_comparable`` (field -> objects where one snapshot lacks it),
  ``unidentified``;
* ``signals``: ``new_admins``, ``new_api_tokens``, ``removed_users``, ``status_changes``, ``role_changes``;
* ``not_compared``: resource -> why (unavailable, in one snapshot only, no previous snapshot);
* ``counts``, ``changed``, ``snapshots`` (before/after metadata), ``warnings``, ``ignored_fields``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError
from ansible_collections.digicert.one.plugins.plugin_utils._drift.compare import Snapshot, account_names, compare_resource
from ansible_collections.digicert.one.plugins.plugin_utils._drift.resources import (
    ORDER,
    VOLATILE,
    order_key,
    resource_names,
)
from ansible_collections.digicert.one.plugins.plugin_utils._drift.signals import SIGNALS, signals
from ansible_collections.digicert.one.plugins.plugin_utils._drift.snapshots import meta, plan

REPORT_SCHEMA = 1
KINDS = ("added", "removed", "changed")
GATES = ("any",) + KINDS + SIGNALS + ("not_compared",) + ORDER
# Above this many objects in a result, it is not shown to callbacks (as for dc1_facts): the reports hold all.
DISPLAY_LIMIT = 5000


def fail_on_values(values):
    """``fail_on`` lower-cased and checked before anything is compared."""
    out = []
    for value in values or []:
        value = ("%s" % value).strip().lower()
        if value and value not in GATES:
            raise DC1ConfigError("fail_on: unknown value %r; choose from %s" % (value, ", ".join(GATES)))
        if value and value not in out:
            out.append(value)
    return out


def ignored_fields(values):
    """``{resource or '*': set(fields)}`` from ``resource.field`` or ``field`` entries."""
    out = {}
    for value in values or []:
        resource, _dot, field = ("%s" % value).strip().rpartition(".")
        if not field:
            raise DC1ConfigError("ignore_fields: %r names no field (use field or resource.field)" % (value,))
        out.setdefault(resource or "*", set()).add(field)
    return out


def compare(before, after, ignore=(), strict=False):
    """The drift report of two facts dicts (see the module docstring). DC1ConfigError when refused."""
    ignored = ignored_fields(ignore)
    what = plan(before, after, strict)
    names = account_names(before, after)
    old, new = Snapshot(before, what["scope"], names), Snapshot(after, what["scope"], names)
    drift = dict((r, compare_resource(r, old, new, ignored.get("*", set()) | ignored.get(r, set())))
                 for r in what["resources"])
    found, missing = signals(drift, old, new, what["not_compared"])
    report = _report(before, after, drift, found, missing, what["not_compared"], what["warnings"])
    extra = set(("%s.%s" % (r, f) if r != "*" else f) for r, fields in ignored.items() for f in fields)
    report["ignored_fields"] = sorted(VOLATILE | extra)
    if what["scope"] is not None:
        report["accounts_compared"] = sorted(what["scope"])
    return report


def no_baseline(after, reason):
    """The report when there is nothing to compare with (the first run): every resource not compared."""
    # Not a warning: the first run of every schedule has no previous snapshot. The summary line says it, with the
    # reason, and fail_on: not_compared fails on it.
    not_compared = dict((r, reason) for r in resource_names(after))
    report = _report(None, after, {}, {}, dict((s, reason) for s in SIGNALS), not_compared, [])
    report["no_baseline"] = reason
    return report


def _report(before, after, drift, found, missing, not_compared, warnings):
    counts = dict((k, sum(len(d[k]) for d in drift.values())) for k in KINDS)
    counts["total"] = sum(counts[k] for k in KINDS)
    counts.update((s, len(found.get(s) or [])) for s in SIGNALS)
    counts["not_compared"] = len(not_compared)
    counts["by_resource"] = dict((r, dict((k, len(d[k])) for k in KINDS)) for r, d in drift.items())
    return {"schema": REPORT_SCHEMA, "changed": counts["total"] > 0,
            "snapshots": {"before": meta(before) if before else None, "after": meta(after)},
            "drift": drift, "signals": found, "signals_not_compared": missing, "not_compared": not_compared,
            "counts": counts, "warnings": warnings}


def with_hosts_not_compared(report, missing):
    """The report with the account hosts left out (no previous snapshot, no facts): warned about and counted."""
    if missing:
        report["hosts_not_compared"] = dict(missing)
        report["counts"]["not_compared"] += len(missing)
    if missing and report["snapshots"]["before"] is not None:  # else the summary says that nothing was compared
        named = ["%s (%s)" % kv for kv in sorted(missing.items())]
        report["warnings"].append("%d host(s) not compared: %s%s" % (
            len(named), "; ".join(named[:5]), "; and %d more" % (len(named) - 5) if len(named) > 5 else ""))
    return report


def gate(report, fail_on):
    """``{fail_on, failed, matched {value: count}}``: which of ``fail_on`` the drift reaches."""
    counts = report["counts"]
    matched = {}
    for value in fail_on:
        if value == "any":
            hit = counts["total"]
        elif value in counts and value != "by_resource":
            hit = counts[value]
        else:  # a resource
            hit = sum((counts["by_resource"].get(value) or {}).values())
        if hit:
            matched[value] = hit
    return {"fail_on": list(fail_on), "failed": bool(matched), "matched": matched}


def displayed(report):
    """How many objects a result would show: every entry of ``drift`` and ``signals``."""
    return report["counts"]["total"] + sum(report["counts"][s] for s in SIGNALS)


def summary(report):
    """One line: what changed, the signals, what was not compared."""
    counts = report["counts"]
    since = (report["snapshots"].get("before") or {}).get("collected_at")
    parts = []
    for resource, by in sorted(counts["by_resource"].items(), key=lambda kv: order_key(kv[0])):
        marks = " ".join("%s%d" % (m, by[k]) for m, k in (("+", "added"), ("-", "removed"), ("~", "changed"))
                         if by[k])
        if marks:
            parts.append("%s %s" % (resource, marks))
    head = ("no previous snapshot: nothing compared (%s)" % report.get("no_baseline") if since is None else
            "%d change(s) since %s%s" % (counts["total"], since, ": " + ", ".join(parts) if parts else ""))
    signals_text = "signals: " + ", ".join("%s %d" % (s, counts[s]) for s in SIGNALS)
    not_compared = ", ".join(sorted(report["not_compared"])) or "none"
    if since is None:
        return head
    return "%s; %s; not compared: %s" % (head, signals_text, not_compared)
