# -*- coding: utf-8 -*-
"""The exit codes a pipeline reads, run the way CI runs them: ``ansible-playbook`` / ``ansible``, then ``$?``.

0 is success, 2 a failed task (the compliance or drift gate among them), 4 "could not check": DigiCert ONE was not
reached (connection refused, TLS) or refused the credential (HTTP 401, or 403 on everything). Each playbook on
localhost and over the account hosts of the digicert.one.dc1 inventory, and every module ad hoc.

Over account hosts the inventory is read with a working credential of its own (as an AWX inventory synced earlier),
so that the run reaches the hosts; the playbook's modules then meet the broken connection from ``DC_*``.
"""

import re

import pytest

import dc1_e2e

dc1sim = pytest.importorskip("dc1sim")

SIZES = dict(accounts=2, users=6, service_users=2, organizations=2, audit_events=20, mpki_certificates=6)
DOWN = "https://127.0.0.1:1"  # nothing listens there: connection refused
EVERYTHING = "^/(account|mpki)/"
INFO_MODULES = ("dc1_account_info", "dc1_api_info", "dc1_api_token_info", "dc1_audit_log_info", "dc1_certificate_info",
                "dc1_client_certificate_info", "dc1_organization_info", "dc1_role_info", "dc1_user_info", "dc1_facts")
ADHOC_ARGS = {"dc1_api_info": "product=mpki path=certificate-search"}


@pytest.fixture(scope="module")
def sim():
    with dc1sim.Simulator(seed=5, now=dc1_e2e.NOW, **SIZES) as server:
        yield server


@pytest.fixture
def refusing(sim):
    """Every read answered HTTP 403 (a credential without rights) while the test runs."""
    sim.set_faults([{"path": EVERYTHING, "kind": "403"}])
    yield sim
    sim.set_faults([])


def broken_env(sim, tmp_path, cause, **extra):
    """The simulator's environment with the connection broken by ``cause``; no retries, so a refusal is quick."""
    env = dc1_e2e.ansible_env(sim, tmp_path, DC1_REFERENCE_TIME=dc1_e2e.NOW, DC_RETRIES="0",
                              DC1_REPORT_DIR=str(tmp_path / "reports"), DC1_FACTS_DEST=str(tmp_path / "facts.json"),
                              DC1_DRIFT_SNAPSHOT=str(tmp_path / "previous.json"), **extra)
    if cause == "wrong-token":
        env["DC_API_TOKEN"] = "wrong-token-0123456789"
    elif cause == "down":
        env["DC_BASE"] = DOWN
    elif cause == "untrusted":
        env.pop("DC_CA_PATH")
    return env


def recap(proc):
    """``{host: {ok, changed, unreachable, failed, ...}}`` from the PLAY RECAP."""
    text = proc.stdout[proc.stdout.rindex("PLAY RECAP"):]
    return dict((m.group(1), dict((k, int(v)) for k, v in re.findall(r"(\w+)=(\d+)", m.group(2))))
                for m in re.finditer(r"^(\S+)\s+: (.*)$", text, re.M))


def account_inventory(sim, tmp_path):
    """A digicert.one.dc1 source that reads the simulator with its own, working credential."""
    source = tmp_path / "tenant.dc1.yml"
    source.write_text("plugin: digicert.one.dc1\nreference_time: '%s'\nbase_url: %s\napi_key: %s\nca_path: %s\n"
                      % (dc1_e2e.NOW, sim.base_url, sim.api_key, sim.ca_path))
    return str(source)


@pytest.mark.parametrize("cause", ["wrong-token", "down"])
@pytest.mark.parametrize("name", ["audit", "gather", "drift", "users_by_account"])
def test_localhost_that_could_not_check_exits_4(sim, tmp_path, name, cause):
    proc = dc1_e2e.run("ansible-playbook", ["digicert.one." + name], broken_env(sim, tmp_path, cause), tmp_path,
                       check=False)
    assert proc.returncode == 4, proc.stdout[-3000:]
    assert recap(proc)["localhost"]["unreachable"] == 1 and recap(proc)["localhost"]["failed"] == 0
    assert ("HTTP 401" if cause == "wrong-token" else "Connection refused") in proc.stdout


def test_a_credential_refused_everywhere_exits_4(refusing, tmp_path):
    proc = dc1_e2e.run("ansible-playbook", ["digicert.one.audit"], broken_env(refusing, tmp_path, "none"), tmp_path,
                       check=False)
    assert proc.returncode == 4, proc.stdout[-3000:]
    assert "DigiCert ONE refused every read of this credential" in proc.stdout
    assert not (tmp_path / "reports").exists(), "no report claims a tenant that could not be read"


@pytest.mark.parametrize("cause", ["wrong-token", "down"])
@pytest.mark.parametrize("name", ["audit", "gather", "drift"])
def test_account_hosts_that_could_not_check_exit_4(sim, tmp_path, name, cause):
    env = broken_env(sim, tmp_path, cause, DC1_HOSTS="all", ANSIBLE_INVENTORY_UNPARSED_FAILED="true")
    proc = dc1_e2e.run("ansible-playbook", ["-i", account_inventory(sim, tmp_path), "digicert.one." + name, "-f", "3"],
                       env, tmp_path, check=False)
    assert proc.returncode == 4, proc.stdout[-3000:]
    hosts = dict((h, r) for h, r in recap(proc).items() if h != "localhost")
    assert len(hosts) == len(sim.tenant["accounts"])
    assert all(r["unreachable"] == 1 and r["failed"] == 0 for r in hosts.values()), hosts


@pytest.mark.parametrize("module", INFO_MODULES)
def test_every_module_ad_hoc_with_a_refused_credential_exits_4(sim, tmp_path, module):
    proc = dc1_e2e.run("ansible", ["localhost", "-m", "digicert.one." + module, "-a", ADHOC_ARGS.get(module, "")],
                       broken_env(sim, tmp_path, "wrong-token"), tmp_path, check=False)
    assert proc.returncode == 4 and "UNREACHABLE!" in proc.stdout, proc.stdout[-2000:]
    assert "HTTP 401" in proc.stdout


@pytest.mark.parametrize("cause", ["down", "untrusted", "refused"])
def test_a_module_ad_hoc_that_could_not_check_exits_4(sim, tmp_path, cause):
    if cause == "refused":
        sim.set_faults([{"path": EVERYTHING, "kind": "403"}])
    try:
        proc = dc1_e2e.run("ansible", ["localhost", "-m", "digicert.one.dc1_user_info"],
                           broken_env(sim, tmp_path, cause), tmp_path, check=False)
    finally:
        sim.set_faults([])
    assert proc.returncode == 4 and "UNREACHABLE!" in proc.stdout, proc.stdout[-2000:]


@pytest.mark.parametrize("case", ["http-500", "bad-argument"])
def test_a_module_ad_hoc_that_failed_otherwise_exits_2(sim, tmp_path, case):
    if case == "http-500":
        sim.set_faults([{"path": EVERYTHING, "kind": "500"}])
    try:
        proc = dc1_e2e.run("ansible", ["localhost", "-m", "digicert.one.dc1_user_info", "-a",
                                       "status=nonsense" if case == "bad-argument" else ""],
                           broken_env(sim, tmp_path, "none"), tmp_path, check=False)
    finally:
        sim.set_faults([])
    assert proc.returncode == 2 and "FAILED!" in proc.stdout, proc.stdout[-2000:]
