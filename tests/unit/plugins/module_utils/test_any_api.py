# -*- coding: utf-8 -*-
"""dc1_api_info's path building, parameters and both reading modes."""

import pytest

from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError
from ansible_collections.digicert.one.plugins.module_utils._listing.any_api import api_path, query_params, read_generic

from dc1_fakes import make_client, paged, response


def test_paths():
    assert api_path("mpki", "v1", "certificate-search") == "/mpki/api/v1/certificate-search"
    assert api_path("mpki", "v2", "/profile/abc/") == "/mpki/api/v2/profile/abc"


@pytest.mark.parametrize("product,version,path", [
    ("MPKI", "v1", "x"), ("mpki/../account", "v1", "x"), ("mpki", "1", "x"), ("mpki", "v1", "../account/api/v1/user"),
    ("mpki", "v1", "a?b=1"), ("mpki", "v1", "https://evil.test/x"), ("mpki", "v1", ""), ("mpki", "v1", "a//b"),
    ("mpki", "v1", "a b"),
])
def test_bad_paths_fail_before_any_request(product, version, path):
    with pytest.raises(DC1ConfigError):
        api_path(product, version, path)


def test_params():
    assert query_params({"a": True, "b": 3, "c": ["x", 1]}, False) == {"a": "true", "b": "3", "c": ["x", "1"]}
    with pytest.raises(DC1ConfigError):
        query_params({"limit": 5}, True)
    with pytest.raises(DC1ConfigError):
        query_params({"a": {"b": 1}}, False)


def test_all_pages_reads_a_paged_envelope_completely():
    rows = [{"serial_number": "%04X" % i} for i in range(250)]
    client = make_client(paged(rows, "envelope", cap=100))
    out = read_generic(client, "mpki", "certificate-search", params={"status": "ISSUED"}, all_pages=True)
    assert out["list_items"] == rows and out["total"] == 250 and out["truncated"] is False
    assert all(c["params"]["status"] == "ISSUED" for c in client.session.calls)
    assert len(client.session.calls) == 3


def test_single_get_returns_json_and_items():
    client = make_client(lambda *a: response(body={"items": [{"id": 1}]}))
    assert read_generic(client, "signingmanager", "keypairs") == {"json": {"items": [{"id": 1}]}, "list_items": [{"id": 1}]}
    client = make_client(lambda *a: response(body={"id": 1}))
    assert read_generic(client, "mpki", "profile/1") == {"json": {"id": 1}}


def test_text_plain_answer():
    client = make_client(lambda *a: response(raw=b"Hello from DigiCert ONE", headers={"Content-Type": "text/plain"}))
    assert read_generic(client, "mpki", "hello") == {"json": None, "text": "Hello from DigiCert ONE"}
