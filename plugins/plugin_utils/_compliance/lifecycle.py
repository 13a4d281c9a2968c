# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Trust Lifecycle certificate checks in the engine: counted where the certificates streamed, listed here.

No list in the facts holds every certificate (a tenant may have a million), so the checks ran in the gathering
(_lifecycle/stream.py, the same pure functions of _lifecycle/posture.py) with the settings it recorded in
``certificate_posture.settings``. Here the exact counts come from ``certificate_posture.checks`` and the findings
listed from the verdicts recorded on the kept certificates (``posture``). A check whose settings here differ from
the gathering's is not evaluated: its counts would answer another question.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.digicert.one.plugins.module_utils._lifecycle import posture
from ansible_collections.digicert.one.plugins.module_utils._lifecycle import stream
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.checks import describe, finding

CHECKS = posture.CHECKS
ISSUERS = {"DC1-TLM-006": ("public_issuers",), stream.APPROVED: ("approved_issuers",)}  # the checks that read them


def settings_differ(cid, recorded, opts):
    """Why the gathering's settings for ``cid`` are not this evaluation's, or None when they are the same."""
    wanted = stream.check_options({"disabled": sorted(opts["disabled"]), "thresholds": opts["thresholds"],
                                   "exceptions": dict((c, sorted(o)) for c, o in opts["exceptions"].items()),
                                   "absent_as_unset": sorted(opts["absent_as_unset"]),
                                   "public_issuers": opts.get("public_issuers"),
                                   "approved_issuers": opts.get("approved_issuers")})
    for key, label in (("thresholds", "threshold"), ("exceptions", "exceptions")):
        mine, theirs = wanted[key].get(cid), (recorded.get(key) or {}).get(cid)
        if (mine or None) != (theirs or None):
            return "the facts were gathered with %s %r for %s, this evaluation asks %r" % (label, theirs, cid, mine)
    for key in ("absent_as_unset",) + ISSUERS.get(cid, ()):
        if sorted(wanted[key]) != sorted(recorded.get(key) or []):
            return "the facts were gathered with %s %r, this evaluation asks %r" % (key, recorded.get(key), wanted[key])
    if cid not in (recorded.get("enabled") or []):
        return "the facts were gathered with %s disabled" % cid
    return None


def off(cid, opts):
    """Why ``cid`` is off although not disabled: an opt-in check that is not configured; else None."""
    if cid == stream.APPROVED and not opts.get("approved_issuers"):
        return "off until approved issuers are set (dc1_compliance_approved_issuers)"
    return None


def unreadable(facts, cid, opts):
    """Why ``cid`` cannot be evaluated from these facts, or None."""
    digest = facts.get("certificate_posture")
    if not isinstance(digest, dict) or cid not in (digest.get("checks") or {}):
        return "dc1_facts hold no certificate_posture for %s: gather them again with this version" % cid
    conflict = (digest.get("settings") or {}).get("conflict")
    if conflict:
        return ("the account hosts gathered their certificates with different settings (%s differ from the first): "
                "gather them again with the same dc1_compliance_* variables" % ", ".join(conflict))
    differ = settings_differ(cid, digest.get("settings") or {}, opts)
    if differ:
        return differ + ": gather the facts again with the same dc1_compliance_* variables"
    return None


def walk(run, order, spec, row):
    """Fill ``row`` from the gathering's counts and list the recorded findings and unknown certificates."""
    cid = spec["id"]
    counts = run.facts["certificate_posture"]["checks"][cid]
    for cert in run.view.items("certificates"):
        verdict = (cert.get("posture") or {}).get(cid)
        if not verdict:
            continue
        if "unknown" in verdict:
            run.unknown.append(dict(describe(run.view, "certificates", cert), check=cid, missing=verdict["unknown"],
                                    account_name=run.view.account_name(cert.get("account_id"))))
            continue
        who = describe(run.view, "certificates", cert)
        seat = cert.get("seat") if isinstance(cert.get("seat"), dict) else {}
        details = dict(verdict.get("details") or {}, serial_number=cert.get("serial_number"),
                       thumbprint=cert.get("thumbprint"), status=cert.get("status"), seat_id=seat.get("seat_id"))
        found = dict({"check": cid, "severity": row["severity"], "title": spec["title"], "_order": order},
                     **finding(run.view, "certificate", who["object_id"], who["object_name"],
                               verdict.get("finding") or verdict.get("suppressed"), who["account_id"],
                               who["account_ids"], **details))
        (run.suppressed if "suppressed" in verdict else run.findings).append(found)
    run.used_exceptions.update((cid, serial) for serial in counts.get("excepted") or ())
    row.update(evaluated=counts["evaluated"], unknown=counts["unknown"], findings=counts["findings"],
               suppressed=counts["suppressed"], missing_fields=sorted(counts["missing"]), listed=counts["listed"],
               findings_by_account=counts["by_account"])
    if row["unknown"] and not row["evaluated"]:
        row["status"] = "not_evaluated"
        row["reason"] = "; ".join("%s was not sent for any of the %d certificate(s) this check looks at" % (f, n)
                                  for f, n in sorted(counts["missing"].items()))
    else:
        row["status"] = "failed" if row["findings"] else "passed"
