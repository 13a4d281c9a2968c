# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The compliance catalogue (data) and its checks (pure functions over ``dc1_facts``).

Everything is evaluated here, in Python, once per run: users, tokens and
accounts are indexed by id once, so a tenant of 10,000 users and 20,000 tokens
costs linear time, not the quadratic time of Jinja loops.

Attribution: a finding belongs to one account, so that counts count objects
once. A user (and a token or certificate, through its owner) belongs to its
``primary_account_id``, else to the first of its ``accounts``; every account of
the object is listed in ``account_ids``. An account finding belongs to that
account; an audit failure to its ``account.id``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.digicert.one.plugins.plugin_utils._compliance.checks import CHECKS, Index, accounts_of
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError

SEVERITIES = ("info", "low", "medium", "high", "critical")
RANK = dict((s, i) for i, s in enumerate(SEVERITIES))
FAIL_ON = ("none",) + SEVERITIES


def _c(cid, title, severity, needs, explanation, remediation, threshold=None, default=None):
    return {"id": cid, "title": title, "severity": severity, "needs": needs, "threshold": threshold,
            "default": default, "explanation": explanation, "remediation": remediation}


CATALOGUE = (
    _c("DC1-TOKEN-001", "API token expires soon", "high", ["api_tokens"],
       "An enabled API token ends within the threshold (or has ended). When it does, every integration using it "
       "stops at 23:59:59 UTC that day: DigiCert's 'everything stopped at midnight'.",
       "Create a replacement token, roll it out to the integration, then disable and delete the old one.",
       "days", 30),
    _c("DC1-TOKEN-002", "API token never expires", "medium", ["api_tokens"],
       "An enabled API token has no expiration date: a leaked copy works until someone revokes it.",
       "Replace it with a token that has an expiration date (the date of an existing token cannot be changed).",
       ),
    _c("DC1-TOKEN-003", "API token not rotated", "medium", ["api_tokens"],
       "An enabled API token is older than the rotation period.",
       "Rotate it: create a new token, switch the integration over, disable and delete the old one.",
       "days", 365),
    _c("DC1-TOKEN-004", "Enabled token of an inactive user", "medium", ["api_tokens", "users"],
       "An API token is still enabled although its owner is DISABLED or LOCKED; it works again as soon as the "
       "owner is re-enabled or unlocked, whoever asked for that.",
       "Disable or delete the token, or re-enable the owner deliberately if the token is still needed."),
    _c("DC1-SVC-001", "Service user without end date", "medium", ["users"],
       "An enabled service user has no end date, so its credentials never lapse on their own.",
       "Give the service user an end date that matches the life of the integration, and review it then."),
    _c("DC1-SVC-002", "Service user expires soon", "high", ["users"],
       "An enabled service user ends within the threshold (or has ended): at 23:59:59 UTC on its end date all its "
       "tokens and certificates stop working.",
       "Extend the end date, or create a successor service user and move the integration before the date.",
       "days", 30),
    _c("DC1-SVC-003", "Over-privileged service user", "high", ["users"],
       "An enabled service user holds the account administrator role (AM_ACCOUNT_ADMIN) or MANAGE_* permissions in "
       "more managers than the threshold: a stolen key could change users, tokens and CAs.",
       "Split it into service users with the least privilege each integration needs; remove the admin role.",
       "managers", 2),
    _c("DC1-USER-001", "Locked user", "low", ["users"],
       "A user is LOCKED after repeated failed password or OTP attempts: a person cannot work, or someone guessed.",
       "Confirm with the user, check the audit log for the failed sign-ins, then unlock or disable the user."),
    _c("DC1-USER-002", "Stale pending user", "low", ["users"],
       "A user has been PENDING (invited, never signed in) for longer than the threshold.",
       "Resend the invitation if the person still needs access; otherwise delete the user.",
       "days", 30),
    _c("DC1-CERT-001", "Client certificate expires soon", "high", ["client_certificates"],
       "A valid client-authentication (mTLS) certificate ends within the threshold (or has ended); clients using "
       "it fail the TLS handshake afterwards.",
       "Issue a new client certificate from a fresh CSR, deploy it, then disable the old one.",
       "days", 30),
    _c("DC1-ACCT-001", "Account service period ends soon", "critical", ["accounts"],
       "An active account's service period ends within the threshold; after it, the account's services stop.",
       "Contact DigiCert to renew the contract before the end of the service period.",
       "days", 30),
    _c("DC1-ACCT-002", "Account administrators", "high", ["accounts", "users"],
       "An account has no ACTIVE standard user with AM_ACCOUNT_ADMIN (nobody can manage it), or more such "
       "administrators than the threshold (too many people can).",
       "Keep a small number of named administrators: appoint one where none is active, remove the role elsewhere.",
       "admins", 5),
    _c("DC1-AUDIT-001", "Failed actions in the audit log", "medium", ["audit_logs"],
       "An account has more failed actions in the audit window than the threshold: a broken integration, or "
       "someone trying credentials.",
       "Read the failures in the audit log (user, action, IP address) and fix the integration or block the source.",
       "failures", 20),
)
BY_ID = dict((c["id"], c) for c in CATALOGUE)


def catalogue():
    """The catalogue as a list of plain dicts (a copy: callers may not change the original)."""
    return [dict(c, needs=list(c["needs"])) for c in CATALOGUE]


# --- options -------------------------------------------------------------------------------------

