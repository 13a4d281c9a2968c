# -*- coding: utf-8 -*-
"""DC1Client: host resolution, headers, retries, error shapes and redaction."""

import pytest
import requests
from email.utils import formatdate
import time

from ansible_collections.digicert.one.plugins.module_utils._http.client import DC1Client, resolve_base_url
from ansible_collections.digicert.one.plugins.module_utils._errors import (
    DC1ApiError,
    DC1ConfigError,
    DC1TLSError,
    DC1TransportError,
)

from dc1_fakes import TOKEN, make_client, response

PATH = "/account/api/v1/user"


# -- host and settings ---------------------------------------------------------------------
@pytest.mark.parametrize("given,expected", [
    ("https://demo.one.digicert.com", "https://demo.one.digicert.com"),
    ("https://demo.one.digicert.com/", "https://demo.one.digicert.com"),
    ("https://one.digicert.com/account/api/v1/", "https://one.digicert.com"),
    ("https://127.0.0.1:8443", "https://127.0.0.1:8443"),
    ("https://proxy.example.com/dc1", "https://proxy.example.com/dc1"),
])
def test_base_url_forms(given, expected):
    assert resolve_base_url(given) == expected


@pytest.mark.parametrize("bad", ["demo.one.digicert.com", "http://demo.one.digicert.com", "https://", "ftp://x",
                                 "https://x/?a=1"])
def test_bad_base_url_is_refused_before_any_request(bad):
    with pytest.raises(DC1ConfigError) as err:
        resolve_base_url(bad)
    assert "base_url" in str(err.value)


def test_region_hosts_and_clientauth_prefix():
    assert resolve_base_url(region="nl", environment="demo") == "https://demo.one.nl.digicert.com"
    assert resolve_base_url(region="jp", environment="production") == "https://one.digicert.co.jp"
    assert resolve_base_url(region="us", environment="production", client_cert="/c.pem") == \
        "https://clientauth.one.digicert.com"


def test_no_host_names_every_way_to_give_one_and_never_guesses():
    with pytest.raises(DC1ConfigError) as err:
        resolve_base_url()
    for word in ("base_url", "DC_BASE", "region", "environment"):
        assert word in str(err.value)
    with pytest.raises(DC1ConfigError):
        resolve_base_url(region="us")  # production is never assumed


def test_credential_required():
    with pytest.raises(DC1ConfigError) as err:
        DC1Client({"base_url": "https://x.test"})
    assert "DC_API_TOKEN" in str(err.value)


@pytest.mark.parametrize("name,value", [("timeout", 0), ("page_size", -1), ("retries", -1), ("max_concurrency", 0)])
def test_bad_numbers_are_refused(name, value):
    with pytest.raises(DC1ConfigError) as err:
        make_client(lambda *a: response(body=[]), **{name: value})
    assert name in str(err.value)


def test_missing_ca_file_is_refused(tmp_path):
    with pytest.raises(DC1ConfigError) as err:
        make_client(lambda *a: response(body=[]), ca_path=str(tmp_path / "nope.pem"))
    assert "ca_path" in str(err.value)


# -- what is sent ------------------------------------------------------------------------
PEM_CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
PEM_KEY = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"


def test_junk_ca_and_a_client_cert_without_its_key_fail_before_connecting(tmp_path):
    junk, cert, both = tmp_path / "junk.pem", tmp_path / "cert.pem", tmp_path / "both.pem"
    junk.write_text("not a certificate\n")
    cert.write_text(PEM_CERT)
    both.write_text(PEM_CERT + PEM_KEY)
    base = {"base_url": "https://dc1.example.test"}
    with pytest.raises(DC1ConfigError, match=r"ca_path .*junk\.pem.* holds no PEM certificate"):
        DC1Client(dict(base, api_key=TOKEN, ca_path=str(junk)))
    with pytest.raises(DC1ConfigError, match="holds no private key and client_key"):
        DC1Client(dict(base, client_cert=str(cert)))
    DC1Client(dict(base, client_cert=str(both)))  # the key inside the certificate file is fine
    DC1Client(dict(base, client_cert=str(cert), client_key=str(both)))


