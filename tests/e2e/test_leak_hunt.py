# -*- coding: utf-8 -*-
"""The leak hunt of docs/reliability.md: no credential in anything the collection leaves behind.

For each outcome -- success, 401, 403, 500, TLS error, bad arguments, timeout -- one ``ansible-playbook -vvvv``
runs every module, the lookup, the facts and compliance roles (playbooks/leak_hunt.yml), with the inventory
plugin as its inventory source (jsonfile cache), against a simulator that requires a client certificate.
The API key is a canary (so are the wrong key of the 401 run and the restricted key of the 403 run), and the
client key file's PEM body lines are canaries too. Searched: stdout, stderr, the Ansible log, every module
result, the lookup's output, the facts file, the four reports, the inventory cache and whatever is left in
Ansible's local temp directory. The count printed and asserted is 0.

tests/e2e/test_modules.py keeps its narrower checks (one module per case, stdout and stderr).
"""

import json
import os

import pytest

import dc1_e2e

dc1sim = pytest.importorskip("dc1sim")

CANARY = "canary-key-%s" % ("5e1f" * 10)
WRONG = "canary-wrong-%s" % ("a9d3" * 10)
NO_AUDIT = "canary-403-%s" % ("77c1" * 10)
ALL_PATHS = "^/(account|mpki)/"
KINDS = {
    "success": {},
    "401-wrong-key": {"key": WRONG},
    "403-no-audit-right": {"key": NO_AUDIT},
    "500": {"faults": [{"path": ALL_PATHS, "kind": "500"}]},
    "tls-untrusted-server": {"ca": False},
    "bad-arguments": {"mode": "bad_args"},
    "timeout": {"faults": [{"path": ALL_PATHS, "kind": "timeout", "seconds": 2}],
                "env": {"DC_TIMEOUT": "0.3", "DC_RETRIES": "1"}},
}
SIZES = dict(accounts=2, users=6, service_users=2, organizations=3, audit_events=30, mpki_certificates=10)


def key_canaries(path):
    """The PEM body lines of the client key, and 24-character pieces of the body (in case it is re-wrapped)."""
    with open(path) as handle:
        lines = [line.strip() for line in handle if line.strip() and not line.startswith("-----")]
    body = "".join(lines)
    return lines + [body[i:i + 24] for i in range(0, len(body) - 23, 24)]


def collect(out_dir, proc):
    """name -> text of every output of the run."""
    texts = {"stdout": proc.stdout, "stderr": proc.stderr}
    for root, _dirs, files in os.walk(str(out_dir)):
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                texts[os.path.relpath(path, str(out_dir))] = handle.read().decode("utf-8", "replace")
    return texts


def run_leak_hunt(tmp_path, case):
    """One -vvvv run of playbooks/leak_hunt.yml for ``case`` -> (process, outputs by name, secrets, API requests)."""
    key = case.get("key", CANARY)
    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    out.mkdir()
    with dc1sim.Simulator(seed=9, api_key=CANARY, extra_keys={NO_AUDIT: "no-audit"}, mtls=True,
                          faults=case.get("faults", []), **SIZES) as sim:
        secrets = [CANARY, WRONG, NO_AUDIT] + key_canaries(sim.client_key)
        assert len(secrets) > 10
        (inp / "vars.json").write_text(json.dumps({"dc1_key": key, "mode": case.get("mode", "normal"),
                                                   "out_dir": str(out)}))
        source = inp / "leak.dc1.yml"
        bogus = "hostname_field: bogus\n" if case.get("mode") else ""
        source.write_text("plugin: digicert.one.dc1\ncache: true\ncache_plugin: ansible.builtin.jsonfile\n"
                          "cache_connection: %s\n%s" % (out / "inventory-cache", bogus))
        env = dc1_e2e.ansible_env(sim, inp, ca=case.get("ca", True), DC_API_TOKEN=key,
                                  DC_CLIENT_CERT=sim.client_cert, DC_CLIENT_KEY=sim.client_key,
                                  ANSIBLE_LOG_PATH=str(out / "ansible.log"),
                                  ANSIBLE_LOCAL_TEMP=str(out / "ansible-tmp"), **case.get("env", {}))
        proc = dc1_e2e.run("ansible-playbook", ["-vvvv", "-i", str(source), "-e", "@%s" % (inp / "vars.json"),
                                                os.path.join(dc1_e2e.PLAYBOOKS, "leak_hunt.yml")],
                           env, tmp_path, check=False)
        requests = sim.stats()["total"]
    return proc, collect(out, proc), secrets, requests


# The run really met the outcome it is named after: kind -> check(results, texts, requests).

def met_success(results, texts, _requests):
    user = results["user"]
    assert user["users"] and results["lookup_users"] and results["api"]["list_items"]
    assert results["compliance"] is None and results["facts_role"] is None
    for name in ("role_facts.json", "reports/compliance.json", "reports/compliance.md",
                 "reports/compliance.junit.xml", "reports/compliance.html"):
        assert name in texts, name
    assert any(name.startswith("inventory-cache") for name in texts)


def met_401(results, _texts, _requests):
    assert results["user"]["status"] == 401 and "DC_API_TOKEN" in results["user"]["msg"]


def met_403(results, texts, _requests):
    assert results["audit"]["status"] == 403 and results["user"]["users"]
    assert "reports/compliance.md" in texts
    assert json.loads(texts["role_facts.json"])["unavailable"]["audit"]["status"] == 403


def met_500(results, _texts, _requests):
    assert results["user"]["status"] == 500 and results["lookup"] and results["facts_role"]


def met_tls(results, _texts, _requests):
    assert "ca_path" in results["user"]["msg"] and "certificate" in results["user"]["msg"]


def met_bad_arguments(results, _texts, requests):
    assert "UUID" in results["user"]["msg"] and "2026-02-30" in results["audit"]["msg"]
    tasks = ("user", "account", "organization", "role", "audit", "token", "cert", "api")
    assert all(results[k]["failed"] for k in tasks)
    assert results["facts_role"] and results["compliance"] and results["lookup"]
    assert requests == 0  # everything failed before sending a request


def met_timeout(results, _texts, _requests):
    assert "timed out" in results["user"]["msg"]


OUTCOMES = {"success": met_success, "401-wrong-key": met_401, "403-no-audit-right": met_403, "500": met_500,
            "tls-untrusted-server": met_tls, "bad-arguments": met_bad_arguments, "timeout": met_timeout}
FAILING = set(KINDS) - {"success", "403-no-audit-right"}  # kinds in which every module fails


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_no_credential_in_any_output(tmp_path, kind):
    proc, texts, secrets, requests = run_leak_hunt(tmp_path, KINDS[kind])
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "ESTABLISH LOCAL CONNECTION" in proc.stdout  # really at -vvvv
    results = json.loads(texts["results.json"])

    leaks = dict(((name, secret[:16]), text.count(secret)) for name, text in texts.items() for secret in secrets
                 if secret in text)
    count = sum(leaks.values())
    print("leak hunt %s: %d outputs, %d bytes searched for %d canaries: %d occurrences" % (
        kind, len(texts), sum(len(t) for t in texts.values()), len(secrets), count))
    assert count == 0, leaks

    OUTCOMES[kind](results, texts, requests)
    if kind in FAILING:
        for name in ("user", "account", "organization", "role", "token", "cert", "api"):
            assert results[name].get("failed") or results[name].get("unreachable"), (name, results[name])
    assert "Traceback" not in json.dumps(results)


def test_every_kind_has_its_outcome_check():
    assert set(OUTCOMES) == set(KINDS)
