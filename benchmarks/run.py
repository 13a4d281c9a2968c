# -*- coding: utf-8 -*-
"""The facts-gathering benchmark (issue 5): one command, one machine, one table.

    .venv/bin/python benchmarks/run.py [--size smoke|half|full|double[,...]] [--json out.json]
                                       [--concurrency 16] [--latency-ms 25] [--uri-users 40] ...

For each size it starts the simulator (``dc1-sim serve``, a separate process) with that tenant,
``--latency-ms`` per request and a page cap of 100, and measures, each from a reset of the
simulator's counters:

* ``facts_role``   -- ``ansible-playbook`` running the ``digicert.one.facts`` role over the whole tenant
  (every resource, the whole audit log), at ``--concurrency``;
* ``uri_peer``     -- ``ansible.builtin.uri`` loops over the same endpoints, on a subset (``--uri-users``
  users' tokens and certificates, ``--uri-pages`` pages of users and audit log), extrapolated linearly
  to the full request count: (wall - start) / requests x minimum + start;
* ``sequential``   -- a plain ``requests`` script, one request at a time, same data; stopped after
  ``--seq-requests`` requests and extrapolated the same way (0: run to the end);
* ``floor``        -- minimum requests / concurrency x latency + one ``ansible-playbook`` start (the
  median of ``--repeat`` empty plays measured in the same run);
* ``adhoc``        -- ``ansible localhost -m digicert.one.dc1_user_info -a id=me`` against
  ``ansible localhost -m ping`` (median of ``--repeat``), target <= 1.2 x ping + one request.

Peak RSS is the largest *sum* of the RSS of the measured process and all its descendants, sampled
every 50 ms from /proc (benchmarks/proctree.py). Request counts come from ``GET /_sim/stats``.
"""

import argparse
import datetime
import json
import math
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from proctree import run_measured

BIN = os.path.dirname(sys.executable)
CAP = 100
SIZES = {
    # accounts, standard users, service users, organizations, audit events
    "smoke": dict(accounts=3, users=40, service_users=10, organizations=6, audit_events=400),
    "half": dict(accounts=25, users=4000, service_users=1000, organizations=100, audit_events=50000),
    "full": dict(accounts=50, users=8000, service_users=2000, organizations=200, audit_events=100000),
    "double": dict(accounts=100, users=16000, service_users=4000, organizations=400, audit_events=200000),
}
AUDIT_WINDOW_DAYS = 100  # the simulator spreads events over the last 90 days: the whole log
API = "/account/api/v1"
PATHS = ("account", "organization", "role", "user", "audit-log", "api-access-token", "client-auth-certificate")


def collections_root():
    parts = ROOT.split(os.sep)
    if len(parts) >= 3 and parts[-3] == "ansible_collections" and parts[-2:] == ["digicert", "one"]:
        return os.sep.join(parts[:-3]), None
    tmp = tempfile.mkdtemp(prefix="dc1-bench-collections-")
    os.makedirs(os.path.join(tmp, "ansible_collections", "digicert"))
    os.symlink(ROOT, os.path.join(tmp, "ansible_collections", "digicert", "one"))
    return tmp, tmp


class Sim:
    """``dc1-sim serve`` in its own process (its CPU is not in the measured process trees)."""

    def __init__(self, size, latency_ms, workdir, seed=1):
        self.info_path = os.path.join(workdir, "sim-%s.json" % size)
        args = [os.path.join(BIN, "dc1-sim"), "serve", "--seed", str(seed), "--info-json", self.info_path,
                "--latency-ms", str(latency_ms), "--page-cap", str(CAP)]
        for key, value in SIZES[size].items():
            args += ["--" + key.replace("_", "-"), str(value)]
        self.log = open(os.path.join(workdir, "sim-%s.log" % size), "w")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while not os.path.exists(self.info_path):
            if self.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("simulator did not start; see %s" % self.log.name)
            time.sleep(0.1)
        info = json.load(open(self.info_path))
        self.base, self.key, self.ca = info["base_url"], info["api_key"], info["ca_path"]
        self.http = requests.Session()

    def call(self, method, path):
        r = self.http.request(method, self.base + path, verify=self.ca, timeout=120)
        r.raise_for_status()
        return r.json() if r.content else None

    def reset(self):
        self.call("POST", "/_sim/reset")

    def counts(self):
        stats = self.call("GET", "/_sim/stats")
        by_path = dict((p.rsplit("/", 1)[-1], n) for p, n in stats["by_path"].items())
        return stats["total"], by_path

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def minimum_requests(tenant, audit_from):
    """Per endpoint: ceil(n / page cap) pages (at least 1), the role endpoint once, and one request
    per user for tokens and one for certificates (each user's fit in one page)."""
    events = sum(1 for e in tenant["audit_events"] if e["timestamp"][:10] >= audit_from)
    n = {"account": len(tenant["accounts"]), "organization": len(tenant["organizations"]),
         "user": len(tenant["users"]), "audit-log": events}
    per = dict((k, max(1, math.ceil(v / CAP))) for k, v in n.items())
    per["role"] = 1
    per["api-access-token"] = per["client-auth-certificate"] = len(tenant["users"])
    return per, n


