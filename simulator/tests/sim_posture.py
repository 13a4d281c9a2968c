"""An independent posture evaluator for the simulator's tests: served certificates and profiles in, findings out.

Written from the issue's rules and their sources, not from ``dc1sim.mpki_policy``: bodies are parsed with
``cryptography``; a key or field the server did not send is unknown, never a finding. Findings are
``(check, object id)`` pairs in the vocabulary of ``tenant["planted"]``.
"""
import base64
import datetime

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtensionOID, NameOID

# CA/B Forum BR 6.3.2 (ballot SC081v3): maximum validity of a public TLS certificate by issue date
STEPS = ((datetime.date(2029, 3, 15), 47), (datetime.date(2027, 3, 15), 100), (datetime.date(2026, 3, 15), 200))
CURVES = {"secp256r1", "secp384r1", "secp521r1"}
PUBLIC = ("DigiCert Inc",)


def public_maximum(issued):
    """Days allowed for a public TLS certificate issued on ``issued`` (a date)."""
    return next((days for start, days in STEPS if issued >= start), 398)


def body_of(text):
    """The parsed certificate of a served body: bare base64 DER or PEM."""
    if text.startswith("-----BEGIN"):
        return x509.load_pem_x509_certificate(text.encode())
    return x509.load_der_x509_certificate(base64.b64decode(text))


def _attr(name, oid):
    values = name.get_attributes_for_oid(oid)
    return values[0].value if values else None


def names_of(body):
    """Every name the certificate is for: its CN and its SANs (DNS names, e-mail addresses)."""
    names = {_attr(body.subject, NameOID.COMMON_NAME)} - {None}
    try:
        san = body.extensions.get_extension_for_oid(ExtensionOID.SUBJECT_ALTERNATIVE_NAME).value
    except x509.ExtensionNotFound:
        return frozenset(names)
    return frozenset(names | set(san.get_values_for_type(x509.DNSName)) | set(san.get_values_for_type(x509.RFC822Name)))


def _body_findings(body, approved):
    found = []
    key = body.public_key()
    if isinstance(key, rsa.RSAPublicKey) and key.key_size < 2048:
        found.append("certificate_weak_key")
    if isinstance(key, ec.EllipticCurvePublicKey) and key.curve.name not in CURVES:
        found.append("certificate_weak_key")
    if body.signature_hash_algorithm is not None and body.signature_hash_algorithm.name in ("sha1", "md5"):
        found.append("certificate_weak_signature")
    organization = _attr(body.issuer, NameOID.ORGANIZATION_NAME)
    # BR 1.6.1: the validity period runs from notBefore through notAfter, inclusive
    validity = ((body.not_valid_after_utc - body.not_valid_before_utc).total_seconds() + 1) / 86400
    if organization in PUBLIC and validity > public_maximum(body.not_valid_before_utc.date()):
        found.append("certificate_validity_over_public_maximum")
    if any(n.startswith("*.") for n in names_of(body)):
        found.append("certificate_wildcard")
    if approved and not {organization, _attr(body.issuer, NameOID.COMMON_NAME)} & set(approved):
        found.append("certificate_unapproved_issuer")
    return found


def certificate_findings(certs, now, approved=()):
    """Findings over served certificates (dicts with ``certificate``), ``now`` an aware datetime."""
    found, groups = set(), {}
    for cert in certs:
        body = body_of(cert["certificate"])
        found |= {(check, cert["serial_number"]) for check in _body_findings(body, approved)}
        if "seat" in cert and not (cert["seat"] or {}).get("seat_id"):
            found.add(("certificate_without_owner", cert["serial_number"]))
        if cert["status"].lower() == "issued" and body.not_valid_after_utc > now:
            groups.setdefault(names_of(body), []).append(cert["serial_number"])
    for serials in groups.values():
        if len(serials) > 1:
            found |= {("certificate_duplicate", s) for s in serials}
    return found


def profile_findings(profiles, now):
    """Findings over served profiles (``PublicProfileResponse``)."""
    found = set()
    units = {"days": 1, "years": 365}
    for p in profiles:
        algorithm = p.get("signature_algorithm") or ""
        validity = (p.get("certificate") or {}).get("validity") or {}
        issuer = (p.get("certificate") or {}).get("issuer") or {}
        public = any(f"O={o}" in issuer.get("subject_dn", "") for o in PUBLIC)
        if public and validity and validity["duration"] * units[validity["unit"]] > public_maximum(now.date()):
            found.add(("profile_validity_over_public_maximum", p["id"]))
        if algorithm.startswith(("SHA1_", "MD5_")):
            found.add(("profile_weak_signature", p["id"]))
        size = (p.get("private_key_attributes") or {}).get("key_size")
        minimum = 256 if algorithm.endswith("_ECDSA") else 2048
        if size is not None and int(size) < minimum:
            found.add(("profile_weak_key", p["id"]))
        if (p.get("key_escrow_policy") or {}).get("key_escrow_enabled"):
            found.add(("profile_key_escrow", p["id"]))
    return found
