# -*- coding: utf-8 -*-
"""Real X.509 certificate bodies for the unit tests, built with ``cryptography`` (no fixtures on disk).

``body(...)`` signs a certificate as the options say and returns it as the API would send it (bare base64 DER
by default, or PEM). Keys are generated once per process and shared (RSA generation is slow). MD5 and SHA-1
signatures, which ``cryptography`` may refuse to make, are made by signing with SHA-256 and rewriting the
signature algorithm's OID in the DER: the collection parses bodies, it never verifies a signature.
"""

import base64
import datetime
import ipaddress

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

UTC = datetime.timezone.utc
_KEYS = {}
MAKERS = {
    "rsa1024": lambda: rsa.generate_private_key(65537, 1024),
    "rsa2048": lambda: rsa.generate_private_key(65537, 2048),
    "rsa3072": lambda: rsa.generate_private_key(65537, 3072),
    "p192": lambda: ec.generate_private_key(ec.SECP192R1()),
    "p256": lambda: ec.generate_private_key(ec.SECP256R1()),
    "p384": lambda: ec.generate_private_key(ec.SECP384R1()),
    "p521": lambda: ec.generate_private_key(ec.SECP521R1()),
    "secp256k1": lambda: ec.generate_private_key(ec.SECP256K1()),
    "ed25519": ed25519.Ed25519PrivateKey.generate,
    "ed448": ed448.Ed448PrivateKey.generate,
    "dsa2048": lambda: dsa.generate_private_key(2048),
}
EKU = {"serverAuth": ExtendedKeyUsageOID.SERVER_AUTH, "clientAuth": ExtendedKeyUsageOID.CLIENT_AUTH,
       "codeSigning": ExtendedKeyUsageOID.CODE_SIGNING, "emailProtection": ExtendedKeyUsageOID.EMAIL_PROTECTION,
       "timeStamping": ExtendedKeyUsageOID.TIME_STAMPING, "OCSPSigning": ExtendedKeyUsageOID.OCSP_SIGNING}
ATTRIBUTES = {"C": NameOID.COUNTRY_NAME, "O": NameOID.ORGANIZATION_NAME, "OU": NameOID.ORGANIZATIONAL_UNIT_NAME,
              "CN": NameOID.COMMON_NAME, "L": NameOID.LOCALITY_NAME, "ST": NameOID.STATE_OR_PROVINCE_NAME,
              "DC": NameOID.DOMAIN_COMPONENT, "SERIALNUMBER": NameOID.SERIAL_NUMBER, "E": NameOID.EMAIL_ADDRESS}
# The DER of AlgorithmIdentifier for sha256WithRSAEncryption, and its weaker siblings (same length: OID .11 -> .4/.5).
SHA256_RSA = bytes.fromhex("300d06092a864886f70d01010b0500")
WEAK = {"md5": bytes.fromhex("300d06092a864886f70d0101040500"), "sha1": bytes.fromhex("300d06092a864886f70d0101050500")}
ISSUER = (("C", "US"), ("O", "DigiCert Inc"), ("CN", "DigiCert Global G2 TLS RSA SHA256 2020 CA1"))


def key(kind):
    if kind not in _KEYS:
        _KEYS[kind] = MAKERS[kind]()
    return _KEYS[kind]


def name(pairs):
    """A Name from ``((short name or OID object, value), ...)`` in DER order (least specific first)."""
    return x509.Name([x509.NameAttribute(ATTRIBUTES.get(k, k), v) for k, v in pairs])


def certificate(key_kind="rsa2048", hash_name="sha256", subject=(("CN", "host.example.com"),), issuer=ISSUER,
                dns=("host.example.com",), ips=(), emails=(), eku=("serverAuth",), not_before=None, not_after=None,
                serial=0x4099ABF9, signer="p384"):
    """A ``cryptography`` certificate; ``eku=None`` leaves the extension out, ``dns=()`` with no ``ips`` the SAN."""
    not_before = not_before or datetime.datetime(2026, 1, 1, tzinfo=UTC)
    not_after = not_after or datetime.datetime(2026, 12, 31, 23, 59, 59, tzinfo=UTC)
    builder = (x509.CertificateBuilder().subject_name(name(subject)).issuer_name(name(issuer))
               .public_key(key(key_kind).public_key()).serial_number(serial)
               .not_valid_before(not_before).not_valid_after(not_after)
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True))
    general = ([x509.DNSName(d) for d in dns] + [x509.IPAddress(ipaddress.ip_address(i)) for i in ips]
               + [x509.RFC822Name(e) for e in emails])
    if general:
        builder = builder.add_extension(x509.SubjectAlternativeName(general), critical=False)
    if eku is not None:
        usages = [EKU[u] if u in EKU else x509.ObjectIdentifier(u) for u in eku]
        builder = builder.add_extension(x509.ExtendedKeyUsage(usages), critical=False)
    weak = hash_name in WEAK
    signing_key = key("rsa2048" if weak else signer)
    algorithm = None if isinstance(signing_key, (ed25519.Ed25519PrivateKey, ed448.Ed448PrivateKey)) else (
        hashes.SHA256() if weak else getattr(hashes, hash_name.upper())())
    cert = builder.sign(signing_key, algorithm)
    if weak:
        der = cert.public_bytes(serialization.Encoding.DER).replace(SHA256_RSA, WEAK[hash_name])
        cert = x509.load_der_x509_certificate(der)
    return cert


def encode(cert, form="base64"):
    """The body as the API sends it: bare base64 DER, or PEM."""
    if form == "pem":
        return cert.public_bytes(serialization.Encoding.PEM).decode()
    return base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()


def body(form="base64", **options):
    return encode(certificate(**options), form)
