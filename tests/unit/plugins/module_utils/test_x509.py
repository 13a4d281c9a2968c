# -*- coding: utf-8 -*-
"""_lifecycle/x509.py: the attributes parsed from a certificate body, held against cryptography's own reading.

The parser reads names, validity and two extensions straight from the DER (der.py) for speed; ``reference``
below reads the same contract through cryptography's objects, the slow and obvious way, and the property test
holds the two equal on generated certificates.
"""

import base64
import warnings
from datetime import datetime, timezone

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.x509.name import _ASN1Type
from cryptography.x509.oid import NameOID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.digicert.one.plugins.module_utils._lifecycle import x509 as X

import x509_bodies as B

UTC = timezone.utc

NIST = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521", "secp192r1": "P-192"}
EKU = dict((oid, name) for name, oid in B.EKU.items())


def reference(cert):
    """The contract read through cryptography's objects: what ``parse`` must equal."""
    key = cert.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        key_info = ("RSA", key.key_size, None)
    elif isinstance(key, ec.EllipticCurvePublicKey):
        key_info = ("EC", key.curve.key_size, NIST.get(key.curve.name, key.curve.name))
    else:
        assert isinstance(key, (ed25519.Ed25519PublicKey, ed448.Ed448PublicKey))
        key_info = ("Ed25519", 256, None) if isinstance(key, ed25519.Ed25519PublicKey) else ("Ed448", 456, None)
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        dns = sorted(set(n.lower() for n in san.get_values_for_type(x509.DNSName)))
        ips = sorted(set(san.get_values_for_type(x509.IPAddress)), key=lambda ip: (ip.version, ip))
    except x509.ExtensionNotFound:
        dns, ips = [], []
    try:
        usage = sorted(EKU.get(o, o.dotted_string) for o in cert.extensions.get_extension_for_class(
            x509.ExtendedKeyUsage).value)
    except x509.ExtensionNotFound:
        usage = None
    issuer_cn, issuer_org = (_last(cert.issuer, oid) for oid in (NameOID.COMMON_NAME, NameOID.ORGANIZATION_NAME))
    start, end = cert.not_valid_before_utc, cert.not_valid_after_utc
    hashed = cert.signature_hash_algorithm
    return {
        "key_type": key_info[0], "key_size": key_info[1], "curve": key_info[2],
        "signature_hash": hashed.name if hashed else None,
        "subject_dn": cert.subject.rfc4514_string(), "issuer_dn": cert.issuer.rfc4514_string(),
        "issuer_cn": issuer_cn, "issuer_org": issuer_org, "dns_names": dns, "ip_addresses": ["%s" % i for i in ips],
        "wildcard": any(n.startswith("*.") for n in (dns or [_last(cert.subject, NameOID.COMMON_NAME) or ""])),
        "not_before": start.strftime("%Y-%m-%dT%H:%M:%SZ"), "not_after": end.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "validity_days": round(((end - start).total_seconds() + 1) / 86400, 4), "extended_key_usage": usage,
    }


def _last(name, oid):
    found = name.get_attributes_for_oid(oid)
    return found[-1].value if found else None


def parsed(cert, form="base64"):
    attributes, problem = X.parse(B.encode(cert, form))
    assert problem is None
    return attributes


# -- the contract on one certificate ------------------------------------------------------------------------------
def test_an_rsa_tls_certificate_in_both_forms():
    cert = B.certificate(subject=(("C", "US"), ("O", "Example Corp"), ("CN", "www.example.com")),
                         dns=("WWW.example.com", "example.com", "www.example.com"), ips=("10.0.0.10", "::1", "10.0.0.2"),
                         eku=("serverAuth", "clientAuth"))
    expected = {
        "key_type": "RSA", "key_size": 2048, "curve": None,
        "signature_hash": "sha256", "signature_algorithm": "ecdsa-with-SHA256",
        "subject_dn": "CN=www.example.com,O=Example Corp,C=US",
        "issuer_dn": "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1,O=DigiCert Inc,C=US",
        "issuer_cn": "DigiCert Global G2 TLS RSA SHA256 2020 CA1", "issuer_org": "DigiCert Inc",
        "dns_names": ["example.com", "www.example.com"], "ip_addresses": ["10.0.0.2", "10.0.0.10", "::1"],
        "wildcard": False, "not_before": "2026-01-01T00:00:00Z", "not_after": "2026-12-31T23:59:59Z",
        "validity_days": 365.0, "extended_key_usage": ["clientAuth", "serverAuth"],
    }
    assert parsed(cert) == expected
    assert parsed(cert, "pem") == expected


