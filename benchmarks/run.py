# -*- coding: utf-8 -*-
"""The benchmark of the inventory of facts: both modes, the stub, the peers, every list shape, the targets.

    .venv/bin/python benchmarks/run.py [--size full,double] [--shape envelope,documented,seed-server]
                                       [--mode localhost,account_hosts,stub] [--runs 3] [--latency-ms 25]
                                       [--server-slots 8] [--peers] [--json out.json] [--workdir DIR] ...
    .venv/bin/python benchmarks/run.py --report a.json[,b.json] [--doc docs/performance.md] [--json merged.json]

For each size and shape it starts the simulator (simproc.py: ``--latency-ms`` a request, ``--server-slots``
requests served at once, page cap 100) and measures, each run from a reset of the simulator's counters:

* one ``ansible-playbook`` start (a play without tasks, median of ``--repeat``);
* ``--runs`` runs of each mode (modes.py): ``localhost`` at ``max_concurrency`` = ``--in-flight`` (16);
  ``account_hosts`` over a ``*.dc1.yml`` inventory at ``--forks`` x (in-flight / forks) (4 x 4) with the jsonfile
  fact cache -- the same requests in flight; ``stub``: the account hosts, forks and play shape with an action
  that only sleeps (what ansible-core costs by itself). Per run: wall time, CPU of the ansible-playbook tree (and
  of its main process), CPU of the simulator, the peak of the tree's summed PSS (proctree.py), and the request
  log against the mode's minimum and contract (minimum.py);
* the floor of each mode: its minimum / min(in-flight, server slots) x latency + one ansible-playbook start;
* ``--slices SIZES``: two ``--limit`` halves of the account hosts in two concurrent processes with one fact cache,
  compared object id by object id with the whole run's facts;
* ``--peers``: the ``uri`` loop and a plain requests script at the same concurrency, and ad hoc (peers.py).

docs/performance.md explains every number; its tables are generated from results files (``--report ... --doc``).
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

from minimum import Tenant, account_hosts_minimum, allowance, analyse, audit_from, run_summary, tenant_minimum
from modes import AUDIT_WINDOW_DAYS, Modes, ansible_env
from peers import run_peers
from report import FORMAT, merge, regenerate, report_text
from simproc import CAP, NOW, SHAPES, SIZES, Sim, page_caps
from tables import ALL_MODES, all_tables


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


def concurrency(a):
    """Requests the server works on at once: what is in flight, bounded by its slots."""
    return min(a.in_flight, a.server_slots) if a.server_slots else a.in_flight


class Cell:
    """One mode of one size and shape: its minimum, contract and floor, and its runs."""

    def __init__(self, mode, tenant, shape, size, start_s, a):
        self.mode, self.a = mode, a
        self.hosts = 1 if mode == "localhost" else len(tenant.accounts)
        self.wave = a.in_flight if mode == "localhost" else a.in_flight // a.forks
        caps = page_caps(size)
        self.minimum = (tenant_minimum(tenant, shape, caps) if mode == "localhost"
                        else account_hosts_minimum(tenant, shape, self.wave, caps))
        self.allowed = allowance(shape, self.wave)
        self.shared = tenant.shared
        self.requests_s = sum(self.minimum.values()) / float(concurrency(a)) * a.latency_ms / 1000.0
        self.floor_s = self.requests_s + start_s
        # The stub sleeps each host's share of the floor's requests: hosts / forks waves of it make the floor.
        self.sleep_s = self.requests_s * a.forks / self.hosts if mode == "stub" else 0.0

    def run(self, modes):
        runs, last = [], None
        for i in range(self.a.runs):
            forks = ", forks %d" % self.a.forks if self.mode != "localhost" else ""
            print("   %s (%s in flight%s) run %d" % (self.mode, self.a.in_flight, forks, i + 1), flush=True)
            run = modes.run(self.mode, "%s-%d" % (self.mode, i), self.sleep_s)
            if self.mode != "stub":
                last = analyse(run["_asked"], self.minimum, self.allowed, self.shared)
                run["requests"] = run_summary(last)
            runs.append(run)
        out = {"runs": [_plain(r) for r in runs], "wall_s": round(statistics.median(r["wall_s"] for r in runs), 3),
               "floor_s": round(self.floor_s, 3), "in_flight": self.a.in_flight, "hosts": self.hosts,
               "max_concurrency": self.wave}
        if self.mode != "localhost":
            out["forks"] = self.a.forks
        if last:
            out.update(requests=last, wave=self.wave)
        if self.mode == "stub":
            out["sleep_s"] = round(self.sleep_s, 4)
        return out, runs[-1].get("_cache")


def bench(size, shape, a, coll_root, workdir):
    counts = ", ".join("%s=%s" % kv for kv in SIZES[size].items())
    print("== %s, %s: starting the simulator (%s)" % (size, shape, counts), flush=True)
    sim = Sim(size, shape, a.latency_ms, workdir, slots=a.server_slots)
    try:
        tenant = Tenant(sim.tenant(), audit_from(NOW, AUDIT_WINDOW_DAYS))
        modes = Modes(sim, ansible_env(sim, coll_root, workdir), workdir, "%s-%s" % (size, shape), a.in_flight,
                      a.forks)
        res = {"size": size, "shape": shape, "tenant": dict(SIZES[size], **tenant.counts), "now": NOW,
               "latency_ms": a.latency_ms, "server_slots": a.server_slots, "concurrency": concurrency(a),
               "page_cap": CAP, "page_caps": page_caps(size), "modes": {}}
        print("   ansible-playbook start (empty play) x%d" % a.repeat, flush=True)
        res["start"] = modes.start_time(a.repeat)
        for mode in a.mode:
            cell = Cell(mode, tenant, shape, size, res["start"]["wall_s"], a)
            res["modes"][mode], cache = cell.run(modes)
            if mode == "account_hosts" and size in a.slices:
                print("   two slices in two processes", flush=True)
                res["slices"] = modes.slices(cache)
        if a.peers and shape == "envelope":
            res["peers"] = run_peers(modes, tenant_minimum(tenant, shape, page_caps(size)), res["start"]["wall_s"], a)
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
    ap.add_argument("--size", default="full,double", help="comma-separated: %s" % ", ".join(SIZES))
    ap.add_argument("--shape", default=",".join(SHAPES), help="comma-separated: %s" % ", ".join(SHAPES))
    ap.add_argument("--mode", default=",".join(ALL_MODES), help="comma-separated: %s" % ", ".join(ALL_MODES))
    ap.add_argument("--runs", "--facts-repeat", dest="runs", type=int, default=3,
                    help="runs of each mode and peer per size and shape (a verdict needs 3)")
    ap.add_argument("--json", help="write the results here as JSON")
    ap.add_argument("--in-flight", "--concurrency", dest="in_flight", type=int, default=16,
                    help="requests in flight in either mode (localhost max_concurrency; forks x per-host)")
    ap.add_argument("--forks", type=int, default=4, help="forks of the account-host mode")
    ap.add_argument("--latency-ms", type=int, default=25, help="the simulator's latency a request")
    ap.add_argument("--server-slots", type=int, default=8, help="requests the simulator serves at once (0: any)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of the short measurements (start, ad hoc)")
    ap.add_argument("--slices", default="full", help="sizes at which to run the two-slice check ('' for none)")
    ap.add_argument("--peers", action="store_true", help="the uri loop, the plain script, ad hoc (envelope shape)")
    ap.add_argument("--uri-users", type=int, default=64, help="users whose tokens/certs the uri loop reads")
    ap.add_argument("--uri-pages", type=int, default=2, help="pages of users the uri loop reads")
    ap.add_argument("--script-requests", type=int, default=0, help="stop the plain script after N (0: at its end)")
    ap.add_argument("--workdir", help="keep every command's output here (default: a temp dir, removed)")
    ap.add_argument("--report", help="run nothing: merge these result files (comma-separated; a later file's size "
                                     "and shape replace an earlier one's), print the tables, write --json")
    ap.add_argument("--doc", help="with or without --report: regenerate this document's tables from their files")
    a = ap.parse_args(argv)
    a.size = _list(a.size, SIZES, "size", ap)
    a.shape = _list(a.shape, SHAPES, "shape", ap)
    a.mode = _list(a.mode, ALL_MODES, "mode", ap)
    a.slices = _list(a.slices, SIZES, "size", ap)
    if a.in_flight % a.forks:
        ap.error("--in-flight must be a multiple of --forks")
    return a


def write(path, report):
    with open(path, "w") as fh:
        json.dump(report, fh, indent=1, sort_keys=True)


def reports(a):
    """``--report`` and ``--doc``: nothing runs."""
    if a.report:
        paths = a.report.split(",")
        results, sources = merge(paths)
        print(report_text(paths))
        if a.json:
            write(a.json, {"format": FORMAT, "sources": sources, "results": results, "table": all_tables(results)})
    if a.doc:
        with open(a.doc) as fh:
            text = fh.read()
        current = ",".join(os.path.relpath(os.path.abspath(p), ROOT) for p in a.report.split(",")) if a.report else None
        with open(a.doc, "w") as fh:
            fh.write(regenerate(text, ROOT, current))
    return 0


def main(argv=None):
    a = parse(argv)
    if a.report or a.doc:
        return reports(a)
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
    report = {"format": FORMAT, "sources": [source], "results": results, "table": all_tables(results)}
    print(report["table"])
    if a.json:
        write(a.json, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
