# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTML compliance report: one self-contained file for an auditor.

Inline CSS and inline SVG only, no script and no external URL, so it opens
offline, from a CI artefact or an e-mail attachment, and prints. Every value
from the facts goes through ``esc``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
from html import escape

from ansible_collections.digicert.one.plugins.plugin_utils._compliance.catalogue import SEVERITIES
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.checks import Index
from ansible_collections.digicert.one.plugins.module_utils._dates import now_utc, parse_instant
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.reports import STATUS_WORDS, clean, verdict
from ansible_collections.digicert.one.plugins.module_utils._users import user_label

HTML_ROWS_PER_CHECK = 500
HORIZON = 180  # days shown on the timeline
BUCKET = 5  # days per bar
LANES = (("api_token", "API tokens", "DC1-TOKEN-001"), ("client_certificate", "Client certificates", "DC1-CERT-001"),
         ("service_user", "Service users", "DC1-SVC-002"))
TYPES = {"api_token": "API token", "client_certificate": "Client certificate", "user": "User", "account": "Account"}
KIND = {"API tokens": "API token", "Client certificates": "Client certificate", "Service users": "Service user"}
SEV_COLOURS = {"critical": "#7f1d1d", "high": "#c2410c", "medium": "#b45309", "low": "#1d4ed8", "info": "#475569"}


def esc(value):
    return escape(clean(value), quote=True)


def expiries(facts):
    """``{lane: {"items": [(days, date, name)], "never": n}}`` for live credentials."""
    ix = Index(facts)
    lanes = dict((key, {"items": [], "never": 0}) for key, _t, _c in LANES)
    for tok in facts.get("api_tokens") or []:
        if isinstance(tok, dict) and tok.get("enabled") is not False:
            if tok.get("days_to_expiry") is None:
                lanes["api_token"]["never"] += 1
            else:
                lanes["api_token"]["items"].append((tok["days_to_expiry"], tok.get("expires_at"), tok.get("name")))
    for cert in facts.get("client_certificates") or []:
        if isinstance(cert, dict) and cert.get("enabled") is not False and cert.get("state") in (None, "VALID"):
            if cert.get("days_to_expiry") is not None:
                lanes["client_certificate"]["items"].append(
                    (cert["days_to_expiry"], cert.get("expires_at"), cert.get("subject") or cert.get("name")))
    for user in ix.users.values():
        if user.get("user_type") == "service" and ("%s" % user.get("status", "")).upper() != "DISABLED":
            end = parse_instant(user.get("end_date"), end_of_day=True)
            if end is None:
                lanes["service_user"]["never"] += 1
            else:
                lanes["service_user"]["items"].append((ix.days_until(end), user.get("end_date"), user_label(user)))
    return lanes


