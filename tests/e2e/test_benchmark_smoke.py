# -*- coding: utf-8 -*-
"""Smoke run of the performance benchmark (benchmarks/run.py, docs/performance.md) on a tiny tenant.

Checks the machinery (simulator, both modes, request log, minimum, slices, table, JSON) and what the request log
shows against the minimum, never a time: on an envelope shape and on the seed server's bare shape, in both modes,
every endpoint path stays within one request per process of its minimum, except the client-certificate endpoint the
seed server does not serve (its first wave per process, docs/performance.md); nothing is asked twice but the tokens
of a user of several accounts, once by each of its account hosts; two slices hold exactly one run's facts.
"""

import json
import os
import subprocess
import sys

import conftest

BENCH = os.path.join(conftest.ROOT, "benchmarks", "run.py")
IN_FLIGHT, FORKS = 8, 2


def test_benchmark_smoke(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, BENCH, "--size", "smoke", "--shape", "envelope,seed-server", "--latency-ms", "2",
         "--repeat", "1", "--in-flight", str(IN_FLIGHT), "--forks", str(FORKS), "--slices", "smoke",
         "--json", str(out)],
        capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(out.read_text())
    assert [(r["shape"], sorted(r["modes"])) for r in report["results"]] == [
        ("envelope", ["account_hosts", "localhost"]), ("seed-server", ["account_hosts", "localhost"])]
    for res in report["results"]:
        for mode, m in res["modes"].items():
            req = m["requests"]
            per_process = 1 if mode == "localhost" else m["hosts"]
            wave = IN_FLIGHT if mode == "localhost" else IN_FLIGHT // FORKS
            for path, row in req["by_path"].items():
                assert row["sent"] >= row["minimum"] > 0, (res["shape"], mode, path, row)
                if res["shape"] == "seed-server" and path == "client-auth-certificate":
                    assert row["sent"] <= wave * per_process, (mode, row)  # 404 for every user: one wave each
                else:
                    assert row["over"] <= row["allowed_over"], (res["shape"], mode, path, row)
            if res["shape"] == "envelope":
                assert req["total"] == req["minimum"], (mode, req["by_path"])  # a total ends every list
            assert req["identical"]["other"] == 0, req["identical"]
            if mode == "localhost":
                assert req["identical"]["total"] == 0
            assert m["peak_pss_mb"] > 0 and m["floor_s"] > 0 and m["runs"][0]["wall_s"] > 0
        assert res["slices"]["equal"], res["slices"]["differences"]
        assert res["slices"]["hosts_cached"] == res["modes"]["account_hosts"]["hosts"]
    assert "### Targets" in proc.stdout and "| localhost | envelope |" in proc.stdout
    merged = tmp_path / "merged.json"
    again = subprocess.run([sys.executable, BENCH, "--report", "%s,%s" % (out, out), "--json", str(merged)],
                           capture_output=True, text=True, timeout=120, check=False)
    assert again.returncode == 0, again.stdout + again.stderr
    remade = json.loads(merged.read_text())  # the same run twice: one result per size and shape, same table
    assert [(r["size"], r["shape"]) for r in remade["results"]] == [(r["size"], r["shape"]) for r in report["results"]]
    assert remade["table"] == report["table"] and len(remade["sources"]) == 2
