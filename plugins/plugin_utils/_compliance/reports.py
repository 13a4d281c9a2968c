# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Compliance reports: JSON, JUnit XML and Markdown writers, and atomic writing to a directory.

The writers are pure (result -> text) so they are tested without files; the
HTML report lives in report_html.py. Every text taken from the facts is
escaped for its format: object names come from the API and are not trusted.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re
import xml.etree.ElementTree as ET

from ansible_collections.digicert.one.plugins.plugin_utils._compliance.catalogue import SEVERITIES
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.checks import NO_ACCOUNT
from ansible_collections.digicert.one.plugins.module_utils._files import replace_file

FORMATS = ("json", "junit", "markdown", "html")
FILENAMES = {"json": "compliance.json", "junit": "compliance.junit.xml", "markdown": "compliance.md",
             "html": "compliance.html"}
MD_ROWS_PER_CHECK = 50  # GitHub caps a job summary at 1 MiB; the JSON and HTML reports hold everything
STATUS_WORDS = {"passed": "passed", "failed": "FAILED", "not_evaluated": "NOT evaluated", "disabled": "disabled"}
_XML_BAD = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CONTROL = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]")


def clean(value):
    """Text without control characters (a terminal escape or NUL from the API has no place in a report)."""
    return _CONTROL.sub("\ufffd", "%s" % ("" if value is None else value))


def to_json(result):
    return json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# --- JUnit ---------------------------------------------------------------------------------------

def _x(value):
    """Text safe in XML 1.0 (ElementTree escapes markup but keeps control characters)."""
    return _XML_BAD.sub("\ufffd", clean(value))


def report_accounts(result):
    """``[(id, name)]``: the tenant's accounts, then any other account a finding names."""
    out = [(a["id"], a["name"]) for a in result.get("accounts") or []]
    known = {i for i, _n in out}
    for item in result["findings"] + result.get("suppressed", []):
        if item["account_id"] not in known:
            known.add(item["account_id"])
            out.append((item["account_id"], item["account_name"] or NO_ACCOUNT))
    return out or [(None, "(all accounts)")]


def account_label(account_id, name):
    return "%s (%s)" % (name, account_id) if account_id and name and name != account_id else (name or NO_ACCOUNT)


def to_junit(result):
    """A ``<testsuite>`` per check, a ``<testcase>`` per check and account, a ``<failure>`` per finding."""
    accounts = report_accounts(result)
    by_case = {}
    for item in result["findings"]:
        by_case.setdefault((item["check"], item["account_id"]), []).append(item)
    root = ET.Element("testsuites", name="digicert.one compliance")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for check in result["checks"]:
        suite = ET.SubElement(root, "testsuite", name=_x("%s %s" % (check["id"], check["title"])),
                              timestamp=_x(result.get("collected_at")))
        props = ET.SubElement(suite, "properties")
        for key in ("severity", "status", "threshold", "threshold_value"):
            ET.SubElement(props, "property", name=key, value=_x(check.get(key)))
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for account_id, name in accounts:
            case = ET.SubElement(suite, "testcase", classname=check["id"],
                                 name=_x("%s %s" % (check["id"], account_label(account_id, name))))
            counts["tests"] += 1
            if check["status"] in ("not_evaluated", "disabled"):
                ET.SubElement(case, "skipped", message=_x("%s: %s" % (STATUS_WORDS[check["status"]], check["reason"])))
                counts["skipped"] += 1
                continue
            for item in by_case.get((check["id"], account_id), []):
                fail = ET.SubElement(case, "failure", type=check["id"],
                                     message=_x("%s [%s] %s: %s" % (check["id"], item["severity"], item["object_name"],
                                                                    item["message"])))
                fail.text = _x("%s %s (%s)\n%s\nRemediation: %s" % (
                    item["object_type"], item["object_name"], item["object_id"],
                    json.dumps(item["details"], sort_keys=True, default=str), check["remediation"]))
                counts["failures"] += 1
        for key, value in counts.items():
            suite.set(key, "%d" % value)
            totals[key] += value
        suite.set("errors", "0")
    for key, value in totals.items():
        root.set(key, "%d" % value)
    root.set("errors", "0")
    if hasattr(ET, "indent"):
        ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# --- Markdown ------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