def timeline_svg(result, facts):
    """Bars of credentials per 5-day bucket over the next HORIZON days; expired left, later right."""
    lanes = expiries(facts)
    thresholds = dict((c["id"], c["threshold_value"]) for c in result["checks"])
    now = parse_instant(result.get("reference_time") or result.get("collected_at")) or now_utc()
    left, col, width, lane_h, top = 170, 22, 4 * HORIZON, 92, 34
    x0 = left + 84  # day 0 ("today"); the expired column is left of it
    later_x = x0 + width + 44
    total_w = later_x + col + 30
    height = top + lane_h * len(LANES) + 48
    out = ['<svg class="timeline" viewBox="0 0 %d %d" width="100%%" role="img" aria-label="Credential expiry '
           'timeline">' % (total_w, height)]
    for day in range(0, HORIZON + 1, 30):
        x = x0 + day * width // HORIZON
        label = (now + datetime.timedelta(days=day)).strftime("%d %b")
        out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" class="grid"/>' % (x, top - 6, x, height - 40))
        out.append('<text x="%d" y="%d" class="tick"><tspan x="%d">%s</tspan><tspan x="%d" dy="14">%s</tspan>'
                   '</text>' % (x, height - 26, x, "today" if day == 0 else "+%d days" % day, x, esc(label)))
    out.append('<text x="%d" y="%d" class="tick">expired</text>' % (left + 14 + col // 2, height - 26))
    out.append('<text x="%d" y="%d" class="tick">later</text>' % (later_x + col // 2, height - 26))
    for n, (key, title, check_id) in enumerate(LANES):
        y = top + n * lane_h
        base = y + lane_h - 16
        lane = lanes[key]
        buckets = {}
        for days, date, name in lane["items"]:
            slot = "expired" if days < 0 else ("later" if days > HORIZON else days // BUCKET)
            buckets.setdefault(slot, []).append((days, date, name))
        # scaled to the busiest bucket inside the horizon; the "later" bar is capped at full height
        peak = max([len(v) for k, v in buckets.items() if k != "later"] + [1])
        threshold = thresholds.get(check_id)
        out.append('<rect x="%d" y="%d" width="%d" height="%d" class="lane%d"/>' % (left, y, total_w - left, lane_h, n % 2))
        out.append('<text x="8" y="%d" class="lane-title">%s</text>' % (y + 36, esc(title)))
        out.append('<text x="8" y="%d" class="lane-sub">%d dated%s</text>' % (
            y + 54, len(lane["items"]), ", %d never expire" % lane["never"] if lane["never"] else ""))
        for slot, items in sorted(buckets.items(), key=lambda kv: -1 if kv[0] == "expired" else 10 ** 6 if kv[0] == "later" else kv[0]):
            if slot == "expired":
                x, w, cls = left + 14, col, "expired"
            elif slot == "later":
                x, w, cls = later_x, col, "later"
            else:
                x, w = x0 + slot * BUCKET * width // HORIZON + 1, BUCKET * width // HORIZON - 2
                cls = "soon" if threshold is not None and slot * BUCKET <= threshold else "ok"
            h = max(6, (lane_h - 34) * min(len(items), peak) // peak)
            names = "; ".join("%s (%s)" % (nm, dt) for _d, dt, nm in sorted(items, key=lambda i: i[0])[:15])
            more = " and %d more" % (len(items) - 15) if len(items) > 15 else ""
            out.append('<rect x="%d" y="%d" width="%d" height="%d" class="bar %s"><title>%s</title></rect>' % (
                x, base - h, w, h, cls, esc("%d: %s%s" % (len(items), names, more))))
            out.append('<text x="%d" y="%d" class="count">%d</text>' % (x + w // 2, base - h - 3, len(items)))
        if threshold is not None and threshold <= HORIZON:
            tx = x0 + int(threshold * width / HORIZON)
            out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" class="threshold"/>' % (tx, y + 6, tx, base))
            out.append('<text x="%d" y="%d" class="threshold-label">%s: %s days</text>' % (
                tx + 4, y + 16, esc(check_id), esc(threshold)))
        out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" class="axis"/>' % (left + 8, base, later_x + col + 6, base))
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" class="today"/>' % (x0, top - 10, x0, height - 40))
    out.append("</svg>")
    return "\n".join(out)


def soonest(facts, limit=12):
    rows = []
    for key, title, _c in LANES:
        rows.extend((d, title, nm, dt) for d, dt, nm in expiries(facts)[key]["items"])
    return sorted(rows, key=lambda r: (r[0], "%s" % r[2]))[:limit]


def _day(value):
    """An end date as an auditor reads it: ``2026-12-05 23:59 UTC``."""
    moment = parse_instant(value, end_of_day=True)
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else value


def _badge(status):
    return '<span class="status %s">%s</span>' % (esc(status), esc(STATUS_WORDS[status]))


def _sev(severity):
    return '<span class="sev %s">%s</span>' % (esc(severity), esc(severity))


def to_html(result, facts):
    counts, gate = result["counts"], result["gate"]
    state = "fail" if gate["failed"] else "pass" if result["passed"] else "warn"
    body = ['<header><h1>DigiCert ONE compliance report</h1><dl>',
            "<dt>Tenant</dt><dd><code>%s</code></dd>" % esc(result.get("base_url")),
            "<dt>Collected</dt><dd>%s</dd>" % esc(result.get("collected_at")),
            "<dt>Audit window</dt><dd>from %s (%s days)</dd>" % (esc(result.get("audit_from")),
                                                                 esc(result.get("audit_window_days"))),
            "<dt>Gate</dt><dd>fail on %s</dd></dl>" % esc(gate["fail_on"]),
            '<p class="verdict %s">%s</p></header>' % (state, esc(verdict(result))), '<section class="cards">']
    for sev in reversed(SEVERITIES):
        body.append('<div class="card %s"><b>%d</b><span>%s</span></div>' % (sev, counts[sev], sev))
    body.append('<div class="card ne"><b>%d</b><span>not evaluated</span></div></section>' % len(result["not_evaluated"]))
    body += ["<h2>Checks</h2>", ('<table class="checks"><thead><tr><th>Check</th><th>Title</th><th>Severity</th>'
                                 "<th>Threshold</th><th>Status</th><th>Findings</th><th>Excepted</th></tr></thead><tbody>")]
    for c in result["checks"]:
        thr = "%s %s" % (c["threshold_value"], c["threshold"]) if c["threshold"] else "&mdash;"
        body.append('<tr class="row-%s"><td><a href="#%s">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s%s</td>'
                    '<td class="num">%d</td><td class="num">%d</td></tr>' % (
                        esc(c["status"]), esc(c["id"]), esc(c["id"]), esc(c["title"]), _sev(c["severity"]),
                        esc(thr) if c["threshold"] else thr, _badge(c["status"]),
                        '<div class="reason">%s</div>' % esc(c["reason"]) if c["status"] == "not_evaluated" else "",
                        c["findings"], c["suppressed"]))
    body += ["</tbody></table>", "<h2>Credential expiry</h2>",
             '<p class="note">Enabled API tokens, valid client certificates and enabled service users by end date, '
             "in %d-day bars over the next %d days. Orange bars fall within the check's threshold (dashed line); "
             "expired credentials are at the left edge, later ones at the right.</p>" % (BUCKET, HORIZON),
             '<p class="legend"><i class="k expired"></i>expired <i class="k soon"></i>within the threshold '
             '<i class="k ok"></i>later, within %d days <i class="k later"></i>beyond %d days '
             '<i class="k today"></i>today <i class="k threshold"></i>threshold</p>' % (HORIZON, HORIZON),
             timeline_svg(result, facts)]
    rows = soonest(facts)
    if rows:
        body.append("<h3>Next to expire</h3><table class=\"compact\"><thead><tr><th>Kind</th><th>Name</th>"
                    "<th>Ends</th><th>Days left</th></tr></thead><tbody>")
        for days, kind, name, date in rows:
            body.append('<tr class="%s"><td>%s</td><td>%s</td><td>%s</td><td class="num">%d</td></tr>' % (
                "expired" if days < 0 else "", esc(KIND[kind]), esc(name), esc(_day(date)), days))
        body.append("</tbody></table>")
    body.append("<h2>Findings by check</h2>")
    by_check = {}
    for item in result["findings"]:
        by_check.setdefault(item["check"], []).append(item)
    rank = dict((s, i) for i, s in enumerate(SEVERITIES))
    ordered = sorted(enumerate(result["checks"]), key=lambda ic: (ic[1]["status"] != "failed", -rank[ic[1]["severity"]], ic[0]))
    for _i, c in ordered:
        items = by_check.get(c["id"], [])
        body.append('<section class="check %s" id="%s"><h3>%s %s %s %s%s</h3>' % (
            esc(c["status"]), esc(c["id"]), esc(c["id"]), esc(c["title"]), _sev(c["severity"]), _badge(c["status"]),
            ' <span class="n">%d finding(s)</span>' % len(items) if items else ""))
        body.append("<p>%s</p><p><b>Remediation:</b> %s</p>" % (esc(c["explanation"]), esc(c["remediation"])))
        if c["status"] in ("not_evaluated", "disabled"):
            body.append('<p class="ne-box"><b>%s.</b> %s</p></section>' % (
                "NOT evaluated: this check did not pass or fail" if c["status"] == "not_evaluated" else "Disabled",
                esc(c["reason"])))
            continue
        if not items:
            body.append('<p class="ok-box">No findings.</p></section>')
            continue
        body.append('<table class="findings"><colgroup><col style="width:22%"><col style="width:30%">'
                    '<col style="width:13%"><col style="width:35%"></colgroup><thead><tr><th>Account</th><th>Object</th>'
                    "<th>Type</th><th>Finding</th></tr></thead><tbody>")
        for item in items[:HTML_ROWS_PER_CHECK]:
            body.append("<tr><td>%s</td><td>%s<div class=\"id\">%s</div></td><td>%s</td><td>%s</td></tr>" % (
                esc(item["account_name"]), esc(item["object_name"]), esc(item["object_id"]),
                esc(TYPES.get(item["object_type"], item["object_type"])), esc(item["message"])))
        if len(items) > HTML_ROWS_PER_CHECK:
            body.append('<tr><td colspan="4">%d more in compliance.json</td></tr>' % (len(items) - HTML_ROWS_PER_CHECK))
        body.append("</tbody></table></section>")
    if result.get("suppressed"):
        body.append('<p class="note">%d finding(s) were suppressed by configured exceptions; compliance.json lists '
                    "them.</p>" % len(result["suppressed"]))
    body.append("<footer>digicert.one compliance report, schema %s. Generated from dc1_facts collected %s.</footer>"
                % (esc(result.get("schema")), esc(result.get("collected_at"))))
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>DigiCert ONE compliance - %s</title><style>%s</style></head><body>\n%s\n</body></html>\n"
            % (esc(result.get("collected_at")), CSS, "\n".join(body)))


CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;margin:0 auto;
max-width:1180px;padding:24px 32px;background:#fff}
h1{font-size:24px;margin:0 0 8px}h2{font-size:19px;margin:28px 0 10px;border-bottom:2px solid #e5e7eb;
padding-bottom:4px}h3{font-size:16px;margin:18px 0 6px}
header dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0}dt{color:#6b7280}dd{margin:0}
.verdict{font-weight:600;font-size:16px;padding:10px 14px;border-radius:6px;margin:14px 0 0}
.verdict.fail{background:#fee2e2;color:#991b1b;border-left:6px solid #b91c1c}
.verdict.pass{background:#dcfce7;color:#166534;border-left:6px solid #15803d}
.verdict.warn{background:#fef3c7;color:#92400e;border-left:6px solid #d97706}
.cards{display:flex;gap:10px;margin:18px 0;flex-wrap:wrap}
.card{flex:1;min-width:110px;border-radius:8px;padding:10px 14px;color:#fff;display:flex;flex-direction:column}
.card b{font-size:28px;line-height:1.1}.card span{text-transform:uppercase;font-size:12px;letter-spacing:.05em}
.card.critical{background:#7f1d1d}.card.high{background:#c2410c}.card.medium{background:#b45309}
.card.low{background:#1d4ed8}.card.info{background:#475569}
.card.ne{background:repeating-linear-gradient(45deg,#fef3c7,#fef3c7 8px,#fde68a 8px,#fde68a 16px);color:#92400e}
table{border-collapse:collapse;width:100%;margin:6px 0 12px}th,td{text-align:left;padding:5px 8px;
border-bottom:1px solid #e5e7eb;vertical-align:top}th{background:#f3f4f6;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}table.compact{width:auto;min-width:60%}
tr.expired td{color:#991b1b}.id{color:#6b7280;font:11px ui-monospace,monospace}
a{color:#1d4ed8;text-decoration:none}
.sev,.status{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff}
.sev.critical{background:#7f1d1d}.sev.high{background:#c2410c}.sev.medium{background:#b45309}
.sev.low{background:#1d4ed8}.sev.info{background:#475569}
.status.passed{background:#15803d}.status.failed{background:#b91c1c}.status.disabled{background:#9ca3af}
.status.not_evaluated{background:#fef3c7;color:#92400e;border:1px dashed #d97706}
.reason{font-size:12px;color:#92400e}
tr.row-not_evaluated td{background:#fffbeb}
.ne-box{background:#fffbeb;border:1px dashed #d97706;color:#92400e;padding:8px 12px;border-radius:6px}
.ok-box{color:#166534}.note{color:#4b5563;font-size:13px}
.check{border-left:4px solid #e5e7eb;padding-left:14px;margin:18px 0}.check.failed{border-color:#b91c1c}
.check.passed{border-color:#15803d}.check.not_evaluated{border-color:#d97706}
svg.timeline{font:12px system-ui,sans-serif;border:1px solid #e5e7eb;border-radius:6px}
.lane0{fill:#f9fafb}.lane1{fill:#ffffff}.lane-title{font-weight:600;font-size:14px;fill:#111827}
.lane-sub{fill:#6b7280}.grid{stroke:#e5e7eb}.axis{stroke:#9ca3af}.tick{fill:#6b7280;text-anchor:middle}
.today{stroke:#111827;stroke-width:2}.threshold{stroke:#c2410c;stroke-dasharray:5 4;stroke-width:1.5}
.threshold-label{fill:#c2410c;font-size:11px}.count{text-anchor:middle;fill:#374151;font-size:11px}
.bar.expired{fill:#991b1b}.bar.soon{fill:#ea580c}.bar.ok{fill:#60a5fa}.bar.later{fill:#cbd5e1}
table.checks td:first-child,table.checks td:nth-child(3),table.checks td:nth-child(4){white-space:nowrap}
table.findings{table-layout:fixed}table.findings td{overflow-wrap:anywhere}.n{font-size:13px;color:#6b7280;font-weight:400}
.legend{font-size:12px;color:#374151;margin:4px 0}.legend .k{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;
vertical-align:-1px;border-radius:2px}.k.expired{background:#991b1b}.k.soon{background:#ea580c}.k.ok{background:#60a5fa}
.k.later{background:#cbd5e1}.k.today{background:#111827;width:3px}.k.threshold{background:none;border-left:2px dashed #c2410c;width:2px}
footer{margin-top:32px;color:#9ca3af;font-size:12px}
@media print{body{padding:0;max-width:none}.check{break-inside:avoid}}
"""