def pb(name):
    return os.path.join(HERE, "playbooks", name)


def ansible_env(sim, coll_root, workdir):
    cfg = os.path.join(workdir, "ansible.cfg")
    with open(cfg, "w") as fh:
        fh.write("[defaults]\n")
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(("DC_", "ANSIBLE_")))
    env.update({"DC_BASE": sim.base, "DC_API_TOKEN": sim.key, "DC_CA_PATH": sim.ca,
                "ANSIBLE_COLLECTIONS_PATH": coll_root, "ANSIBLE_CONFIG": cfg, "ANSIBLE_NOCOLOR": "1",
                "ANSIBLE_LOCALHOST_WARNING": "False", "ANSIBLE_INVENTORY_UNPARSED_WARNING": "False",
                "ANSIBLE_LOCAL_TEMP": os.path.join(workdir, "ansible-tmp"),
                "ANSIBLE_PYTHON_INTERPRETER": sys.executable})
    return env


def measure(sim, cmd, env, label, log_dir, timeout=3600):
    sim.reset()
    rc, wall, peak, out, err = run_measured(cmd, env=env, cwd=log_dir, timeout=timeout)
    with open(os.path.join(log_dir, label + ".log"), "w") as fh:
        fh.write("$ %s\nrc=%d wall=%.3f\n%s\n%s" % (" ".join(cmd), rc, wall, out, err))
    if rc != 0:
        raise RuntimeError("%s failed (rc %d), see %s:\n%s\n%s" % (label, rc, fh.name, out[-2000:], err[-2000:]))
    total, by_path = sim.counts()
    return {"wall_s": round(wall, 3), "requests": total, "by_path": by_path, "peak_rss_mb": round(peak / 2**20, 1)}


def repeat(sim, cmd, env, label, log_dir, n):
    runs = [measure(sim, cmd, env, "%s-%d" % (label, i), log_dir) for i in range(n)]
    walls = [r["wall_s"] for r in runs]
    out = dict(runs[-1])
    out.update(wall_s=round(statistics.median(walls), 3), walls=walls,
               sd_s=round(statistics.stdev(walls), 3) if len(walls) > 1 else 0.0,
               peak_rss_mb=max(r["peak_rss_mb"] for r in runs))
    return out


