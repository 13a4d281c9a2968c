# -*- coding: utf-8 -*-
"""_lifecycle/profiles.py: Trust Lifecycle certificate profiles, their posture, and how they are read."""

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ApiError, DC1ConfigError, DC1Error
from ansible_collections.digicert.one.plugins.module_utils._lifecycle import profiles, x509

from dc1_fakes import make_client, paged, response
from x509_bodies import body

PATH = "/mpki/api/v1/profile"
PROFILE_ID = "d6743d9a-fb67-4a64-a33e-8a3229d28cc4"
# The spec's PublicProfileResponse example, trimmed of the subject attributes it also lists.
EXAMPLE = {
    "id": PROFILE_ID, "name": "Profile name", "status": "Active", "signature_algorithm": "SHA256_WITH_RSA",
    "renewal_period_days": 30, "business_unit_id": "e5bf49f0-a77b-4301-85e9-c15eb12df70f",
    "enrollment_method": "csr", "authentication_method": "enrollment_code",
    "private_key_attributes": {"key_size": "2048"}, "key_escrow_policy": {"key_escrow_enabled": False},
    "api_token_binding_enabled": True, "api_token_id": "8517a493-ef6a-405e-85f1-eecd538e7692",
    "certificate": {
        "validity": {"unit": "days", "duration": 365},
        "issuer": {"serial_number": "254554466396905590377942608199604315083804010285",
                   "subject_dn": "CN=USCSS Nostromo, O=Weyland-Yutani, C=US",
                   "certificate": "-----BEGIN CERTIFICATE-----\n•••\n•••\n-----END CERTIFICATE-----\n", "root": False},
    },
}
UNKNOWN = dict.fromkeys(("signature_hash", "key_size", "validity_days", "issuer_dn", "issuer_org", "issuer_cn",
                         "key_escrow"))


def with_fields(**changes):
    """EXAMPLE with nested changes: ``certificate__validity={...}`` sets certificate.validity; None deletes."""
    profile = copy.deepcopy(EXAMPLE)
    for key, value in changes.items():
        *parents, last = key.split("__")
        target = profile
        for parent in parents:
            target = target.setdefault(parent, {})
        if value is None:
            target.pop(last, None)
        else:
            target[last] = value
    return profile


# -- posture ----------------------------------------------------------------------------------------------------
def test_the_spec_s_example():
    assert profiles.posture(EXAMPLE) == {
        "signature_hash": "sha256", "key_size": 2048, "validity_days": 365,
        "issuer_dn": "CN=USCSS Nostromo, O=Weyland-Yutani, C=US", "issuer_cn": "USCSS Nostromo",
        "issuer_org": "Weyland-Yutani", "key_escrow": False}


@pytest.mark.parametrize("profile", [{}, {"certificate": None, "private_key_attributes": "2048"},
                                     {"certificate": {"issuer": {}, "validity": {}}, "key_escrow_policy": {}}])
def test_what_the_api_did_not_send_is_unknown_never_a_default(profile):
    assert profiles.posture(profile) == UNKNOWN


@pytest.mark.parametrize("algorithm,expected", [
    ("SHA1_WITH_RSA", "sha1"), ("SHA256_WITH_RSA", "sha256"), ("SHA384_WITH_RSA", "sha384"),
    ("SHA512_WITH_RSA", "sha512"), ("SHA256_WITH_ECDSA", "sha256"), ("SHA512_WITH_ECDSA", "sha512"),
    ("MATCH_ISSUER", None), ("sha256WithRSAEncryption", "sha256"), ("SHA1withRSA", "sha1"),
    ("MD5_WITH_RSA", "md5"), ("SHA3_256_WITH_ECDSA", "sha3-256"), ("ED25519", None), ("", None), (256, None),
    (None, None),
])
def test_signature_hash(algorithm, expected):
    assert profiles.posture(with_fields(signature_algorithm=algorithm))["signature_hash"] == expected


@pytest.mark.parametrize("size,expected", [("2048", 2048), (" 4096 ", 4096), (1024, 1024), ("2048 bits", None),
                                           (True, None), (-1, None), ("²", None), ("", None), (None, None)])
def test_key_size_from_the_string_the_spec_sends(size, expected):
    assert profiles.posture(with_fields(private_key_attributes__key_size=size))["key_size"] == expected