@pytest.mark.parametrize("kind,expected", [
    ("rsa1024", ("RSA", 1024, None)), ("rsa3072", ("RSA", 3072, None)),
    ("p192", ("EC", 192, "P-192")), ("p256", ("EC", 256, "P-256")), ("p384", ("EC", 384, "P-384")),
    ("p521", ("EC", 521, "P-521")), ("secp256k1", ("EC", 256, "secp256k1")),
    ("ed25519", ("Ed25519", 256, None)), ("ed448", ("Ed448", 456, None)),
])
def test_key_type_size_and_curve(kind, expected):
    attributes = parsed(B.certificate(key_kind=kind))
    assert (attributes["key_type"], attributes["key_size"], attributes["curve"]) == expected


def test_a_dsa_key_is_read_without_cryptography_s_deprecation_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        body = B.body(key_kind="dsa2048")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        attributes, problem = X.parse(body)
    assert problem is None and (attributes["key_type"], attributes["key_size"]) == ("DSA", 2048)


@pytest.mark.parametrize("hash_name,signer,expected", [
    ("md5", None, ("md5", "md5WithRSAEncryption")), ("sha1", None, ("sha1", "sha1WithRSAEncryption")),
    ("sha256", "rsa2048", ("sha256", "sha256WithRSAEncryption")), ("sha384", "p384", ("sha384", "ecdsa-with-SHA384")),
    ("sha512", "p521", ("sha512", "ecdsa-with-SHA512")), ("sha256", "ed25519", (None, "ed25519")),
])
def test_signature_hash_and_algorithm(hash_name, signer, expected):
    attributes = parsed(B.certificate(hash_name=hash_name, signer=signer or "p384"))
    assert (attributes["signature_hash"], attributes["signature_algorithm"]) == expected


@pytest.mark.parametrize("dns,cn,wildcard", [
    (("*.example.com", "example.com"), "example.com", True),
    (("www.example.com",), "*.example.com", False),  # a DNS SAN decides; the CN only counts without one
    ((), "*.example.com", True),
    ((), "example.com", False),
    (("a*.example.com",), "x", False),
])
def test_wildcard(dns, cn, wildcard):
    assert parsed(B.certificate(subject=(("CN", cn),), dns=dns))["wildcard"] is wildcard


def test_no_names_no_extended_key_usage_and_unknown_usages():
    attributes = parsed(B.certificate(subject=(("O", "Acme"),), dns=(), eku=None))
    assert attributes["dns_names"] == [] and attributes["ip_addresses"] == [] and attributes["wildcard"] is False
    assert attributes["extended_key_usage"] is None and attributes["subject_dn"] == "O=Acme"
    usages = parsed(B.certificate(eku=("1.3.6.1.4.1.311.20.2.2", "codeSigning", "OCSPSigning", "timeStamping",
                                       "emailProtection")))["extended_key_usage"]
    assert usages == ["1.3.6.1.4.1.311.20.2.2", "OCSPSigning", "codeSigning", "emailProtection", "timeStamping"]


