# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The drift as a section of the HTML compliance report ("Changes since ..."), and what the reports share.

``html_section(report)`` is the hook the compliance report calls with ``result.get("drift")``: no drift, no
section. It uses the compliance report's style sheet (cards, compact tables, boxes) and escapes every value:
names come from the API and are not trusted.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
from html import escape

from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.report_text import clean
from ansible_collections.digicert.one.plugins.plugin_utils._drift.resources import order_key
from ansible_collections.digicert.one.plugins.plugin_utils._drift.signals import SIGNALS

HTML_ROWS = 500  # per table; drift.json holds every object
TITLES = {"new_admins": "New admins", "new_api_tokens": "New API tokens", "removed_users": "Removed users",
          "status_changes": "Status changes", "role_changes": "Role changes"}
KIND_MARKS = (("added", "+"), ("removed", "-"), ("changed", "~"))


def load_report(value):
    """A drift report from a dict (a registered dc1_facts_diff result) or the path of ``drift.json``."""
    if isinstance(value, str):
        path = os.path.abspath(os.path.expanduser(value))
        try:
            with open(path, encoding="utf-8") as handle:
                value = json.load(handle)
        except (IOError, OSError, ValueError) as exc:
            raise DC1ConfigError("drift: cannot read the drift report %s: %s" % (path, exc))
    if not isinstance(value, dict) or not isinstance(value.get("drift"), dict) or "counts" not in value:
        raise DC1ConfigError("drift: not a digicert.one.dc1_facts_diff report (its registered result or drift.json)")
    return value


def value_text(value):
    """A field value on one line: text as is, anything else as compact JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, default=str, separators=(", ", ": "))


def fields_text(fields):
    """``status: ACTIVE -> DISABLED; enabled: true -> false``, with an arrow (U+2192) for ``->``."""
    return "; ".join("%s: %s \u2192 %s" % (f, value_text(c["before"]), value_text(c["after"]))
                     for f, c in sorted(fields.items()))


def since_text(report):
    before = (report.get("snapshots") or {}).get("before") or {}
    return before.get("collected_at") or "(no previous snapshot)"


# The columns of each signal's table after Name and Account, and their cells.
SIGNAL_HEADS = {"new_admins": ["Why"], "new_api_tokens": ["Owner", "Expires"], "removed_users": ["Status before"],
                "status_changes": ["Resource", "Change"], "role_changes": ["Applications before \u2192 after"]}


def signal_cells(name, entry):
    """The cells of one signal entry after its name and account (SIGNAL_HEADS names them)."""
    if name == "new_admins":
        return [entry.get("why")]
    if name == "new_api_tokens":
        return [entry.get("owner"), entry.get("expires_at", "(not sent)")]
    if name == "removed_users":
        return [entry.get("status")]
    if name == "status_changes":
        return [entry.get("resource"), fields_text(entry.get("fields") or {})]
    return ["%s \u2192 %s" % (value_text(entry.get("before")), value_text(entry.get("after")))]


def ordered(drift):
    """``[(resource, drift)]`` in display order (a report read back from JSON has its keys sorted)."""
    return sorted((drift or {}).items(), key=lambda kv: order_key(kv[0]))


def esc(value):
    return escape(clean(value), quote=True)


def _table(head, rows, total):
    out = ["<table class=\"compact\"><thead><tr>%s</tr></thead><tbody>" % "".join("<th>%s</th>" % esc(h) for h in head)]
    for row in rows[:HTML_ROWS]:
        out.append("<tr>%s</tr>" % "".join("<td>%s</td>" % esc(c) for c in row))
    if total > HTML_ROWS:
        out.append('<tr><td colspan="%d">%d more in drift.json</td></tr>' % (len(head), total - HTML_ROWS))
    return out + ["</tbody></table>"]


def _cards(report):
    counts = report["counts"]
    out = ['<section class="cards">']
    for kind, _mark in KIND_MARKS:
        out.append('<div class="card low"><b>%d</b><span>%s</span></div>' % (counts.get(kind, 0), kind))
    for name in SIGNALS:
        level = "high" if counts.get(name) else "info"
        out.append('<div class="card %s"><b>%d</b><span>%s</span></div>'
                   % (level, counts.get(name, 0), esc(TITLES[name].lower())))
    return out + ["</section>"]


def _signals(report):
    out = []
    for name in SIGNALS:
        if name in (report.get("signals_not_compared") or {}) and name not in (report.get("signals") or {}):
            continue
        entries = (report.get("signals") or {}).get(name) or []
        out.append("<h3>%s (%d)</h3>" % (esc(TITLES[name]), len(entries)))
        if not entries:
            out.append('<p class="ok-box">None.</p>')
            continue
        rows = [[e.get("name"), e.get("account")] + signal_cells(name, e) for e in entries]
        out += _table(["Name", "Account"] + SIGNAL_HEADS[name], rows, len(entries))
    return out


def _resources(report):
    out = []
    for resource, drift in ordered(report.get("drift")):
        entries = [(mark, e) for kind, mark in KIND_MARKS for e in drift.get(kind) or []]
        if not entries:
            continue
        counts = ", ".join("%d %s" % (len(drift.get(kind) or []), kind) for kind, _m in KIND_MARKS)
        out.append("<h3>%s (%s)</h3>" % (esc(resource), esc(counts)))
        rows = [[mark, e.get("name"), e.get("owner") or "", e.get("account"), fields_text(e.get("fields") or {}),
                 e.get("id")] for mark, e in entries]
        out += _table(["", "Name", "Owner", "Account", "Fields (before \u2192 after)", "Id"], rows, len(rows))
    return out


def _not_compared(report):
    items = sorted((report.get("not_compared") or {}).items())
    if not items:
        return []
    return ['<p class="ne-box"><b>Not compared</b> (neither "unchanged" nor "removed"): %s</p>' % esc(
        "; ".join("%s: %s" % kv for kv in items))]


def html_section(report):
    """``[html lines]`` of the drift section; ``[]`` without a report."""
    if not report:
        return []
    after = (report.get("snapshots") or {}).get("after") or {}
    out = ['<section class="drift" id="drift"><h2>Changes since %s</h2>' % esc(since_text(report)),
           '<p class="note">The snapshot collected %s compared with the one collected %s: objects paired by id '
           "(serial number for certificates). Volatile fields (day counts, last activity, the audit digest and the "
           "summary counts) are not drift; a field the API sent in one snapshot only is not compared.</p>"
           % (esc(after.get("collected_at")), esc(since_text(report)))]
    out += _cards(report) + _not_compared(report) + _signals(report) + _resources(report)
    return out + ["</section>"]
