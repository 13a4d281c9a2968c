# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The attributes a posture check needs, parsed from a Trust Lifecycle certificate's body.

Key, signature algorithm, names, issuer and the real validity exist only in the body (``certificate``, base64
DER or PEM), not in the search item's fields. ``parse`` reads them with ``cryptography``, which ansible-core
already depends on (no new requirement), behind a guarded import: without it every certificate's attributes
are unknown and the caller says so once (``unavailable()``).

The facts read up to a million bodies in one process, so the cost per body matters (docs/certificates.md has
the numbers): ``cryptography`` loads each body (a body it refuses is "does not parse") and reads the signature
hash, which it does in microseconds; the key, names, validity and the two extensions are read straight from the
DER (``der.py``), since ``cryptography`` builds Python objects for each of those; the issuer's fields are
cached by the issuer's DER bytes, as a tenant has few issuers.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import binascii
import threading
import traceback

from ansible_collections.digicert.one.plugins.module_utils._lifecycle import der as D

try:
    from cryptography import x509 as crypto_x509
    from cryptography.exceptions import UnsupportedAlgorithm
    HAS_CRYPTOGRAPHY = True
    CRYPTOGRAPHY_IMPORT_ERROR = None
except ImportError:  # pragma: no cover - the import sanity test's environment has no cryptography
    HAS_CRYPTOGRAPHY = False
    CRYPTOGRAPHY_IMPORT_ERROR = traceback.format_exc()

MISSING = ("the Python library 'cryptography' cannot be imported where the module runs, so the certificates' "
           "bodies are not parsed: their x509 attributes are unknown (null)")
# The subjectPublicKeyInfo's algorithm: key type and, where the algorithm fixes it, the size in bits.
KEY_TYPES = dict((D.encode_oid(k), v) for k, v in (
    ("1.2.840.113549.1.1.1", ("RSA", None)), ("1.2.840.113549.1.1.10", ("RSA", None)),
    ("1.2.840.10045.2.1", ("EC", None)), ("1.2.840.10040.4.1", ("DSA", None)), ("1.3.101.112", ("Ed25519", 256)),
    ("1.3.101.113", ("Ed448", 456)), ("1.3.101.110", ("X25519", 256)), ("1.3.101.111", ("X448", 448))))
# Named curves by OID: the NIST names the issue and the CA/B Forum use, others as cryptography names them.
CURVES = dict((D.encode_oid(k), v) for k, v in (
    ("1.2.840.10045.3.1.1", (192, "P-192")), ("1.3.132.0.33", (224, "P-224")), ("1.2.840.10045.3.1.7", (256, "P-256")),
    ("1.3.132.0.34", (384, "P-384")), ("1.3.132.0.35", (521, "P-521")), ("1.3.132.0.10", (256, "secp256k1")),
    ("1.3.36.3.3.2.8.1.1.7", (256, "brainpoolP256r1")), ("1.3.36.3.3.2.8.1.1.11", (384, "brainpoolP384r1")),
    ("1.3.36.3.3.2.8.1.1.13", (512, "brainpoolP512r1"))))
NIST = {"secp192r1": "P-192", "secp224r1": "P-224", "secp256r1": "P-256", "secp384r1": "P-384",
        "secp521r1": "P-521"}
# cryptography's names for the usual signature algorithms (OpenSSL's short names), kept here so that a result
# does not change with the cryptography version; others take cryptography's name, else the dotted OID.
SIGNATURES = {
    "1.2.840.113549.1.1.4": "md5WithRSAEncryption", "1.2.840.113549.1.1.5": "sha1WithRSAEncryption",
    "1.2.840.113549.1.1.14": "sha224WithRSAEncryption", "1.2.840.113549.1.1.11": "sha256WithRSAEncryption",
    "1.2.840.113549.1.1.12": "sha384WithRSAEncryption", "1.2.840.113549.1.1.13": "sha512WithRSAEncryption",
    "1.2.840.113549.1.1.10": "rsassaPss", "1.2.840.10045.4.1": "ecdsa-with-SHA1",
    "1.2.840.10045.4.3.1": "ecdsa-with-SHA224", "1.2.840.10045.4.3.2": "ecdsa-with-SHA256",
    "1.2.840.10045.4.3.3": "ecdsa-with-SHA384", "1.2.840.10045.4.3.4": "ecdsa-with-SHA512",
    "1.2.840.10040.4.3": "dsa-with-sha1", "2.16.840.1.101.3.4.3.1": "dsa-with-sha224",
    "2.16.840.1.101.3.4.3.2": "dsa-with-sha256", "1.3.101.112": "ed25519", "1.3.101.113": "ed448",
}
ISSUER_CACHE_SIZE = 4096
_issuers = {}
_issuers_lock = threading.Lock()


def unavailable():
    """The one warning to give when bodies cannot be parsed at all, else None."""
    return None if HAS_CRYPTOGRAPHY else MISSING


def parse(body):
    """``(attributes, None)`` for a certificate body, or ``(None, problem)``.

    ``body`` is what the API sends in ``certificate``: PEM (the first certificate of several) or bare base64
    DER, whitespace and line breaks allowed. The attributes are the contract in docs/certificates.md.
    """
    loaded, problem = _load(body)
    if problem:
        return None, problem
    cert, der, form = loaded
    try:
        return attributes(cert, der), None
    except Exception as exc:  # any body, however broken, is one certificate's unknown attributes, never a failure
        return None, "certificate body (%s) does not parse: %s" % (form, _short(exc))


