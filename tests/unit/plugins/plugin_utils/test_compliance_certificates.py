# -*- coding: utf-8 -*-
"""Trust Lifecycle certificates in compliance: the DC1-TLM checks as the gathering streamed them, unknowns,
attribution, merge, reports. Each case changes the items the server sends and streams them again, as a run would."""

import copy
import xml.etree.ElementTree as ET

import pytest
from compliance_fixture import A1, A2, LIFECYCLE, facts, judge

from ansible_collections.digicert.one.plugins.plugin_utils._compliance.engine import evaluate
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.merge import merge_facts
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.report_html import soonest, to_html
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.report_junit import to_junit
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.report_timeline import HORIZON, LANES, expiries, size
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.reports import to_markdown

TLM = ("DC1-TLM-001", "DC1-TLM-002", "DC1-TLM-003")


def items(change=None):
    """A copy of the served certificates, ``change(item)`` applied to each (it may return False to drop one)."""
    out = []
    for item in copy.deepcopy(LIFECYCLE):
        if change is None or change(item) is not False:
            out.append(item)
    return out


def served(serial, **fields):
    """The served certificates with ``fields`` changed on one of them (a None value removes the field)."""
    def change(item):
        if item["serial_number"] == serial:
            for key, value in fields.items():
                item.pop(key) if value is None else item.update({key: value})
    return items(change)


def flagged(result, cid):
    return {f["object_id"] for f in result["findings"] if f["check"] == cid}


def row(result, cid):
    return next(c for c in result["checks"] if c["id"] == cid)


def cert(data, serial):
    return next(c for c in data["certificates"] if c["serial_number"] == serial)


def test_statuses_in_either_case_give_the_same_verdicts():
    upper = items(lambda item: item.update(status=item["status"].upper()))
    assert dict((c, flagged(judge(items=upper), c)) for c in TLM) == dict((c, flagged(judge(), c)) for c in TLM)


def test_a_finding_names_the_certificate_its_account_and_its_seat():
    result = evaluate(facts())
    expired = next(f for f in result["findings"] if f["check"] == "DC1-TLM-002")
    assert (expired["object_type"], expired["object_id"], expired["object_name"]) == \
        ("certificate", "70A4", "host-70a4.example.com")
    assert expired["account_id"] == A2 and expired["account_name"] == "Name acc-2" and expired["owner"] is None
    assert expired["details"]["seat_id"] == "seat-70A4" and expired["details"]["days_to_expiry"] == -8
    compromised = next(f for f in result["findings"] if f["check"] == "DC1-TLM-003")
    assert compromised["details"]["revocation_date"] == "2026-11-10" and "key compromise" in compromised["message"]


def test_a_certificate_without_an_account_belongs_to_no_account():
    def no_account(item):
        item.pop("account")
        item.pop("account_id")  # the tenant mode on the spec's example fields
    result = judge(items=items(no_account))
    soon = next(f for f in result["findings"] if f["check"] == "DC1-TLM-001")
    assert soon["account_id"] is None and soon["account_name"] == "(no account)" and soon["account_ids"] == []
    assert row(result, "DC1-TLM-001")["findings_by_account"] == {"": 1}


@pytest.mark.parametrize("field, checks", [
    ("status", TLM + ("DC1-TLM-004", "DC1-TLM-007", "DC1-TLM-009")),
    ("valid_to", ("DC1-TLM-001", "DC1-TLM-002")),
])
def test_a_field_no_certificate_sent_leaves_the_checks_not_evaluated(field, checks):
    result = judge(items=items(lambda item: item.pop(field)))
    for cid in checks:
        assert row(result, cid)["status"] == "not_evaluated" and "certificates.%s" % field in row(result, cid)["reason"]
        assert not flagged(result, cid)


def test_an_unreadable_valid_to_is_unknown_never_a_pass():
    result = judge(items=served("70A1", valid_to="soon"))  # sent, but not a date
    assert "70A1" not in flagged(result, "DC1-TLM-001")
    assert {(u["check"], u["object_id"], u["missing"]) for u in result["unknown"]} >= {
        ("DC1-TLM-001", "70A1", "certificates.valid_to"), ("DC1-TLM-002", "70A1", "certificates.valid_to")}
    assert row(result, "DC1-TLM-001")["status"] == "passed" and result["passed"] is False


def test_a_revoked_certificate_without_its_revocation_is_unknown_for_key_compromise():
    revoked = served("70A6", revocation=None)
    result = judge(items=revoked)
    assert not flagged(result, "DC1-TLM-003") and row(result, "DC1-TLM-003")["unknown"] == 1
    assert row(result, "DC1-TLM-003")["missing_fields"] == ["certificates.revocation.reason"]
    unset = judge({"absent_as_unset": ["certificates.revocation.reason"]}, items=revoked)
    assert row(unset, "DC1-TLM-003")["unknown"] == 0 and not flagged(unset, "DC1-TLM-003")


@pytest.mark.parametrize("reason", ["KEY_COMPROMISE", "keyCompromise", "key compromise"])
def test_key_compromise_in_any_spelling(reason):
    spelled = served("70A6", revocation={"reason": reason, "revocation_date": "2026-11-10", "comments": ""})
    assert flagged(judge(items=spelled), "DC1-TLM-003") == {"70A6"}


def test_the_last_day_is_expiring_and_the_grace_of_expired_but_issued():
    assert "70A2" in flagged(judge(items=served("70A2", valid_to="2026-11-23")), "DC1-TLM-001")
    ended = served("70A2", valid_to="2026-11-22")  # ended 10 hours ago
    result = judge(items=ended)
    assert "70A2" not in flagged(result, "DC1-TLM-001") and "70A2" in flagged(result, "DC1-TLM-002")
    graced = judge({"thresholds": {"DC1-TLM-002": 1}}, items=ended)
    assert flagged(graced, "DC1-TLM-002") == {"70A4"}