def bench_size(size, a, coll_root, workdir):
    print("== %s: starting the simulator (%s)" % (size, ", ".join("%s=%s" % kv for kv in SIZES[size].items())),
          flush=True)
    sim = Sim(size, a.latency_ms, workdir)
    try:
        tenant = sim.call("GET", "/_sim/tenant")
        now = datetime.datetime.now(datetime.timezone.utc)
        audit_from = (now - datetime.timedelta(days=AUDIT_WINDOW_DAYS)).date().isoformat()
        per, n = minimum_requests(tenant, audit_from)
        del tenant
        minimum = sum(per.values())
        env = ansible_env(sim, coll_root, workdir)
        res = {"size": size, "tenant": dict(SIZES[size], users_total=n["user"], accounts_total=n["account"], audit_events_read=n["audit-log"]),
               "minimum_requests": minimum, "minimum_by_path": per, "concurrency": a.concurrency,
               "latency_ms": a.latency_ms, "page_cap": CAP}

        print("   ansible-playbook start (empty play) x%d" % a.repeat, flush=True)
        res["start"] = repeat(sim, [os.path.join(BIN, "ansible-playbook"), pb("empty.yml")], env, size + "-start",
                              workdir, a.repeat)
        start_s = res["start"]["wall_s"]
        res["floor"] = {"wall_s": round(minimum / a.concurrency * a.latency_ms / 1000.0 + start_s, 3),
                        "requests": minimum}

        print("   facts role (concurrency %d)" % a.concurrency, flush=True)
        res["facts_role"] = repeat(sim, [os.path.join(BIN, "ansible-playbook"), pb("facts.yml"),
                                         "-e", "dc1_max_concurrency=%d" % a.concurrency], env,
                                   size + "-facts", workdir, a.facts_repeat)

        # The same, with ansible-core's deprecated top-level fact injection off (a user setting, see
        # docs/roles.md): shows what the per-task copies of a large fact cost.
        print("   facts role, inject_facts_as_vars=False", flush=True)
        res["facts_role_no_inject"] = repeat(sim, [os.path.join(BIN, "ansible-playbook"), pb("facts.yml"),
                                                   "-e", "dc1_max_concurrency=%d" % a.concurrency],
                                             dict(env, ANSIBLE_INJECT_FACT_VARS="False"),
                                             size + "-facts-no-inject", workdir, a.facts_repeat)

        users = min(a.uri_users, n["user"])
        pages = dict((k, per[k]) for k in ("account", "organization"))
        pages["user"] = min(per["user"], a.uri_pages)
        pages["audit-log"] = min(per["audit-log"], a.uri_pages)
        users = min(users, pages["user"] * CAP)
        peer_vars = {"dc1": {"base": sim.base, "key": sim.key, "ca": sim.ca, "cap": CAP, "pages": pages,
                             "users": users, "audit_from": audit_from}}
        print("   uri peer (subset: %d users, pages %s)" % (users, pages), flush=True)
        peer = measure(sim, [os.path.join(BIN, "ansible-playbook"), pb("uri_peer.yml"), "-e", json.dumps(peer_vars)],
                       env, size + "-uri", workdir)
        peer["subset"] = {"users": users, "pages": pages}
        per_req = max(peer["wall_s"] - start_s, 0.0) / peer["requests"]
        peer["per_request_s"] = round(per_req, 4)
        peer["measured_wall_s"] = peer["wall_s"]
        peer["measured_requests"] = peer["requests"]
        peer["wall_s"] = round(start_s + per_req * minimum, 1)
        peer["requests"] = minimum
        peer["extrapolated"] = True
        res["uri_peer"] = peer

        print("   sequential requests script", flush=True)
        seq_cmd = [sys.executable, os.path.join(HERE, "sequential.py"), sim.base, sim.key, sim.ca, audit_from,
                   "--cap", str(CAP), "--max-requests", str(a.seq_requests)]
        seq = measure(sim, seq_cmd, env, size + "-sequential", workdir)
        with open(os.path.join(workdir, size + "-sequential.log")) as fh:
            done = json.loads([line for line in fh.read().splitlines() if line.startswith("{")][-1])
        if not done["complete"]:
            per_req = seq["wall_s"] / seq["requests"]
            seq.update(measured_wall_s=seq["wall_s"], measured_requests=seq["requests"], extrapolated=True,
                       per_request_s=round(per_req, 4), wall_s=round(per_req * minimum, 1), requests=minimum)
        res["sequential"] = seq

        if a.adhoc:
            print("   ad hoc: ping vs dc1_user_info id=me, x%d each" % a.repeat, flush=True)
            ansible = os.path.join(BIN, "ansible")
            res["adhoc_ping"] = repeat(sim, [ansible, "localhost", "-m", "ping"], env, size + "-ping", workdir,
                                       a.repeat)
            res["adhoc_user_info"] = repeat(sim, [ansible, "localhost", "-m", "digicert.one.dc1_user_info",
                                                  "-a", "id=me"], env, size + "-user-info", workdir, a.repeat)
        return res
    finally:
        sim.stop()


def ratios(res):
    f, floor, peer = res["facts_role"], res["floor"], res["uri_peer"]
    out = {"facts_over_floor": round(f["wall_s"] / floor["wall_s"], 2),
           "uri_over_facts": round(peer["wall_s"] / f["wall_s"], 1),
           "sequential_over_facts": round(res["sequential"]["wall_s"] / f["wall_s"], 1),
           "facts_requests_over_minimum": f["requests"] - res["minimum_requests"]}
    if "facts_role_no_inject" in res:
        out["facts_no_inject_over_floor"] = round(res["facts_role_no_inject"]["wall_s"] / floor["wall_s"], 2)
    if "adhoc_ping" in res:
        budget = 1.2 * res["adhoc_ping"]["wall_s"] + res["latency_ms"] / 1000.0
        out["adhoc_user_info_s"] = res["adhoc_user_info"]["wall_s"]
        out["adhoc_budget_s"] = round(budget, 3)
        out["adhoc_ok"] = res["adhoc_user_info"]["wall_s"] <= budget
    return out


