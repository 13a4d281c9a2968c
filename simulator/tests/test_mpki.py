"""Trust Lifecycle endpoints checked against DigiCert's mpki OpenAPI (tests/data/mpki-openapi.json).

Answers are validated with ``jsonschema`` against the spec's own schemas: the search answer against
``_mpki_api_v1_certificate_search_get_200_response`` (``PaginationResult`` of ``PublicCertificateDetails``),
the by-serial answer against ``PublicCertificateDetails``; the filters against ``CertificateSearchParameters``.
"""
import base64
import json
import os
import re

import pytest
from cryptography import x509
from jsonschema import Draft7Validator, FormatChecker

from dc1sim import mpki, mpki_planted
from dc1sim import tenant as T

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "mpki-openapi.json"), encoding="utf-8") as _f:
    SPEC = json.load(_f)
SCHEMAS = SPEC["components"]["schemas"]
SEARCH = "/mpki/api/v1/certificate-search"
ONE = "/mpki/api/v1/certificate/"
EXAMPLE = SPEC["paths"]["/mpki/api/v1/certificate/{serial_number}"]["get"]["responses"]["200"]["content"][
    "application/json"]["example"]
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def validator(name, formats=("uuid", "date")):
    """A validator of the spec's schema ``name``; its $refs resolve inside the spec's components."""
    schema = {"$ref": "#/components/schemas/" + name, "components": SPEC["components"]}
    return Draft7Validator(schema, format_checker=FormatChecker(formats=formats))


def errors(name, instance, formats=("uuid", "date")):
    return [e.message for e in validator(name, formats).iter_errors(instance)]


def search(client, **params):
    r = client.get(SEARCH, **params)
    assert r.status_code == 200, r.text
    return r.json()


def every(client, **params):
    """Every item of a search, page by page."""
    items, offset = [], 0
    while True:
        body = search(client, offset=offset, limit=100, **params)
        items += body["items"]
        offset += len(body["items"])
        if not body["items"] or offset >= body["total"]:
            return items


# -- the answer shapes -------------------------------------------------------------------------------------------
def test_search_answer_is_a_pagination_result_of_public_certificate_details(client):
    body = search(client, limit=50)
    # The date quirk: the schema says format date, the example (the default) sends date-times.
    assert errors("_mpki_api_v1_certificate_search_get_200_response", body, formats=("uuid",)) == []
    assert set(body) == set(SCHEMAS["PaginationResult"]["required"])
    assert body["limit"] == 50 and len(body["items"]) == 50 and body["total"] == len(client.sim.tenant["mpki_certificates"])
    for item in body["items"]:
        assert DATE_TIME.match(item["valid_to"]) and DATE_TIME.match(item["valid_from"])
        assert "id" not in item  # items carry no id: the serial number is the identity


def test_date_switch_serves_the_schema_format(client):
    client.sim.configure(mpki_date_format="date")
    body = search(client, status="REVOKED", limit=100)
    assert body["items"] and errors("_mpki_api_v1_certificate_search_get_200_response", body) == []
    assert all(DATE.match(i["valid_to"]) and DATE.match(i["revocation"]["revocation_date"]) for i in body["items"])
    client.sim.configure(mpki_date_format="date-time")
    assert errors("_mpki_api_v1_certificate_search_get_200_response", search(client, status="REVOKED")) != []


def test_default_fields_are_the_examples_and_the_schema_switch_adds_the_rest(client):
    revoked = search(client, status="REVOKED", limit=1)["items"][0]
    assert set(revoked) == set(EXAMPLE)  # field for field the by-serial example
    issued = search(client, status="ISSUED", limit=1)["items"][0]
    assert set(issued) == set(EXAMPLE) - {"revocation"}
    client.sim.configure(mpki_fields="schema")
    full = search(client, status="REVOKED", limit=1)["items"][0]
    assert set(full) == set(SCHEMAS["PublicCertificateDetails"]["properties"])
    assert errors("PublicCertificateDetails", full, formats=("uuid",)) == []


def test_by_serial_is_the_same_certificate_and_404_when_unknown(client):
    for item in search(client, limit=20)["items"] + search(client, status="REVOKED", limit=2)["items"]:
        r = client.get(ONE + item["serial_number"])
        assert r.status_code == 200 and r.json() == item
        assert errors("PublicCertificateDetails", r.json(), formats=("uuid",)) == []
    assert client.get(ONE + "00FF").status_code == 404
    assert client.get("/mpki/api/v1/certificate").status_code == 404


