# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The JUnit XML report, as CI servers read it: a testsuite per account, a testcase per check.

A testcase holds at most one ``<failure>``, which lists every finding of that check in that account; a check
that could not run, or met only objects whose needed fields were not sent, is ``<skipped>`` with the reason.
``tests``, ``failures`` and ``skipped`` add up at suite and root level.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
import xml.etree.ElementTree as ET

from ansible_collections.digicert.one.plugins.plugin_utils._compliance.report_text import (
    STATUS_WORDS,
    clean,
    report_accounts,
)

_XML_BAD = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(value):
    """Text safe in XML 1.0 (ElementTree escapes markup but keeps control characters)."""
    return _XML_BAD.sub("\ufffd", clean(value))


def _by(items, key):
    grouped = {}
    for item in items:
        grouped.setdefault((item["check"], item["account_id"]), []).append(item)
    return grouped


def _finding_line(item):
    owner = " owner %s" % item["owner"] if item.get("owner") else ""
    return "%s %s (%s)%s: %s %s" % (item["object_type"], item["object_name"], item["object_id"], owner,
                                    item["message"], json.dumps(item["details"], sort_keys=True, default=str))


def _testcase(suite, check, account_id, findings, unknown):
    """One check in one account: failure, skipped or passed; returns the counter it adds to."""
    case = ET.SubElement(suite, "testcase", classname=_x(check["id"]), name=_x("%s %s" % (check["id"], check["title"])))
    if check["status"] in ("not_evaluated", "disabled"):
        ET.SubElement(case, "skipped", message=_x("%s: %s" % (STATUS_WORDS[check["status"]], check["reason"])))
        return "skipped"
    mine = findings.get((check["id"], account_id), [])
    unsure = unknown.get((check["id"], account_id), [])
    if mine:
        fail = ET.SubElement(case, "failure", type=_x(check["id"]), message=_x(
            "%s [%s] %d finding(s): %s" % (check["id"], check["severity"], len(mine), mine[0]["message"])))
        fail.text = _x("\n".join(_finding_line(i) for i in mine) + "\nRemediation: %s" % check["remediation"])
        if unsure:
            ET.SubElement(case, "system-out").text = _x("%d object(s) unknown: %s" % (
                len(unsure), ", ".join(sorted(set(u["missing"] for u in unsure)))))
        return "failures"
    if unsure:
        ET.SubElement(case, "skipped", message=_x("%d object(s) not evaluated: %s not sent by the API" % (
            len(unsure), ", ".join(sorted(set(u["missing"] for u in unsure))))))
        return "skipped"
    return None


def to_junit(result):
    """A ``<testsuite>`` per account, a ``<testcase>`` per check, one ``<failure>`` listing the findings."""
    findings, unknown = _by(result["findings"], "check"), _by(result.get("unknown") or [], "check")
    root = ET.Element("testsuites", name="digicert.one compliance")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for account_id, name in report_accounts(result):
        suite = ET.SubElement(root, "testsuite", name=_x("%s (%s)" % (name, account_id) if account_id else name),
                              timestamp=_x(result.get("collected_at")), id=_x(account_id or ""))
        props = ET.SubElement(suite, "properties")
        for key in ("base_url", "reference_time", "audit_from"):
            ET.SubElement(props, "property", name=key, value=_x(result.get(key)))
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for check in result["checks"]:
            counts["tests"] += 1
            outcome = _testcase(suite, check, account_id, findings, unknown)
            if outcome:
                counts[outcome] += 1
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