def test_facts_streamed_with_other_settings_are_not_evaluated_for_the_checks_they_change():
    result = evaluate(facts(), {"thresholds": {"DC1-TLM-001": 60}})  # the facts ran the check at 30 days
    assert row(result, "DC1-TLM-001")["status"] == "not_evaluated"
    assert "threshold 30 for DC1-TLM-001, this evaluation asks 60" in row(result, "DC1-TLM-001")["reason"]
    assert row(result, "DC1-TLM-002")["status"] == "failed"  # the others ran as asked
    public = evaluate(facts(), {"public_issuers": ["Example Corp"]})
    assert row(public, "DC1-TLM-006")["status"] == "not_evaluated" and row(public, "DC1-TLM-004")["status"] == "failed"


def test_counts_are_exact_although_the_list_is_capped(monkeypatch):
    from ansible_collections.digicert.one.plugins.module_utils._lifecycle import stream  # noqa: PLC0415
    monkeypatch.setattr(stream, "LISTED", 1)
    result = judge()
    assert row(result, "DC1-TLM-004")["findings"] == 2 and len(flagged(result, "DC1-TLM-004")) == 1
    assert row(result, "DC1-TLM-004")["listed"] == {"findings": 1, "unknown": 0}


def test_account_hosts_add_up_their_certificate_digests():
    whole = judge()
    hosts = [(account, facts(items=items(lambda item, a=account: item["account_id"] == a))) for account in (A1, A2)]
    merged = merge_facts(hosts)
    assert merged["certificate_posture"]["certificates"] == len(LIFECYCLE)
    result = evaluate(merged)
    for cid in TLM + ("DC1-TLM-004", "DC1-TLM-008", "DC1-TLM-009"):
        assert row(result, cid)["findings"] == row(whole, cid)["findings"] and flagged(result, cid) == flagged(whole, cid)


def test_facts_of_a_host_gathered_before_certificates_were_streamed_are_not_evaluated():
    old = facts()
    del old["certificates"], old["certificate_posture"]
    result = evaluate(merge_facts([("a", facts()), ("b", old)]))
    for cid in TLM:
        assert row(result, cid)["status"] == "not_evaluated" and "not in dc1_facts (on b)" in row(result, cid)["reason"]
    assert set(TLM) <= set(evaluate(old)["not_evaluated"])


def test_the_timeline_counts_issued_certificates_per_day_and_next_to_expire_names_the_kept_ones():
    data = facts()
    assert [lane[0] for lane in LANES][-1] == "certificate"
    lane = expiries(data)["certificate"]
    # issued ones only, from the digest's exact counts: 70A1 (15 days), 70A4 (expired), 70A2 and the posture cases
    # (later than the horizon); not the revoked, expired or suspended ones
    issued = sum(1 for item in LIFECYCLE if item["status"] == "issued")
    assert size(lane["items"]) == issued and lane["unknown"] == 0 and lane["never"] == 0
    assert [(i["days"], i["count"]) for i in lane["items"] if i["days"] <= HORIZON] == [(15, 1), (-1, 1)]
    rows = [r for r in soonest(data, limit=40) if r["kind"] == "Certificate"]
    assert [(r["name"], r["account"]) for r in rows][:2] == [("host-70a4.example.com", "Name acc-2"),
                                                             ("host-70a1.example.com", "Name acc-1")]
    unknown = facts(items=served("70A2", valid_to="soon"))
    assert expiries(unknown)["certificate"]["unknown"] == 1
    html = to_html(evaluate(data), data)
    assert "Certificates</text>" in html and "DC1-TLM-001: 30 days" in html and "host-70a1.example.com" in html


def test_the_four_formats_carry_the_certificate_checks():
    data = facts()
    result = evaluate(data)  # the facts and the evaluation with the same (default) settings
    junit = ET.fromstring(to_junit(result).encode("utf-8"))
    failures = dict((f.get("type"), f) for f in junit.iter("failure"))
    assert set(TLM) <= set(failures) and "70A6" in failures["DC1-TLM-003"].text
    markdown = to_markdown(result)
    for cid in TLM:
        assert "### %s" % cid in markdown
    html = to_html(result, data)
    assert all('id="%s"' % cid in html for cid in TLM) and "<td>Certificate</td>" in html


def test_the_reports_show_the_posture_by_owner_business_unit_profile_and_issuer():
    data = facts()
    result = evaluate(data)
    posture = result["certificate_posture"]
    assert posture["certificates"] == len(LIFECYCLE) and posture["by_key_type"]["RSA 1024"] == 1
    issuers = dict((row["id"], row) for row in posture["groups"]["issuer"]["groups"])
    public = next(row for issuer, row in issuers.items() if "DigiCert Inc" in issuer)
    assert public["certificates"] == 1 and public["findings"] == 1  # 7B04: DC1-TLM-006
    owners = posture["groups"]["owner"]
    assert sum(row["certificates"] for row in owners["groups"]) + owners["other"]["certificates"] == len(LIFECYCLE)
    no_owner = next(row for row in owners["groups"] if row["id"] is None)
    assert no_owner["certificates"] == 3 and no_owner["findings"] == 2  # seat null, {} and absent: absent is unknown
    markdown = to_markdown(result)
    assert "### Certificate posture" in markdown and "| Business unit | Certificates |" in markdown
    assert "| BU 1 (bu-1) | %d |" % len(LIFECYCLE) in markdown
    html = to_html(result, data)
    assert 'id="certificate-posture"' in html and "<h3>By issuer</h3>" in html