def test_errors_name_the_host_and_the_full_path_with_a_base_path_prefix():
    client = make_client(lambda *a: response(500, {"errors": [{"code": "internal_error", "message": "boom"}]}),
                         base_url="https://proxy.example.test/dc1/", retries=0)
    with pytest.raises(DC1ApiError) as err:
        client.get(PATH, {"status": "active"})
    text = str(err.value)
    assert text.startswith("GET /dc1%s?status=active failed: HTTP 500" % PATH)
    assert text.endswith("[https://proxy.example.test]") and err.value.path == "/dc1%s?status=active" % PATH


def test_a_long_connection_error_is_shortened_at_a_word():
    from ansible_collections.digicert.one.plugins.module_utils._http.client import _transport_reason
    reason = _transport_reason(ValueError("word " * 200))
    assert reason.endswith("word ...") and len(reason) < 330


def test_headers_verify_and_no_redirects(tmp_path):
    ca = tmp_path / "ca.pem"
    ca.write_text(PEM_CERT)
    client = make_client(lambda *a: response(body=[]), ca_path=str(ca))
    client.get(PATH, {"status": "active", "email": None})
    call = client.session.calls[0]
    assert call["headers"]["x-api-key"] == TOKEN
    assert call["headers"]["Accept"] == "application/json"
    assert call["headers"]["User-Agent"].startswith("digicert.one/0.1.0")
    assert call["kwargs"]["verify"] == str(ca)  # explicit per request: REQUESTS_CA_BUNDLE cannot override it
    assert call["kwargs"]["allow_redirects"] is False
    assert call["params"] == {"status": "active"}


def test_validate_certs_false_warns():
    warnings = []
    DC1Client({"base_url": "https://x.test", "api_key": TOKEN, "validate_certs": False}, warn=warnings.append)
    assert warnings and "validate_certs" in warnings[0]


# -- retries -----------------------------------------------------------------------------
def test_429_with_retry_after_seconds_is_honoured():
    sleeps = []
    answers = [response(429, {"errors": [{"code": "request_limit_exceeded", "message": "slow down"}]},
                        headers={"Retry-After": "3"}), response(body=[{"id": "a"}])]
    client = make_client(lambda m, p, q, n: answers[n - 1], sleeps=sleeps)
    assert client.get(PATH) == [{"id": "a"}]
    assert len(sleeps) == 1 and 3.0 <= sleeps[0] <= 3.35
    assert "HTTP 429 x1" in client.retry_summary()


def test_503_with_retry_after_http_date_is_honoured():
    sleeps = []
    when = formatdate(time.time() + 5, usegmt=True)
    answers = [response(503, headers={"Retry-After": when}), response(body=[])]
    client = make_client(lambda m, p, q, n: answers[n - 1], sleeps=sleeps)
    client.get(PATH)
    assert len(sleeps) == 1 and 3.5 <= sleeps[0] <= 5.6


def test_retry_after_is_capped():
    sleeps = []
    answers = [response(429, headers={"Retry-After": "3600"}), response(body=[])]
    make_client(lambda m, p, q, n: answers[n - 1], sleeps=sleeps, retry_max_wait=7.0).get(PATH)
    assert sleeps == [7.0]


@pytest.mark.parametrize("status", [502, 503, 504])
def test_gateway_errors_are_retried_with_backoff(status):
    sleeps = []
    answers = [response(status), response(status), response(body=[])]
    client = make_client(lambda m, p, q, n: answers[n - 1], sleeps=sleeps, retry_max_wait=4.0)
    client.get(PATH)
    assert len(sleeps) == 2 and all(0 <= s <= 4.0 for s in sleeps)


def test_429_storm_beyond_budget_fails_naming_method_path_status():
    sleeps = []
    client = make_client(lambda *a: response(429, {"errors": [{"code": "request_limit_exceeded", "message": "slow"}]},
                                             headers={"Retry-After": "1"}), sleeps=sleeps, retries=3)
    with pytest.raises(DC1ApiError) as err:
        client.get(PATH, {"status": "active"})
    text = str(err.value)
    assert "GET %s?status=active" % PATH in text and "429" in text and "request_limit_exceeded" in text
    assert "gave up after 4 attempts" in text
    assert len(client.session.calls) == 4


