# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The drift as files (``drift.json``, ``drift.md``) and as Ansible's ``--diff`` output.

The Markdown fits a CI job summary (50 rows a table; GitHub caps a summary at 1 MiB); the JSON holds every
object. The ``diff`` list has one entry per resource that drifted: Ansible shows it as a unified diff, each
object a block of lines, so a changed field reads as ``-status: ACTIVE`` / ``+status: DISABLED``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.digicert.one.plugins.plugin_utils._compliance.reports import md, write_texts
from ansible_collections.digicert.one.plugins.plugin_utils._drift.report import (
    KIND_MARKS,
    SIGNAL_HEADS,
    TITLES,
    fields_text,
    ordered,
    signal_cells,
    since_text,
    value_text,
)
from ansible_collections.digicert.one.plugins.plugin_utils._drift.signals import SIGNALS

FORMATS = ("json", "markdown")
FILENAMES = {"json": "drift.json", "markdown": "drift.md"}
MD_ROWS = 50


def to_json(report):
    return json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _md_table(head, rows):
    lines = ["| %s |" % " | ".join(head), "|%s" % ("---|" * len(head))]
    lines += ["| %s |" % " | ".join(md(c) for c in row) for row in rows[:MD_ROWS]]
    if len(rows) > MD_ROWS:
        lines.append("| ... %d more in drift.json |%s" % (len(rows) - MD_ROWS, " |" * (len(head) - 1)))
    return lines + [""]


def _md_head(report):
    counts, snaps = report["counts"], report["snapshots"]
    after = snaps.get("after") or {}
    lines = ["## DigiCert ONE drift: %s" % md("%d change(s) since %s" % (counts["total"], since_text(report))), "",
             "Tenant `%s`; after: collected %s." % (md(after.get("base_url")).replace("`", ""),
                                                    md(after.get("collected_at"))), ""]
    lines += _md_table(["Signal", "Count"], [[TITLES[s], counts.get(s, 0)] for s in SIGNALS])
    rows = [[r] + [by[k] for k, _m in KIND_MARKS] for r, by in ordered(counts["by_resource"])]
    lines += _md_table(["Resource", "Added", "Removed", "Changed"], rows)
    for resource, why in sorted(report["not_compared"].items()):
        lines.append("- **%s not compared**: %s" % (md(resource), md(why)))
    for name, why in sorted((report.get("signals_not_compared") or {}).items()):
        lines.append("- **%s not evaluated**: %s" % (md(TITLES[name]), md(why)))
    return lines + [""]


def _md_body(report):
    lines = []
    for name in SIGNALS:
        entries = (report.get("signals") or {}).get(name) or []
        if entries:
            lines += ["### %s (%d)" % (TITLES[name], len(entries)), ""]
            lines += _md_table(["Name", "Account"] + SIGNAL_HEADS[name],
                               [[e.get("name"), e.get("account")] + signal_cells(name, e) for e in entries])
    for resource, drift in ordered(report["drift"]):
        rows = [[mark, e.get("name"), e.get("owner") or "", e.get("account"), fields_text(e.get("fields") or {})]
                for kind, mark in KIND_MARKS for e in drift.get(kind) or []]
        if rows:
            lines += ["### %s" % md(resource), ""] + _md_table(["", "Name", "Owner", "Account", "Fields"], rows)
    return lines


def to_markdown(report):
    return "\n".join(_md_head(report) + _md_body(report)).rstrip("\n") + "\n"


def write_reports(report, report_dir, formats=FORMATS, check_mode=False):
    """``{"paths": {fmt: path}, "changed": [paths]}``; in check mode nothing is written and ``paths`` is empty."""
    texts = dict((f, to_json(report) if f == "json" else to_markdown(report)) for f in formats)
    return write_texts(texts, report_dir, FILENAMES, check_mode)


# --- --diff ---------------------------------------------------------------------------------------

def _block(entry, side, kind):
    """The lines of one object on one side of the diff; None when it is not on that side."""
    if (kind == "added" and side == "before") or (kind == "removed" and side == "after"):
        return None
    owner = "owner %s, " % entry["owner"] if entry.get("owner") else ""
    lines = ["%s [%s] (%saccount %s)" % (entry["name"], entry["id"], owner, entry.get("account") or "-")]
    for field, change in sorted((entry.get("fields") or {}).items()):
        lines.append("  %s: %s" % (field, value_text(change[side])))
    return lines


def ansible_diff(report):
    """``[{before_header, after_header, before, after}]``: one per resource that drifted."""
    out = []
    before_at = since_text(report)
    after_at = ((report["snapshots"].get("after") or {}).get("collected_at"))
    for resource, drift in ordered(report["drift"]):
        entries = sorted(((e, kind) for kind, _m in KIND_MARKS for e in drift.get(kind) or []),
                         key=lambda ek: ("%s" % ek[0]["name"].lower(), "%s" % ek[0]["id"]))
        if not entries:
            continue
        sides = {}
        for side in ("before", "after"):
            blocks = [_block(e, side, kind) for e, kind in entries]
            sides[side] = "".join(line + "\n" for block in blocks if block for line in block)
        out.append({"before_header": "%s (%s)" % (resource, before_at), "after_header": "%s (%s)" % (resource, after_at),
                    "before": sides["before"], "after": sides["after"]})
    return out
