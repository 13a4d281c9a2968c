# -*- coding: utf-8 -*-
"""The benchmark of the inventory of facts: both modes, every list shape, sizes half/full/double, the targets.

    .venv/bin/python benchmarks/run.py [--size half,full,double] [--shape envelope,documented,seed-server]
                                       [--mode localhost,account_hosts] [--json out.json] [--workdir DIR] ...

For each size and shape it starts the simulator (``dc1-sim serve``, its own process; ``--latency-ms`` per
request, page cap 100) and measures, each run from a reset of the simulator's counters:

* one ``ansible-playbook`` start (a play without tasks, median of ``--repeat``);
* the facts role in each mode (modes.py): ``localhost`` at ``max_concurrency`` = ``--in-flight`` (16), and
  ``account_hosts`` over a ``*.dc1.yml`` inventory at ``--forks`` x (in-flight / forks) (4 x 4) with the jsonfile
  fact cache -- the same total of requests in flight; wall time, the peak of the summed PSS (and RSS) of the
  ansible-playbook process tree (proctree.py), and the simulator's request log against the mode's minimum
  (minimum.py): requests per path, and requests sent again with the same path and query;
* the floor of each mode: its minimum / in-flight x latency + one ansible-playbook start;
* ``--slices SIZES``: two ``--limit`` halves of the account hosts in two concurrent processes with one fact cache,
  compared object id by object id with the whole run's facts;
* ``--peers``: the ``uri`` loop, a sequential script and the ad hoc budget, on the envelope shape (peers.py).

docs/performance.md explains every number; the raw results go to ``--json``.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)  # the modules below are siblings of this file

import requests

from minimum import Tenant, account_hosts_minimum, allowance, analyse, audit_from, tenant_minimum
from modes import AUDIT_WINDOW_DAYS, Modes, ansible_env
from peers import run_peers, table as peers_table
from simproc import NOW, SHAPES, SIZES, Sim
from tables import MODES, all_tables


def collections_root():
    parts = ROOT.split(os.sep)
    if len(parts) >= 3 and parts[-3] == "ansible_collections" and parts[-2:] == ["digicert", "one"]:
        return os.sep.join(parts[:-3]), None
    tmp = tempfile.mkdtemp(prefix="dc1-bench-collections-")
    os.makedirs(os.path.join(tmp, "ansible_collections", "digicert"))
    os.symlink(ROOT, os.path.join(tmp, "ansible_collections", "digicert", "one"))
    return tmp, tmp


def _plain(run):
    return dict((k, v) for k, v in run.items() if not k.startswith("_"))


def bench_mode(modes, mode, tenant, shape, start_s, a):
    """``--facts-repeat`` runs of one mode; the median wall time, the largest peaks, the last run's requests."""
    runs = []
    for i in range(a.facts_repeat):
        forks = ", forks %d" % a.forks if mode == "account_hosts" else ""
        print("   %s (%s in flight%s) run %d" % (mode, a.in_flight, forks, i + 1), flush=True)
        runs.append(modes.run(mode, "%s-%d" % (mode, i)))
    hosts = len(tenant.accounts)
    minimum = tenant_minimum(tenant, shape) if mode == "localhost" else account_hosts_minimum(tenant, shape)
    req = analyse(runs[-1]["_asked"], minimum, allowance(mode, hosts), tenant.shared)
    floor = sum(minimum.values()) / float(a.in_flight) * a.latency_ms / 1000.0 + start_s
    wall = statistics.median(r["wall_s"] for r in runs)
    out = {"runs": [_plain(r) for r in runs], "wall_s": round(wall, 3),
           "cpu_s": round(statistics.median(r["cpu_s"] for r in runs), 2),
           "sd_s": round(statistics.stdev(r["wall_s"] for r in runs), 3) if len(runs) > 1 else 0.0,
           "peak_pss_mb": max(r["peak_pss_mb"] for r in runs), "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
           "requests": req, "requests_per_run": [len(r["_asked"]) for r in runs],
           "tenant_minimum": sum(tenant_minimum(tenant, shape).values()),
           "floor_s": round(floor, 3), "over_floor": round(wall / floor, 2),
           "in_flight": a.in_flight, "hosts": 1 if mode == "localhost" else hosts}
    if mode == "account_hosts":
        out.update(forks=a.forks, max_concurrency=a.in_flight // a.forks)
    else:
        out["max_concurrency"] = a.in_flight
    return out, runs[-1].get("_cache")


def bench(size, shape, a, coll_root, workdir):
    counts = ", ".join("%s=%s" % kv for kv in SIZES[size].items())
    print("== %s, %s: starting the simulator (%s)" % (size, shape, counts), flush=True)
    sim = Sim(size, shape, a.latency_ms, workdir)
    try:
        tenant = Tenant(sim.tenant(), audit_from(NOW, AUDIT_WINDOW_DAYS))
        modes = Modes(sim, ansible_env(sim, coll_root, workdir), workdir, "%s-%s" % (size, shape), a.in_flight,
                      a.forks)
        res = {"size": size, "shape": shape, "tenant": dict(SIZES[size], **tenant.counts), "now": NOW,
               "latency_ms": a.latency_ms, "page_cap": 100, "modes": {}}
        print("   ansible-playbook start (empty play) x%d" % a.repeat, flush=True)
        res["start"] = modes.start_time(a.repeat)
        for mode in a.mode:
            res["modes"][mode], cache = bench_mode(modes, mode, tenant, shape, res["start"]["wall_s"], a)
            if mode == "account_hosts" and size in a.slices:
                print("   two slices in two processes", flush=True)
                res["slices"] = modes.slices(cache)
        if a.peers and shape == "envelope" and "localhost" in res["modes"]:
            res["peers"] = run_peers(modes, tenant_minimum(tenant, shape), res["start"]["wall_s"],
                                     res["modes"]["localhost"]["wall_s"], a)
        return res
    finally:
        sim.stop()


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next(line.split(":", 1)[1].strip() for line in fh if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    from ansible.release import __version__ as ansible_version
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "ansible_core": ansible_version, "requests": requests.__version__,
            "mem_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2.0 ** 30, 1),
            "loadavg_at_start": [round(x, 2) for x in os.getloadavg()]}


def _list(value, known, what, ap):
    items = [v for v in value.split(",") if v] if value else []
    for item in items:
        if item not in known:
            ap.error("unknown %s %r (one of %s)" % (what, item, ", ".join(known)))
    return items


def parse(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    ap.add_argument("--size", default="full", help="comma-separated: %s" % ", ".join(SIZES))
    ap.add_argument("--shape", default=",".join(SHAPES), help="comma-separated: %s" % ", ".join(SHAPES))
    ap.add_argument("--mode", default=",".join(MODES), help="comma-separated: %s" % ", ".join(MODES))
    ap.add_argument("--json", help="write the results here as JSON")
    ap.add_argument("--in-flight", "--concurrency", dest="in_flight", type=int, default=16,
                    help="requests in flight in either mode (localhost max_concurrency; forks x per-host)")
    ap.add_argument("--forks", type=int, default=4, help="forks of the account-host mode")
    ap.add_argument("--latency-ms", type=int, default=25)
    ap.add_argument("--repeat", type=int, default=3, help="runs of the short measurements (start, ad hoc)")
    ap.add_argument("--facts-repeat", type=int, default=1, help="runs of the facts role per mode, size and shape")
    ap.add_argument("--slices", default="full", help="sizes at which to run the two-slice check ('' for none)")
    ap.add_argument("--peers", action="store_true", help="the uri loop, sequential script, ad hoc (envelope shape)")
    ap.add_argument("--uri-users", type=int, default=15, help="users whose tokens/certs the uri peer reads")
    ap.add_argument("--uri-pages", type=int, default=2, help="pages of users and of audit log the uri peer reads")
    ap.add_argument("--seq-requests", type=int, default=1000, help="stop the sequential script after N (0: all)")
    ap.add_argument("--workdir", help="keep every command's output here (default: a temp dir, removed)")
    ap.add_argument("--report", help="run nothing: merge these result files (comma-separated; a later file's size "
                                     "and shape replace an earlier one's), print the tables, write --json")
    a = ap.parse_args(argv)
    a.size = _list(a.size, SIZES, "size", ap)
    a.shape = _list(a.shape, SHAPES, "shape", ap)
    a.mode = _list(a.mode, MODES, "mode", ap)
    a.slices = _list(a.slices, SIZES, "size", ap)
    if a.in_flight % a.forks:
        ap.error("--in-flight must be a multiple of --forks")
    return a


def merge(paths):
    """Results of several runs, one per size and shape (the later file wins), and where each came from."""
    by, sources = {}, []
    for path in paths:
        with open(path) as fh:
            report = json.load(fh)
        single = dict((k, report.get(k)) for k in ("command", "machine", "elapsed_s", "loadavg_at_end"))
        offset = len(sources)  # a result's "source" indexes its own file's sources
        sources.extend(report.get("sources") or [single])
        for res in report["results"]:
            res["source"] = offset + res.get("source", 0)
            by[(res["size"], res["shape"])] = res
    order = dict((s, i) for i, s in enumerate(SIZES))
    return sorted(by.values(), key=lambda r: (order[r["size"]], list(SHAPES).index(r["shape"]))), sources


def tables(results):
    text = all_tables(results)
    peers = peers_table(results)
    return text + ("\n\n### Peers (localhost, envelope)\n\n" + peers if peers else "")


def main(argv=None):
    a = parse(argv)
    if a.report:
        results, sources = merge(a.report.split(","))
        report = {"sources": sources, "results": results, "table": tables(results)}
        print(report["table"])
        if a.json:
            with open(a.json, "w") as fh:
                json.dump(report, fh, indent=1, sort_keys=True)
        return 0
    workdir = a.workdir or tempfile.mkdtemp(prefix="dc1-bench-")
    os.makedirs(workdir, exist_ok=True)
    coll_root, coll_tmp = collections_root()
    started, info = time.time(), machine()
    results = []
    try:
        for size in a.size:
            for shape in a.shape:
                results.append(bench(size, shape, a, coll_root, workdir))
    finally:
        if coll_tmp:
            shutil.rmtree(coll_tmp, ignore_errors=True)
        if not a.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    source = {"machine": info, "command": " ".join([os.path.relpath(sys.executable, ROOT)] + sys.argv),
              "elapsed_s": round(time.time() - started, 1), "loadavg_at_end": [round(x, 2) for x in os.getloadavg()]}
    for res in results:
        res["source"] = 0
    report = {"sources": [source], "results": results, "table": tables(results)}
    print(report["table"])
    if a.json:
        with open(a.json, "w") as fh:
            json.dump(report, fh, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
