# -*- coding: utf-8 -*-
"""Reports count as changed when what they say changed, the clock aside; they are rewritten either way."""

import json

from compliance_fixture import facts

from ansible_collections.digicert.one.plugins.plugin_utils._compliance.engine import evaluate
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.reports import content_key, write_reports


def one_day_later(result):
    """The same evaluation a day later: every instant and day count moved, nothing else."""
    text = json.dumps(result).replace("2026-11-23T10:00:00Z", "2026-11-24T10:00:00Z")
    text = text.replace("2026-10-24", "2026-10-25")
    later = json.loads(text)
    for item in later["findings"]:
        for key in ("days_to_expiry", "age_days"):
            if key in item.get("details", item):
                (item.get("details") or item)[key] = 7
        item["message"] = item["message"].replace("1 day", "2 day").replace("10 day", "11 day")
    return later


def test_the_clock_alone_does_not_change_the_key_a_finding_does():
    result = evaluate(facts())
    assert json.dumps(one_day_later(result)) != json.dumps(result)
    assert content_key(one_day_later(result)) == content_key(result)
    fewer = dict(result, findings=result["findings"][1:])
    assert content_key(fewer) != content_key(result)
    severity = json.loads(json.dumps(result))
    severity["findings"][0]["severity"] = "low"
    assert content_key(severity) != content_key(result)


def test_rewritten_but_not_changed_when_only_the_clock_moved(tmp_path):
    result = evaluate(facts())
    first = write_reports(result, facts(), str(tmp_path))
    assert len(first["changed"]) == 4 and len(first["created"]) == 4
    later = one_day_later(result)
    second = write_reports(later, facts(), str(tmp_path))
    assert second["changed"] == []
    assert json.loads((tmp_path / "compliance.json").read_text())["collected_at"] == "2026-11-24T10:00:00Z"
    (tmp_path / "compliance.md").unlink()
    assert [p.rsplit("/", 1)[1] for p in write_reports(later, facts(), str(tmp_path))["changed"]] == ["compliance.md"]
    fewer = dict(later, findings=later["findings"][1:])
    assert len(write_reports(fewer, facts(), str(tmp_path))["changed"]) == 4


def test_check_mode_says_what_would_change_on_the_same_terms(tmp_path):
    result = evaluate(facts())
    write_reports(result, facts(), str(tmp_path))
    assert write_reports(one_day_later(result), facts(), str(tmp_path), check_mode=True)["changed"] == []
    assert json.loads((tmp_path / "compliance.json").read_text())["collected_at"] == "2026-11-23T10:00:00Z"
