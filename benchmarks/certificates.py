# -*- coding: utf-8 -*-
"""Issue 21's benchmark: the audit playbook over a million Trust Lifecycle certificates.

    .venv/bin/python benchmarks/certificates.py --certificates 1000000 --json benchmarks/results-certificates.json

The simulator serves N certificates (``--mpki-bulk-certificates``: the tenant's own, then ones built on demand)
with the certificate search capped at 50 a page, 25 ms a request and 8 server slots (simserve.py). The audit
playbook (``digicert.one.audit``: facts, the compliance checks, the four reports), limited to accounts and
certificates as in the issue, runs on implicit localhost (the whole tenant in one ``dc1_facts`` call, 16 requests
in flight) and over account hosts (the ``digicert.one.dc1`` inventory, forks x ``dc1_max_concurrency`` = 16 in
flight, the jsonfile fact cache). Each run is measured as benchmarks/modes.py measures the facts benchmark: wall
time, CPU of the process tree, peak PSS of the tree, the simulator's CPU apart, every request it was asked.

The floor is the request minimum at the server's concurrency: the search pages (``ceil(certificates / 50)``, per
account over account hosts, each account's total read from the server, an empty list one request) times the latency over the slots; the
other requests of a run (accounts, roles, profiles: a handful) are counted and listed, not in the floor. The
targets: wall <= 1.3 x floor, peak PSS < 400 MB, search pages at the minimum, no request twice; and the run's
report must count every certificate. Nothing here is a test: the numbers depend on the machine and its load.
"""

import argparse
import collections
import json
import math
import os
import platform
import shutil
import statistics
import tempfile
import urllib.parse

import simproc
from modes import ansible_env, cache_env, inventory_source
from proctree import run_measured
from run import collections_root
from simproc import BIN, NOW, Sim

SEARCH = "/mpki/api/v1/certificate-search"
PAGE = 50
TARGETS = {"ratio": 1.3, "peak_pss_mb": 400}
RESOURCES = '{"dc1_resources": ["accounts", "certificates"]}'


def register_size(certificates, accounts):
    """A simproc size for N certificates: a small identity tenant, the search capped at 50, the bulk switch."""
    name = "certificates-%d" % certificates
    simproc.SIZES[name] = dict(accounts=accounts, users=24, service_users=8, organizations=6, audit_events=300,
                               mpki_certificates=300)
    simproc.PAGE_CAPS[name] = {"certificate-search": PAGE}
    simproc.SIZE_SWITCHES[name] = ["--mpki-bulk-certificates", str(certificates)]
    return name


def totals(sim):
    """``(total, {account id: total})`` of the search, from the server (one page of 1 each; not counted later)."""
    def get(path, **params):
        answer = sim.http.get(sim.base + path, params=params, headers={"x-api-key": sim.key}, verify=sim.ca,
                              timeout=300)
        answer.raise_for_status()
        return answer.json()
    accounts = get("/account/api/v1/account")
    accounts = accounts.get("items", accounts) if isinstance(accounts, dict) else accounts
    per = dict((acc["id"], get(SEARCH, limit=1, account_id=acc["id"])["total"]) for acc in accounts)
    return get(SEARCH, limit=1)["total"], per


