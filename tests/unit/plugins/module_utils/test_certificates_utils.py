# -*- coding: utf-8 -*-
"""_lifecycle/certificates.py (Trust Lifecycle certificates): option checks, normalisation, identity, malformed items, the expiry window."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.digicert.one.plugins.module_utils._lifecycle import certificates as certs
from ansible_collections.digicert.one.plugins.module_utils._lifecycle import x509
from ansible_collections.digicert.one.plugins.module_utils._dates import UTC
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError, DC1Error, DC1ResponseError

from dc1_fakes import make_client, paged, response
from x509_bodies import body

NOW = datetime.datetime(2026, 6, 15, 12, 0, 0, tzinfo=UTC)
SEARCH = "/mpki/api/v1/certificate-search"
UUID = "57ff4149-16e9-4eef-8ac4-cc105216a736"
SERIAL = "4099ABF9C1BB7C02BBE1CDC7836CA9D58A71C2A5"
THUMB = "AB" * 32


def cert(serial, valid_to="2027-01-01T00:00:00Z", **fields):
    return dict({"serial_number": serial, "common_name": "host-%s.example.com" % serial.lower(),
                 "status": "issued", "valid_from": "2026-01-01T00:00:00Z", "valid_to": valid_to,
                 "certificate": "MIIEAjCCAuqgAwIBAgIU" + serial}, **fields)


def read(items, envelope="envelope", cap=None, page_size=100, parse=False, **options):
    client = make_client(paged(items, envelope, cap=cap), page_size=page_size)
    warnings = []
    result = certs.read(client, dict({"reference_time": NOW}, **options), warn=warnings.append, parse=parse)
    return result, warnings, client.session.calls


# -- options, checked before any request ---------------------------------------------------------------------
@pytest.mark.parametrize("options,word", [
    ({"account_id": "123"}, "account_id must be a UUID"),
    ({"profile_id": "x"}, "profile_id must be a UUID"),
    ({"status": "valid"}, "status must be one of ISSUED, EXPIRED, REVOKED, SUSPENDED (in either case)"),
    ({"seat_type_id": "seat"}, "seat_type_id must be one of USER_SEAT"),
    ({"valid_to": "2026-02-30"}, "not a real date"),
    ({"valid_from": "15.06.2026"}, "YYYY-MM-DD"),
    ({"serial_number": "4099-ABF9"}, "serial_number must be hexadecimal digits"),
    ({"thumbprint": "ABCD"}, "thumbprint must be 64 hexadecimal digits"),
    ({"common_name": "a\nb"}, "control characters"),
    ({"expires_within_days": -1}, "expires_within_days must be between 0 and"),
    ({"max_results": 0}, "max_results must be at least 1"),
    ({"reference_time": "soon"}, "reference_time must be a date"),
])
def test_bad_options_fail_before_any_request(options, word):
    client = make_client(lambda *a: pytest.fail("no request expected"))
    with pytest.raises(DC1ConfigError, match=word.replace("(", r"\(").replace(")", r"\)")):
        certs.read(client, options)
    assert client.session.calls == []


def test_enums_in_either_case_are_sent_as_the_spec_spells_them():
    plan = certs.plan({"status": "issued", "seat_type_id": "server_seat", "serial_number": "4099abf9",
                       "thumbprint": ("ab:" * 32)[:-1], "reference_time": NOW})
    assert plan.query == {"status": "ISSUED", "seat_type_id": "SERVER_SEAT", "serial_number": "4099ABF9",
                          "thumbprint": THUMB}
    assert certs.plan({"status": "REVOKED"}).query == {"status": "REVOKED"}


def test_serial_number_alone_reads_one_certificate_with_filters_it_is_a_filter():
    assert certs.plan({"serial_number": SERIAL.lower()}).serial == SERIAL
    with_filter = certs.plan({"serial_number": SERIAL, "thumbprint": THUMB})
    assert with_filter.serial is None and with_filter.query["serial_number"] == SERIAL


def test_the_window_narrows_the_server_answer_with_valid_to_and_slack():
    assert certs.plan({"expires_within_days": 30, "reference_time": NOW}).query == {"valid_to": "2026-07-17"}
    # the user's own valid_to wins when it is earlier, and is narrowed when it is later
    assert certs.plan({"expires_within_days": 30, "valid_to": "2026-07-01", "reference_time": NOW}).query == {
        "valid_to": "2026-07-01"}
    assert certs.plan({"expires_within_days": 30, "valid_to": "2027-01-01", "reference_time": NOW}).query == {
        "valid_to": "2026-07-17"}


# -- normalisation -------------------------------------------------------------------------------------------
def test_date_time_and_date_valid_to_both_read_a_date_is_the_end_of_that_day():
    as_example = certs.normalise(cert("A1", "2026-07-01T00:00:00Z"), NOW)[0]
    as_schema = certs.normalise(cert("A1", "2026-07-01"), NOW)[0]
    assert as_example["expires_at"] == "2026-07-01T00:00:00Z" and as_example["days_to_expiry"] == 15
    assert as_schema["expires_at"] == "2026-07-01T23:59:59Z" and as_schema["days_to_expiry"] == 16
    past = certs.normalise(cert("A1", "2026-06-15"), NOW)[0]
    assert past["days_to_expiry"] == 0  # still valid until 23:59:59 UTC today
    gone = certs.normalise(cert("A1", "2026-06-14"), NOW)[0]
    assert gone["days_to_expiry"] == -1


def test_served_fields_are_kept_and_the_pem_body_only_on_request():
    served = cert("A1", revocation={"reason": "key_compromise", "revocation_date": "2026-06-10T00:00:00Z"})
    out, problem = certs.normalise(served, NOW)
    assert problem is None and "certificate" not in out
    assert dict(out, certificate=served["certificate"], expires_at=None, days_to_expiry=None) == dict(
        served, expires_at=None, days_to_expiry=None)
    with_pem = certs.normalise(served, NOW, include_pem=True)[0]
    assert with_pem["certificate"] == served["certificate"]


@pytest.mark.parametrize("item,kept,words", [
    ("oops", False, ["item 3 is a string, not an object; skipped"]),
    (None, False, ["item 3 is null"]),
    ({"common_name": "orphan.example.com", "valid_to": "2027-01-01"}, False,
     ["item 3 (common_name 'orphan.example.com') has no serial_number; skipped"]),
    ({"serial_number": "", "common_name": "x"}, False, ["has no serial_number"]),
    (cert("BAD1", valid_to=20270101), True, ["certificate BAD1", "has valid_to 20270101, not a date", "null"]),
    (cert("BAD2", valid_to="next year"), True, ["certificate BAD2", "'next year'"]),
    ({"serial_number": "BAD3", "common_name": "nodate"}, True, ["certificate BAD3 (common_name 'nodate') has no valid_to"]),
])
def test_one_malformed_item_is_a_named_warning_not_a_failed_listing(item, kept, words):
    items = [cert("A1"), cert("A2"), item, cert("A4")]
    result, warnings, _calls = read(items)
    serials = [c["serial_number"] for c in result["certificates"]]
    assert serials[:2] == ["A1", "A2"] and serials[-1] == "A4" and len(serials) == (4 if kept else 3)
    assert len(result["malformed"]) == 1 and warnings == result["malformed"]
    assert warnings[0].startswith("GET %s: " % SEARCH)
    for word in words:
        assert word in warnings[0]
    if kept:
        bad = result["certificates"][2]
        assert bad["expires_at"] is None and bad["days_to_expiry"] is None


def test_malformed_items_are_never_within_the_window_and_warnings_are_capped():
    items = [cert("S%02d" % i, valid_to="soon") for i in range(8)] + [cert("OK", "2026-06-20T00:00:00Z")]
    result, warnings, _calls = read(items, expires_within_days=30)
    assert [c["serial_number"] for c in result["certificates"]] == ["OK"]
    assert len(result["malformed"]) == 8 and len(warnings) == certs.MAX_WARNINGS + 1
    assert warnings[-1].startswith("3 more malformed certificate items")


# -- x509 attributes from the body ----------------------------------------------------------------------------
def test_parse_adds_the_body_s_attributes_and_still_drops_the_body():
    served = cert("A1", certificate=body(dns=("a1.example.com",)))
    out, problem = certs.normalise(served, NOW, parse=True)
    assert problem is None and "certificate" not in out
    assert out["x509"] == x509.parse(served["certificate"])[0] and out["x509"]["dns_names"] == ["a1.example.com"]
    assert certs.normalise(served, NOW, include_pem=True, parse=True)[0]["certificate"] == served["certificate"]
    assert "x509" not in certs.normalise(served, NOW)[0]  # not asked: no key at all (the inventory only counts)


@pytest.mark.parametrize("fields", [{"certificate": None}, {"certificate": "  \n"}, {}])
def test_no_body_is_unknown_attributes_without_a_problem(fields):
    served = dict(cert("A1"), **fields)
    if not fields:
        del served["certificate"]
    out, problem = certs.normalise(served, NOW, parse=True)
    assert problem is None and out["x509"] is None


def test_a_body_that_does_not_parse_keeps_the_certificate_and_names_it():
    out, problem = certs.normalise(cert("B1", certificate="MIIEAjCCAuqgAwIBAgIU"), NOW, position=3, parse=True)
    assert out["serial_number"] == "B1" and out["x509"] is None and out["days_to_expiry"] is not None
    assert problem.startswith("certificate B1 (common_name 'host-b1.example.com'): certificate body (base64 DER) "
                              "does not parse: ") and problem.endswith("; its x509 is null")
    both = certs.normalise(cert("B2", valid_to="soon", certificate="MIIB"), NOW, parse=True)[1]
    assert "has valid_to 'soon', not a date" in both and "certificate body (base64 DER) does not parse" in both


def test_read_parses_every_body_and_warns_once_per_broken_one():
    items = [cert("A1", certificate=body(key_kind="p256")), cert("B2", certificate="MIIB" * 10),
             cert("A3", certificate=body(key_kind="rsa2048", form="pem"))]
    result, warnings, _calls = read(items, parse=True)
    assert [(c["serial_number"], c["x509"] and c["x509"]["key_type"]) for c in result["certificates"]] == [
        ("A1", "EC"), ("B2", None), ("A3", "RSA")]
    assert warnings == result["malformed"] and len(warnings) == 1 and "certificate B2" in warnings[0]


def test_only_the_certificates_returned_are_parsed(monkeypatch):
    parsed = []
    monkeypatch.setattr(x509, "parse", lambda b: parsed.append(b) or (None, "certificate body (x) does not parse: y"))
    items = [cert("OLD", "2026-01-01", certificate="old"), cert("SOON", "2026-06-20", certificate="soon"),
             cert("LATER", "2026-07-01", certificate="later")]
    result, warnings, _calls = read(items, parse=True, expires_within_days=30, max_results=1)
    assert [c["serial_number"] for c in result["certificates"]] == ["SOON"] and parsed == ["soon"]
    assert len(warnings) == 1 and "certificate SOON" in warnings[0] and "certificate" not in result["certificates"][0]


def test_without_cryptography_attributes_are_unknown_and_one_warning_says_why(monkeypatch):
    monkeypatch.setattr(x509, "HAS_CRYPTOGRAPHY", False)
    items = [cert("A%d" % i, certificate=body()) for i in range(7)] + [cert("B1", certificate="junk")]
    result, warnings, _calls = read(items, parse=True)
    assert all(c["x509"] is None for c in result["certificates"]) and result["malformed"] == []
    assert warnings == [x509.MISSING]
    _result, warnings, _calls = read([dict(cert("C1"), certificate=None)], parse=True)
    assert warnings == []  # no body sent: nothing was left unparsed


# -- identity and paging -------------------------------------------------------------------------------------
@pytest.mark.parametrize("envelope", ["envelope", "records", "items", "bare"])
def test_every_page_each_certificate_once_by_serial_number(envelope):
    items = [cert("C%03d" % i) for i in range(45)]
    result, _warnings, calls = read(items, envelope, page_size=20)
    assert [c["serial_number"] for c in result["certificates"]] == ["C%03d" % i for i in range(45)]
    assert [c["params"]["offset"] for c in calls][:3] == [0, 20, 40] and all(c["path"] == SEARCH for c in calls)


def test_a_repeated_item_with_other_content_or_case_is_still_one_certificate():
    items = [cert("ab01"), cert("C2"), dict(cert("AB01"), notes="served again, changed")]
    result, warnings, _calls = read(items)
    assert [c["serial_number"] for c in result["certificates"]] == ["ab01", "C2"] and warnings == []


def test_a_serial_number_collision_keeps_both_certificates_apart_by_thumbprint():
    items = [cert("C1", thumbprint="AA" * 32), cert("C1", thumbprint="BB" * 32), cert("C1", thumbprint="aa" * 32)]
    result, _warnings, _calls = read(items)
    assert [c["thumbprint"] for c in result["certificates"]] == ["AA" * 32, "BB" * 32]


def test_expires_within_days_lists_exactly_the_unexpired_certificates_in_the_window():
    items = [cert("PAST", "2026-06-14T00:00:00Z"), cert("TODAY", "2026-06-15"), cert("D10", "2026-06-25"),
             cert("D30", "2026-07-15T13:00:00Z"), cert("D31", "2026-07-16T13:00:00Z"), cert("LATER", "2027-01-01")]
    result, _warnings, calls = read(items, expires_within_days=30, status="issued")
    assert [(c["serial_number"], c["days_to_expiry"]) for c in result["certificates"]] == [
        ("TODAY", 0), ("D10", 10), ("D30", 30)]
    assert calls[0]["params"]["valid_to"] == "2026-07-17" and calls[0]["params"]["status"] == "ISSUED"


def test_max_results_applies_after_the_window():
    items = [cert("LATE%d" % i, "2027-01-01") for i in range(5)] + [cert("S%d" % i, "2026-06-20") for i in range(3)]
    result, _warnings, _calls = read(items, expires_within_days=30, max_results=2)
    assert [c["serial_number"] for c in result["certificates"]] == ["S0", "S1"] and result["truncated"] is True
    result, _warnings, calls = read(items, max_results=2)
    assert len(result["certificates"]) == 2 and result["truncated"] is True and calls[0]["params"]["limit"] == 3


def test_a_clamped_page_size_still_reads_everything():
    items = [cert("C%03d" % i) for i in range(23)]
    result, _warnings, calls = read(items, cap=5)
    assert len(result["certificates"]) == 23 and len(calls) == 5


def test_one_certificate_by_serial_number():
    def handler(method, path, params, n):
        if path == "/mpki/api/v1/certificate/" + SERIAL:
            return response(body=cert(SERIAL, "2026-06-25"))
        return response(404, {"error": {"code": "not_found", "message": "Certificate not found"}})
    client = make_client(handler)
    one = certs.read(client, {"serial_number": SERIAL.lower(), "reference_time": NOW})
    assert [c["days_to_expiry"] for c in one["certificates"]] == [10] and one["truncated"] is False
    assert client.session.calls[0]["params"] == {}
    assert certs.read(client, {"serial_number": "0BAD"})["certificates"] == []
    pem = certs.read(client, {"serial_number": SERIAL, "include_pem": True})["certificates"][0]
    assert pem["certificate"].startswith("MII")


def test_one_certificate_that_is_no_object_is_an_error_naming_the_path():
    client = make_client(lambda *a: response(body=["not", "an", "object"]))
    with pytest.raises(DC1ResponseError, match="GET /mpki/api/v1/certificate/ABCD: expected an object"):
        certs.read(client, {"serial_number": "abcd"})


# -- any answer ----------------------------------------------------------------------------------------------------
_json = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
              st.text(max_size=12)),
    lambda children: st.one_of(st.lists(children, max_size=3),
                               st.dictionaries(st.text(max_size=6), children, max_size=3)),
    max_leaves=8)
_dates = st.one_of(st.sampled_from(["2026-06-20", "2026-06-20T10:00:00Z", "9999-12-31T23:59:59-05:00", "2026-02-30",
                                    "0001-01-01", ""]), st.dates().map(lambda d: d.isoformat()))
_items = st.one_of(_json, st.fixed_dictionaries({}, optional={
    "serial_number": st.one_of(st.text(max_size=6), _json), "valid_to": st.one_of(_dates, _json),
    "thumbprint": st.one_of(st.text(max_size=4), _json), "common_name": st.one_of(st.text(max_size=8), _json),
    "certificate": st.text(max_size=4)}))
_answers = st.one_of(_json, st.lists(_items, max_size=6), st.fixed_dictionaries(
    {"items": st.lists(_items, max_size=6)}, optional={"total": _json, "offset": _json, "limit": _json}))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=_answers, within=st.one_of(st.none(), st.integers(0, 40)), serial=st.booleans())
def test_any_answer_gives_certificates_or_a_named_error(answer, within, serial):
    client = make_client(lambda *a: response(body=answer))
    options = {"reference_time": NOW, "expires_within_days": within, "serial_number": "AB" if serial else None}
    try:
        result = certs.read(client, options, warn=lambda msg: None, parse=True)
    except DC1Error as exc:
        assert "GET /mpki/api/v1/certificate" in str(exc)
        return
    for cert in result["certificates"]:
        assert isinstance(cert["serial_number"], str) and cert["serial_number"].strip()
        assert (cert["expires_at"] is None) == (cert["days_to_expiry"] is None)
        assert "certificate" not in cert and cert["x509"] is None  # no body here parses
    assert all(isinstance(m, str) for m in result["malformed"])