@pytest.mark.parametrize("validity,expected", [
    ({"unit": "days", "duration": 397}, 397), ({"unit": "DAYS", "duration": "90"}, 90),
    ({"unit": "months", "duration": 13}, 403), ({"unit": "years", "duration": 1}, 366),
    ({"unit": "year", "duration": 2}, 732), ({"unit": "hours", "duration": 25}, 2),
    ({"unit": "hours", "duration": 24}, 1), ({"unit": "minutes", "duration": 1}, 1),
    ({"unit": "weeks", "duration": 2}, None), ({"unit": "days"}, None), ({"duration": 30}, None),
    ({"unit": "days", "duration": 1.5}, None), ("365 days", None),
])
def test_validity_days_is_the_longest_the_profile_allows(validity, expected):
    assert profiles.posture(with_fields(certificate__validity=validity))["validity_days"] == expected


@pytest.mark.parametrize("enabled,expected", [(True, True), (False, False), ("true", None), (None, None)])
def test_key_escrow(enabled, expected):
    assert profiles.posture(with_fields(key_escrow_policy__key_escrow_enabled=enabled))["key_escrow"] is expected


@pytest.mark.parametrize("dn,cn,org", [
    ("CN=Acme\\, Inc CA,O=Acme\\, Inc,C=US", "Acme, Inc CA", "Acme, Inc"),
    ('cn="Quoted, CA"; o=Quoted Org', "Quoted, CA", "Quoted Org"),
    ("CN=Caf\\C3\\A9 CA+OU=PKI, O = Spaced Org ", "Café CA", "Spaced Org"),
    ("commonName=Long Names CA, organizationName=Long Org", "Long Names CA", "Long Org"),
    ("CN=Issuing CA, O=Issuing Org, CN=Root CA, O=Root Org", "Issuing CA", "Issuing Org"),
    ("O=Org Only", None, "Org Only"),
])
def test_issuer_names_from_the_subject_dn(dn, cn, org):
    posture = profiles.posture(with_fields(certificate__issuer__subject_dn=dn))
    assert (posture["issuer_dn"], posture["issuer_cn"], posture["issuer_org"]) == (dn, cn, org)


@pytest.mark.parametrize("form", ["base64", "pem"])
def test_without_a_subject_dn_the_issuer_is_read_from_its_certificate(form):
    ca = body(form, subject=(("C", "US"), ("O", "DigiCert Inc"), ("CN", "DigiCert Global G2 TLS RSA SHA256 2020 CA1")))
    posture = profiles.posture(with_fields(certificate__issuer__subject_dn=None, certificate__issuer__certificate=ca))
    assert (posture["issuer_dn"], posture["issuer_cn"], posture["issuer_org"]) == (
        "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1,O=DigiCert Inc,C=US",
        "DigiCert Global G2 TLS RSA SHA256 2020 CA1", "DigiCert Inc")
    # a subject_dn that names neither CN nor O defers to the certificate too
    posture = profiles.posture(with_fields(certificate__issuer__subject_dn="OU=PKI", certificate__issuer__certificate=ca))
    assert posture["issuer_org"] == "DigiCert Inc"


def test_an_issuer_certificate_that_does_not_parse_leaves_the_issuer_unknown_and_says_so():
    problems = []
    profile = with_fields(certificate__issuer__subject_dn=None)  # the spec example's certificate is "•••"
    posture = profiles.posture(profile, problems)
    assert (posture["issuer_dn"], posture["issuer_cn"], posture["issuer_org"]) == (None, None, None)
    assert posture["signature_hash"] == "sha256"  # the rest of the posture stands
    assert len(problems) == 1 and problems[0].startswith(
        "profile %s (name 'Profile name'): issuer certificate (PEM) does not parse: " % PROFILE_ID)
    assert problems[0].endswith("; its issuer is unknown")


# -- reading ----------------------------------------------------------------------------------------------------
def read(handler, **options):
    client = make_client(handler)
    warnings = []
    return profiles.read(client, options, warn=warnings.append), warnings, client.session.calls


@pytest.mark.parametrize("envelope", ["bare", "bare-ignore", "items", "envelope", "records"])
def test_every_list_shape_each_profile_once_with_its_posture(envelope):
    items = [dict(EXAMPLE, id="%08d-0000-4000-8000-000000000000" % i, name="P%d" % i) for i in range(7)]
    result, warnings, calls = read(paged(items, envelope))
    assert [p["name"] for p in result["certificate_profiles"]] == ["P%d" % i for i in range(7)]
    assert all(p["posture"]["key_size"] == 2048 for p in result["certificate_profiles"])
    assert result["truncated"] is False and warnings == [] and all(c["path"] == PATH for c in calls)


def test_an_array_nested_in_the_array_as_the_spec_s_schema_says_is_flattened():
    nested = [[dict(EXAMPLE, name="A"), dict(EXAMPLE, id="0" * 8 + "-0000-4000-8000-" + "0" * 12, name="B")]]
    result, _warnings, _calls = read(lambda *a: response(body=nested))
    assert [p["name"] for p in result["certificate_profiles"]] == ["A", "B"]


