# -*- coding: utf-8 -*-
import json
import os
import re
import xml.etree.ElementTree as ET

from compliance_fixture import facts

import pytest

from ansible_collections.digicert.one.plugins.plugin_utils._compliance.catalogue import CATALOGUE
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.engine import evaluate
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.report_junit import to_junit
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.reports import FILENAMES, to_markdown, write_reports
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.report_html import to_html

HOSTILE = '<script>alert("x")</script> & | `rm` [a](javascript:1) \x00\x1b'


def hostile_facts():
    data = facts()
    for user in data["users"]:
        if user["id"] == "locked1":
            user["user_name"] = HOSTILE
    for tok in data["api_tokens"]:
        if tok["id"] == "tok-soon":
            tok["name"] = HOSTILE
    data["accounts"][0]["name"] = HOSTILE
    data["base_url"] = 'https://x"><img src=y>'
    return data


def test_junit_has_a_suite_per_account_a_case_per_check_and_one_failure_per_case():
    data = hostile_facts()
    result = evaluate(data)
    root = ET.fromstring(to_junit(result).encode("utf-8"))
    suites = root.findall("testsuite")
    # a suite per account, and one for the findings no account holds (profiles are tenant-wide)
    assert [s.get("id") for s in suites] == [a["id"] for a in data["accounts"]] + [""]
    for suite in suites:
        cases = suite.findall("testcase")
        assert [c.get("classname") for c in cases] == [c["id"] for c in CATALOGUE]
        assert all(len(c.findall("failure")) <= 1 for c in cases)
        for key in ("tests", "failures", "skipped"):
            tag = {"tests": "testcase", "failures": "testcase/failure", "skipped": "testcase/skipped"}[key]
            assert int(suite.get(key)) == len(suite.findall(tag))
    for key in ("tests", "failures", "skipped"):
        assert int(root.get(key)) == sum(int(s.get(key)) for s in suites)
    failed = dict(((c.get("classname"), s.get("id")), c.find("failure")) for s in suites for c in s.findall("testcase")
                  if c.find("failure") is not None)
    by_case = {}
    for f in result["findings"]:
        by_case.setdefault((f["check"], f["account_id"] or ""), []).append(f)
    assert set(failed) == set(by_case)
    for case, failure in failed.items():
        assert failure.get("type") == case[0] and "%d finding(s)" % len(by_case[case]) in failure.get("message")
        assert all(f["object_id"] in failure.text for f in by_case[case])
    assert any("<script>" in f.text for f in failed.values())  # escaped in the file, text again once parsed


def test_junit_validates_against_the_junit_schema():
    xmlschema = pytest.importorskip("xmlschema")
    schema = xmlschema.XMLSchema(os.path.join(os.path.dirname(__file__), "junit.xsd"))
    data = hostile_facts()
    data["unavailable"] = {"audit": {"status": 403, "reason": "denied"}}
    schema.validate(to_junit(evaluate(data, {"disabled": ["DC1-USER-001"]})))


def test_junit_skips_not_evaluated_and_disabled():
    data = facts()
    data["unavailable"] = {"audit": {"status": 403, "reason": "denied"}}
    root = ET.fromstring(to_junit(evaluate(data, {"disabled": ["DC1-USER-001"]})).encode("utf-8"))
    for cid, word in (("DC1-AUDIT-001", "NOT evaluated"), ("DC1-USER-001", "disabled")):
        cases = [c for c in root.iter("testcase") if c.get("classname") == cid]
        assert cases and all(c.find("skipped") is not None and word in c.find("skipped").get("message")
                             and c.find("failure") is None for c in cases)


def test_reports_name_the_owner_and_account_of_a_credential():
    data = facts()
    result = evaluate(data)
    html, md = to_html(result, data), to_markdown(result)
    assert "owner: svc-ok" in html and "| svc-ok |" in md
    next_rows = html.split("Next to expire")[1].split("</table>")[0]
    assert "svc-ok" in next_rows and "Name acc-1" in next_rows


def test_markdown_and_html_escape_hostile_strings():
    data = hostile_facts()
    result = evaluate(data)
    for text in (to_markdown(result), to_html(result, data)):
        assert "<script>" not in text and "<img" not in text and "\x00" not in text.replace("&#x0;", "")
        assert "&lt;script&gt;" in text
    md = to_markdown(result)
    assert "\\|" in md and "\\`rm\\`" in md
    for line in md.splitlines():
        if line.startswith("| "):
            assert line.count(" | ") == line.replace("\\|", "").count(" | ")


def test_html_is_self_contained():
    data = facts()
    html = to_html(evaluate(data), data)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:|//|data:|javascript:)""", html, re.I)
    assert "<script" not in html.lower() and "<link" not in html.lower() and "@import" not in html
    assert "url(" not in html and "<svg" in html and "today" in html
    assert "NOT evaluated" not in html.split("<h2>Checks")[1].split("Credential expiry")[0]


def test_not_evaluated_is_marked_in_markdown_and_html():
    data = facts()
    data["unavailable"] = {"audit": {"status": 403, "reason": "GET /audit-log HTTP 403"}}
    result = evaluate(data)
    assert "**NOT evaluated**" in to_markdown(result)
    assert "NOT evaluated: this check did not pass or fail" in to_html(result, data)


def test_reports_hold_no_secret_field_values(tmp_path):
    data = facts()
    secrets = ["s3cr3t-api-key-value", "tok-VALUE-123", "-----BEGIN PRIVATE KEY-----abc"]
    data["api_tokens"][0].update(token=secrets[0], api_key=secrets[1])
    data["client_certificates"][0]["private_key"] = secrets[2]
    paths = write_reports(evaluate(data), data, str(tmp_path))["paths"]
    assert sorted(os.path.basename(p) for p in paths.values()) == sorted(FILENAMES.values())
    for path in paths.values():
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        for secret in secrets:
            assert secret not in text
    keys = set()

    def walk(obj):
        if isinstance(obj, dict):
            keys.update(k.lower() for k in obj)
            for v in obj.values():
                walk(v)
        elif isinstance(obj, list):
            for v in obj:
                walk(v)
    with open(paths["json"], encoding="utf-8") as handle:
        walk(json.load(handle))
    assert not {k for k in keys if re.search("token$|key$|secret|password", k)}


def test_write_reports_is_atomic_idempotent_and_check_mode_writes_nothing(tmp_path):
    data = facts()
    result = evaluate(data)
    target = tmp_path / "out" / "nested"
    dry = write_reports(result, data, str(target), check_mode=True)
    assert len(dry["changed"]) == 4 and not target.exists() and dry["paths"] == {}  # nothing named as written
    first = write_reports(result, data, str(target))
    assert len(first["changed"]) == 4
    assert write_reports(result, data, str(target))["changed"] == []
    assert write_reports(result, data, str(target), check_mode=True)["changed"] == []
    assert sorted(os.listdir(str(target))) == sorted(FILENAMES.values())  # no temporary files left
    only = write_reports(evaluate(data, {"fail_on": "high"}), data, str(target), formats=["json"])
    assert list(only["paths"]) == ["json"] and len(only["changed"]) == 1