@pytest.mark.parametrize("exc", [requests.exceptions.ConnectionError("Connection reset by peer"),
                                 requests.exceptions.ReadTimeout("read timed out"),
                                 requests.exceptions.ChunkedEncodingError("IncompleteRead(10 bytes read)")])
def test_transport_errors_are_retried_then_reported(exc):
    client = make_client(lambda *a: exc, retries=2)
    with pytest.raises(DC1TransportError) as err:
        client.get(PATH)
    assert "GET %s failed after 3 attempt(s)" % PATH in str(err.value)
    recovered = make_client(lambda m, p, q, n: exc if n == 1 else response(body=[]))
    assert recovered.get(PATH) == []


@pytest.mark.parametrize("raw,ctype", [(b'{"items": [{"id": ', "application/json"),
                                       (b"<html><body>Gateway</body></html>", "text/html")])
def test_body_that_is_not_json_is_retried_then_reported(raw, ctype):
    client = make_client(lambda *a: response(200, raw=raw, headers={"Content-Type": ctype}), retries=1)
    with pytest.raises(DC1TransportError) as err:
        client.get(PATH)
    assert "not valid JSON" in str(err.value) and ctype in str(err.value)


def test_json_with_wrong_content_type_is_accepted():
    client = make_client(lambda *a: response(200, raw=b'[{"id": "a"}]', headers={"Content-Type": "text/plain"}))
    assert client.get(PATH) == [{"id": "a"}]


def test_client_errors_are_not_retried():
    client = make_client(lambda *a: response(404, {"errors": [{"code": "resource_not_found", "message": "no"}]}))
    with pytest.raises(DC1ApiError) as err:
        client.get(PATH + "/x")
    assert len(client.session.calls) == 1 and err.value.status == 404


# -- error shapes --------------------------------------------------------------------------
@pytest.mark.parametrize("body,code,message", [
    ({"errors": [{"code": "invalid_api_key", "message": "The API key is invalid"}]}, "invalid_api_key",
     "The API key is invalid"),
    ({"error": {"code": "no_access", "message": "User has no access"}}, "no_access", "User has no access"),
    ({"error": {"status": "access_denied", "message": "Missing Client Authentication Certificate"}},
     "access_denied", "Missing Client Authentication Certificate"),
    ({"errors": [{"code": "a", "message": "one"}, {"code": "b", "message": "two", "field": "limit"}]}, "a, b",
     "one; two (field limit)"),
])
def test_every_error_shape_is_understood(body, code, message):
    client = make_client(lambda *a: response(401, body))
    with pytest.raises(DC1ApiError) as err:
        client.get(PATH)
    assert err.value.code == code and err.value.api_message == message
    text = str(err.value)
    assert text.startswith("GET %s failed: HTTP 401" % PATH) and code in text and message in text


def test_html_error_page_is_summarised():
    client = make_client(lambda *a: response(500, raw=b"<html><h1>Internal error</h1></html>",
                                             headers={"Content-Type": "text/html"}))
    with pytest.raises(DC1ApiError) as err:
        client.get(PATH)
    assert "HTTP 500" in str(err.value) and "Internal error" in str(err.value)


def test_redirect_is_not_followed():
    client = make_client(lambda *a: response(302, headers={"Location": "https://elsewhere.test/"}))
    with pytest.raises(DC1ApiError) as err:
        client.get(PATH)
    assert "elsewhere.test" in str(err.value) and err.value.status == 302


def test_tls_failure_says_what_to_set():
    exc = requests.exceptions.SSLError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed")
    client = make_client(lambda *a: exc)
    with pytest.raises(DC1TLSError) as err:
        client.get(PATH)
    assert "ca_path" in str(err.value) and "validate_certs" in str(err.value)
    assert len(client.session.calls) == 1