def test_api_token_id_is_sent_and_max_results_cuts():
    items = [dict(EXAMPLE, id="%08d-0000-4000-8000-000000000000" % i) for i in range(5)]
    result, _warnings, calls = read(paged(items, "bare"), api_token_id="8517a493-ef6a-405e-85f1-eecd538e7692",
                                    max_results=2)
    assert len(result["certificate_profiles"]) == 2 and result["truncated"] is True
    assert calls[0]["params"] == {"api_token_id": "8517a493-ef6a-405e-85f1-eecd538e7692", "offset": 0, "limit": 3}


def test_one_profile_by_id_and_an_unknown_id_is_an_empty_list():
    def handler(method, path, params, n):
        if path == PATH + "/" + PROFILE_ID:
            return response(body=EXAMPLE)
        return response(404, {"errors": [{"code": "not_found", "message": "profile not found"}]})
    result, _warnings, calls = read(handler, id=PROFILE_ID.upper())
    assert [p["posture"]["validity_days"] for p in result["certificate_profiles"]] == [365]
    assert calls[0]["path"] == PATH + "/" + PROFILE_ID and calls[0]["params"] == {}
    result, _warnings, _calls = read(handler, id="0" * 8 + "-0000-4000-8000-" + "0" * 12)
    assert result == {"certificate_profiles": [], "truncated": False}


@pytest.mark.parametrize("options,word", [
    ({"id": "profile-1"}, "id must be a UUID"),
    ({"id": PROFILE_ID, "api_token_id": "8517a493-ef6a-405e-85f1-eecd538e7692"}, "id cannot be combined"),
    ({"api_token_id": "a\nb"}, "control characters"),
    ({"max_results": 0}, "max_results must be at least 1"),
])
def test_bad_options_fail_before_any_request(options, word):
    with pytest.raises(DC1ConfigError, match=word):
        read(lambda *a: pytest.fail("no request expected"), **options)


def test_a_refused_listing_is_an_api_error_the_facts_can_record_as_unavailable():
    with pytest.raises(DC1ApiError) as caught:
        read(lambda *a: response(403, {"errors": [{"code": "access_denied", "message": "No access"}]}))
    assert caught.value.status == 403 and "GET %s" % PATH in str(caught.value)


def test_unknown_issuers_are_warned_once_each_and_a_missing_library_once(monkeypatch):
    broken = [dict(with_fields(certificate__issuer__subject_dn=None), id="%08d-0000-4000-8000-000000000000" % i)
              for i in range(8)]
    result, warnings, _calls = read(paged(broken, "bare"))
    assert all(p["posture"]["issuer_org"] is None for p in result["certificate_profiles"])
    assert len(warnings) == profiles.MAX_WARNINGS + 1 and warnings[0].startswith("GET %s: profile 00000000" % PATH)
    assert warnings[-1] == "3 more certificate profiles have an issuer that is unknown"
    monkeypatch.setattr(x509, "HAS_CRYPTOGRAPHY", False)
    _result, warnings, _calls = read(paged(broken, "bare"))
    assert warnings == [x509.MISSING]


# -- any answer ---------------------------------------------------------------------------------------------------
_json = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=12)),
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(st.text(max_size=6), children,
                                                                               max_size=3)),
    max_leaves=8)
_fields = st.fixed_dictionaries({}, optional={
    "id": _json, "name": _json, "signature_algorithm": st.one_of(st.text(max_size=20), _json),
    "private_key_attributes": st.one_of(_json, st.fixed_dictionaries({"key_size": _json})),
    "key_escrow_policy": st.one_of(_json, st.fixed_dictionaries({"key_escrow_enabled": _json})),
    "certificate": st.one_of(_json, st.fixed_dictionaries({}, optional={
        "validity": st.one_of(_json, st.fixed_dictionaries({"unit": _json, "duration": _json})),
        "issuer": st.one_of(_json, st.fixed_dictionaries({}, optional={
            "subject_dn": st.one_of(st.text(alphabet='CNO=,+;\\"#a 2Cé', max_size=24), _json),
            "certificate": st.one_of(st.text(max_size=8), _json)}))}))})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=st.one_of(_json, st.lists(st.one_of(_fields, _json), max_size=4)))
def test_any_answer_gives_profiles_with_a_posture_or_a_named_error(answer):
    try:
        result, warnings, _calls = read(lambda *a: response(body=answer))
    except DC1Error as exc:
        assert "GET %s" % PATH in str(exc)
        return
    for found in result["certificate_profiles"]:
        assert set(found["posture"]) == set(UNKNOWN)
        assert found["posture"]["key_size"] is None or isinstance(found["posture"]["key_size"], int)
    assert all(isinstance(w, str) for w in warnings)