def test_rfc4514_escaping_multi_valued_rdns_and_string_types():
    subject = x509.Name([
        x509.RelativeDistinguishedName([x509.NameAttribute(NameOID.COUNTRY_NAME, "US")]),
        x509.RelativeDistinguishedName([x509.NameAttribute(NameOID.ORGANIZATION_NAME, '#Acme, "Inc" <x>;+\\'),
                                        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, " lead and trail ")]),
        x509.RelativeDistinguishedName([x509.NameAttribute(NameOID.COMMON_NAME, "Zoë", _type=_ASN1Type.BMPString)]),
        x509.RelativeDistinguishedName([x509.NameAttribute(NameOID.EMAIL_ADDRESS, "pki@example.com")]),
    ])
    cert = B.certificate(subject=())
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(cert.issuer).public_key(cert.public_key())
            .serial_number(1).not_valid_before(cert.not_valid_before_utc).not_valid_after(cert.not_valid_after_utc)
            .sign(B.key("p256"), hashes.SHA256()))
    dn = parsed(cert)["subject_dn"]
    assert dn == cert.subject.rfc4514_string()
    # The SET of the multi-valued RDN is in DER order (the shorter OU value first), as both readers keep it.
    assert dn == ('1.2.840.113549.1.9.1=pki@example.com,CN=Zoë,OU=\\ lead and trail\\ +'
                  'O=\\#Acme\\, \\"Inc\\" \\<x\\>\\;\\+\\\\,C=US')


def test_issuer_cn_and_org_are_the_most_specific_and_absent_ones_are_null():
    issuer = (("O", "Root Org"), ("CN", "Root CA"), ("O", "Issuing Org"), ("CN", "Issuing CA"))
    attributes = parsed(B.certificate(issuer=issuer))
    assert (attributes["issuer_cn"], attributes["issuer_org"]) == ("Issuing CA", "Issuing Org")
    attributes = parsed(B.certificate(issuer=(("C", "US"), ("OU", "PKI"))))
    assert (attributes["issuer_cn"], attributes["issuer_org"], attributes["issuer_dn"]) == (None, None, "OU=PKI,C=US")


@pytest.mark.parametrize("start,end,days", [
    (datetime(2026, 4, 1, tzinfo=UTC), datetime(2027, 5, 2, 23, 59, 59, tzinfo=UTC), 397.0),
    (datetime(2026, 3, 16, tzinfo=UTC), datetime(2026, 10, 1, 23, 59, 59, tzinfo=UTC), 200.0),
    (datetime(2026, 3, 16, 12, 0, tzinfo=UTC), datetime(2026, 3, 17, 0, 0, tzinfo=UTC), 0.5),
    (datetime(2049, 6, 1, tzinfo=UTC), datetime(2051, 6, 1, tzinfo=UTC), 730.0),  # GeneralizedTime from 2050
    (datetime(1950, 1, 1, tzinfo=UTC), datetime(1950, 1, 1, 23, 59, 59, tzinfo=UTC), 1.0),  # UTCTime 50 is 1950
])
def test_validity_days_count_both_ends(start, end, days):
    attributes = parsed(B.certificate(not_before=start, not_after=end))
    assert attributes["validity_days"] == days
    assert attributes["not_before"] == start.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert attributes["not_after"] == end.strftime("%Y-%m-%dT%H:%M:%SZ")


# -- bodies as the API may send them -------------------------------------------------------------------------------
def test_the_first_of_several_pem_certificates_and_base64_with_line_breaks():
    first, second = B.certificate(dns=("first.example.com",)), B.certificate(dns=("second.example.com",))
    chain = "subject=...\n" + B.encode(first, "pem") + B.encode(second, "pem")
    assert X.parse(chain)[0]["dns_names"] == ["first.example.com"]
    text = B.encode(first)
    wrapped = "\n".join(text[i:i + 64] for i in range(0, len(text), 64)) + "\r\n"
    assert X.parse(wrapped) == X.parse(text)


@pytest.mark.parametrize("body,reason", [
    ("MIIBgarbage", "(base64 DER) does not parse: "),
    ("-----BEGIN CERTIFICATE-----\nMIIB", "(PEM) does not parse: a PEM block without its END line"),
    ("-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----", "a PEM block of 'PRIVATE KEY', not a certificate"),
    ("MIIDxDCCAqygAwIBAgIU", "(base64 DER) does not parse: "),
    ("====", "(base64 DER) does not parse: it is empty"),
    (12345, "(base64 DER) does not parse: it is a int, not a string"),
])
def test_a_body_that_does_not_parse_is_a_short_problem(body, reason):
    attributes, problem = X.parse(body)
    assert attributes is None and problem.startswith("certificate body (") and reason in problem
    assert len(problem) < 200