def test_certificate_body_is_base64_der_or_pem(client):
    item = search(client, limit=1)["items"][0]
    assert item["certificate"].startswith("MII") and base64.b64decode(item["certificate"])[:1] == b"\x30"
    client.sim.configure(mpki_certificate_format="pem")
    pem = search(client, limit=1)["items"][0]["certificate"]
    assert pem.startswith("-----BEGIN CERTIFICATE-----\n") and pem.rstrip().endswith("-----END CERTIFICATE-----")
    assert "".join(pem.splitlines()[1:-1]) == item["certificate"]


# -- paging --------------------------------------------------------------------------------------------------------
def test_page_cap_clamps_and_the_envelope_says_so(client):
    client.sim.configure(page_cap={"certificate-search": 20})
    body = search(client, limit=100, offset=10)
    assert body["limit"] == 20 and body["offset"] == 10 and len(body["items"]) == 20
    assert len({i["serial_number"] for i in every(client)}) == len(client.sim.tenant["mpki_certificates"])
    client.sim.configure(page_cap_mode="reject")
    r = client.get(SEARCH, limit=100)
    assert r.status_code == 400 and "between 1 and 20" in r.text


# -- filters -------------------------------------------------------------------------------------------------------
# Every CertificateSearchParameters property: the value to ask for, from a stored certificate.
FILTERS = {
    "account_id": lambda c: c["account"]["id"],
    "business_unit_id": lambda c: c["business_unit"]["id"],
    "business_unit_name": lambda c: c["business_unit"]["name"],
    "profile_id": lambda c: c["profile"]["id"],
    "seat_id": lambda c: c["seat"]["seat_id"],
    "seat_type_id": lambda c: c["_seat_type"],
    "valid_from": lambda c: c["valid_from"][:10],
    "valid_to": lambda c: c["valid_to"],
    "serial_number": lambda c: c["serial_number"],
    "common_name": lambda c: c["common_name"],
    "aki": lambda c: c["_aki"],
    "issuing_ca_id": lambda c: c["_issuing_ca"]["id"],
    "issuing_ca_name": lambda c: c["_issuing_ca"]["name"],
    "issuing_ca_serial_number": lambda c: c["_issuing_ca"]["serial_number"],
    "status": lambda c: c["status"].upper(),
    "thumbprint": mpki.thumbprint,  # SHA-256 of the body, as served
}


def test_every_filter_of_the_spec_is_served(client):
    assert set(FILTERS) == set(SCHEMAS["CertificateSearchParameters"]["properties"])
    stored = {c["serial_number"]: c for c in client.sim.tenant["mpki_certificates"]}
    target = client.sim.tenant["mpki_certificates"][7]
    for name, value_of in FILTERS.items():
        value = value_of(target)
        got = [stored[i["serial_number"]] for i in every(client, **{name: value})]
        assert got and len(got) < len(stored), name
        if name == "valid_from":  # "issued after"
            assert target in got and all(c["valid_from"] >= value for c in got)
        elif name == "valid_to":  # "expiring before": the target itself is not before its own end
            assert target not in got and all(c["valid_to"] < value for c in got)
        elif name == "common_name":
            assert target in got and all(value in c["common_name"] for c in got)
        else:
            assert target in got and all(value_of(c) == value for c in got), name


def test_filter_values_are_checked(client):
    for params in ({"status": "VALID"}, {"seat_type_id": "SEAT"}, {"account_id": "acc-1"},
                   {"valid_to": "01.07.2026"}, {"serial_number": "XYZ"}):
        r = client.get(SEARCH, **params)
        assert r.status_code == 400, params
    assert search(client, valid_to="2026-07-01T12:00:00Z")["total"] == search(client, valid_to="2026-07-01T12:00:00+00:00")["total"]


