"""``mpki_bulk_certificates``: certificates built on demand, filtered and counted without materialising them.

A small bulk population is materialised here (certificate by certificate, ``Population.certificate``) and searched
with the stored search's own code; the lazy answers must be the same, page for page, for every filter. The
population at a million is then only asked what a client asks: counts, pages, one certificate by serial number.
"""
import base64

import pytest
import sim_posture
from cryptography import x509
from cryptography.x509.oid import NameOID
from test_posture import approved, instant, posture_planted

from conftest import VIEWER, Client
from dc1sim import mpki, mpki_bulk
from dc1sim import tenant as T

SEARCH = "/mpki/api/v1/certificate-search"
SIZE = 2400


@pytest.fixture(scope="module")
def tenant():
    return T.generate(seed=5, now="2026-06-15", accounts=4, users=8, service_users=2, organizations=1,
                      audit_events=10, mpki_certificates=150)


@pytest.fixture(scope="module")
def population(tenant):
    return mpki_bulk.Population(tenant, SIZE)


@pytest.fixture(scope="module")
def materialised(tenant, population):
    return tenant["mpki_certificates"] + [population.certificate(j) for j in range(population.count)]


def queries(tenant, everything):
    """One query per filter of the spec, and a few combined, with values that select something."""
    some = everything[len(tenant["mpki_certificates"]) + 77]
    account = tenant["accounts"][1]["id"]
    return [
        {}, {"account_id": account}, {"status": "REVOKED"}, {"status": "EXPIRED", "account_id": account},
        {"profile_id": some["profile"]["id"]}, {"business_unit_id": some["business_unit"]["id"]},
        {"business_unit_name": some["business_unit"]["name"]}, {"seat_type_id": "DEVICE_SEAT"},
        {"aki": some["_aki"].lower()}, {"issuing_ca_id": some["_issuing_ca"]["id"]},
        {"issuing_ca_name": some["_issuing_ca"]["name"]}, {"issuing_ca_serial_number": some["_issuing_ca"]["serial_number"]},
        {"serial_number": some["serial_number"].lower()}, {"seat_id": some["seat"]["seat_id"]},
        {"common_name": "V0000012"}, {"valid_to": "2026-08-01"}, {"valid_from": "2026-05-01", "status": "ISSUED"},
        {"thumbprint": mpki.thumbprint(some)}, {"serial_number": "6" * 40}, {"seat_id": "host-v99999999.example.com"},
    ]


def test_every_filter_selects_what_the_materialised_population_would(tenant, population, materialised):
    for q in queries(tenant, materialised):
        for scope in (None, frozenset([tenant["accounts"][0]["id"]])):
            stored = mpki.search(tenant["mpki_certificates"], scope, q)
            lazy = population.select(stored, scope, q)
            expected = mpki.search(materialised, scope, q)
            assert len(lazy) == len(expected), (q, scope)
            assert [c["serial_number"] for c in lazy[:]] == [c["serial_number"] for c in expected], (q, scope)
    assert len(population.select([], None, {"serial_number": materialised[-1]["serial_number"]})) == 1


def test_generated_certificates_are_deterministic_healthy_and_their_bodies_agree(tenant, population, materialised):
    again = mpki_bulk.Population(tenant, SIZE)
    assert [again.certificate(j) for j in (0, 1, population.count - 1)] == [
        population.certificate(j) for j in (0, 1, population.count - 1)]
    generated = [mpki.render(c, {"mpki_fields": "example", "mpki_date_format": "date-time",
                                 "mpki_status_case": "lower", "mpki_certificate_format": "base64"})
                 for c in materialised]
    now = instant(tenant)
    assert sim_posture.certificate_findings(generated, now, approved(tenant)) == {
        f for f in posture_planted(tenant) if not f[0].startswith("profile_")}
    assert len({c["serial_number"] for c in generated}) == SIZE
    for cert in generated[len(tenant["mpki_certificates"])::97]:
        body = x509.load_der_x509_certificate(base64.b64decode(cert["certificate"]))
        assert cert["serial_number"] == "%040X" % body.serial_number
        assert cert["common_name"] == body.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
        assert (cert["valid_from"], cert["valid_to"]) == (body.not_valid_before_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                                          body.not_valid_after_utc.strftime("%Y-%m-%dT%H:%M:%SZ"))
        assert cert["seat"]["seat_id"] in sim_posture.names_of(body) | {cert["common_name"]}


def test_a_million_is_counted_and_paged_by_arithmetic(tenant):
    million = mpki_bulk.Population(tenant, 1000000)
    everything = million.select(tenant["mpki_certificates"], None, {})
    assert len(everything) == 1000000
    last = everything[999999]
    assert million.find(last["serial_number"], None) == last
    assert million.find("%040X" % (million.serial(million.count)), None) is None  # one past the end
    accounts = [a["id"] for a in tenant["accounts"] if not a["name"].startswith("Planted ")]
    per_account = [len(million.select([], None, {"account_id": a})) for a in accounts]
    assert sum(per_account) == million.count and max(per_account) - min(per_account) <= 1
    issued = million.select([], None, {"status": "ISSUED", "account_id": accounts[2]})
    assert issued[len(issued) - 1]["status"] == "issued" and issued[len(issued) - 1]["account"]["id"] == accounts[2]
    assert len(issued) == pytest.approx(million.count / len(accounts) * 16 / 20, abs=65)  # within one period


def test_the_switch_serves_the_population_over_http(client):
    sim = client.sim
    stored = len(sim.tenant["mpki_certificates"])
    client.sim.configure(mpki_bulk_certificates=stored + 500, page_cap={"certificate-search": 50})
    body = client.get(SEARCH, offset=stored - 10, limit=100).json()
    assert body["total"] == stored + 500 and body["limit"] == 50 and len(body["items"]) == 50
    assert [i["serial_number"] for i in body["items"][:10]] == [
        c["serial_number"] for c in sim.tenant["mpki_certificates"][-10:]]
    generated = body["items"][10]
    assert generated["common_name"] == "host-v00000000.example.com" or generated["common_name"].endswith("v00000000")
    one = client.get("/mpki/api/v1/certificate/" + generated["serial_number"])
    assert one.status_code == 200 and one.json() == generated
    viewer = Client(sim, VIEWER)  # account 0 only
    mine = viewer.get(SEARCH, limit=1).json()["total"]
    assert mine < stored + 500 and viewer.get(SEARCH, account_id=sim.tenant["accounts"][1]["id"]).json()["total"] == 0
    client.sim.configure(mpki_bulk_certificates=0)
    assert client.get(SEARCH, limit=1).json()["total"] == stored
    assert client.get("/mpki/api/v1/certificate/" + generated["serial_number"]).status_code == 404


def test_the_switch_is_validated():
    from dc1sim import cli
    from dc1sim import config as cfgmod
    with pytest.raises(cfgmod.ConfigError):
        cfgmod.apply(cfgmod.defaults(), {"mpki_bulk_certificates": -1})
    args = cli.build_parser().parse_args(["serve", "--mpki-bulk-certificates", "1000000"])
    assert cli._switches_of(args)["mpki_bulk_certificates"] == 1000000
