# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Evaluate the catalogue over ``dc1_facts``: findings, unknown objects, verdicts per check, the gate.

Everything runs here, in Python, once per run: facts are indexed by id once (view.py), so a tenant of
10,000 users and 20,000 tokens costs linear time, not the quadratic time of Jinja loops.

Three outcomes per object and check: a finding, a pass, or *unknown* (a field it needs was not sent). A check
whose every object is unknown is not evaluated, with the field named; a check whose input resource could not
be read (403/404) is not evaluated either. Neither ever counts as passed.

Attribution: a finding belongs to one account, so that counts count objects once. A user (and a token or
certificate, through its owner) belongs to its ``primary_account_id``, else to the first of its ``accounts``;
every account of the object is listed in ``account_ids``. An account finding belongs to that account.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.catalogue import (
    BY_ID,
    CATALOGUE,
    FAIL_ON,
    FIELDS,
    RANK,
    SEVERITIES,
)
from ansible_collections.digicert.one.plugins.plugin_utils._compliance import lifecycle
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.checks import CHECKS as ACCOUNT_CHECKS
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.checks import OUT, describe
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.checks_profiles import CHECKS as PROFILE_CHECKS
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.gate import evaluate_gate
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.options import validate_options
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.report_posture import summary as posture_summary
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.view import Absent, FactsView

SCHEMA = 2
CHECKS = dict(ACCOUNT_CHECKS, **PROFILE_CHECKS)  # the certificate checks ran in the gathering (lifecycle.py)
UNKNOWN_LIST_LIMIT = 5000  # per check; the counts stay exact


def at_or_above(severity, fail_on):
    return fail_on != "none" and RANK[severity] >= RANK[fail_on]


def _unreadable(facts, needs):
    """Why a check cannot run at all: a resource it needs is in ``unavailable`` (403/404) or not in the facts."""
    unavailable = facts.get("unavailable") or {}
    reasons = []
    for res in needs:
        if res in unavailable:
            info = unavailable[res] if isinstance(unavailable[res], dict) else {"reason": unavailable[res]}
            reasons.append("%s could not be read (HTTP %s): %s" % (res, info.get("status", "?"), info.get("reason") or ""))
        elif not isinstance(facts.get(res), (list, dict)):
            reasons.append("%s is not in dc1_facts" % res)
    return "; ".join(reasons)


def _objects(view, spec):
    if spec["objects"] == "audit":
        rows = (view.facts.get("audit") or {}).get("accounts") or {}
        return [rows[k] for k in sorted(rows)]
    if spec["objects"] == "accounts":
        return view.accounts()
    return view.items(spec["objects"])


def _describe_unknown(view, spec, obj, field):
    if spec["objects"] == "audit":
        account_id = obj.get("id")
        who = {"object_type": "account", "object_id": account_id, "object_name": view.account_name(account_id),
               "owner": None, "account_id": account_id, "account_ids": [account_id] if account_id else []}
    else:
        who = describe(view, spec["objects"], obj)
    return dict(who, check=spec["id"], account_name=view.account_name(who["account_id"]), missing=field)


