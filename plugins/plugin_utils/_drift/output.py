# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The drift as files (``drift.json``, ``drift.md``) and as Ansible's ``--diff`` output.

The Markdown fits a CI job summary (50 rows a table; GitHub caps a summary at 1 MiB); the JSON holds every
object. The ``diff`` list has one entry per resource and kind (changed, removed, added), in the shape
``ansible.utils.fact_diff`` users know: each object under its ``name [id]``, each changed field under its object.
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

def _key(entry):
    return "%s [%s]" % (entry["name"], entry["id"])


def _identity(entry):
    """What names an added or removed object beside its key: its account, and a credential's owner."""
    out = {"account": entry.get("account") or "-"}
    if entry.get("owner"):
        out["owner"] = entry["owner"]
    return out


def _sides(kind, entries):
    """``(before, after)`` of one kind: each object under its ``name [id]``; None for the side it is not on."""
    if kind == "changed":
        return tuple(dict((_key(e), dict((f, c[side]) for f, c in sorted(e["fields"].items()))) for e in entries)
                     for side in ("before", "after"))
    objects = dict((_key(e), _identity(e)) for e in entries)
    return (None, objects) if kind == "added" else (objects, None)


def ansible_diff(report):
    """``[{before_header, after_header, before, after}]``: one per resource and kind (changed, removed, added).

    As ``ansible.utils.fact_diff`` shows facts: ``before`` and ``after`` are dicts that Ansible's callback writes as
    JSON (or YAML) and diffs, so each changed field stands under its own object, and added and removed objects are in
    diffs of their own (a side they are not on is empty), never interleaved with changes.
    """
    out = []
    before_at = since_text(report)
    after_at = ((report["snapshots"].get("after") or {}).get("collected_at"))
    for resource, drift in ordered(report["drift"]):
        for kind in ("changed", "removed", "added"):
            entries = sorted(drift.get(kind) or [], key=lambda e: ("%s" % e["name"].lower(), "%s" % e["id"]))
            if entries:
                before, after = _sides(kind, entries)
                out.append({"before_header": "%s %s (%s)" % (resource, kind, before_at),
                            "after_header": "%s %s (%s)" % (resource, kind, after_at), "before": before, "after": after})
    return out
