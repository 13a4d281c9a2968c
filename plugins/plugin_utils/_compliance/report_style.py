# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTML report's style sheet: inline CSS, so the file opens offline, from a CI artefact or an e-mail."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

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
.owner{color:#374151;font-size:12px}.unknown-box{background:#f3f4f6;border:1px dashed #6b7280;color:#374151;padding:8px 12px;border-radius:6px}
.card.unk{background:#e5e7eb;color:#374151}
@media print{body{padding:0;max-width:none}.check{break-inside:avoid}}
"""