# -- redaction ---------------------------------------------------------------------------
def test_token_never_appears_in_errors():
    echo = {"errors": [{"code": "invalid_api_key", "message": "key %s is unknown" % TOKEN}]}
    client = make_client(lambda *a: response(401, echo))
    with pytest.raises(DC1ApiError) as err:
        client.get(PATH)
    assert TOKEN not in str(err.value) and TOKEN not in repr(err.value.to_result())
    assert "********" in str(err.value)
    boom = make_client(lambda *a: requests.exceptions.ConnectionError("x-api-key=%s refused" % TOKEN), retries=0)
    with pytest.raises(DC1TransportError) as err:
        boom.get(PATH)
    assert TOKEN not in str(err.value)


def test_concurrent_map_keeps_order():
    client = make_client(lambda *a: response(body=[]), max_concurrency=4)
    assert client.map(lambda x: x * 2, range(20)) == [x * 2 for x in range(20)]


def test_empty_credential_files_count_as_unset(tmp_path):
    """AWX/AAP file injectors write empty files for empty credential fields."""
    for name in ("cert.pem", "key.pem", "ca.pem"):
        (tmp_path / name).write_text("")
    client = make_client(lambda *a: response(body=[]), client_cert=str(tmp_path / "cert.pem"),
                         client_key=str(tmp_path / "key.pem"), ca_path=str(tmp_path / "ca.pem"))
    client.get("/account/api/v1/user")
    kwargs = client.session.calls[0]["kwargs"]
    assert kwargs["cert"] is None and kwargs["verify"] is True


# -- the real transport: the session's adapter, without Session.request ----------------------
class RecordingAdapter(requests.adapters.BaseAdapter):
    """Stands in for the mounted HTTPAdapter: records what the transport sends."""

    def __init__(self, resp):
        super(RecordingAdapter, self).__init__()
        self.resp, self.sent = resp, []

    def send(self, request, **kwargs):
        self.sent.append((request, kwargs))
        return self.resp

    def close(self):
        pass


def test_transport_sends_one_prepared_get_with_the_session_settings(tmp_path):
    from ansible_collections.digicert.one.plugins.module_utils._http.client import _Transport
    client = DC1Client({"base_url": "https://dc1.example.test", "api_key": TOKEN, "timeout": 7.0})
    client.session.proxies = {"https": "http://proxy.example.test:3128"}
    adapter = RecordingAdapter(response(body=[{"id": "a"}]))
    client._transport = _Transport(client.session, adapter)
    assert client.get(PATH, {"status": "active", "email": "a b@example.com", "offset": 0}) == [{"id": "a"}]
    (request, kwargs), = adapter.sent
    assert request.method == "GET" and request.body is None
    assert request.url == "https://dc1.example.test%s?status=active&email=a+b%%40example.com&offset=0" % PATH
    assert request.headers["x-api-key"] == TOKEN and request.headers["Accept"] == "application/json"
    assert request.headers is not client.session.headers  # a copy: nothing leaks back into the session
    assert kwargs == {"stream": False, "timeout": 7.0, "verify": True, "cert": None,
                      "proxies": {"https": "http://proxy.example.test:3128"}}
    with pytest.raises(ValueError):
        client._transport.request("GET", "https://dc1.example.test" + PATH, allow_redirects=True)


def test_transport_reads_the_body_where_a_cut_body_is_retried():
    from ansible_collections.digicert.one.plugins.module_utils._http.client import _Transport

    class CutBody(requests.Response):
        calls = 0

        @property
        def content(self):
            CutBody.calls += 1
            if CutBody.calls == 1:
                raise requests.exceptions.ChunkedEncodingError("connection reset mid-body")
            return b'[{"id": "a"}]'
    resp = CutBody()
    resp.status_code = 200
    waits = []
    client = DC1Client({"base_url": "https://dc1.example.test", "api_key": TOKEN}, sleep=waits.append)
    client._transport = _Transport(client.session, RecordingAdapter(resp))
    assert client.get(PATH) == [{"id": "a"}]
    assert client.stats["retries"] == 1 and len(waits) == 1
