# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Compliance reports: what the four formats share, the JSON and Markdown writers, and writing them to a directory.

The writers are pure (result -> text) so they are tested without files; JUnit and HTML live in report_junit.py
and report_html.py. Every text taken from the facts is escaped for its format: object names come from the API
and are not trusted. A credential is always named with its owner and account: "token0" tells a reader nothing.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re

from ansible_collections.digicert.one.plugins.module_utils._files import replace_file
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.catalogue import SEVERITIES
from ansible_collections.digicert.one.plugins.plugin_utils._compliance import report_posture as posture
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.report_html import to_html
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.report_junit import to_junit
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.report_text import (
    FILENAMES,
    FORMATS,
    MD_ROWS_PER_CHECK,
    STATUS_WORDS,
    md,
    object_label,
    verdict,
)


def to_json(result):
    return json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# --- Markdown ------------------------------------------------------------------------------------

def _md_head(result):
    counts = result["counts"]
    lines = ["## DigiCert ONE compliance: %s" % md(verdict(result)), "",
             "Tenant `%s`, collected %s, days counted from %s; audit window from %s." % (
                 md(result.get("base_url")).replace("`", ""), md(result.get("collected_at")),
                 md(result.get("reference_time")), md(result.get("audit_from"))),
             "", "| Severity | Findings |", "|---|---:|"]
    lines += ["| %s | %d |" % (s, counts[s]) for s in reversed(SEVERITIES)]
    lines += ["| **total** | **%d** |" % counts["total"], "| unknown objects | %d |" % counts.get("unknown", 0), "",
              "| Check | Title | Severity | Status | Findings | Unknown |", "|---|---|---|---|---:|---:|"]
    for check in result["checks"]:
        status = STATUS_WORDS[check["status"]]
        if check["status"] == "not_evaluated":
            status = "**NOT evaluated**: %s" % md(check["reason"])
        lines.append("| %s | %s | %s | %s | %d | %d |" % (check["id"], md(check["title"]), check["severity"], status,
                                                          check["findings"], check.get("unknown", 0)))
    return lines


def _md_findings(result):
    lines, by_check = [], {}
    for item in result["findings"]:
        by_check.setdefault(item["check"], []).append(item)
    for check in result["checks"]:
        items = by_check.get(check["id"])
        if not items:
            continue
        lines += ["", "### %s %s (%s, %d)" % (check["id"], md(check["title"]), check["severity"], len(items)), "",
                  md(check["explanation"]), "", "Remediation: %s" % md(check["remediation"]), "",
                  "| Account | Object | Owner | Finding |", "|---|---|---|---|"]
        for item in items[:MD_ROWS_PER_CHECK]:
            lines.append("| %s | %s `%s` | %s | %s |" % (md(item["account_name"]), md(item["object_name"]),
                                                         md(item["object_id"]).replace("`", ""),
                                                         md(item.get("owner") or ""), md(item["message"])))
        if len(items) > MD_ROWS_PER_CHECK:
            lines.append("| ... | %d more | | see compliance.json / compliance.html |" % (len(items) - MD_ROWS_PER_CHECK))
    return lines


def _md_tail(result, paths):
    lines = []
    unknown = result.get("unknown") or []
    if unknown:
        lines += ["", "### Unknown objects (%d)" % result["counts"].get("unknown", len(unknown)), "",
                  ("A field these checks need was not sent by the API for these objects: they are neither findings "
                   "nor passes. If your tenant omits unset fields, declare them with `absent_as_unset`."), "",
                  "| Check | Object | Missing field |", "|---|---|---|"]
        for item in unknown[:MD_ROWS_PER_CHECK]:
            lines.append("| %s | %s | `%s` |" % (item["check"], md(object_label(item)), md(item["missing"])))
        if len(unknown) > MD_ROWS_PER_CHECK:
            lines.append("| ... | %d more | see compliance.json |" % (len(unknown) - MD_ROWS_PER_CHECK))
    if result.get("suppressed"):
        lines += ["", "%d finding(s) suppressed by exceptions (listed in compliance.json)." % len(result["suppressed"])]
    for unused in result.get("unused_exceptions") or []:
        lines += ["", "Unused exception: %s `%s` matched no object (a typo, or the object is gone)." % (
            unused["check"], md(unused["object_id"]))]
    if paths:
        lines += ["", "Reports: " + ", ".join("`%s`" % md(os.path.basename(p)) for p in paths)]
    return lines