def table(results):
    lines = []
    head = "| size | run | wall s | requests | peak RSS MB | note |"
    lines += [head, "|---|---|---:|---:|---:|---|"]
    for res in results:
        s = res["size"]
        r = res["ratios"]
        rows = [
            ("floor", res["floor"]["wall_s"], res["minimum_requests"], "-",
             "min requests / %d x %d ms + start %.2f s" % (res["concurrency"], res["latency_ms"], res["start"]["wall_s"])),
            ("facts role", res["facts_role"]["wall_s"], res["facts_role"]["requests"], res["facts_role"]["peak_rss_mb"],
             "runs %s; %.2f x floor; %+d requests vs minimum" % (
                 res["facts_role"]["walls"], r["facts_over_floor"], r["facts_requests_over_minimum"])),
        ]
        if "facts_role_no_inject" in res:
            nf = res["facts_role_no_inject"]
            rows.append(("facts role, inject_facts_as_vars=False", nf["wall_s"], nf["requests"], nf["peak_rss_mb"],
                         "runs %s; %.2f x floor" % (nf["walls"], r["facts_no_inject_over_floor"])))
        rows += [
            ("uri loop", res["uri_peer"]["wall_s"], res["uri_peer"]["requests"], res["uri_peer"]["peak_rss_mb"],
             "extrapolated from %d requests in %.1f s; %.1f x facts role" % (
                 res["uri_peer"]["measured_requests"], res["uri_peer"]["measured_wall_s"], r["uri_over_facts"])),
            ("sequential", res["sequential"]["wall_s"], res["sequential"]["requests"],
             res["sequential"]["peak_rss_mb"],
             _seq_note(res["sequential"]) + "%.1f x facts role" % r["sequential_over_facts"]),
        ]
        if "adhoc_ping" in res:
            rows.append(("ad hoc ping", res["adhoc_ping"]["wall_s"], res["adhoc_ping"]["requests"],
                         res["adhoc_ping"]["peak_rss_mb"], "median of %s" % res["adhoc_ping"]["walls"]))
            rows.append(("ad hoc user_info id=me", res["adhoc_user_info"]["wall_s"],
                         res["adhoc_user_info"]["requests"], res["adhoc_user_info"]["peak_rss_mb"],
                         "median of %s; budget 1.2 x ping + 1 request = %.2f s: %s" % (
                             res["adhoc_user_info"]["walls"], r["adhoc_budget_s"], "met" if r["adhoc_ok"] else "NOT met")))
        for name, wall, reqs, rss, note in rows:
            lines.append("| %s | %s | %s | %s | %s | %s |" % (s, name, wall, reqs, rss, note))
    by = dict((res["size"], res) for res in results)
    growth = []
    for small, big in (("half", "full"), ("full", "double")):
        if small in by and big in by:
            ratio = by[big]["facts_role"]["wall_s"] / by[small]["facts_role"]["wall_s"]
            growth.append("%s -> %s: facts role x%.2f for x%.2f requests" % (
                small, big, ratio, by[big]["minimum_requests"] / float(by[small]["minimum_requests"])))
    return "\n".join(lines) + ("\n\nGrowth: " + "; ".join(growth) if growth else "")


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
            "mem_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
            "loadavg_at_start": os.getloadavg()}


def _seq_note(seq):
    """How the sequential script's figure was obtained, for the table."""
    if not seq.get("extrapolated"):
        return ""
    return "extrapolated from %d requests in %.1f s; " % (seq["measured_requests"], seq["measured_wall_s"])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    ap.add_argument("--size", default="full", help="comma-separated: %s" % ", ".join(SIZES))
    ap.add_argument("--json", help="write the results here as JSON")
    ap.add_argument("--concurrency", type=int, default=16, help="max_concurrency of the facts role and the floor")
    ap.add_argument("--latency-ms", type=int, default=25)
    ap.add_argument("--repeat", type=int, default=3, help="runs of the short measurements (start, ad hoc)")
    ap.add_argument("--facts-repeat", type=int, default=1, help="runs of the facts role per size")
    ap.add_argument("--uri-users", type=int, default=40, help="users whose tokens/certs the uri peer reads")
    ap.add_argument("--uri-pages", type=int, default=3, help="pages of users and of audit log the uri peer reads")
    ap.add_argument("--seq-requests", type=int, default=1500, help="stop the sequential script after N (0: all)")
    ap.add_argument("--no-adhoc", dest="adhoc", action="store_false")
    ap.add_argument("--workdir", help="keep logs here (default: a temp dir, removed)")
    a = ap.parse_args(argv)
    sizes = a.size.split(",")
    for s in sizes:
        if s not in SIZES:
            ap.error("unknown size %r" % s)
    workdir = a.workdir or tempfile.mkdtemp(prefix="dc1-bench-")
    os.makedirs(workdir, exist_ok=True)
    coll_root, coll_tmp = collections_root()
    started = time.time()
    results = []
    try:
        for size in sizes:
            res = bench_size(size, a, coll_root, workdir)
            res["ratios"] = ratios(res)
            results.append(res)
    finally:
        if coll_tmp:
            shutil.rmtree(coll_tmp, ignore_errors=True)
        if not a.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    report = {"machine": machine(), "command": " ".join([os.path.relpath(sys.executable, ROOT)] + sys.argv),
              "elapsed_s": round(time.time() - started, 1), "results": results, "table": table(results)}
    print(report["table"])
    if a.json:
        with open(a.json, "w") as fh:
            json.dump(report, fh, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
