# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTML compliance report: one self-contained file for an auditor.

Inline CSS and inline SVG only, no script and no external URL, so it opens offline, from a CI artefact or an
e-mail attachment, and prints. Every value from the facts goes through ``esc``. Credentials are named with
their owner and account.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from html import escape

from ansible_collections.digicert.one.plugins.module_utils._dates import parse_instant
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.catalogue import SEVERITIES
from ansible_collections.digicert.one.plugins.plugin_utils._compliance import report_posture as posture
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.report_style import CSS
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.report_timeline import (
    BUCKET,
    HORIZON,
    expiries,
    named_certificates,
    timeline_svg,
)
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.report_text import (
    STATUS_WORDS,
    clean,
    object_label,
    verdict,
)
from ansible_collections.digicert.one.plugins.plugin_utils._drift.report import html_section as drift_section

HTML_ROWS_PER_CHECK = 500
TYPES = {"api_token": "API token", "client_certificate": "Client certificate", "user": "User", "account": "Account",
         "certificate": "Certificate"}


def esc(value):
    return escape(clean(value), quote=True)


def _day(value):
    """An end date as an auditor reads it: ``2026-12-05 23:59 UTC``."""
    moment = parse_instant(value, end_of_day=True)
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else value


def _badge(status):
    return '<span class="status %s">%s</span>' % (esc(status), esc(STATUS_WORDS[status]))


def _sev(severity):
    return '<span class="sev %s">%s</span>' % (esc(severity), esc(severity))


def _header(result):
    gate = result["gate"]
    state = "fail" if gate["failed"] else "pass" if result["passed"] else "warn"
    return ['<header><h1>DigiCert ONE compliance report</h1><dl>',
            "<dt>Tenant</dt><dd><code>%s</code></dd>" % esc(result.get("base_url")),
            "<dt>Collected</dt><dd>%s</dd>" % esc(result.get("collected_at")),
            "<dt>Days counted from</dt><dd>%s</dd>" % esc(result.get("reference_time")),
            "<dt>Audit window</dt><dd>from %s (%s days)</dd>" % (esc(result.get("audit_from")),
                                                                 esc(result.get("audit_window_days"))),
            "<dt>Gate</dt><dd>fail on %s</dd></dl>" % esc(gate["fail_on"]),
            '<p class="verdict %s">%s</p></header>' % (state, esc(verdict(result)))]


def _cards(result):
    counts = result["counts"]
    out = ['<section class="cards">']
    for sev in reversed(SEVERITIES):
        out.append('<div class="card %s"><b>%d</b><span>%s</span></div>' % (sev, counts[sev], sev))
    out.append('<div class="card ne"><b>%d</b><span>not evaluated</span></div>' % len(result["not_evaluated"]))
    out.append('<div class="card unk"><b>%d</b><span>unknown objects</span></div></section>' % counts.get("unknown", 0))
    return out


def _checks_table(result):
    out = ["<h2>Checks</h2>", ('<table class="checks"><thead><tr><th>Check</th><th>Title</th><th>Severity</th>'
                               "<th>Threshold</th><th>Status</th><th>Findings</th><th>Unknown</th><th>Excepted</th>"
                               "</tr></thead><tbody>")]
    for c in result["checks"]:
        thr = esc("%s %s" % (c["threshold_value"], c["threshold"])) if c["threshold"] else "&mdash;"
        reason = '<div class="reason">%s</div>' % esc(c["reason"]) if c["status"] == "not_evaluated" else ""
        out.append('<tr class="row-%s"><td><a href="#%s">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s%s</td>'
                   '<td class="num">%d</td><td class="num">%d</td><td class="num">%d</td></tr>' % (
                       esc(c["status"]), esc(c["id"]), esc(c["id"]), esc(c["title"]), _sev(c["severity"]), thr,
                       _badge(c["status"]), reason, c["findings"], c.get("unknown", 0), c["suppressed"]))
    return out + ["</tbody></table>"]


def _expiry_section(result, facts):
    out = ["<h2>Credential expiry</h2>",
           '<p class="note">Enabled API tokens, valid client certificates, enabled service users and issued Trust '
           "Lifecycle certificates by end date, in %d-day bars over the next %d days. Orange is what ends within the "
           "check's threshold (dashed line): a bar the threshold cuts is split, orange below, blue above. Expired "
           "credentials are at the left edge, later ones at the right.</p>"
           % (BUCKET, HORIZON),
           '<p class="legend"><i class="k expired"></i>expired <i class="k soon"></i>within the threshold '
           '<i class="k ok"></i>after the threshold, within %d days <i class="k later"></i>beyond %d days '
           '<i class="k today"></i>today <i class="k threshold"></i>threshold</p>' % (HORIZON, HORIZON),
           timeline_svg(result, facts)]
    rows = soonest(facts)
    if rows:
        out.append('<h3>Next to expire</h3><table class="compact"><thead><tr><th>Kind</th><th>Name</th><th>Owner</th>'
                   "<th>Account</th><th>Ends</th><th>Days left</th></tr></thead><tbody>")
        for row in rows:
            out.append('<tr class="%s"><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td class="num">%d</td>'
                       "</tr>" % ("expired" if row["days"] < 0 else "", esc(row["kind"]), esc(row["name"]),
                                  esc(row["owner"] or ""), esc(row["account"]), esc(_day(row["date"])), row["days"]))
        out.append("</tbody></table>")
    return out


