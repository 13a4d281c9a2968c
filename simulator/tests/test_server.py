"""Control API, request log hygiene, concurrency, mTLS, the CLI."""
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
import requests

from dc1sim import Simulator
from dc1sim.cli import main as cli_main

from conftest import AM, VIEWER, Client


def test_control_api_and_log_never_holds_the_key(client, sim):
    client.am("/user", status="active")
    client.am("/user/me")
    client.am("/nope")
    Client(sim, "not-a-real-key").am("/user")
    ctl = Client(sim)
    stats = ctl.get("/_sim/stats").json()
    assert stats["total"] == 4 and stats["by_path"][AM + "/user"] == 2
    assert stats["by_status"] == {"200": 2, "404": 1, "401": 1}
    assert stats["by_path_status"][AM + "/nope"] == {"404": 1}
    log = ctl.get("/_sim/requests").json()
    assert [e["path"] for e in log] == [AM + "/user", AM + "/user/me", AM + "/nope", AM + "/user"]
    assert set(log[0]) == {"t", "method", "path", "query", "status", "key_id", "duration_ms", "connection"}
    assert log[0]["query"] == "status=active" and log[0]["key_id"]
    assert log[3]["key_id"] != log[0]["key_id"]
    dump = json.dumps(stats) + json.dumps(log) + ctl.get("/_sim/config").text
    assert sim.api_key not in dump and "not-a-real-key" not in dump
    assert ctl.get("/_sim/health").json()["status"] == "ok"
    assert ctl.request("POST", "/_sim/reset").json() == {"reset": True}
    assert ctl.get("/_sim/stats").json()["total"] == 0


def test_config_put_and_tenant(client, sim):
    ctl = Client(sim)
    body = {"envelope": {"user": "envelope"}, "page_cap": 10,
            "faults": ["path=/account/api/v1/account,nth=1,kind=418"]}
    r = ctl.request("PUT", "/_sim/config", json=body)
    assert r.status_code == 200 and r.json()["envelope"]["user"] == "envelope"
    assert client.am("/user", limit=50).json()["limit"] == 10
    assert client.am("/account").status_code == 418
    assert ctl.request("PUT", "/_sim/config", json={"error_shape": "nope"}).status_code == 400
    assert ctl.request("PUT", "/_sim/config", json={"bogus": 1}).status_code == 400
    t = ctl.get("/_sim/tenant").json()
    assert t["planted"] == sim.tenant["planted"] and len(t["users"]) == len(sim.tenant["users"])
    assert sim.api_key not in ctl.get("/_sim/tenant").text
    assert all(not e["path"].startswith("/_sim") for e in sim.requests())


def test_64_concurrent_keep_alive_connections(client, sim):
    """64 connections open at once, each kept alive for a second request.

    Asserts behaviour, not scheduling: every request is answered, each client's two requests travel on
    one connection, and all 64 connections are open together (the barrier holds every client between
    its requests) - not how many threads the machine happened to run at the same instant.
    """
    n = 64
    barrier = threading.Barrier(n, timeout=60)
    results = []
    sessions = [Client(sim, sim.api_key) for _i in range(n)]

    def worker(c):
        results.append(c.am("/account").status_code)
        barrier.wait()  # every connection is now open and idle: the server must keep all of them
        results.append(c.am("/account").status_code)

    threads = [threading.Thread(target=worker, args=(c,)) for c in sessions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200] * (2 * n)
    deadline = time.monotonic() + 10  # a request is logged just after its answer is sent: let the last ones land
    while sim.stats()["total"] < 2 * n and time.monotonic() < deadline:
        time.sleep(0.02)
    per_connection = {}
    for entry in sim.requests():
        per_connection[entry["connection"]] = per_connection.get(entry["connection"], 0) + 1
    assert len(per_connection) == n and set(per_connection.values()) == {2}


def test_mtls():
    with Simulator(mtls=True, extra_keys={VIEWER: "viewer"}) as sim:
        url = sim.base_url + AM + "/user/me"
        with pytest.raises(requests.exceptions.RequestException):
            requests.get(url, verify=sim.ca_path, headers={"x-api-key": sim.api_key}, timeout=5)
        cert = (sim.client_cert, sim.client_key)
        r = requests.get(url, verify=sim.ca_path, cert=cert, timeout=5)
        assert r.status_code == 200 and r.json()["friendly_name"] == "sim-admin"
        r = requests.get(url, verify=sim.ca_path, cert=cert, headers={"x-api-key": VIEWER}, timeout=5)
        assert r.json()["friendly_name"] == "sim-viewer"
        assert sim.requests()[0]["key_id"].startswith("cert-")


def test_plain_http_and_in_process_api():
    with Simulator(plain_http=True, users=5, envelope={"user": "records"}, page_cap=3,
                   faults=[{"path": AM + "/account", "nth": [1], "kind": "503"}]) as sim:
        assert sim.base_url.startswith("http://") and sim.ca_path is None
        h = {"x-api-key": sim.api_key}
        assert len(requests.get(sim.url(AM + "/user"), headers=h).json()["records"]) == 3
        assert requests.get(sim.url(AM + "/account"), headers=h).status_code == 503
        assert sim.stats()["faults_fired"][0]["kind"] == "status"


def test_generate_is_deterministic(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for out in (a, b):
        assert cli_main(["generate", "--seed", "3", "--now", "2026-01-01", "--users", "40", "-o", str(out)]) == 0
    assert a.read_bytes() == b.read_bytes()
    t = json.loads(a.read_text())
    with Simulator(tenant=str(a)) as sim:
        r = requests.get(sim.url(AM + "/user/me"), headers={"x-api-key": sim.api_key}, verify=sim.ca_path)
        assert r.json()["id"] == t["personas"]["admin"]


def test_cli_serve_writes_files_and_exits_on_sigterm(tmp_path):
    info, env = tmp_path / "info.json", tmp_path / "env"
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    proc = subprocess.Popen([sys.executable, "-m", "dc1sim", "serve", "--info-json", str(info),
                             "--env-file", str(env), "--envelope", "user=envelope", "--api-key", "k123",
                             "--state-dir", str(tmp_path / "state"),
                             "--fault", "path=/account/api/v1/account,nth=1,kind=429,retry_after=2"],
                            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _i in range(100):
            if info.exists():
                break
            time.sleep(0.05)
        data = json.loads(info.read_text())
        assert data["api_key"] == "k123" and data["pid"] == proc.pid
        assert f"DC_BASE={data['base_url']}" in env.read_text()
        h = {"x-api-key": "k123"}
        assert "items" in requests.get(data["base_url"] + AM + "/user", headers=h, verify=data["ca_path"]).json()
        r = requests.get(data["base_url"] + AM + "/account", headers=h, verify=data["ca_path"])
        assert r.status_code == 429 and r.headers["Retry-After"] == "2"
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _err = proc.communicate(timeout=10)
    assert proc.returncode == 0 and b"export DC_BASE=" in out
    assert (tmp_path / "state" / "ca.pem").exists()
