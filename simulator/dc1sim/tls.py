"""TLS material: a trustme CA kept in the state dir, a fresh server cert, an mTLS client cert.

The CA is reused when ``ca.pem``/``ca.key`` already exist, so a CI job can trust it once
across restarts; the leaf certificates are re-issued at every start.
"""
import os
import ssl

import trustme

SERVER_NAMES = ("127.0.0.1", "localhost", "::1")
CLIENT_CN = "sim-admin"  # the client certificate authenticates as the admin persona


def _write(path, data, private=False):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if private else 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def load_or_create_ca(state_dir):
    cert, key = os.path.join(state_dir, "ca.pem"), os.path.join(state_dir, "ca.key")
    if os.path.exists(cert) and os.path.exists(key):
        with open(cert, "rb") as c, open(key, "rb") as k:
            return trustme.CA.from_pem(c.read(), k.read())
    ca = trustme.CA(organization_name="dc1sim test CA")
    _write(cert, ca.cert_pem.bytes())
    _write(key, ca.private_key_pem.bytes(), private=True)
    return ca


def server_context(state_dir, mtls=False, extra_names=()):
    """-> (SSLContext, paths dict with ca_path, client_cert, client_key)."""
    os.makedirs(state_dir, exist_ok=True)
    ca = load_or_create_ca(state_dir)
    names = list(SERVER_NAMES) + [n for n in extra_names if n and n not in SERVER_NAMES]
    leaf = ca.issue_cert(*names, common_name="dc1sim")
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    leaf.configure_cert(ctx)
    paths = {"ca_path": os.path.join(state_dir, "ca.pem"), "client_cert": None, "client_key": None}
    if mtls:
        ctx.verify_mode = ssl.CERT_REQUIRED
        ca.configure_trust(ctx)
        client = ca.issue_cert("sim-admin.client.invalid", common_name=CLIENT_CN)
        paths["client_cert"] = os.path.join(state_dir, "client.pem")
        paths["client_key"] = os.path.join(state_dir, "client.key")
        _write(paths["client_cert"], client.cert_chain_pems[0].bytes())
        _write(paths["client_key"], client.private_key_pem.bytes(), private=True)
    return ctx, paths


def peer_common_name(sock):
    """CN of a verified client certificate, or None."""
    getpeercert = getattr(sock, "getpeercert", None)
    cert = getpeercert() if getpeercert else None
    if not cert:
        return None
    for rdn in cert.get("subject", ()):
        for k, v in rdn:
            if k == "commonName":
                return v
    return None
