"""Trust Lifecycle profiles (``GET /mpki/api/v1/profile``, ``/profile/{id}``) against DigiCert's mpki OpenAPI."""
import base64

from cryptography import x509
from jsonschema import Draft7Validator, FormatChecker
from test_mpki import SPEC, every

PROFILE = "/mpki/api/v1/profile"
EXAMPLE = SPEC["components"]["schemas"]["PublicProfileResponse"]["example"]


def errors(name, instance):
    schema = {"$ref": "#/components/schemas/" + name, "components": SPEC["components"]}
    return [e.message for e in Draft7Validator(schema, format_checker=FormatChecker(formats=("uuid",))).iter_errors(
        instance)]


def test_the_list_is_a_bare_array_of_public_profile_responses_with_the_examples_fields(client):
    r = client.get(PROFILE)
    assert r.status_code == 200
    profiles = r.json()
    assert isinstance(profiles, list) and len(profiles) == len(client.sim.tenant["mpki_profiles"])
    assert errors("ArrayOfPublicProfilesResponse", profiles) == []
    for p in profiles:
        assert set(p) == set(EXAMPLE) - ({"api_token_id"} if not p["api_token_binding_enabled"] else set())
        assert set(p["certificate"]) == set(EXAMPLE["certificate"])
        assert p["private_key_attributes"]["key_size"].isdigit()  # a string, as the schema says
        assert p["certificate"]["validity"]["unit"] in ("days", "years")
        assert not any(k.startswith("_") for k in p)


def test_one_profile_by_id_and_404_for_an_unknown_one(client):
    profiles = client.get(PROFILE).json()
    for p in profiles:
        r = client.get(PROFILE + "/" + p["id"])
        assert r.status_code == 200 and r.json() == p
        assert errors("PublicProfileResponse", r.json()) == []
    assert client.get(PROFILE + "/00000000-0000-4000-8000-000000000000").status_code == 404
    assert client.get(PROFILE + "/not-a-profile").status_code == 404
    client.sim.configure(absent_endpoints=["profile"])
    assert client.get(PROFILE).status_code == 404 and client.get(PROFILE + "/" + profiles[0]["id"]).status_code == 404


def test_the_api_token_filter_keeps_the_profiles_bound_to_that_token(client):
    profiles = client.get(PROFILE).json()
    bound = [p for p in profiles if p["api_token_binding_enabled"]]
    assert bound and len(bound) < len(profiles)
    tokens = {t["id"] for t in client.sim.tenant["api_access_tokens"]}
    for p in bound:
        assert p["api_token_id"] in tokens
        assert client.get(PROFILE, api_token_id=p["api_token_id"]).json() == [
            q for q in bound if q["api_token_id"] == p["api_token_id"]]
    assert client.get(PROFILE, api_token_id="no-such-token").json() == []


def test_the_issuer_is_a_real_ca_certificate_bare_base64_or_pem(client):
    profiles = client.get(PROFILE).json()
    organizations = set()
    for p in profiles:
        issuer = p["certificate"]["issuer"]
        body = x509.load_der_x509_certificate(base64.b64decode(issuer["certificate"]))
        assert ", ".join(a.rfc4514_string() for a in reversed(body.subject.rdns)) == issuer["subject_dn"]
        assert str(body.serial_number) == issuer["serial_number"]  # decimal, as the CaResponse example
        assert issuer["root"] is False and [c["root"] for c in issuer["chain"]] == [True]
        root = x509.load_der_x509_certificate(base64.b64decode(issuer["chain"][0]["certificate"]))
        assert body.issuer == root.subject
        organizations.add(body.subject.get_attributes_for_oid(x509.oid.NameOID.ORGANIZATION_NAME)[0].value)
    assert organizations == {"DigiCert Inc", "Example Corp", "Example Third Party Trust Ltd"}
    client.sim.configure(mpki_issuer_format="pem")
    pem = client.get(PROFILE + "/" + profiles[0]["id"]).json()["certificate"]["issuer"]
    assert pem["certificate"].startswith("-----BEGIN CERTIFICATE-----\n")
    assert "".join(pem["certificate"].splitlines()[1:-1]) == profiles[0]["certificate"]["issuer"]["certificate"]
    assert pem["chain"][0]["certificate"].startswith("-----BEGIN CERTIFICATE-----\n")


def test_certificates_point_at_served_profiles_and_their_issuers(client):
    profiles = {p["id"]: p for p in client.get(PROFILE).json()}
    for cert in every(client):
        profile = profiles[cert["profile"]["id"]]
        assert cert["profile"]["name"] == profile["name"]
        assert cert["business_unit"]["id"] == profile["business_unit_id"]
        body = x509.load_der_x509_certificate(base64.b64decode(cert["certificate"]))
        issuer = ", ".join(a.rfc4514_string() for a in reversed(body.issuer.rdns))
        assert issuer == profile["certificate"]["issuer"]["subject_dn"]
