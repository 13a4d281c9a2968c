# -*- coding: utf-8 -*-
"""Trust Lifecycle certificates end to end: real ``ansible`` runs against the simulator's mpki endpoints.

The simulator plants the offenders (tenant["planted"], object_type "certificate"); its random population is
healthy, so "expiring within 30 days" must be exactly the planted expiring certificates, whatever date format,
page cap or field set the server uses. A malformed item must cost a warning, never the listing.

Each certificate's body is parsed into ``x509``. Simulators before issue 21 serve stand-ins that only start like
DER; the tests ask ``cryptography`` itself (not the collection) whether the served bodies are certificates and
expect either parsed attributes and no warning, or ``x509`` null and one warning naming each certificate.
"""

import base64
import json
import math
import re

import pytest
import requests
from cryptography import x509

import dc1_e2e

dc1sim = pytest.importorskip("dc1sim")

SEARCH = "/mpki/api/v1/certificate-search"
SIZES = dict(accounts=2, users=6, service_users=2, organizations=2, audit_events=20, mpki_certificates=120)


def planted(tenant, check):
    return sorted(p["object_id"] for p in tenant["planted"] if p["check"] == check)


def bodies_are_certificates(server, serial):
    """Whether the simulator serves real X.509 bodies: the body of ``serial``, read over HTTP, as cryptography
    reads it."""
    answer = requests.get(server.base_url + "/mpki/api/v1/certificate/" + serial, timeout=30,
                          headers={"x-api-key": server.api_key}, verify=server.ca_path)
    served = answer.json()["certificate"]
    try:
        if "-----BEGIN" in served:
            x509.load_pem_x509_certificate(served.encode())
        else:
            x509.load_der_x509_certificate(base64.b64decode(served))
    except ValueError:
        return False
    return True


def check_x509(result, output, real):
    """Real bodies: every certificate parsed, no warning about bodies. Stand-ins: x509 null and one 'does not
    parse' entry in malformed, and a warning, naming each certificate. The other malformed entries are returned."""
    certificates = result["certificates"]
    named = [m for m in result["malformed"] if "does not parse" in m]
    if real:
        assert named == [] and all(c["x509"]["not_after"].endswith("Z") for c in certificates)
        return list(result["malformed"])
    assert all(c["x509"] is None for c in certificates)
    assert sorted(re.search(r": certificate ([0-9A-F]+) ", m).group(1) for m in named) == sorted(
        c["serial_number"] for c in certificates)
    assert all(c["serial_number"] in output for c in certificates[:5])  # the first five are warnings
    return [m for m in result["malformed"] if m not in named]


def adhoc(server, tmp_path, args, check=True):
    env = dc1_e2e.ansible_env(server, tmp_path)
    return dc1_e2e.adhoc("dc1_certificate_info", args, env, tmp_path, check=check)


@pytest.mark.parametrize("switches", [
    {},  # the defaults: the spec's example (date-times, the example's fields)
    {"mpki_date_format": "date", "mpki_fields": "schema", "mpki_status_case": "upper"},
    {"page_cap": {"certificate-search": 7}, "mpki_certificate_format": "pem"},
], ids=["example", "schema-dates", "capped-pages"])
def test_expires_within_30_days_lists_exactly_the_planted_expiring_certificates(tmp_path, switches):
    with dc1sim.Simulator(seed=1, now=dc1_e2e.NOW, **dict(SIZES, **switches)) as server:
        _status, result, proc = adhoc(server, tmp_path, "expires_within_days=30 reference_time=%s" % dc1_e2e.NOW)
        searches = server.stats()["by_path"][SEARCH]
        tenant = server.tenant
        real = bodies_are_certificates(server, result["certificates"][0]["serial_number"])
    serials = [c["serial_number"] for c in result["certificates"]]
    assert sorted(serials) == planted(tenant, "certificate_expiring_soon") and len(serials) == 2
    assert sorted(c["days_to_expiry"] for c in result["certificates"]) == [9, 21]
    assert all(c["expires_at"].endswith("Z") and "certificate" not in c for c in result["certificates"])
    assert result["changed"] is False and result["truncated"] is False
    # Only the two certificates returned are parsed (and named when their bodies do not parse), not the expired
    # ones the server's narrowed answer also holds.
    assert check_x509(result, proc.stdout + proc.stderr, real) == []
    assert real is ("WARNING" not in proc.stdout + proc.stderr)
    # The window is narrowed on the server: valid_to ("expiring before") 30 + 2 days ahead. That also selects the
    # expired certificates, but far fewer pages travel than for the whole list.
    narrowed = [c for c in tenant["mpki_certificates"] if c["valid_to"] < "2026-07-17"]
    cap = switches.get("page_cap", {}).get("certificate-search", 100)
    assert searches == math.ceil(len(narrowed) / float(cap))
    assert len(narrowed) < len(tenant["mpki_certificates"]) / 3.0


