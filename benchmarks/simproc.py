# -*- coding: utf-8 -*-
"""The simulator for the benchmark: ``dc1-sim serve`` in its own process (its CPU is in no measured tree, and is
read from ``/proc`` per run: ``Sim.cpu_s``), launched through ``simserve.py`` for its server slots.

``SHAPES`` are the list shapes the benchmark covers (docs/simulator.md): ``envelope`` is the documented profile
with every Account Manager list in ``{total, offset, limit, items}``; ``documented`` (the default profile: bare
user, account and organization lists, ``/user`` ignoring ``limit``/``offset``) and ``seed-server`` (also bare
per-user lists that ignore paging, and no client-certificate endpoint: 404 for every user) are bare.
"""

import json
import os
import signal
import subprocess
import sys
import time

import requests

from proctree import process_cpu

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.path.dirname(sys.executable)
CAP = 100
# The reference date of the tenant, the audit window and every day count (no run depends on today).
NOW = "2026-11-20"
LISTS = ("user", "account", "organization", "audit-log", "api-access-token", "client-auth-certificate")
SHAPES = {
    "envelope": ["--profile", "documented"] + [arg for ep in LISTS for arg in ("--envelope", "%s=envelope" % ep)],
    "documented": ["--profile", "documented"],
    "seed-server": ["--profile", "seed-server"],
}
# Per list endpoint: which shapes answer the whole list whatever limit/offset say (bare lists that ignore paging),
# and which endpoints a shape does not serve at all.
IGNORES_PAGING = {"documented": ("user",), "seed-server": ("user", "api-access-token", "client-auth-certificate")}
ABSENT = {"seed-server": ("client-auth-certificate",)}
# A size is data: the tenant's counts, and (PAGE_CAPS) a path's page cap where it is not CAP. Issue 21's
# million-certificate sizes are registered by benchmarks/certificates.py (its own benchmark: the audit playbook,
# the search capped at 50 a page, the simulator's --mpki-bulk-certificates through SIZE_SWITCHES).
SIZES = {
    # accounts, standard users, service users, organizations, audit events, Trust Lifecycle certificates
    "smoke": dict(accounts=3, users=40, service_users=10, organizations=6, audit_events=400, mpki_certificates=60),
    "half": dict(accounts=25, users=4000, service_users=1000, organizations=100, audit_events=50000,
                 mpki_certificates=2500),
    "full": dict(accounts=50, users=8000, service_users=2000, organizations=200, audit_events=100000,
                 mpki_certificates=5000),
    "double": dict(accounts=100, users=16000, service_users=4000, organizations=400, audit_events=200000,
                   mpki_certificates=10000),
}

PAGE_CAPS = {}  # size -> {endpoint path name: its page cap}, e.g. {"certificates": {"certificate-search": 50}}
SIZE_SWITCHES = {}  # size -> more dc1-sim serve arguments


def page_caps(size):
    """``{path name: page cap}`` of a size, CAP for every path not named."""
    return dict(PAGE_CAPS.get(size, {}))


class Sim:
    """One simulator process per size and shape; control calls are not counted by it.

    ``latency_ms`` a request, ``slots`` requests served at once (0: any number; simserve.py).
    """

    def __init__(self, size, shape, latency_ms, workdir, slots=0, seed=1):
        tag = "%s-%s" % (size, shape)
        self.info_path = os.path.join(workdir, "sim-%s.json" % tag)
        if os.path.exists(self.info_path):
            os.remove(self.info_path)
        args = [sys.executable, os.path.join(HERE, "simserve.py"), "--server-slots", str(slots), "serve", "--seed",
                str(seed), "--now", NOW, "--info-json", self.info_path, "--latency-ms", str(latency_ms),
                "--page-cap", str(CAP)] + SHAPES[shape] + SIZE_SWITCHES.get(size, [])
        for path, cap in page_caps(size).items():
            args += ["--page-cap", "%s=%d" % (path, cap)]
        for key, value in SIZES[size].items():
            args += ["--" + key.replace("_", "-"), str(value)]
        self.log = open(os.path.join(workdir, "sim-%s.log" % tag), "w")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 300
        while not os.path.exists(self.info_path):
            if self.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("simulator did not start; see %s" % self.log.name)
            time.sleep(0.1)
        time.sleep(0.2)  # the file is written in one go, but let the writer finish
        with open(self.info_path) as fh:
            info = json.load(fh)
        self.base, self.key, self.ca = info["base_url"], info["api_key"], info["ca_path"]
        self.http = requests.Session()

    def cpu_s(self):
        """CPU seconds the simulator process (all its threads) has used so far."""
        return process_cpu(self.proc.pid)

    def call(self, method, path):
        r = self.http.request(method, self.base + path, verify=self.ca, timeout=300)
        r.raise_for_status()
        return r.json() if r.content else None

    def reset(self):
        self.call("POST", "/_sim/reset")

    def tenant(self):
        return self.call("GET", "/_sim/tenant")

    def requests(self):
        """``[(path, query)]`` of every request since the last reset (the log keeps the last 100,000)."""
        stats = self.call("GET", "/_sim/stats")
        log = self.call("GET", "/_sim/requests")
        if len(log) < stats["total"]:
            raise RuntimeError("the simulator's request log kept %d of %d requests" % (len(log), stats["total"]))
        return [(e["path"], e["query"]) for e in log], stats

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
