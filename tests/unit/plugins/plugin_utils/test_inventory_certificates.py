# -*- coding: utf-8 -*-
"""The inventory's Trust Lifecycle certificate counts: per account, cheap to cache, never a failed inventory."""

import json

from ansible_collections.digicert.one.plugins.plugin_utils import _inventory as inv

from dc1_fakes import make_client, paged, response
import dc1_tenant as t

SEARCH = "/mpki/api/v1/certificate-search"
# The spec's example fields (no account): only the account_id filter says whose a certificate is.
CERTIFICATES = {
    t.A1: [{"serial_number": "01", "status": "issued", "valid_to": "2026-12-01T00:00:00Z", "certificate": "MII..."},
           {"serial_number": "02", "status": "issued", "valid_to": "2027-12-01T00:00:00Z", "certificate": "MII..."},
           {"serial_number": "03", "status": "revoked", "valid_to": "2026-12-01T00:00:00Z", "certificate": "MII..."},
           {"serial_number": "04", "status": "issued", "valid_to": "2026-11-01T00:00:00Z", "certificate": "MII..."}],
    t.A2: [{"serial_number": "05", "status": "ISSUED", "valid_to": "2026-12-20", "certificate": "MII..."}],
}


def serve(status=None):
    def handler(method, path, params, n):
        if path == SEARCH:
            if status:
                return response(status, {"errors": [{"code": "access_denied", "message": "no Trust Lifecycle"}]})
            return paged(CERTIFICATES.get(params.get("account_id"), []))(method, path, params, n)
        return t.handler(method, path, params, n)
    return handler


def by_name(hosts):
    return dict((h["name"], h["vars"]) for h in hosts)


def test_certificates_are_counted_per_account_from_the_account_filter():
    client = make_client(serve())
    data = inv.gather(client, now=t.NOW, gather_certificates=True)
    asked = sorted(c["params"]["account_id"] for c in client.session.calls if c["path"] == SEARCH)
    assert asked == sorted([t.A1, t.A2, t.A3])  # one request per account (each fits a page)
    assert "MII" not in json.dumps(data)  # only account, status and end date are kept (and cached)
    assert set(data["certificates"][0]) == {"account_id", "status", "expires_at"}
    hosts = by_name(inv.build_hosts(data, now=t.NOW))
    a1, a2, a3 = hosts["acme_corp_a1a1a1a1"], hosts["acme_corp_a2a2a2a2"], hosts["beta_gmbh"]
    assert (a1["dc1_certificate_count"], a1["dc1_certificates_expiring_soon"]) == (4, 1)  # not revoked 03, expired 04
    assert (a2["dc1_certificate_count"], a2["dc1_certificates_expiring_soon"]) == (1, 1)  # ISSUED in any case
    assert (a3["dc1_certificate_count"], a3["dc1_certificates_expiring_soon"]) == (0, 0)
    assert by_name(inv.build_hosts(data, now=t.NOW, warning_days=20))["acme_corp_a2a2a2a2"][
        "dc1_certificates_expiring_soon"] == 0


def test_without_the_option_no_certificate_request_and_no_variables():
    client = make_client(serve())
    data = inv.gather(client, now=t.NOW)
    assert not [c for c in client.session.calls if c["path"] == SEARCH]
    assert "dc1_certificate_count" not in inv.build_hosts(data, now=t.NOW)[0]["vars"]


def test_a_credential_without_trust_lifecycle_gets_a_warning_not_a_failed_inventory():
    warnings = []
    data = inv.gather(make_client(serve(403)), now=t.NOW, gather_certificates=True, warn=warnings.append)
    assert data["certificates"] is None and "403" in data["certificates_unavailable"]
    assert len(warnings) == 1 and "no certificate counts" in warnings[0]
    assert "dc1_certificate_count" not in inv.build_hosts(data, now=t.NOW)[0]["vars"]
    # cached as "refused": the next parse does not ask again
    ident = inv.source_identity("https://a.example", {"api_key": "k"})
    assert inv.from_cache(inv.cache_entry(data, ident), ident, False, True) == data


def test_a_cache_without_certificates_is_not_used_when_they_are_asked_for():
    ident = inv.source_identity("https://a.example", {"api_key": "k"})
    data = inv.gather(make_client(serve()), now=t.NOW)
    entry = inv.cache_entry(data, ident)
    assert inv.from_cache(entry, ident, False, True) is None and inv.from_cache(entry, ident, False) == data
    full = inv.cache_entry(inv.gather(make_client(serve()), now=t.NOW, gather_certificates=True), ident)
    assert inv.from_cache(full, ident, False, True) is not None


def test_a_server_ignoring_the_filter_never_counts_another_accounts_certificate():
    def ignoring(method, path, params, n):
        if path == SEARCH:
            rows = [dict(c, account={"id": t.A2}) for c in CERTIFICATES[t.A2]]
            return paged(rows)(method, path, params, n)
        return t.handler(method, path, params, n)
    warnings = []
    data = inv.gather(make_client(ignoring), now=t.NOW, gather_certificates=True, warn=warnings.append)
    hosts = by_name(inv.build_hosts(data, now=t.NOW))
    assert [h["dc1_certificate_count"] for h in hosts.values()] == [0, 1, 0]
    assert len(warnings) == 2 and all("ignores its account_id filter" in w for w in warnings)