def to_markdown(result, paths=None):
    return "\n".join(_md_head(result) + _md_findings(result) + posture.markdown(result) + _md_tail(result, paths)) + "\n"


# --- writing -------------------------------------------------------------------------------------

def render(result, facts, formats=FORMATS):
    """``{format: text}`` for the requested formats."""
    makers = {"json": lambda: to_json(result), "junit": lambda: to_junit(result),
              "markdown": lambda: to_markdown(result, [FILENAMES[f] for f in formats]),
              "html": lambda: to_html(result, facts)}
    return dict((f, makers[f]()) for f in formats)


def _holds(path, text):
    """True when the file at ``path`` already holds exactly ``text``."""
    try:
        with open(path, "rb") as handle:
            return handle.read() == text.encode("utf-8")
    except (IOError, OSError):
        return False


def write_atomic(path, text):
    """Write ``text`` to ``path`` unless it already holds exactly that; True when the file changed."""
    if _holds(path, text):
        return False
    replace_file(path, lambda handle: handle.write(text), 0o644)
    return True


# What moves with the clock alone: the run's instants, day counts (details, and "N day(s)" in messages).
CLOCK_KEYS = frozenset(("collected_at", "reference_time", "audit_from", "days_to_expiry", "days_to_service_end",
                        "age_days", "reports"))
_DAYS = re.compile(r"-?[0-9]+ day")


def content_key(result):
    """``result`` as plain data with what moves with the clock masked: two runs over the same tenant, a day apart,
    give the same key. A change of what the tenant holds (a finding, its severity, an object, a status) does not."""
    moments = [result[k] for k in ("collected_at", "reference_time", "audit_from") if isinstance(result.get(k), str)]

    def mask(value):
        if isinstance(value, dict):
            return dict((k, mask(v)) for k, v in value.items() if k not in CLOCK_KEYS)
        if isinstance(value, list):
            return [mask(v) for v in value]
        if isinstance(value, str):
            for moment in moments:
                value = value.replace(moment, "<time>")
            return _DAYS.sub("N day", value)
        return value

    return mask(json.loads(to_json(result)))


def _previous(report_dir):
    """The evaluation the last run wrote (compliance.json), or None."""
    try:
        with open(os.path.join(report_dir, FILENAMES["json"]), "rb") as handle:
            previous = json.loads(handle.read().decode("utf-8"))
    except (IOError, OSError, ValueError):
        return None
    return previous if isinstance(previous, dict) else None


def write_reports(result, facts, report_dir, formats=FORMATS, check_mode=False):
    """Render and (unless ``check_mode``) write the reports; see ``write_texts``.

    When compliance.json shows that the last run said the same, the clock aside (``content_key``), the files are
    still rewritten (their times are this run's: a reader sees when the tenant was last checked) but count as
    changed only when they are new: ``changed`` then means that what the reports say changed.
    """
    previous = _previous(report_dir)
    written = write_texts(render(result, facts, formats), report_dir, FILENAMES, check_mode)
    if previous is not None and content_key(previous) == content_key(result):
        written["changed"] = [p for p in written["changed"] if p in written.get("created", [])]
    return written


def write_texts(texts, report_dir, filenames, check_mode=False):
    """Write ``{fmt: text}`` as ``report_dir/filenames[fmt]`` (compliance and drift reports alike).

    Returns ``{"paths": {fmt: path}, "changed": [paths], "created": [paths]}``; in check mode ``paths`` is empty
    (nothing was written) and ``changed`` lists the files a real run would write, ``created`` those that are new.
    """
    paths = dict((f, os.path.join(report_dir, filenames[f])) for f in texts)
    created = [paths[f] for f in texts if not os.path.exists(paths[f])]
    if check_mode:
        return {"paths": {}, "changed": [paths[f] for f in texts if not _holds(paths[f], texts[f])], "created": created}
    if not os.path.isdir(report_dir):
        os.makedirs(report_dir)
    return {"paths": paths, "changed": [paths[f] for f in texts if write_atomic(paths[f], texts[f])],
            "created": created}
