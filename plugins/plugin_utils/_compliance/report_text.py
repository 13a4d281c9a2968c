# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every compliance and drift report shares: file names, words, escaping, how an object and a verdict read.

A leaf: the report writers (reports.py, report_html.py, report_junit.py, the drift report) import it and it
imports none of them, so the writers form no import cycle.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.digicert.one.plugins.plugin_utils._compliance.view import NO_ACCOUNT

FORMATS = ("json", "junit", "markdown", "html")
FILENAMES = {"json": "compliance.json", "junit": "compliance.junit.xml", "markdown": "compliance.md",
             "html": "compliance.html"}
MD_ROWS_PER_CHECK = 50  # GitHub caps a job summary at 1 MiB; the JSON and HTML reports hold everything
STATUS_WORDS = {"passed": "passed", "failed": "FAILED", "not_evaluated": "NOT evaluated", "disabled": "disabled"}
_CONTROL = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]")


def clean(value):
    """Text without control characters (a terminal escape or NUL from the API has no place in a report)."""
    return _CONTROL.sub("\ufffd", "%s" % ("" if value is None else value))


def report_accounts(result):
    """``[(id, name)]``: the accounts evaluated, then any other account a finding or unknown object names."""
    out = [(a["id"], a["name"]) for a in result.get("accounts") or []]
    known = set(i for i, _n in out)
    for item in result["findings"] + result.get("suppressed", []) + (result.get("unknown") or []):
        if item["account_id"] not in known:
            known.add(item["account_id"])
            out.append((item["account_id"], item["account_name"] or NO_ACCOUNT))
    return out or [(None, "(all accounts)")]


def object_label(item):
    """``name (owner X, account Y)`` for credentials, ``name (account Y)`` for the rest."""
    parts = []
    if item.get("owner"):
        parts.append("owner %s" % item["owner"])
    if item.get("object_type") != "account":
        parts.append("account %s" % (item.get("account_name") or NO_ACCOUNT))
    return "%s (%s)" % (item["object_name"], ", ".join(parts)) if parts else "%s" % item["object_name"]


def verdict(result):
    gate = result["gate"]
    unknown = result["counts"].get("unknown", 0)
    extras = []
    if result["not_evaluated"]:
        extras.append("%d check(s) NOT evaluated" % len(result["not_evaluated"]))
    if unknown:
        extras.append("%d object(s) unknown" % unknown)
    if gate["failed"]:
        return "FAILED: %d finding(s) at or above %s%s" % (gate["findings"], gate["fail_on"],
                                                           "; " + "; ".join(extras) if extras else "")
    if result["passed"]:
        return "PASSED: no findings, every enabled check evaluated on every object"
    parts = (["%d finding(s)" % result["counts"]["total"]] if result["counts"]["total"] else []) + extras
    gate_text = "no gate" if gate["fail_on"] == "none" else "gate %s not reached" % gate["fail_on"]
    return "%s (%s)" % (", ".join(parts), gate_text)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


def md(value):
    """One table cell or line of plain text: HTML-escaped, Markdown-escaped, on one line."""
    text = " ".join(clean(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)
