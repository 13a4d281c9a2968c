# -*- coding: utf-8 -*-
"""TLS and mutual TLS against the simulator (docs/reliability.md, "TLS").

In process with the real client: ``ca_path`` trusts the simulator's CA, a client certificate authenticates
without an API key, and a missing, foreign or absent client certificate fails with a message that says what
to check. Through Ansible: the same for a module task. The default refusal of a self-signed server and
``validate_certs: false`` (works, warns) are proven by tests/e2e/test_modules.py
(test_self_signed_server_is_refused_by_default_with_a_hint, test_validate_certs_false_works_and_warns).
"""

import pytest

import dc1_e2e

from ansible_collections.digicert.one.plugins.module_utils._http.client import DC1Client
from ansible_collections.digicert.one.plugins.module_utils._listing.endpoints import read
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError, DC1TLSError

dc1sim = pytest.importorskip("dc1sim")

FAST = {"retries": 1, "retry_max_wait": 0.05, "timeout": 5}


@pytest.fixture(scope="module")
def mtls():
    with dc1sim.Simulator(seed=6, mtls=True, users=6, service_users=2) as server:
        yield server


def users(sim, **settings):
    client = DC1Client(dict(FAST, base_url=sim.base_url, **settings))
    return read(client, "user", {})["users"], client


def test_ca_path_trusts_the_simulator_and_a_client_certificate_authenticates(mtls):
    got, client = users(mtls, client_cert=mtls.client_cert, client_key=mtls.client_key, ca_path=mtls.ca_path)
    assert sorted(u["id"] for u in got) == sorted(u["id"] for u in mtls.tenant["users"])
    assert "x-api-key" not in client.session.headers  # the certificate alone authenticated


def test_api_key_without_client_certificate_fails_naming_client_cert(mtls):
    with pytest.raises(DC1TLSError) as err:
        users(mtls, api_key=mtls.api_key, ca_path=mtls.ca_path)
    text = str(err.value)
    assert "GET /account/api/v1/user" in text and "TLS handshake failed" in text
    assert "client_cert/client_key" in text and "clientauth." in text
    assert mtls.api_key not in text


def test_client_certificate_of_another_ca_fails_clearly(mtls):
    with dc1sim.Simulator(seed=6, mtls=True, users=1, service_users=1) as other:
        with pytest.raises(DC1TLSError) as err:
            users(mtls, client_cert=other.client_cert, client_key=other.client_key, ca_path=mtls.ca_path)
    assert "TLS handshake failed" in str(err.value) and "client_cert" in str(err.value)


def test_no_ca_path_refuses_the_server_and_says_how_to_trust_it(mtls):
    with pytest.raises(DC1TLSError) as err:
        users(mtls, client_cert=mtls.client_cert, client_key=mtls.client_key)
    assert "certificate is not trusted: set ca_path (DC_CA_PATH)" in str(err.value)


def test_missing_client_key_file_fails_before_any_request(mtls, tmp_path):
    before = mtls.stats()["total"]
    with pytest.raises(DC1ConfigError) as err:
        users(mtls, client_cert=mtls.client_cert, client_key=str(tmp_path / "nope.key"), ca_path=mtls.ca_path)
    assert "client_key" in str(err.value) and "not a readable file" in str(err.value)
    assert mtls.stats()["total"] == before


def test_module_with_and_without_client_certificate(mtls, tmp_path):
    env = dc1_e2e.ansible_env(mtls, tmp_path, DC_CLIENT_CERT=mtls.client_cert, DC_CLIENT_KEY=mtls.client_key)
    env.pop("DC_API_TOKEN")
    _status, result, _proc = dc1_e2e.adhoc("dc1_account_info", "", env, tmp_path)
    assert len(result["accounts"]) == len(mtls.tenant["accounts"])
    env = dc1_e2e.ansible_env(mtls, tmp_path)  # an API key, no certificate
    status, result, proc = dc1_e2e.adhoc("dc1_account_info", "retries=0", env, tmp_path, check=False)
    assert status == "UNREACHABLE" and "TLS handshake failed" in result["msg"] and "client_cert" in result["msg"]
    assert mtls.api_key not in proc.stdout + proc.stderr


@pytest.fixture
def expired_server(tmp_path):
    """A TLS server whose certificate expired in 2001, signed by a CA the client trusts."""
    import datetime
    import ssl
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    import trustme

    ca = trustme.CA()
    leaf = ca.issue_cert("127.0.0.1", not_before=datetime.datetime(2000, 1, 1),
                         not_after=datetime.datetime(2001, 1, 1))
    ca_file = tmp_path / "ca.pem"
    ca_file.write_bytes(ca.cert_pem.bytes())
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    leaf.configure_cert(context)
    server = HTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "https://127.0.0.1:%d" % server.server_address[1], str(ca_file), tmp_path
    server.shutdown()


def test_an_expired_server_certificate_says_expired_and_a_wrong_ca_names_the_file(expired_server, mtls):
    url, ca_file, tmp_path = expired_server
    with pytest.raises(DC1TLSError) as err:
        DC1Client(dict(FAST, base_url=url, api_key="k-0123456789", ca_path=ca_file)).get("/account/api/v1/user")
    assert "certificate has expired" in str(err.value) and "set ca_path" not in str(err.value)
    with pytest.raises(DC1TLSError) as err:  # the simulator's server is not signed by this CA
        users(mtls, client_cert=mtls.client_cert, client_key=mtls.client_key, ca_path=ca_file)
    assert "not signed by a CA in ca_path %s" % ca_file in str(err.value)
