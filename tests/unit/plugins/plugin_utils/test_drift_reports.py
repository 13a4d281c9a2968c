# -*- coding: utf-8 -*-
"""drift.json, drift.md, the HTML section in compliance.html, and the --diff list."""

import json
import os
from html.parser import HTMLParser

import pytest
from drift_fixture import BEFORE, later, token, user

from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.engine import evaluate
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.report_html import to_html
from ansible_collections.digicert.one.plugins.plugin_utils._drift.engine import compare, summary
from ansible_collections.digicert.one.plugins.plugin_utils._drift.output import (
    MD_ROWS,
    ansible_diff,
    to_markdown,
    write_reports,
)
from ansible_collections.digicert.one.plugins.plugin_utils._drift.report import HTML_ROWS, html_section, load_report

EVIL = "<script>alert(1)</script>|`x`"


def drifted():
    after = later(BEFORE)
    after["users"] = [u for u in after["users"] if u["id"] != "carol"] + [user("erin"), user("mallory", user_name=EVIL)]
    after["users"][1]["status"] = "DISABLED"
    after["api_tokens"].append(token("t-erin", "erin"))
    return compare(BEFORE, after)


def test_summary_is_one_line_with_every_signal():
    assert summary(drifted()) == (
        "5 change(s) since 2026-06-01T00:00:00Z: users +2 -1 ~1, api_tokens +1; signals: new_admins 0, "
        "new_api_tokens 1, removed_users 1, status_changes 1, role_changes 0; not compared: none")


def test_markdown_escapes_names_and_lists_signals_and_resources():
    text = to_markdown(drifted())
    assert text.startswith("## DigiCert ONE drift: 5 change(s) since 2026-06-01T00:00:00Z\n")
    assert "<script>" not in text and "&lt;script&gt;" in text and "\\|" in text
    assert "| bob | Account acc-1 | users | status: ACTIVE \u2192 DISABLED |" in text
    assert "### New API tokens (1)" in text and "| t-erin | Account acc-1 | erin | 2026-12-31T23:59:59Z |" in text
    assert "| users | 2 | 1 | 1 |" in text


def test_markdown_tables_stop_at_the_row_limit():
    after = later(BEFORE)
    after["users"] += [user("u%03d" % i) for i in range(MD_ROWS + 5)]
    text = to_markdown(compare(BEFORE, after))
    assert "| ... 5 more in drift.json |" in text


def test_html_section_escapes_and_caps_rows():
    section = "\n".join(html_section(drifted()))
    assert "<script>" not in section and "&lt;script&gt;" in section
    assert '<section class="drift" id="drift"><h2>Changes since 2026-06-01T00:00:00Z</h2>' in section
    parser = HTMLParser()
    parser.feed(section)  # well-formed enough to parse
    after = later(BEFORE)
    after["users"] += [user("u%04d" % i) for i in range(HTML_ROWS + 1)]
    assert "1 more in drift.json" in "\n".join(html_section(compare(BEFORE, after)))
    assert html_section(None) == []


def test_the_compliance_report_shows_the_drift_as_a_section_only_when_given():
    facts = later(BEFORE)
    outcome = evaluate(facts, {})
    assert 'id="drift"' not in to_html(outcome, facts)
    page = to_html(dict(outcome, drift=drifted()), facts)
    assert page.index('id="drift"') < page.index("<h2>Checks</h2>")


def test_load_report_from_a_file_or_a_registered_result(tmp_path):
    report = drifted()
    path = tmp_path / "drift.json"
    path.write_text(json.dumps(report))
    assert load_report(str(path))["counts"] == report["counts"]
    assert load_report(dict(report, msg="registered"))["drift"] == report["drift"]
    with pytest.raises(DC1ConfigError, match=r"not a digicert\.one\.dc1_facts_diff report"):
        load_report({"counts": {}})
    with pytest.raises(DC1ConfigError, match="cannot read the drift report"):
        load_report(str(tmp_path / "missing.json"))


def test_ansible_diff_as_fact_diff_shows_it_each_field_under_its_object_added_and_removed_apart():
    diff = ansible_diff(drifted())
    assert [d["before_header"] for d in diff] == [
        "users changed (2026-06-01T00:00:00Z)", "users removed (2026-06-01T00:00:00Z)",
        "users added (2026-06-01T00:00:00Z)", "api_tokens added (2026-06-01T00:00:00Z)"]
    heads = [d["after_header"].split(" (")[0] for d in diff]
    assert heads == ["users changed", "users removed", "users added", "api_tokens added"]
    changed, removed, added, tokens = diff
    assert changed["before"] == {"bob [bob]": {"status": "ACTIVE"}}  # each changed field under its own object
    assert changed["after"] == {"bob [bob]": {"status": "DISABLED"}}
    assert removed["before"] == {"carol [carol]": {"account": "Account acc-2"}} and removed["after"] is None
    assert added["before"] is None and sorted(added["after"]) == sorted(["erin [erin]", "%s [mallory]" % EVIL])
    assert tokens["after"] == {"t-erin [t-erin]": {"account": "Account acc-1", "owner": "erin"}}


def test_write_reports_atomically_and_not_in_check_mode(tmp_path):
    report = drifted()
    target = tmp_path / "reports"
    planned = write_reports(report, str(target), check_mode=True)
    assert planned["paths"] == {} and len(planned["changed"]) == 2 and not target.exists()
    done = write_reports(report, str(target))
    assert sorted(os.listdir(str(target))) == ["drift.json", "drift.md"]
    assert json.loads((target / "drift.json").read_text())["counts"]["total"] == 5
    assert write_reports(report, str(target))["changed"] == [] and done["changed"]
