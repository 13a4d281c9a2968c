"""Trust Lifecycle posture: real X.509 bodies, the planted offenders found and nothing else, the controls sound.

The served population is judged by ``sim_posture``, an evaluator written from the rules' sources (CA/B Forum BR,
NIST), not from the simulator's own tables: ``tenant["planted"]``'s posture entries must be exactly what it finds,
on every switch setting and in every period of the public validity schedule.
"""
import base64
import datetime

import pytest
import sim_posture
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding
from cryptography.x509.oid import NameOID

from dc1sim import config as cfgmod
from dc1sim import mpki, mpki_planted
from dc1sim import tenant as T

SEARCH = "/mpki/api/v1/certificate-search"


def served(client, **params):
    """Every certificate of a search, page by page, and every profile."""
    items, offset = [], 0
    while True:
        body = client.get(SEARCH, offset=offset, limit=100, **params).json()
        items += body["items"]
        offset += len(body["items"])
        if not body["items"] or offset >= body["total"]:
            return items, client.get("/mpki/api/v1/profile").json()


def posture_planted(tenant):
    return {(p["check"], p["object_id"]) for p in tenant["planted"] if p["check"] in mpki_planted.POSTURE_CHECKS}


def approved(tenant):
    return next(p["approved_issuers"] for p in tenant["planted"] if p["check"] == "certificate_unapproved_issuer")


def instant(tenant):
    return datetime.datetime.fromisoformat(tenant["meta"]["now"].replace("Z", "+00:00"))


@pytest.mark.parametrize("switches", [
    {},
    {"mpki_fields": "schema", "mpki_date_format": "date", "mpki_certificate_format": "pem", "mpki_issuer_format": "pem"},
    {"page_cap": {"certificate-search": 7}, "mpki_status_case": "upper"},
], ids=["example", "schema-pem", "capped"])
def test_the_served_population_raises_exactly_the_planted_posture_cases(client, switches):
    client.sim.configure(**switches)
    tenant = client.sim.tenant
    certs, profiles = served(client)
    now = instant(tenant)
    found = sim_posture.certificate_findings(certs, now, approved(tenant)) | sim_posture.profile_findings(profiles, now)
    assert found == posture_planted(tenant)
    assert sim_posture.certificate_findings(certs, now) == {
        f for f in posture_planted(tenant) if f[0] not in ("certificate_unapproved_issuer",) and
        not f[0].startswith("profile_")}  # no approved list: the issuer check is not evaluated
    serials = {c["serial_number"] for c in certs} | {p["id"] for p in profiles}
    assert {c["object_id"] for c in tenant["mpki_controls"]} <= serials  # the controls are served, and sound


def test_every_posture_case_is_planted_with_its_details(client):
    tenant = client.sim.tenant
    planted = [p for p in tenant["planted"] if p["check"] in mpki_planted.POSTURE_CHECKS]
    assert {p["check"] for p in planted} == set(mpki_planted.POSTURE_CHECKS)
    cases = sorted((p["check"], p["case"]) for p in planted)
    assert ("certificate_weak_key", "rsa-1024") in cases and ("certificate_weak_key", "ec-secp256k1") in cases
    assert ("certificate_weak_signature", "md5") in cases and ("certificate_weak_signature", "sha1") in cases
    assert [p["case"] for p in planted if p["check"] == "certificate_without_owner"] == ["seat-null", "seat-empty"]
    long_one = next(p for p in planted if p["check"] == "certificate_validity_over_public_maximum")
    assert (long_one["issued"][:10], long_one["validity_days"], long_one["maximum_days"]) == ("2026-04-01", 397, 200)
    pair = [p for p in planted if p["check"] == "certificate_duplicate"]
    assert [p["duplicate_of"] for p in pair] == [pair[1]["object_id"], pair[0]["object_id"]]
    for p in planted:
        kind = "certificate_profile" if p["check"].startswith("profile_") else "certificate"
        assert p["object_type"] == kind
        assert p["account_id"] == (None if kind == "certificate_profile" else tenant["accounts"][0]["id"])
    controls = {c["case"]: c for c in tenant["mpki_controls"]}
    edge = client.get("/mpki/api/v1/certificate/" + controls["public-validity-at-maximum"]["object_id"]).json()
    assert (edge["valid_from"][:10], edge["valid_to"][:10]) == ("2026-03-16", "2026-10-01")  # 200 days, inclusive of both ends
    unknown = client.get("/mpki/api/v1/certificate/" + controls["seat-absent"]["object_id"]).json()
    assert "seat" not in unknown


@pytest.mark.parametrize("now", ["2026-01-10", "2026-11-23", "2027-06-01", "2030-01-01"])
def test_every_period_of_the_public_schedule_keeps_the_planted_cases_exact(now):
    """Healthy public profiles stay within the maximum to come; the offender and the edge follow the date."""
    tenant = T.generate(seed=2, now=now, accounts=2, users=4, service_users=1, organizations=1, audit_events=5,
                        mpki_certificates=120)
    cfg = cfgmod.defaults()
    certs = [mpki.render(c, cfg) for c in tenant["mpki_certificates"]]
    profiles = [mpki.render_profile(p, cfg) for p in tenant["mpki_profiles"]]
    found = (sim_posture.certificate_findings(certs, instant(tenant), approved(tenant))
             | sim_posture.profile_findings(profiles, instant(tenant)))
    assert found == posture_planted(tenant)


def test_bodies_agree_with_the_json_and_are_signed_by_their_issuer(client):
    client.sim.configure(mpki_fields="schema")
    certs, profiles = served(client)
    issuers = {}
    for p in profiles:
        issuer = x509.load_der_x509_certificate(base64.b64decode(p["certificate"]["issuer"]["certificate"]))
        issuers[issuer.subject] = issuer
    weak = {p["object_id"] for p in client.sim.tenant["planted"] if p["check"] == "certificate_weak_signature"}
    for cert in certs:
        der = base64.b64decode(cert["certificate"])
        body = x509.load_der_x509_certificate(der)
        assert cert["serial_number"] == "%040X" % body.serial_number
        assert cert["common_name"] == body.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
        assert cert["valid_from"] == body.not_valid_before_utc.strftime("%Y-%m-%dT%H:%M:%SZ")
        assert cert["valid_to"] == body.not_valid_after_utc.strftime("%Y-%m-%dT%H:%M:%SZ")
        assert cert["thumbprint"] == hashes_hex(der)
        assert body.issuer in issuers
        if cert["serial_number"] not in weak:
            verify(issuers[body.issuer], body)  # really signed: raises if not
    assert len(weak) == 2


def hashes_hex(der):
    digest = hashes.Hash(hashes.SHA256())
    digest.update(der)
    return digest.finalize().hex().upper()


def verify(issuer, body):
    key = issuer.public_key()
    if isinstance(key, ec.EllipticCurvePublicKey):
        key.verify(body.signature, body.tbs_certificate_bytes, ec.ECDSA(body.signature_hash_algorithm))
    else:
        key.verify(body.signature, body.tbs_certificate_bytes, padding.PKCS1v15(), body.signature_hash_algorithm)


def test_the_same_tenant_is_byte_identical_bodies_included():
    first = T.generate(seed=4, now="2026-06-15", mpki_certificates=30)
    bodies = [mpki.der(c) for c in first["mpki_certificates"]]
    mpki.X.end_entity.cache_clear()  # built again, not remembered
    again = T.generate(seed=4, now="2026-06-15", mpki_certificates=30)
    assert T.dumps(first) == T.dumps(again)
    assert bodies == [mpki.der(c) for c in again["mpki_certificates"]]
