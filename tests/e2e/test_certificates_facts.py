# -*- coding: utf-8 -*-
"""Trust Lifecycle certificates in dc1_facts, the inventory and the audit, over account hosts and the tenant.

Real ``ansible-playbook`` / ``ansible-inventory`` runs against the simulator's default profile, whose certificates
carry the spec's example fields: no ``account``. On an account host the server's ``account_id`` filter says whose
a certificate is; the planted offenders (all on account 0) must be reported under that account.
"""

import json

import pytest

import dc1_e2e
from dc1_compliance_facts import OPTIONS, PLANTED_TO_CHECK, catalogued

dc1sim = pytest.importorskip("dc1sim")

SEARCH = "/mpki/api/v1/certificate-search"
SIZES = dict(accounts=3, users=12, service_users=3, organizations=3, audit_events=30, mpki_certificates=60)
TLM = ("DC1-TLM-001", "DC1-TLM-002", "DC1-TLM-003")
APPROVED = json.dumps({"dc1_compliance_approved_issuers": OPTIONS["approved_issuers"]})


def searches(sim):
    """The certificate searches the simulator served."""
    return [e["query"] for e in sim.requests() if e["path"] == SEARCH]


def source(tmp_path):
    path = tmp_path / "tenant.dc1.yml"
    path.write_text("plugin: digicert.one.dc1\nreference_time: '%s'\ngather_certificates: true\n" % dc1_e2e.NOW)
    return path


def test_account_hosts_hold_their_accounts_certificates_and_the_audit_names_the_planted_ones(tmp_path):
    reports, facts_dir = tmp_path / "reports", tmp_path / "facts"
    facts_dir.mkdir()
    with dc1sim.Simulator(seed=3, now=dc1_e2e.NOW, **SIZES) as sim:
        env = dc1_e2e.ansible_env(sim, tmp_path, DC1_REFERENCE_TIME=dc1_e2e.NOW, DC1_HOSTS="all",
                                  DC1_REPORT_DIR=str(reports), ANSIBLE_INVENTORY_UNPARSED_FAILED="true")
        listed = dc1_e2e.run("ansible-inventory", ["-i", str(source(tmp_path)), "--list"], env, tmp_path).stdout
        inventory = dc1_e2e.unwrap(json.loads(listed))["_meta"]["hostvars"]
        proc = dc1_e2e.run("ansible-playbook", [
            "-i", str(source(tmp_path)), "digicert.one.audit", "-f", "3", "-e", APPROVED,
            "-e", "dc1_facts_dest=%s/{{ inventory_hostname }}.json" % facts_dir], env, tmp_path, check=False)
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
        tenant = sim.tenant
        planted = [p for p in catalogued(sim.detectable_planted()) if p["object_type"].startswith("certificate")]
        asked = searches(sim)
    assert {PLANTED_TO_CHECK[p["check"]] for p in planted} == set("DC1-TLM-%03d" % n for n in range(1, 11)) | {
        "DC1-PROF-001", "DC1-PROF-002", "DC1-PROF-003"}
    by_account = dict((a["id"], []) for a in tenant["accounts"])
    for cert in tenant["mpki_certificates"]:
        by_account[cert["account"]["id"]].append(cert["serial_number"])
    hosts = dict((v["dc1_account_id"], v) for v in inventory.values())
    for path in facts_dir.iterdir():
        facts = json.loads(path.read_text())
        (account_id,) = facts["account_ids"]
        certificates, posture = facts["certificates"], facts["certificate_posture"]
        # every certificate counted, in its account; kept: those a check flagged or could not judge, no PEM body
        assert posture["certificates"] == len(by_account[account_id]), path.name
        assert set(c["serial_number"] for c in certificates) <= set(by_account[account_id]), path.name
        assert all(c["account_id"] == account_id and "account" not in c and "certificate" not in c and c["posture"]
                   for c in certificates)
        row = facts["summary"][account_id]
        assert row["certificates"] == posture["certificates"] == hosts[account_id]["dc1_certificate_count"]
        assert row["certificates_expiring"] == hosts[account_id]["dc1_certificates_expiring_soon"]
    assert len(list(facts_dir.iterdir())) == len(tenant["accounts"])
    assert hosts[tenant["accounts"][0]["id"]]["dc1_certificates_expiring_soon"] == 2  # the two planted ones
    assert asked and all("account_id=" in q for q in asked)  # each filtered by an account (inventory, facts)

    report = json.loads((reports / "compliance.json").read_text())
    # One report from every host (the in-memory fact cache: each host's own facts, not the last host's for all)
    assert sorted(a["id"] for a in report["accounts"]) == sorted(by_account)
    found = set((f["check"], f["object_id"]) for f in report["findings"] if f["object_type"].startswith("certificate"))
    assert found == set((PLANTED_TO_CHECK[p["check"]], p["object_id"]) for p in planted)
    accounts = dict((f["object_id"], f["account_id"]) for f in report["findings"] if f["object_type"] == "certificate")
    assert set(accounts.values()) == {tenant["accounts"][0]["id"]}  # where they were planted
    junit = (reports / "compliance.junit.xml").read_text()
    assert all('type="%s"' % cid in junit for cid in TLM)
    assert "Certificate posture" in (reports / "compliance.md").read_text()