def test_a_truncated_or_altered_body_never_raises():
    der = B.certificate().public_bytes(serialization.Encoding.DER)
    for cut in range(0, len(der), 7):
        for broken in (der[:cut], der[:cut] + b"\xff" + der[cut + 1:]):
            attributes, problem = X.parse(base64.b64encode(broken).decode())
            assert (attributes is None) != (problem is None)


def test_the_issuer_s_fields_are_cached_by_its_der_and_the_cache_stays_bounded(monkeypatch):
    monkeypatch.setattr(X, "ISSUER_CACHE_SIZE", 2)
    X._issuers.clear()
    for n in range(5):
        assert parsed(B.certificate(issuer=(("CN", "CA %d" % n),)))["issuer_cn"] == "CA %d" % n
        assert len(X._issuers) <= 2
    assert parsed(B.certificate(issuer=(("CN", "CA 4"),)))["issuer_dn"] == "CN=CA 4"


def test_subject_of_a_ca_certificate_for_profiles():
    cert = B.certificate(subject=(("C", "US"), ("O", "DigiCert Inc"), ("CN", "DigiCert CA")))
    assert X.subject(B.encode(cert, "pem")) == (("CN=DigiCert CA,O=DigiCert Inc,C=US", "DigiCert CA", "DigiCert Inc"),
                                                None)
    assert X.subject("••• not a certificate")[1].startswith("certificate body (base64 DER) does not parse")


def test_without_cryptography_nothing_parses_and_the_reason_is_given(monkeypatch):
    monkeypatch.setattr(X, "HAS_CRYPTOGRAPHY", False)
    assert X.parse(B.body()) == (None, X.MISSING)
    assert X.unavailable() == X.MISSING and "cryptography" in X.MISSING


# -- the DER reader equals cryptography's reading -----------------------------------------------------------------
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
LABEL = st.from_regex(r"\A(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,8}[A-Za-z0-9])?(\.[A-Za-z]{2,5}){1,2}\Z")
IP = st.one_of(st.ip_addresses(v=4), st.ip_addresses(v=6)).map(str)
ATTRIBUTE = st.one_of(st.tuples(st.sampled_from(["O", "OU", "CN", "L", "ST"]), TEXT),
                      st.tuples(st.just("DC"), st.from_regex(r"\A[a-z]{1,8}\Z")),
                      st.tuples(st.just("C"), st.sampled_from(["US", "DE", "JP"])))
DAY = st.datetimes(min_value=datetime(1951, 1, 1), max_value=datetime(2099, 1, 1)).map(
    lambda d: d.replace(microsecond=0, tzinfo=UTC))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(key_kind=st.sampled_from(["rsa1024", "rsa2048", "p256", "p384", "p521", "secp256k1", "ed25519"]),
       hash_name=st.sampled_from(["sha1", "sha256", "sha384", "sha512", "md5"]),
       subject=st.lists(ATTRIBUTE, max_size=5), issuer=st.lists(ATTRIBUTE, min_size=1, max_size=4),
       dns=st.lists(LABEL, max_size=4), ips=st.lists(IP, max_size=3),
       eku=st.one_of(st.none(), st.lists(st.sampled_from(sorted(B.EKU) + ["1.3.6.1.4.1.99999.1"]), min_size=1,
                                         max_size=4, unique=True)),
       dates=st.lists(DAY, min_size=2, max_size=2).map(sorted), form=st.sampled_from(["base64", "pem"]))
def test_parse_equals_cryptography_s_own_reading(key_kind, hash_name, subject, issuer, dns, ips, eku, dates, form):
    cert = B.certificate(key_kind=key_kind, hash_name=hash_name, subject=subject, issuer=issuer, dns=dns, ips=ips,
                         eku=eku, not_before=dates[0], not_after=dates[1])
    attributes = parsed(cert, form)
    assert dict((k, attributes[k]) for k in reference(cert)) == reference(cert)
    assert attributes["signature_algorithm"] == X.SIGNATURES[cert.signature_algorithm_oid.dotted_string]