def soonest(facts, limit=12):
    """The credentials that end first, each with its owner and account (certificates: those the facts listed)."""
    rows = [item for key, lane in expiries(facts).items() if key != "certificate" for item in lane["items"]]
    rows += named_certificates(facts)
    return sorted(rows, key=lambda r: (r["days"], "%s" % r["name"]))[:limit]


def _finding_rows(items):
    out = [('<table class="findings"><colgroup><col style="width:20%"><col style="width:32%"><col style="width:13%">'
            '<col style="width:35%"></colgroup><thead><tr><th>Account</th><th>Object</th><th>Type</th><th>Finding</th>'
            "</tr></thead><tbody>")]
    for item in items[:HTML_ROWS_PER_CHECK]:
        owner = '<div class="owner">owner: %s</div>' % esc(item["owner"]) if item.get("owner") else ""
        out.append('<tr><td>%s</td><td>%s%s<div class="id">%s</div></td><td>%s</td><td>%s</td></tr>' % (
            esc(item["account_name"]), esc(item["object_name"]), owner, esc(item["object_id"]),
            esc(TYPES.get(item["object_type"], item["object_type"])), esc(item["message"])))
    if len(items) > HTML_ROWS_PER_CHECK:
        out.append('<tr><td colspan="4">%d more in compliance.json</td></tr>' % (len(items) - HTML_ROWS_PER_CHECK))
    return out + ["</tbody></table>"]


def _check_section(check, items, unknown):
    out = ['<section class="check %s" id="%s"><h3>%s %s %s %s%s</h3>' % (
        esc(check["status"]), esc(check["id"]), esc(check["id"]), esc(check["title"]), _sev(check["severity"]),
        _badge(check["status"]), ' <span class="n">%d finding(s)</span>' % len(items) if items else ""),
        "<p>%s</p><p><b>Needs:</b> %s. <b>Remediation:</b> %s</p>" % (
            esc(check["explanation"]), esc(", ".join(check.get("fields") or ())), esc(check["remediation"]))]
    if check["status"] in ("not_evaluated", "disabled"):
        out.append('<p class="ne-box"><b>%s.</b> %s</p>' % (
            "NOT evaluated: this check did not pass or fail" if check["status"] == "not_evaluated" else "Disabled",
            esc(check["reason"])))
    elif items:
        out += _finding_rows(items)
    else:
        out.append('<p class="ok-box">No findings.</p>')
    if unknown and check["status"] != "not_evaluated":
        out.append('<p class="unknown-box"><b>%d object(s) unknown</b> (neither finding nor pass): %s</p>' % (
            check.get("unknown", len(unknown)), esc("; ".join("%s: %s not sent" % (object_label(u), u["missing"])
                                                              for u in unknown[:20]))))
    return out + ["</section>"]


def _findings_by_check(result):
    by_check, unknown = {}, {}
    for item in result["findings"]:
        by_check.setdefault(item["check"], []).append(item)
    for item in result.get("unknown") or []:
        unknown.setdefault(item["check"], []).append(item)
    rank = dict((s, i) for i, s in enumerate(SEVERITIES))
    ordered = sorted(enumerate(result["checks"]),
                     key=lambda ic: (ic[1]["status"] != "failed", -rank[ic[1]["severity"]], ic[0]))
    out = ["<h2>Findings by check</h2>"]
    for _i, check in ordered:
        out += _check_section(check, by_check.get(check["id"], []), unknown.get(check["id"], []))
    return out


def _notes(result):
    out = []
    if result.get("suppressed"):
        out.append('<p class="note">%d finding(s) were suppressed by configured exceptions; compliance.json lists '
                   "them.</p>" % len(result["suppressed"]))
    for unused in result.get("unused_exceptions") or []:
        out.append('<p class="note">Unused exception: %s %s matched no object (a typo, or the object is gone).</p>'
                   % (esc(unused["check"]), esc(unused["object_id"])))
    out.append("<footer>digicert.one compliance report, schema %s. Generated from dc1_facts collected %s.</footer>"
               % (esc(result.get("schema")), esc(result.get("collected_at"))))
    return out


def to_html(result, facts):
    # result["drift"]: a dc1_facts_diff report given to dc1_compliance (its drift option); no drift, no section.
    body = (_header(result) + _cards(result) + drift_section(result.get("drift")) + _checks_table(result)
            + _expiry_section(result, facts) + posture.html(result)
            + _findings_by_check(result) + _notes(result))
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>DigiCert ONE compliance - %s</title><style>%s</style></head><body>\n%s\n</body></html>\n"
            % (esc(result.get("collected_at")), CSS, "\n".join(body)))