def test_a_tenant_without_trust_lifecycle_is_not_evaluated_never_passed(tmp_path):
    reports, dest = tmp_path / "reports", tmp_path / "facts.json"
    with dc1sim.Simulator(seed=3, now=dc1_e2e.NOW, absent_endpoints=["certificate-search"], **SIZES) as sim:
        env = dc1_e2e.ansible_env(sim, tmp_path, DC1_REFERENCE_TIME=dc1_e2e.NOW, DC1_REPORT_DIR=str(reports),
                                  DC1_FACTS_DEST=str(dest))
        proc = dc1_e2e.run("ansible-playbook", ["digicert.one.audit", "-e", "dc1_facts_dest=%s" % dest], env, tmp_path,
                           check=False)
        inventory = dc1_e2e.run("ansible-inventory", ["-i", str(source(tmp_path)), "--list"], env, tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "certificates not gathered" in proc.stdout + proc.stderr
    facts = json.loads(dest.read_text())
    assert facts["certificates"] == [] and facts["certificate_posture"] == {}
    assert facts["unavailable"]["certificates"]["status"] == 404
    report = json.loads((reports / "compliance.json").read_text())
    checks = dict((c["id"], c) for c in report["checks"])
    for cid in TLM:
        assert checks[cid]["status"] == "not_evaluated" and "HTTP 404" in checks[cid]["reason"]
    assert "no certificate counts" in inventory.stderr
    assert "dc1_certificate_count" not in inventory.stdout and "dc1_user_count" in inventory.stdout


@pytest.mark.parametrize("switches", [{}, {"mpki_fields": "schema", "page_cap": {"certificate-search": 7}}],
                         ids=["example", "schema-capped"])
def test_certificates_are_gathered_at_the_request_minimum(switches):
    """One search over the tenant, one per account on account hosts; every page once, none twice."""
    from ansible_collections.digicert.one.plugins.module_utils._http.client import DC1Client
    from ansible_collections.digicert.one.plugins.module_utils._dates import parse_instant
    from ansible_collections.digicert.one.plugins.module_utils._facts.gatherer import gather

    with dc1sim.Simulator(seed=3, now=dc1_e2e.NOW, **dict(SIZES, **switches)) as sim:
        client = DC1Client({"base_url": sim.base_url, "api_key": sim.api_key, "ca_path": sim.ca_path, "retries": 0})
        cap = switches.get("page_cap", {}).get("certificate-search", 100)
        certificates = sim.tenant["mpki_certificates"]
        tenant = gather(client, resources=["certificates"], now=parse_instant(dc1_e2e.NOW))
        asked = searches(sim)
        assert tenant["certificate_posture"]["certificates"] == len(certificates) and len(asked) == len(set(asked))
        assert -(-len(certificates) // cap) <= len(asked) <= -(-len(certificates) // cap) + 1
        schema = "mpki_fields" in switches
        assert all((c["account_id"] is not None) == schema for c in tenant["certificates"])
        for account in sim.tenant["accounts"]:
            sim.reset()
            mine = [c for c in certificates if c["account"]["id"] == account["id"]]
            facts = gather(client, account_ids=[account["id"]], resources=["certificates"],
                           now=parse_instant(dc1_e2e.NOW), tenant={"accounts": [account], "roles": []})
            asked = searches(sim)
            assert facts["certificate_posture"]["certificates"] == len(mine)
            assert set(c["serial_number"] for c in facts["certificates"]) <= set(c["serial_number"] for c in mine)
            assert len(asked) == len(set(asked)) and len(asked) <= max(1, -(-len(mine) // cap)) + 1