class _Run:
    """One evaluation: the view, the options, and what every check found."""

    def __init__(self, facts, opts):
        self.facts, self.opts = facts, opts
        self.view = FactsView(facts, opts["absent_as_unset"], opts["public_issuers"])
        self.findings, self.suppressed, self.unknown, self.rows = [], [], [], []
        self.used_exceptions = set()

    def check(self, order, spec):
        cid = spec["id"]
        row = {"id": cid, "title": spec["title"], "severity": self.opts["severities"].get(cid, spec["severity"]),
               "threshold": spec["threshold"], "threshold_value": self.opts["thresholds"].get(cid, spec["default"]),
               "needs": list(spec["needs"]), "fields": list(spec["fields"]), "status": "passed", "findings": 0,
               "suppressed": 0, "unknown": 0, "evaluated": 0, "missing_fields": [], "reason": None,
               "explanation": spec["explanation"], "remediation": spec["remediation"]}
        unreadable = _unreadable(self.facts, spec["needs"])
        off = lifecycle.off(cid, self.opts)
        if cid in self.opts["disabled"] or off:
            row.update(status="disabled", reason=off or "disabled by configuration")
        elif unreadable:
            row.update(status="not_evaluated", reason=unreadable)
        elif cid in lifecycle.CHECKS:
            why = lifecycle.unreadable(self.facts, cid, self.opts)
            if why:
                row.update(status="not_evaluated", reason=why)
            else:
                lifecycle.walk(self, order, spec, row)
        else:
            self._walk(order, spec, row)
        self.rows.append(row)

    def _walk(self, order, spec, row):
        cid, missing = spec["id"], {}
        excepted = self.opts["exceptions"].get(cid, set())
        for obj in _objects(self.view, spec):
            try:
                verdict = CHECKS[cid](self.view, obj, row["threshold_value"])
            except Absent as absent:
                row["unknown"] += 1
                missing[absent.field] = missing.get(absent.field, 0) + 1
                if row["unknown"] <= UNKNOWN_LIST_LIMIT:
                    self.unknown.append(_describe_unknown(self.view, spec, obj, absent.field))
                continue
            if verdict is OUT:
                continue
            row["evaluated"] += 1
            if verdict:
                found = dict({"check": cid, "severity": row["severity"], "title": spec["title"], "_order": order},
                             **verdict)
                if found["object_id"] in excepted:
                    self.used_exceptions.add((cid, found["object_id"]))
                    self.suppressed.append(found)
                    row["suppressed"] += 1
                else:
                    self.findings.append(found)
                    row["findings"] += 1
        row["missing_fields"] = sorted(missing)
        if row["unknown"] and not row["evaluated"]:
            row["status"] = "not_evaluated"
            row["reason"] = "; ".join("%s was not sent for any of the %d object(s) this check looks at" % (f, n)
                                      for f, n in sorted(missing.items()))
        else:
            row["status"] = "failed" if row["findings"] else "passed"

    def unused_exceptions(self):
        return [{"check": cid, "object_id": obj} for cid, objs in sorted(self.opts["exceptions"].items())
                for obj in sorted(objs) if (cid, obj) not in self.used_exceptions]


def evaluate(facts, options=None):
    """Run the catalogue over ``facts``; see docs/compliance.md for the result's fields.

    ``passed`` is true only when every enabled check was evaluated, found nothing and met no unknown object.
    ``gate.failed`` is the separate CI verdict: a finding at or above ``fail_on`` exists. Unknown objects never
    fail the gate and never pass it.
    """
    if not isinstance(facts, dict):
        raise DC1ConfigError("facts must be a dict (dc1_facts), got %s" % type(facts).__name__)
    opts = validate_options(options)
    run = _Run(facts, opts)
    for order, spec in enumerate(CATALOGUE):
        run.check(order, spec)
    findings = sorted(run.findings, key=_finding_order)
    suppressed = sorted(run.suppressed, key=_finding_order)
    counts = dict((s, 0) for s in SEVERITIES)
    for row in run.rows:  # the rows' counts: a certificate check lists at most 1,000 of its findings
        if row["findings"]:
            counts[row["severity"]] += row["findings"]
    counts["total"] = sum(counts[s] for s in SEVERITIES)
    counts["unknown"] = sum(row["unknown"] for row in run.rows)
    not_evaluated = [r["id"] for r in run.rows if r["status"] == "not_evaluated"]
    return {
        "schema": SCHEMA, "collected_at": facts.get("collected_at"),
        "reference_time": facts.get("reference_time") or facts.get("collected_at"), "base_url": facts.get("base_url"),
        "audit_from": facts.get("audit_from"), "audit_window_days": facts.get("audit_window_days"),
        "findings": findings, "suppressed": suppressed, "unknown": run.unknown, "counts": counts, "checks": run.rows,
        "accounts": [{"id": a["id"], "name": a.get("name") or a["id"]} for a in run.view.accounts()],
        "not_evaluated": not_evaluated, "disabled": [r["id"] for r in run.rows if r["status"] == "disabled"],
        "unused_exceptions": run.unused_exceptions(), "absent_as_unset": sorted(opts["absent_as_unset"]),
        "passed": not findings and not not_evaluated and not counts["unknown"],
        "gate": evaluate_gate(findings, opts["fail_on"], run.rows),
        "certificate_posture": posture_summary(facts),
    }


def _finding_order(finding):
    """Most severe first, then catalogue order, account and object name (stable reports)."""
    return (-RANK[finding["severity"]], finding.pop("_order"), "%s" % finding["account_name"],
            "%s" % finding["object_name"])


__all__ = ["evaluate", "at_or_above", "validate_options", "BY_ID", "FAIL_ON", "FIELDS", "SCHEMA"]