def audit_cmd(mode, source, forks, in_flight, workers=None):
    pb = [os.path.join(BIN, "ansible-playbook")]
    common = ["digicert.one.audit", "-e", RESOURCES, "-e", "dc1_reference_time=%s" % NOW]
    if workers is not None:
        common += ["-e", "dc1_certificate_workers=%d" % workers]
    if mode == "localhost":
        return pb + ["-i", "localhost,"] + common + ["-e", "dc1_max_concurrency=%d" % in_flight]
    return pb + ["-i", source] + common + ["-f", str(forks), "-e", "dc1_max_concurrency=%d" % (in_flight // forks)]


def measure(sim, mode, env, workdir, a, label):
    """One run from a reset of the simulator's counters."""
    reports = os.path.join(workdir, "reports-" + label)
    env = dict(env, DC1_REPORT_DIR=reports, DC1_REFERENCE_TIME=NOW)
    if mode == "account_hosts":
        env = dict(cache_env(env, os.path.join(workdir, "cache-" + label)), DC1_HOSTS="all")
    cmd = audit_cmd(mode, inventory_source(workdir), a.forks, a.in_flight, a.workers)
    sim.reset()
    load_before = os.getloadavg()
    sim_cpu = sim.cpu_s()
    result = run_measured(cmd, env=env, cwd=workdir, timeout=7200)
    sim_cpu = sim.cpu_s() - sim_cpu
    with open(os.path.join(workdir, label + ".log"), "w") as fh:
        fh.write("$ %s\nrc=%d wall=%.3f\n%s\n%s" % (" ".join(cmd), result.rc, result.wall, result.out, result.err))
    # The gate is off (no DC1_FAIL_ON): any exit code but 0 is a failed run.
    if result.rc != 0:
        raise RuntimeError("%s failed (rc %d):\n%s" % (label, result.rc, result.out[-3000:]))
    asked, stats = sim.requests()
    with open(os.path.join(reports, "compliance.json")) as fh:
        counted = json.load(fh)
    return {"wall_s": round(result.wall, 2), "cpu_s": round(result.cpu, 1), "main_cpu_s": round(result.root_cpu, 1),
            "sim_cpu_s": round(sim_cpu, 1), "peak_pss_mb": round(result.peak_pss / 2.0 ** 20, 1),
            "processes_at_peak": result.peak_pids, "max_in_flight_seen": stats.get("max_concurrency_seen"),
            "load_before": [round(x, 2) for x in load_before],
            "certificates_counted": posture_total(counted), "_asked": asked}


def posture_total(report):
    """Certificates the report counted: the posture digest's total (merged over hosts)."""
    posture = report.get("certificate_posture") or report.get("posture") or {}
    return posture.get("certificates")


def requests_summary(asked, minimum_pages, per_account=None):
    """Search pages against the minimum, requests asked twice, the other requests by path; with ``per_account``
    (``{account id: certificates}``, account hosts) the accounts whose pages are not at their own minimum."""
    pages = [q for p, q in asked if p == SEARCH]
    off = {}
    if per_account is not None:
        by_account = collections.Counter(_account_of(q) for q in pages)
        off = dict(("%s" % acc, {"pages": by_account.get(acc, 0), "minimum": max(1, math.ceil(n / PAGE)),
                                 "certificates": n})
                   for acc, n in sorted(per_account.items(), key=lambda kv: "%s" % kv[0])
                   if by_account.get(acc, 0) != max(1, math.ceil(n / PAGE)))
        if by_account.get(None, 0) != 1:
            off["(no account_id)"] = {"pages": by_account.get(None, 0), "minimum": 1}
    twice = [pq for pq, n in collections.Counter((p, json.dumps(q, sort_keys=True)) for p, q in asked).items()
             if n > 1]
    others = collections.Counter(p for p, _q in asked if p != SEARCH)
    return {"requests": len(asked), "search_pages": len(pages), "search_minimum": minimum_pages,
            "at_minimum": len(pages) == minimum_pages, "asked_twice": len(twice), "twice_examples": twice[:5],
            "other_requests": dict(sorted(others.items())), "accounts_off_minimum": off}


def _account_of(query):
    """The ``account_id`` of a logged query (a query string, or a dict of lists or values)."""
    if isinstance(query, str):
        query = urllib.parse.parse_qs(query)
    value = (query or {}).get("account_id")
    return value[0] if isinstance(value, list) and value else value


def verdict(run, floor_s, certificates):
    ratio = run["wall_s"] / floor_s
    return {"floor_s": round(floor_s, 2), "ratio": round(ratio, 2), "ratio_met": ratio <= TARGETS["ratio"],
            "pss_met": run["peak_pss_mb"] < TARGETS["peak_pss_mb"],
            "counted_all": run["certificates_counted"] == certificates,
            "client_cpu_us_per_certificate": round(run["cpu_s"] / certificates * 1e6, 1),
            "sim_cpu_us_per_certificate": round(run["sim_cpu_s"] / certificates * 1e6, 1)}


def bench(a, coll_root, workdir):
    size = register_size(a.certificates, a.accounts)
    sim = Sim(size, "documented", a.latency_ms, workdir, slots=a.server_slots)
    try:
        total, per_account = totals(sim)
        # A list of none still costs the one request that says so. Over account hosts, the play's tenant-wide read
        # asks the first page of the search once, unfiltered, to learn how the server pages it for every host
        # (docs/performance.md, issue 24): one request a run.
        minimum = {"localhost": max(1, math.ceil(total / PAGE)),
                   "account_hosts": 1 + sum(max(1, math.ceil(n / PAGE)) for n in per_account.values())}
        env = ansible_env(sim, coll_root, workdir)
        out = {"certificates": total, "accounts": len(per_account), "runs": []}
        for mode in a.modes.split(","):
            for i in range(a.runs):
                label = "%s-%d" % (mode, i)
                run = measure(sim, mode, env, workdir, a, label)
                floor_s = minimum[mode] * a.latency_ms / 1000.0 / min(a.in_flight, a.server_slots)
                run.update(requests_summary(run.pop("_asked"), minimum[mode],
                                            per_account if mode == "account_hosts" else None))
                run.update(verdict(run, floor_s, total), mode=mode, run=i)
                out["runs"].append(run)
                print(line(run), flush=True)
        return out
    finally:
        sim.stop()


def line(run):
    return ("%-13s wall %7.1f s  floor %6.1f s  ratio %5.2f  PSS %6.1f MB  tree CPU %6.1f s (%5.1f us/cert)  "
            "sim CPU %5.1f s  pages %d/%d  twice %d  counted %s" % (
                run["mode"], run["wall_s"], run["floor_s"], run["ratio"], run["peak_pss_mb"], run["cpu_s"],
                run["client_cpu_us_per_certificate"], run["sim_cpu_s"], run["search_pages"], run["search_minimum"],
                run["asked_twice"], run["certificates_counted"]))


def table(result):
    """The results as the Markdown table docs/performance.md holds (a ``benchmark-table`` block), with the median
    of the runs of each mode judged against the targets."""
    head = ("| Mode | Run | Wall | Floor | Wall / floor | Peak PSS | CPU of the run | per certificate | Simulator CPU "
            "| Search pages (minimum) | Asked twice | Certificates counted |")
    rows = [head, "|---" * 12 + "|"]
    for run in result["runs"]:
        rows.append("| %s | %d | %.1f s | %.1f s | %.2f x | %.0f MB | %.0f s | %.0f µs | %.0f s | %d (%d) | %d | %s |" % (
            run["mode"], run["run"] + 1, run["wall_s"], run["floor_s"], run["ratio"], run["peak_pss_mb"],
            run["cpu_s"], run["client_cpu_us_per_certificate"], run["sim_cpu_s"], run["search_pages"],
            run["search_minimum"], run["asked_twice"], "{:,}".format(run["certificates_counted"] or 0)))
    lines = ["### %s certificates, %d ms a request, %d server slots, page cap %d, %d in flight, %d CPUs" % (
        "{:,}".format(result["certificates"]), result["latency_ms"], result["server_slots"], result["page_cap"],
        result["in_flight"], result["cpus"]), ""] + rows + [""]
    for mode in sorted(set(r["mode"] for r in result["runs"])):
        runs = [r for r in result["runs"] if r["mode"] == mode]
        ratio = statistics.median(r["ratio"] for r in runs)
        pss = max(r["peak_pss_mb"] for r in runs)
        minimum = all(r["at_minimum"] and not r["asked_twice"] for r in runs)
        lines.append("- %s: wall / floor %.2f x (median of %d; target <= %.1f x: %s), peak PSS %.0f MB (target < %d MB: "
                     "%s), requests %s, every certificate counted: %s" % (
                         mode, ratio, len(runs), TARGETS["ratio"], "met" if ratio <= TARGETS["ratio"] else "missed",
                         pss, TARGETS["peak_pss_mb"], "met" if pss < TARGETS["peak_pss_mb"] else "missed",
                         "at the minimum, none twice" if minimum else "NOT at the minimum",
                         "yes" if all(r["counted_all"] for r in runs) else "NO"))
    return "\n".join(lines) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    p.add_argument("--certificates", type=int, default=1000000)
    p.add_argument("--accounts", type=int, default=8, help="accounts of the tenant (the bulk spreads over them)")
    p.add_argument("--modes", default="localhost,account_hosts")
    p.add_argument("--runs", type=int, default=1)
    p.add_argument("--latency-ms", type=int, default=25)
    p.add_argument("--server-slots", type=int, default=8)
    p.add_argument("--in-flight", type=int, default=16)
    p.add_argument("--forks", type=int, default=4)
    p.add_argument("--workers", type=int, help="dc1_certificate_workers (default: the role's, one per free CPU)")
    p.add_argument("--json", help="write the results here")
    p.add_argument("--workdir", help="keep every command's output here (default: a temp dir, removed)")
    p.add_argument("--table", help="run nothing: (re)write the table into this results file and print it")
    a = p.parse_args()
    if a.table:
        with open(a.table) as fh:
            result = json.load(fh)
        result["table"] = table(result)
        write(a.table, result)
        print(result["table"])
        return
    workdir = a.workdir or tempfile.mkdtemp(prefix="dc1-bench-certs-")
    os.makedirs(workdir, exist_ok=True)
    coll_root, coll_tmp = collections_root()
    try:
        result = bench(a, coll_root, workdir)
    finally:
        if coll_tmp:
            shutil.rmtree(coll_tmp, ignore_errors=True)
        if not a.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    result.update(workers=a.workers, latency_ms=a.latency_ms, server_slots=a.server_slots, in_flight=a.in_flight,
                  forks=a.forks, page_cap=PAGE, targets=TARGETS, cpus=os.cpu_count(), python=platform.python_version())
    result["table"] = table(result)
    print(result["table"])
    if a.json:
        write(a.json, result)


def write(path, result):
    with open(path, "w") as fh:
        json.dump(result, fh, indent=1, sort_keys=True)
        fh.write("\n")


if __name__ == "__main__":
    main()