def validate_options(options):
    """Normalised options, or DC1ConfigError naming every problem at once."""
    options = options or {}
    errors = []

    def ids(name, values):
        unknown = sorted("%s" % v for v in values if v not in BY_ID)
        if unknown:
            errors.append("%s: unknown check ID(s) %s; known: %s" % (name, ", ".join(unknown), ", ".join(BY_ID)))

    disabled = list(options.get("disabled") or [])
    ids("disabled", disabled)
    severities = dict(options.get("severities") or {})
    ids("severities", severities)
    for cid, sev in sorted(severities.items()):
        if sev not in SEVERITIES:
            errors.append("severities: %s: %r is not one of %s" % (cid, sev, ", ".join(SEVERITIES)))
    thresholds = dict(options.get("thresholds") or {})
    ids("thresholds", thresholds)
    for cid, value in sorted(thresholds.items()):
        if cid in BY_ID and BY_ID[cid]["threshold"] is None:
            errors.append("thresholds: %s has no threshold" % cid)
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            errors.append("thresholds: %s: %r is not a number" % (cid, value))
        elif value < 0:
            errors.append("thresholds: %s: %r is negative" % (cid, value))
    exceptions = dict(options.get("exceptions") or {})
    ids("exceptions", exceptions)
    for cid, objs in sorted(exceptions.items()):
        if not isinstance(objs, (list, tuple)) or not all(isinstance(o, str) for o in objs):
            errors.append("exceptions: %s must be a list of object IDs (strings)" % cid)
    fail_on = options.get("fail_on") or "none"
    if fail_on not in FAIL_ON:
        errors.append("fail_on: %r is not one of %s" % (fail_on, ", ".join(FAIL_ON)))
    if errors:
        raise DC1ConfigError("invalid compliance options: " + "; ".join(errors))
    return {"disabled": set(disabled), "severities": severities, "thresholds": thresholds,
            "exceptions": dict((k, set(v)) for k, v in exceptions.items()), "fail_on": fail_on}


# --- evaluation ----------------------------------------------------------------------------------

def _missing(facts, needs):
    """Why a check cannot run: a needed resource is in ``unavailable`` (403/404) or absent."""
    unavailable = facts.get("unavailable") or {}
    reasons = []
    for res in needs:
        if res in unavailable:
            info = unavailable[res] if isinstance(unavailable[res], dict) else {"reason": unavailable[res]}
            reasons.append("%s could not be read (HTTP %s): %s" % (res, info.get("status", "?"), info.get("reason") or ""))
        elif not isinstance(facts.get(res), list):
            reasons.append("%s is not in dc1_facts" % res)
    return "; ".join(reasons)


def at_or_above(severity, fail_on):
    return fail_on != "none" and RANK[severity] >= RANK[fail_on]


def evaluate(facts, options=None):
    """Run the catalogue over ``facts``; see docs/compliance.md for the result's fields.

    ``passed`` is true only when every enabled check was evaluated and found
    nothing: a check that could not run never counts as passed. ``gate.failed``
    is the separate CI verdict: a finding at or above ``fail_on`` exists.
    """
    if not isinstance(facts, dict):
        raise DC1ConfigError("facts must be a dict (dc1_facts), got %s" % type(facts).__name__)
    opts = validate_options(options)
    ix = Index(facts)
    findings, suppressed, checks = [], [], []
    for order, spec in enumerate(CATALOGUE):
        cid = spec["id"]
        row = {"id": cid, "title": spec["title"], "severity": opts["severities"].get(cid, spec["severity"]),
               "threshold": spec["threshold"], "threshold_value": opts["thresholds"].get(cid, spec["default"]),
               "needs": list(spec["needs"]), "status": "passed", "findings": 0, "suppressed": 0, "reason": None,
               "explanation": spec["explanation"], "remediation": spec["remediation"]}
        missing = _missing(facts, spec["needs"])
        if cid in opts["disabled"]:
            row.update(status="disabled", reason="disabled by configuration")
        elif missing:
            row.update(status="not_evaluated", reason=missing)
        else:
            excepted = opts["exceptions"].get(cid, ())
            for item in CHECKS[cid](ix, row["threshold_value"]):
                found = dict({"check": cid, "severity": row["severity"], "title": spec["title"]}, **item)
                found["_order"] = order
                if found["object_id"] in excepted:
                    suppressed.append(found)
                    row["suppressed"] += 1
                else:
                    findings.append(found)
                    row["findings"] += 1
            row["status"] = "failed" if row["findings"] else "passed"
        checks.append(row)
    findings.sort(key=_finding_order)
    suppressed.sort(key=_finding_order)
    counts = dict((s, 0) for s in SEVERITIES)
    for item in findings:
        counts[item["severity"]] += 1
    counts["total"] = len(findings)
    gated = sum(1 for f in findings if at_or_above(f["severity"], opts["fail_on"]))
    not_evaluated = [c["id"] for c in checks if c["status"] == "not_evaluated"]
    accounts = [{"id": a["id"], "name": a.get("name") or a["id"]} for a in accounts_of(ix)]
    return {
        "schema": 1, "collected_at": facts.get("collected_at"), "base_url": facts.get("base_url"),
        "audit_from": facts.get("audit_from"), "audit_window_days": facts.get("audit_window_days"),
        "findings": findings, "suppressed": suppressed, "counts": counts, "checks": checks, "accounts": accounts,
        "not_evaluated": not_evaluated, "disabled": [c["id"] for c in checks if c["status"] == "disabled"],
        "passed": not findings and not not_evaluated,
        "gate": {"fail_on": opts["fail_on"], "failed": gated > 0, "findings": gated},
    }


def _finding_order(finding):
    """Most severe first, then catalogue order, account and object name (stable reports)."""
    return (-RANK[finding["severity"]], finding.pop("_order"), "%s" % finding["account_name"],
            "%s" % finding["object_name"])