def test_status_filter_upper_case_as_the_spec_and_answers_lower_case(client):
    assert client.get(SEARCH, status="issued").status_code == 400  # strict: the enum is ISSUED
    assert {i["status"] for i in every(client, status="ISSUED")} == {"issued"}
    client.sim.configure(mpki_status_filter="any-case")
    assert {i["status"] for i in every(client, status="issued")} == {"issued"}
    client.sim.configure(mpki_status_case="upper")
    body = search(client, status="revoked")
    assert {i["status"] for i in body["items"]} == {"REVOKED"}
    outside = errors("_mpki_api_v1_certificate_search_get_200_response", body, formats=())
    assert any("is not one of" in e for e in outside)  # outside the schema's enum, on purpose


@pytest.mark.parametrize("mode", ["no-serial", "bad-valid-to", "not-object", "bad-certificate"])
def test_malformed_switch_breaks_exactly_the_first_item(client, mode):
    first = search(client, limit=5)["items"]
    client.sim.configure(mpki_malformed=mode)
    broken = search(client, limit=5)["items"]
    assert broken[1:] == first[1:]
    if mode == "no-serial":
        assert "serial_number" not in broken[0] and broken[0]["common_name"] == first[0]["common_name"]
    elif mode == "bad-valid-to":
        assert isinstance(broken[0]["valid_to"], int) and broken[0]["serial_number"] == first[0]["serial_number"]
    elif mode == "bad-certificate":
        assert dict(broken[0], certificate=first[0]["certificate"]) == first[0]
        assert broken[0]["certificate"].startswith("MII")  # looks like a body
        with pytest.raises(ValueError):
            x509.load_der_x509_certificate(base64.b64decode(broken[0]["certificate"]))
    else:
        assert isinstance(broken[0], str)
    assert search(client, limit=5, offset=1)["items"] == first[1:] + search(client, limit=1, offset=5)["items"]


# -- the tenant ----------------------------------------------------------------------------------------------------
def test_planted_certificates_are_the_only_expiry_offenders(client):
    """The expiry checks; the posture ones are test_posture.py's."""
    tenant = client.sim.tenant
    planted = [p for p in tenant["planted"] if p["check"] in mpki_planted.EXPIRY_CHECKS]
    assert sorted(p["check"] for p in planted) == sorted(
        ["certificate_expiring_soon"] * 2 + ["certificate_expired_but_issued", "certificate_revoked_key_compromise"])
    by_serial = {c["serial_number"]: c for c in every(client)}
    now = tenant["meta"]["now"]
    in_30_days = T.iso(T.parse_now(now) + 30 * T.DAY)
    soon = [s for s, c in by_serial.items() if c["status"] == "issued" and now <= c["valid_to"] <= in_30_days]
    assert sorted(soon) == sorted(p["object_id"] for p in planted if p["check"] == "certificate_expiring_soon")
    for p in planted:
        assert p["account_id"] == tenant["accounts"][0]["id"] and p["requires"]
    revoked = by_serial[next(p["object_id"] for p in planted if p["check"] == "certificate_revoked_key_compromise")]
    assert revoked["status"] == "revoked" and revoked["revocation"]["reason"] == "key_compromise"


def test_certificates_come_last_and_shift_no_other_object():
    with_certs = T.generate(seed=3, now="2026-06-15", mpki_certificates=300)
    without = T.generate(seed=3, now="2026-06-15", mpki_certificates=0)
    for key in ("accounts", "users", "organizations", "api_access_tokens", "client_auth_certificates",
                "audit_events", "personas"):
        assert with_certs[key] == without[key], key
    assert [p for p in with_certs["planted"] if p["object_type"] != "certificate"] == [
        p for p in without["planted"] if p["object_type"] != "certificate"]
    # planted offenders and controls (mpki_planted), extra to the 300 random ones
    fixed = [p for p in without["planted"] + without["mpki_controls"] if p["object_type"] == "certificate"]
    assert len(without["mpki_certificates"]) == len(fixed) == 23
    assert len(with_certs["mpki_certificates"]) == 300 + len(fixed)


def test_switches_are_validated_and_on_the_cli():
    from dc1sim import cli
    from dc1sim import config as cfgmod
    with pytest.raises(cfgmod.ConfigError):
        cfgmod.apply(cfgmod.defaults(), {"mpki_date_format": "epoch"})
    args = cli.build_parser().parse_args(["serve", "--mpki-date-format", "date", "--mpki-malformed", "no-serial"])
    assert args.mpki_date_format == "date" and args.mpki_malformed == "no-serial"
    assert set(mpki.SWITCHES) <= set(cli.SWITCH_FLAGS)
