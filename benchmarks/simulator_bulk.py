# -*- coding: utf-8 -*-
"""How fast the simulator serves a bulk Trust Lifecycle population (``mpki_bulk_certificates``).

Starts ``dc1-sim serve`` in its own process with N certificates in all and a page cap of 50 on the search, then
asks for 50-item pages at offsets spread over the whole population (deterministic, each page once) with 1 and
with several concurrent keep-alive clients. Reported: requests per second, and the server's CPU time (user +
system, from /proc) per request and per certificate served: TLS, HTTP, building the certificates, JSON. Also, in
this process and without HTTP, the CPU time to build and render one generated certificate.

    .venv/bin/python benchmarks/simulator_bulk.py --size 1000000 --requests 400 --clients 1 4

Linux only (/proc). Nothing here is a test: the numbers depend on the machine and its load.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

import requests

BIN = os.path.dirname(sys.executable)
SEARCH = "/mpki/api/v1/certificate-search"
NOW = "2026-06-15"
PAGE = 50


def cpu_seconds(pid):
    """User + system CPU seconds of a process so far."""
    with open("/proc/%d/stat" % pid) as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / float(os.sysconf("SC_CLK_TCK"))


def start(size, workdir):
    info = os.path.join(workdir, "info.json")
    args = [os.path.join(BIN, "dc1-sim"), "serve", "--now", NOW, "--info-json", info, "--state-dir", workdir,
            "--mpki-bulk-certificates", str(size), "--page-cap", "certificate-search=%d" % PAGE]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while not os.path.exists(info):
        if time.time() > deadline or proc.poll() is not None:
            raise RuntimeError("the simulator did not start")
        time.sleep(0.05)
    with open(info) as handle:
        return proc, json.load(handle)


def offsets(size, count):
    """``count`` page offsets spread evenly over the population (a stride that is not a multiple of a page)."""
    stride = max(PAGE, (size - PAGE) // max(1, count))
    return [(i * stride) % max(1, size - PAGE) for i in range(count)]


def run(info, pid, size, count, clients):
    """Fetch ``count`` pages with ``clients`` threads; -> (requests/s, server CPU-s, certificates served)."""
    todo = offsets(size, count)
    served, lock = [0], threading.Lock()

    def worker(mine):
        session = requests.Session()
        session.headers["x-api-key"] = info["api_key"]
        for offset in mine:
            response = session.get(info["base_url"] + SEARCH, params={"offset": offset, "limit": PAGE},
                                   verify=info["ca_path"], timeout=60)
            response.raise_for_status()
            with lock:
                served[0] += len(response.json()["items"])

    worker(todo[:2])  # warm up: TLS, the first page, the population's residues
    served[0] = 0
    threads = [threading.Thread(target=worker, args=(todo[i::clients],)) for i in range(clients)]
    cpu, wall = cpu_seconds(pid), time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall, cpu = time.perf_counter() - wall, cpu_seconds(pid) - cpu
    return count / wall, cpu, served[0]


def in_process(size, count=20000):
    """CPU-µs to build and render one generated certificate, without HTTP."""
    from dc1sim import config, mpki, mpki_bulk
    from dc1sim import tenant as tenants
    population = mpki_bulk.Population(tenants.generate(seed=1, now=NOW), size)
    cfg = config.defaults()
    begin = time.process_time()
    for j in range(count):
        mpki.render(population.certificate(j * 37 % population.count), cfg)
    return (time.process_time() - begin) / count * 1e6


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--size", type=int, default=1000000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4])
    args = parser.parse_args(argv)
    print("build + render one certificate, in process: %.1f CPU-us" % in_process(args.size))
    with tempfile.TemporaryDirectory(prefix="dc1sim-bulk-") as workdir:
        proc, info = start(args.size, workdir)
        try:
            for clients in args.clients:
                rate, cpu, served = run(info, proc.pid, args.size, args.requests, clients)
                print("%d client(s): %.0f requests/s of %d items; server %.2f CPU-ms a request, %.1f CPU-us a "
                      "certificate served" % (clients, rate, PAGE, cpu / args.requests * 1e3, cpu / served * 1e6))
        finally:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
