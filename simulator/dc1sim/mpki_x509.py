"""X.509 bodies of the simulated Trust Lifecycle PKI, built with ``cryptography``.

The issuers are a fixed table (``CAS``): DigiCert's public TLS issuing CA and its root, the tenant's own private
CAs, and one third-party CA that no policy approves. Every certificate is really signed by its issuer's key
(``mpki_keys``), so a body parses and verifies, except in two documented cases:

* SHA-1 and MD5: ``cryptography`` refuses to sign with them, so the body is signed with SHA-256 and the two
  signature-algorithm OIDs are then patched in the DER (the collection parses bodies, it never verifies them);
* bulk populations (``mpki_bulk``): a pre-signed template whose fixed-width fields are patched in place.

Bodies are a pure function of their fields (RSA PKCS#1 v1.5 and RFC 6979 ECDSA signatures are deterministic), so
a tenant stays byte-identical for a seed, sizes and ``now``; they are memoised, since tests build the same tenant
many times in one process.
"""
import base64
import datetime
import functools
import hashlib

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from .dates import DAY
from .mpki_keys import private_key

# CA -> (subject, oldest first as in the DER; key; parent CA or None for a root; publicly trusted)
CAS = {
    "digicert-root-g2": ((("C", "US"), ("O", "DigiCert Inc"), ("OU", "www.digicert.com"),
                          ("CN", "DigiCert Global Root G2")), "ca-digicert-root-g2", None, True),
    "digicert-g2-tls": ((("C", "US"), ("O", "DigiCert Inc"), ("CN", "DigiCert Global G2 TLS RSA SHA256 2020 CA1")),
                        "ca-digicert-g2-tls", "digicert-root-g2", True),
    "example-root": ((("C", "US"), ("O", "Example Corp"), ("CN", "Example Corp Private Root CA")),
                     "ca-example-root", None, False),
    "example-rsa": ((("C", "US"), ("O", "Example Corp"), ("CN", "Example Issuing CA 1")),
                    "ca-example-rsa", "example-root", False),
    "example-ecc": ((("C", "US"), ("O", "Example Corp"), ("CN", "Example Issuing CA 2 ECC")),
                    "ca-example-ecc", "example-root", False),
    "third-party-root": ((("C", "GB"), ("O", "Example Third Party Trust Ltd"), ("CN", "Third Party Root CA")),
                         "ca-third-party-root", None, False),
    "third-party": ((("C", "GB"), ("O", "Example Third Party Trust Ltd"), ("CN", "Third Party TLS CA 1")),
                    "ca-third-party", "third-party-root", False),
}
_OID = {"C": NameOID.COUNTRY_NAME, "O": NameOID.ORGANIZATION_NAME, "OU": NameOID.ORGANIZATIONAL_UNIT_NAME,
        "CN": NameOID.COMMON_NAME}
# sha256WithRSAEncryption (1.2.840.113549.1.1.11) as DER; sha1WithRSA ends in 05, md5WithRSA in 04: same length
_SHA256_RSA = bytes.fromhex("06092a864886f70d01010b")
_WEAK_OID_LAST = {"sha1": 0x05, "md5": 0x04}
# what each kind of seat's certificate is for
_USAGE = {"server": (ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH),
          "user": (ExtendedKeyUsageOID.CLIENT_AUTH, ExtendedKeyUsageOID.EMAIL_PROTECTION),
          "device": (ExtendedKeyUsageOID.CLIENT_AUTH,)}


def _name(subject):
    return x509.Name([x509.NameAttribute(_OID[k], v) for k, v in subject])


def subject_dn(ca):
    """The CA's subject as the spec's example writes one: most specific first, ``CN=..., O=..., C=...``."""
    return ", ".join(f"{k}={v}" for k, v in reversed(CAS[ca][0]))


def common_name(ca):
    return dict(CAS[ca][0])["CN"]


def organization(ca):
    return dict(CAS[ca][0])["O"]


def is_public(ca):
    return CAS[ca][3]


def ca_serial(ca):
    """The CA certificate's serial number: 159 bits from a hash of its name (fixed, like the CA)."""
    return int.from_bytes(hashlib.sha256(b"dc1sim ca " + ca.encode()).digest()[:20], "big") >> 1 | 1 << 158