def subject(body):
    """``((subject DN, CN, O), None)`` of a certificate body (a profile's issuer CA), or ``(None, problem)``."""
    loaded, problem = _load(body)
    if problem:
        return None, problem
    _cert, der, form = loaded
    try:
        return D.name(der, *D.Tbs(der).subject), None
    except Exception as exc:  # as in parse: a broken body is unknown, never a failure
        return None, "certificate body (%s) does not parse: %s" % (form, _short(exc))


def _load(body):
    """``((cryptography certificate, DER, form), None)`` or ``(None, problem)``."""
    if not HAS_CRYPTOGRAPHY:
        return None, MISSING
    form = "PEM" if isinstance(body, str) and "-----BEGIN" in body else "base64 DER"
    try:
        der = decode(body)
        return (crypto_x509.load_der_x509_certificate(der), der, form), None
    except Exception as exc:  # ValueError, binascii.Error, cryptography's InvalidVersion, ...: all "does not parse"
        return None, "certificate body (%s) does not parse: %s" % (form, _short(exc))


def decode(body):
    """The DER bytes of ``body``: the first PEM block, or the whole text as base64 (whitespace ignored)."""
    if not isinstance(body, str):
        raise ValueError("it is a %s, not a string" % type(body).__name__)
    start = body.find("-----BEGIN")
    if start >= 0:
        label_end = body.find("-----", start + 10)
        stop = body.find("-----END", label_end + 5) if label_end > 0 else -1
        if stop < 0:
            raise ValueError("a PEM block without its END line")
        if not body[start + 10:label_end].strip().endswith("CERTIFICATE"):
            raise ValueError("a PEM block of %r, not a certificate" % body[start + 11:label_end][:40])
        body = body[label_end + 5:stop]
    der = binascii.a2b_base64(body)
    if not der:
        raise ValueError("it is empty")
    return der


def attributes(cert, der):
    """The attributes of a loaded certificate; ``der`` is its DER (the pieces ``cryptography`` reads slowly)."""
    tbs = D.Tbs(der)
    key_type, key_size, curve = _key(cert, der, tbs)
    issuer_dn, issuer_cn, issuer_org = _issuer(der, tbs.issuer)
    subject_dn, subject_cn, _org = D.name(der, *tbs.subject)
    not_before, not_after = D.validity(der, *tbs.validity)
    dns, ips, usage = D.extensions(der, *tbs.extensions) if tbs.extensions else ([], [], None)
    dns = sorted({name.lower() for name in dns})
    wildcard = any(name.startswith("*.") for name in dns) if dns else (subject_cn or "").startswith("*.")
    return {
        "key_type": key_type,
        "key_size": key_size,
        "curve": curve,
        "signature_hash": _signature_hash(cert),
        "signature_algorithm": _signature_name(cert),
        "subject_dn": subject_dn,
        "issuer_dn": issuer_dn,
        "issuer_cn": issuer_cn,
        "issuer_org": issuer_org,
        "dns_names": dns,
        "ip_addresses": _addresses(ips) if ips else [],
        "wildcard": wildcard,
        "not_before": not_before.isoformat() + "Z",
        "not_after": not_after.isoformat() + "Z",
        "validity_days": round(((not_after - not_before).total_seconds() + 1) / 86400.0, 4),
        "extended_key_usage": None if usage is None else sorted(usage),
    }


def _addresses(ips):
    """IP addresses once each, IPv4 before IPv6, in numeric order, as strings."""
    return ["%s" % ip for ip in sorted(set(ips), key=lambda ip: (ip.version, ip))]


def _issuer(der, span):
    """The issuer's ``(DN, CN, O)``, cached by its DER: thousands of certificates share one issuer."""
    raw = der[span[0]:span[1]]
    found = _issuers.get(raw)
    if found is None:
        found = D.name(der, *D.expect(der, span[0], D.SEQUENCE, span[1]))
        with _issuers_lock:
            if len(_issuers) >= ISSUER_CACHE_SIZE:
                _issuers.clear()
            _issuers[raw] = found
    return found


def _key(cert, der, tbs):
    """``(key type, size in bits, curve)``, from the DER; ``cryptography`` names a curve the table lacks."""
    algorithm, curve_oid, bits = D.public_key(der, tbs.key)
    key_type, size = KEY_TYPES.get(algorithm) or (_oid_name(D.dotted(algorithm)), None)
    if key_type != "EC":
        return key_type, bits or size, None
    if curve_oid in CURVES:
        return ("EC",) + CURVES[curve_oid]
    try:
        curve = cert.public_key().curve
    except (UnsupportedAlgorithm, ValueError, AttributeError):
        return "EC", None, curve_oid and D.dotted(curve_oid)  # a curve nobody knows: its OID (None: explicit)
    return "EC", curve.key_size, NIST.get(curve.name, curve.name)


def _signature_name(cert):
    oid = cert.signature_algorithm_oid.dotted_string
    return SIGNATURES.get(oid) or _oid_name(oid)


def _oid_name(oid):
    """``cryptography``'s name for a dotted OID, else the dotted OID itself."""
    try:
        name = getattr(crypto_x509.ObjectIdentifier(oid), "_name", None)
    except ValueError:
        return oid
    return oid if not name or name == "Unknown OID" else name


def _signature_hash(cert):
    """The hash's lower-case name; None without a separate hash (Ed25519) or when ``cryptography`` cannot tell."""
    try:
        algorithm = cert.signature_hash_algorithm
    except (UnsupportedAlgorithm, ValueError):
        return None
    return algorithm.name.lower() if algorithm is not None else None


def _short(exc):
    text = " ".join(("%s" % exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
