# -*- coding: utf-8 -*-
"""Smoke run of the performance benchmark (benchmarks/run.py, docs/performance.md) on a tiny tenant.

Checks the machinery (simulator, playbooks, counters, table, JSON) and that the facts role makes no
more requests than the minimum plus the documented probes of bare lists (one per bare list whose
end a page cannot prove: docs/performance.md, "Requests").
"""

import json
import os
import subprocess
import sys

import conftest

BENCH = os.path.join(conftest.ROOT, "benchmarks", "run.py")
# /account, /organization and /user are bare lists in the simulator: no total, so each may cost one
# request past its last page (the pager's guarantee against servers that clamp the page size), and an
# empty page after a full one is asked twice. An upper bound, not an exact count.
PROBES_MAX = 6


def test_benchmark_smoke(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, BENCH, "--size", "smoke", "--latency-ms", "2", "--repeat", "1", "--uri-users", "2",
         "--uri-pages", "1", "--seq-requests", "0", "--no-adhoc", "--json", str(out)],
        capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(out.read_text())
    res = report["results"][0]
    facts = res["facts_role"]
    # every endpoint was read, and the per-user listings cost exactly one request per user
    for path, minimum in res["minimum_by_path"].items():
        assert facts["by_path"].get(path, 0) >= minimum, (path, facts["by_path"])
    for path in ("api-access-token", "client-auth-certificate", "audit-log", "role"):
        assert facts["by_path"][path] == res["minimum_by_path"][path], (path, facts["by_path"])
    assert 0 <= facts["requests"] - res["minimum_requests"] <= PROBES_MAX
    assert res["sequential"]["requests"] >= res["minimum_requests"] and not res["sequential"].get("extrapolated")
    assert res["uri_peer"]["extrapolated"] and res["uri_peer"]["measured_requests"] > 0
    assert facts["peak_rss_mb"] > 0 and res["floor"]["wall_s"] > 0
    assert "| smoke | facts role |" in proc.stdout