def test_a_malformed_item_is_a_warning_and_the_rest_is_returned(tmp_path):
    with dc1sim.Simulator(seed=1, now=dc1_e2e.NOW, mpki_malformed="no-serial", **SIZES) as server:
        _status, result, proc = adhoc(server, tmp_path, "page_size=25")
        stored = server.tenant["mpki_certificates"]
        real = bodies_are_certificates(server, stored[1]["serial_number"])
    broken, rest = stored[0], stored[1:]
    assert [c["serial_number"] for c in result["certificates"]] == [c["serial_number"] for c in rest]
    message = "item 1 (common_name %r) has no serial_number; skipped" % broken["common_name"]
    assert check_x509(result, proc.stdout + proc.stderr, real) == ["GET %s: %s" % (SEARCH, message)]
    assert "[WARNING]: GET %s: %s" % (SEARCH, message) in proc.stdout + proc.stderr


def test_an_unreadable_valid_to_keeps_the_certificate_with_unknown_expiry(tmp_path):
    with dc1sim.Simulator(seed=1, now=dc1_e2e.NOW, mpki_malformed="bad-valid-to", **SIZES) as server:
        _status, result, proc = adhoc(server, tmp_path, "reference_time=%s" % dc1_e2e.NOW)
        stored = server.tenant["mpki_certificates"]
    assert len(result["certificates"]) == len(stored)
    first = result["certificates"][0]
    assert first["serial_number"] == stored[0]["serial_number"]
    assert first["expires_at"] is None and first["days_to_expiry"] is None
    assert all(c["days_to_expiry"] is not None for c in result["certificates"][1:])
    assert "certificate %s" % stored[0]["serial_number"] in proc.stdout + proc.stderr


def test_one_certificate_by_serial_number_with_its_pem_body(tmp_path):
    with dc1sim.Simulator(seed=1, now=dc1_e2e.NOW, **SIZES) as server:
        serial = planted(server.tenant, "certificate_revoked_key_compromise")[0]
        _status, result, _proc = adhoc(server, tmp_path, "serial_number=%s include_pem=true" % serial.lower())
        calls = server.stats()["by_path"]
    [cert] = result["certificates"]
    assert cert["serial_number"] == serial and cert["status"] == "revoked"
    assert cert["revocation"]["reason"] == "key_compromise" and cert["certificate"].startswith("MII")
    assert calls == {"/mpki/api/v1/certificate/" + serial: 1}


def test_bad_input_fails_before_any_request(tmp_path):
    with dc1sim.Simulator(seed=1, now=dc1_e2e.NOW, **SIZES) as server:
        status, result, _proc = adhoc(server, tmp_path, "status=valid", check=False)
        calls = server.stats()["by_path"]
    assert status == "FAILED" and "status must be one of ISSUED, EXPIRED, REVOKED, SUSPENDED" in result["msg"]
    assert calls == {}


PLAYBOOK = """
- name: Certificates through the action group (check mode) and the lookup
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/digicert.one.dc1:
      reference_time: "{now}"
  tasks:
    - name: The module, its connection from DC_* and reference_time from module_defaults
      digicert.one.dc1_certificate_info:
        status: ISSUED
        expires_within_days: 30
      register: expiring

    - name: The lookup's certificate term agrees
      ansible.builtin.assert:
        that:
          - expiring.certificates | map(attribute='serial_number') | sort == {expected}
          - query('digicert.one.dc1', 'certificate', status='issued', expires_within_days=30,
                  reference_time='{now}') | map(attribute='serial_number') | sort == {expected}
"""


def test_action_group_in_check_mode_and_the_lookup(tmp_path):
    with dc1sim.Simulator(seed=1, now=dc1_e2e.NOW, **SIZES) as server:
        expected = planted(server.tenant, "certificate_expiring_soon")
        book = tmp_path / "certificates.yml"
        book.write_text(PLAYBOOK.format(now=dc1_e2e.NOW, expected=json.dumps(expected)))
        env = dc1_e2e.ansible_env(server, tmp_path)
        proc = dc1_e2e.run("ansible-playbook", [str(book), "--check"], env, tmp_path)
    recap = proc.stdout[proc.stdout.index("PLAY RECAP"):]
    assert "ok=2 " in recap and "changed=0 " in recap and "failed=0 " in recap