def key_identifier(ca):
    """The CA's subject key identifier, upper-case hex: the ``aki`` of what it issues."""
    ski = x509.SubjectKeyIdentifier.from_public_key(private_key(CAS[ca][1]).public_key())
    return ski.digest.hex().upper()


def _when(epoch):
    return datetime.datetime.fromtimestamp(epoch, tz=datetime.timezone.utc)


def _signature_hash(ca):
    """SHA-384 under an EC CA (P-384), SHA-256 under an RSA one, as their certificates say in their names."""
    return hashes.SHA384() if isinstance(private_key(CAS[ca][1]), ec.EllipticCurvePrivateKey) else hashes.SHA256()


def _sign(builder, ca):
    return builder.sign(private_key(CAS[ca][1]), _signature_hash(ca), ecdsa_deterministic=True
                        if isinstance(private_key(CAS[ca][1]), ec.EllipticCurvePrivateKey) else None)


@functools.lru_cache(maxsize=64)
def ca_certificate(ca, now):
    """DER of the CA's certificate, valid around ``now`` (epoch seconds, whole days): roots 20 years, others 10."""
    subject, key, parent, _public = CAS[ca]
    start = now - now % DAY - (6 if parent is None else 3) * 365 * DAY
    years = 20 if parent is None else 10
    public = private_key(key).public_key()
    signer = parent or ca
    builder = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(_name(CAS[signer][0]))
               .public_key(public).serial_number(ca_serial(ca))
               .not_valid_before(_when(start)).not_valid_after(_when(start + years * 365 * DAY))
               .add_extension(x509.BasicConstraints(ca=True, path_length=None if parent is None else 0), critical=True)
               .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False))
    if parent:
        builder = builder.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
            private_key(CAS[parent][1]).public_key()), critical=False)
    return _sign(builder, signer).public_bytes(serialization.Encoding.DER)


def _sans(names):
    """('dns', name) and ('email', address) pairs as SubjectAlternativeName entries."""
    return [x509.RFC822Name(v) if kind == "email" else x509.DNSName(v) for kind, v in names]


@functools.lru_cache(maxsize=20000)
def end_entity(ca, key, serial, cn, names, start, end, usage, weak_hash=None):
    """DER of an end-entity certificate: subject CN, SANs ``names``, ``usage`` ('server', 'user', 'device').

    ``weak_hash`` ('sha1' or 'md5') patches the signature algorithm after signing (the body then does not verify).
    """
    public = private_key(key).public_key()
    rsa_key = not isinstance(public, ec.EllipticCurvePublicKey)
    builder = (x509.CertificateBuilder().subject_name(_name((("CN", cn),))).issuer_name(_name(CAS[ca][0]))
               .public_key(public).serial_number(serial).not_valid_before(_when(start)).not_valid_after(_when(end))
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(x509.KeyUsage(True, False, rsa_key, False, False, False, False, False, False),
                              critical=True)
               .add_extension(x509.ExtendedKeyUsage(list(_USAGE[usage])), critical=False)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                   private_key(CAS[ca][1]).public_key()), critical=False))
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName(_sans(names)), critical=False)
    der = _sign(builder, ca).public_bytes(serialization.Encoding.DER)
    return patch_signature_hash(der, weak_hash) if weak_hash else der


def patch_signature_hash(der, weak_hash):
    """The DER with both sha256WithRSAEncryption OIDs (tbs and outer) turned into ``weak_hash`` with RSA."""
    if der.count(_SHA256_RSA) != 2:
        raise ValueError("a weak signature needs a body signed sha256WithRSAEncryption by an RSA CA")
    return der.replace(_SHA256_RSA, _SHA256_RSA[:-1] + bytes([_WEAK_OID_LAST[weak_hash]]))


def unparseable(serial):
    """Bytes that start like a DER certificate (SEQUENCE, 880 bytes) and are not one: ``mpki_malformed``."""
    stream, block = b"", serial.encode()
    while len(stream) < 880:
        block = hashlib.sha256(block).digest()
        stream += block
    return b"\x30\x82\x03\x70" + stream[:880]


def b64(der):
    return base64.b64encode(der).decode()


def pem(text):
    """A base64 body PEM-armoured, 64 characters a line."""
    lines = [text[i:i + 64] for i in range(0, len(text), 64)]
    return "-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n"


def thumbprint(der):
    """SHA-256 of the DER, upper-case hex: the spec's ``thumbprint`` filter."""
    return hashlib.sha256(der).hexdigest().upper()
