# -*- coding: utf-8 -*-
"""Trust Lifecycle certificates in compliance: the three DC1-TLM checks, unknowns, attribution, merge, reports."""

import copy
import xml.etree.ElementTree as ET

import pytest
from compliance_fixture import A1, A2, facts

from ansible_collections.digicert.one.plugins.plugin_utils._compliance.engine import evaluate
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.merge import merge_facts
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.report_html import soonest, to_html
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.report_junit import to_junit
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.report_timeline import LANES, expiries
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.reports import to_markdown

TLM = ("DC1-TLM-001", "DC1-TLM-002", "DC1-TLM-003")


def flagged(result, cid):
    return {f["object_id"] for f in result["findings"] if f["check"] == cid}


def row(result, cid):
    return next(c for c in result["checks"] if c["id"] == cid)


def cert(data, serial):
    return next(c for c in data["certificates"] if c["serial_number"] == serial)


def test_statuses_in_either_case_give_the_same_verdicts():
    data = facts()
    for item in data["certificates"]:
        item["status"] = item["status"].upper()
    assert dict((c, flagged(evaluate(data), c)) for c in TLM) == dict((c, flagged(evaluate(facts()), c)) for c in TLM)


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
    data = facts()
    for item in data["certificates"]:
        item.pop("account")
        item["account_id"] = None  # the tenant mode on the spec's example fields
    soon = next(f for f in evaluate(data)["findings"] if f["check"] == "DC1-TLM-001")
    assert soon["account_id"] is None and soon["account_name"] == "(no account)" and soon["account_ids"] == []


@pytest.mark.parametrize("field, checks", [
    ("status", TLM),
    ("valid_to", ("DC1-TLM-001", "DC1-TLM-002")),
])
def test_a_field_no_certificate_sent_leaves_the_checks_not_evaluated(field, checks):
    data = facts()
    for item in data["certificates"]:
        item.pop(field)
        if field == "valid_to":
            item["expires_at"] = item["days_to_expiry"] = None  # as _certificates.normalise leaves them
    result = evaluate(data)
    for cid in checks:
        assert row(result, cid)["status"] == "not_evaluated" and "certificates.%s" % field in row(result, cid)["reason"]
        assert not flagged(result, cid)


def test_an_unreadable_valid_to_is_unknown_never_a_pass():
    data = facts()
    broken = cert(data, "70A1")
    broken.update(valid_to="20261209", expires_at=None, days_to_expiry=None)  # sent, but not a date
    result = evaluate(data)
    assert "70A1" not in flagged(result, "DC1-TLM-001")
    assert {(u["check"], u["object_id"], u["missing"]) for u in result["unknown"]} >= {
        ("DC1-TLM-001", "70A1", "certificates.valid_to"), ("DC1-TLM-002", "70A1", "certificates.valid_to")}
    assert row(result, "DC1-TLM-001")["status"] == "passed" and result["passed"] is False


def test_a_revoked_certificate_without_its_revocation_is_unknown_for_key_compromise():
    data = facts()
    cert(data, "70A6").pop("revocation")
    result = evaluate(data)
    assert not flagged(result, "DC1-TLM-003") and row(result, "DC1-TLM-003")["unknown"] == 1
    assert row(result, "DC1-TLM-003")["missing_fields"] == ["certificates.revocation.reason"]
    unset = evaluate(data, {"absent_as_unset": ["certificates.revocation.reason"]})
    assert row(unset, "DC1-TLM-003")["unknown"] == 0 and not flagged(unset, "DC1-TLM-003")


@pytest.mark.parametrize("reason", ["KEY_COMPROMISE", "keyCompromise", "key compromise"])
def test_key_compromise_in_any_spelling(reason):
    data = facts()
    cert(data, "70A6")["revocation"]["reason"] = reason
    assert flagged(evaluate(data), "DC1-TLM-003") == {"70A6"}


def test_the_last_day_is_expiring_and_the_grace_of_expired_but_issued():
    data = facts()
    today = cert(data, "70A2")
    today.update(valid_to="2026-11-23", expires_at="2026-11-23T23:59:59Z", days_to_expiry=0)
    assert "70A2" in flagged(evaluate(data), "DC1-TLM-001")
    today.update(valid_to="2026-11-22", expires_at="2026-11-22T23:59:59Z", days_to_expiry=-1)  # ended 10 hours ago
    result = evaluate(data)
    assert "70A2" not in flagged(result, "DC1-TLM-001") and "70A2" in flagged(result, "DC1-TLM-002")
    graced = evaluate(data, {"thresholds": {"DC1-TLM-002": 1}})
    assert flagged(graced, "DC1-TLM-002") == {"70A4"}


def test_account_hosts_merge_certificates_by_serial_number_and_thumbprint():
    whole = facts()
    hosts = []
    for account in (A1, A2):
        part = copy.deepcopy(whole)
        part["certificates"] = [c for c in whole["certificates"] if c["account_id"] == account]
        hosts.append((account, part))
    twin = copy.deepcopy(cert(whole, "70A1"))
    twin["thumbprint"] = "FF" * 32  # the same serial number from another CA: another certificate
    hosts[1][1]["certificates"] += [copy.deepcopy(cert(whole, "70A1")), twin]
    merged = merge_facts(hosts)
    assert len(merged["certificates"]) == len(whole["certificates"]) + 1
    assert flagged(evaluate(merged), "DC1-TLM-001") == {"70A1"}
    assert len([f for f in evaluate(merged)["findings"] if f["check"] == "DC1-TLM-001"]) == 2


def test_facts_of_a_host_gathered_before_certificates_existed_are_not_evaluated():
    old = facts()
    del old["certificates"]
    result = evaluate(merge_facts([("a", facts()), ("b", old)]))
    for cid in TLM:
        assert row(result, cid)["status"] == "not_evaluated" and "not in dc1_facts (on b)" in row(result, cid)["reason"]
    assert set(evaluate(old)["not_evaluated"]) == set(TLM)


def test_the_timeline_has_a_certificates_lane_and_next_to_expire_includes_them():
    data = facts()
    assert [lane[0] for lane in LANES][-1] == "certificate"
    lane = expiries(data)["certificate"]
    # issued ones only: 70A1 (15 days), 70A2 (later), 70A4 (expired); not the revoked, expired or suspended ones
    assert sorted(i["name"] for i in lane["items"]) == ["host-70a1.example.com", "host-70a2.example.com",
                                                        "host-70a4.example.com"]
    assert lane["unknown"] == 0 and lane["never"] == 0
    rows = [r for r in soonest(data, limit=40) if r["kind"] == "Certificate"]
    assert [(r["name"], r["account"]) for r in rows][:2] == [("host-70a4.example.com", "Name acc-2"),
                                                             ("host-70a1.example.com", "Name acc-1")]
    cert(data, "70A2").update(expires_at=None, days_to_expiry=None)
    assert expiries(data)["certificate"]["unknown"] == 1
    html = to_html(evaluate(data), data)
    assert "Certificates</text>" in html and "DC1-TLM-001: 30 days" in html and "host-70a1.example.com" in html


def test_the_four_formats_carry_the_certificate_checks():
    data = facts()
    result = evaluate(data)
    junit = ET.fromstring(to_junit(result).encode("utf-8"))
    failures = dict((f.get("type"), f) for f in junit.iter("failure"))
    assert set(TLM) <= set(failures) and "70A6" in failures["DC1-TLM-003"].text
    markdown = to_markdown(result)
    for cid in TLM:
        assert "### %s" % cid in markdown
    html = to_html(result, data)
    assert all('id="%s"' % cid in html for cid in TLM) and "<td>Certificate</td>" in html