def md(value):
    """One table cell or line of plain text: HTML-escaped, Markdown-escaped, on one line."""
    text = " ".join(clean(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def verdict(result):
    gate = result["gate"]
    if gate["failed"]:
        extra = "; %d check(s) NOT evaluated" % len(result["not_evaluated"]) if result["not_evaluated"] else ""
        return "FAILED: %d finding(s) at or above %s%s" % (gate["findings"], gate["fail_on"], extra)
    if result["passed"]:
        return "PASSED: no findings, every enabled check evaluated"
    parts = []
    if result["counts"]["total"]:
        parts.append("%d finding(s)" % result["counts"]["total"])
    if result["not_evaluated"]:
        parts.append("%d check(s) NOT evaluated" % len(result["not_evaluated"]))
    gate_text = "no gate" if gate["fail_on"] == "none" else "gate %s not reached" % gate["fail_on"]
    return "%s (%s)" % (", ".join(parts), gate_text)


def to_markdown(result, paths=None):
    counts = result["counts"]
    lines = ["## DigiCert ONE compliance: %s" % md(verdict(result)), "",
             "Tenant `%s`, collected %s; audit window from %s." % (
                 md(result.get("base_url")).replace("`", ""), md(result.get("collected_at")), md(result.get("audit_from"))),
             "", "| Severity | Findings |", "|---|---:|"]
    lines += ["| %s | %d |" % (s, counts[s]) for s in reversed(SEVERITIES)]
    lines += ["| **total** | **%d** |" % counts["total"], "",
              "| Check | Title | Severity | Status | Findings |", "|---|---|---|---|---:|"]
    for check in result["checks"]:
        status = STATUS_WORDS[check["status"]]
        if check["status"] == "not_evaluated":
            status = "**NOT evaluated**: %s" % md(check["reason"])
        lines.append("| %s | %s | %s | %s | %d |" % (check["id"], md(check["title"]), check["severity"], status,
                                                     check["findings"]))
    by_check = {}
    for item in result["findings"]:
        by_check.setdefault(item["check"], []).append(item)
    for check in result["checks"]:
        items = by_check.get(check["id"])
        if not items:
            continue
        lines += ["", "### %s %s (%s, %d)" % (check["id"], md(check["title"]), check["severity"], len(items)), "",
                  md(check["explanation"]), "", "Remediation: %s" % md(check["remediation"]), "",
                  "| Account | Object | Finding |", "|---|---|---|"]
        for item in items[:MD_ROWS_PER_CHECK]:
            lines.append("| %s | %s `%s` | %s |" % (md(item["account_name"]), md(item["object_name"]),
                                                    md(item["object_id"]).replace("`", ""), md(item["message"])))
        if len(items) > MD_ROWS_PER_CHECK:
            lines.append("| ... | %d more | see compliance.json / compliance.html |" % (len(items) - MD_ROWS_PER_CHECK))
    if result.get("suppressed"):
        lines += ["", "%d finding(s) suppressed by exceptions (listed in compliance.json)." % len(result["suppressed"])]
    if paths:
        lines += ["", "Reports: " + ", ".join("`%s`" % md(os.path.basename(p)) for p in paths)]
    return "\n".join(lines) + "\n"


# --- writing -------------------------------------------------------------------------------------

def render(result, facts, formats=FORMATS):
    """``{format: text}`` for the requested formats."""
    from ansible_collections.digicert.one.plugins.plugin_utils._compliance.report_html import to_html  # noqa: PLC0415

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


def write_reports(result, facts, report_dir, formats=FORMATS, check_mode=False):
    """Render and (unless ``check_mode``) write the reports; ``{"paths": {fmt: path}, "changed": [paths]}``."""
    texts = render(result, facts, formats)
    paths = dict((f, os.path.join(report_dir, FILENAMES[f])) for f in formats)
    changed = []
    if not check_mode and not os.path.isdir(report_dir):
        os.makedirs(report_dir)
    for fmt in formats:
        if check_mode:
            if not _holds(paths[fmt], texts[fmt]):
                changed.append(paths[fmt])
        elif write_atomic(paths[fmt], texts[fmt]):
            changed.append(paths[fmt])
    return {"paths": paths, "changed": changed}
