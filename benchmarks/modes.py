# -*- coding: utf-8 -*-
"""The two modes of the facts gathering as the benchmark runs them, the stub of ansible-core, the two-slice check.

* ``localhost``: ``benchmarks/playbooks/facts.yml`` on implicit localhost, the whole tenant in one
  ``dc1_facts`` call at ``max_concurrency`` = the total in flight (16).
* ``account_hosts``: the same playbook on ``hosts: all`` of a ``*.dc1.yml`` inventory source
  (``plugin: digicert.one.dc1``), ``forks`` x ``dc1_max_concurrency`` (4 x 4 = 16 in flight), with the jsonfile
  fact cache (how account hosts keep their facts, as on AWX/AAP).
* ``stub``: the account hosts again (the same hosts and host variables, dumped once from the inventory source to a
  static file), forks and play shape (a run_once task delegated to localhost, one task per host, a summary), but
  each host's task is ``dc1_bench_stub`` (benchmarks/stub_plugins/action), an action that only sleeps for its
  share of the floor's request time: what ansible-core costs by itself, with no request and no large fact.

Each run starts from a reset of the simulator's counters; its request log is the run's, and the simulator's CPU
seconds over the run are read apart from the ansible-playbook tree's.
"""

import json
import os
import re
import shutil
import statistics

from proctree import run_measured, start
from simproc import BIN, NOW

HERE = os.path.dirname(os.path.abspath(__file__))
AUDIT_WINDOW_DAYS = 100  # the simulator spreads events over the last 90 days: the whole log
LISTS = ("accounts", "users", "organizations", "roles", "api_tokens", "client_certificates", "certificates")


def playbook(name):
    return os.path.join(HERE, "playbooks", name)


def ansible_env(sim, coll_root, workdir):
    cfg = os.path.join(workdir, "ansible.cfg")
    with open(cfg, "w") as fh:
        fh.write("[defaults]\n")  # no ansible.cfg of the caller
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(("DC_", "ANSIBLE_")))
    env.update({"DC_BASE": sim.base, "DC_API_TOKEN": sim.key, "DC_CA_PATH": sim.ca,
                "ANSIBLE_COLLECTIONS_PATH": coll_root, "ANSIBLE_CONFIG": cfg, "ANSIBLE_NOCOLOR": "1",
                "ANSIBLE_LOCALHOST_WARNING": "False", "ANSIBLE_INVENTORY_UNPARSED_WARNING": "False",
                "ANSIBLE_LOCAL_TEMP": os.path.join(workdir, "ansible-tmp")})
    return env


def stub_env(env):
    return dict(env, ANSIBLE_ACTION_PLUGINS=os.path.join(HERE, "stub_plugins", "action"))


def inventory_source(workdir):
    path = os.path.join(workdir, "tenant.dc1.yml")
    with open(path, "w") as fh:
        fh.write("plugin: digicert.one.dc1\nreference_time: '%s'\n" % NOW)
    return path


def cache_env(env, cache_dir):
    if os.path.isdir(cache_dir):
        shutil.rmtree(cache_dir)
    os.makedirs(cache_dir)
    # An inventory source that fails to parse must fail the run, not leave it with no host.
    return dict(env, ANSIBLE_INVENTORY_UNPARSED_FAILED="True", ANSIBLE_CACHE_PLUGIN="ansible.builtin.jsonfile", ANSIBLE_CACHE_PLUGIN_CONNECTION=cache_dir,
                ANSIBLE_CACHE_PLUGIN_TIMEOUT="0")


class Modes:
    """Runs the commands of one simulator (one size and shape)."""

    def __init__(self, sim, env, workdir, tag, in_flight, forks):
        self.sim, self.env, self.workdir, self.tag = sim, env, workdir, tag
        self.in_flight, self.forks = in_flight, forks
        self.per_host = in_flight // forks
        self.source = inventory_source(workdir)
        self.pb = os.path.join(BIN, "ansible-playbook")

    def _log(self, label, cmd, result):
        path = os.path.join(self.workdir, "%s-%s.log" % (self.tag, label))
        with open(path, "w") as fh:
            fh.write("$ %s\nrc=%d wall=%.3f\n%s\n%s" % (" ".join(cmd), result.rc, result.wall, result.out, result.err))
        if result.rc != 0:
            raise RuntimeError("%s failed (rc %d), see %s:\n%s\n%s"
                               % (label, result.rc, path, result.out[-3000:], result.err[-2000:]))

    def measure(self, cmd, env, label):
        """One run from a reset of the counters: wall time, peak PSS/RSS and CPU of the tree, the simulator's CPU,
        the request log, the load."""
        self.sim.reset()
        load_before = os.getloadavg()
        sim_cpu = self.sim.cpu_s()
        result = run_measured(cmd, env=env, cwd=self.workdir, timeout=7200)
        sim_cpu = self.sim.cpu_s() - sim_cpu
        load_after = os.getloadavg()
        self._log(label, cmd, result)
        asked, stats = self.sim.requests()
        return {"wall_s": round(result.wall, 3), "cpu_s": round(result.cpu, 2), "main_cpu_s": round(result.root_cpu, 2),
                "sim_cpu_s": round(sim_cpu, 2),
                "peak_pss_mb": round(result.peak_pss / 2.0 ** 20, 1),
                "peak_rss_mb": round(result.peak_rss / 2.0 ** 20, 1), "processes_at_peak": result.peak_pids,
                "max_in_flight_seen": stats.get("max_concurrency_seen"),
                "load_before": [round(x, 2) for x in load_before], "load_after": [round(x, 2) for x in load_after],
                "_asked": asked}

    def start_time(self, repeat):
        """One ``ansible-playbook`` start: the median of ``repeat`` plays without a task (no inventory)."""
        runs = [self.measure([self.pb, playbook("empty.yml")], self.env, "start-%d" % i) for i in range(repeat)]
        return {"wall_s": round(statistics.median(r["wall_s"] for r in runs), 3), "walls": [r["wall_s"] for r in runs]}

    def localhost_cmd(self):
        return [self.pb, playbook("facts.yml"), "-e", "dc1_max_concurrency=%d" % self.in_flight,
                "-e", "dc1_reference_time=%s" % NOW]

    def account_hosts_cmd(self, limit=None, forks=None):
        cmd = [self.pb, "-i", self.source, playbook("facts.yml"), "-e", "dc1_bench_hosts=all",
               "-f", str(forks or self.forks), "-e", "dc1_max_concurrency=%d" % self.per_host,
               "-e", "dc1_reference_time=%s" % NOW]
        return cmd + (["--limit", limit] if limit else [])

    def static_inventory(self):
        """The account hosts and their variables as the inventory source gives them, in a YAML file (made once)."""
        path = os.path.join(self.workdir, "%s-hosts.yml" % self.tag)
        if not os.path.exists(path):
            cmd = [os.path.join(BIN, "ansible-inventory"), "-i", self.source, "--list", "--yaml", "--export",
                   "--output", path]
            self._log("static-inventory", cmd, run_measured(cmd, env=self.env, cwd=self.workdir, timeout=3600))
        return path

    def stub_cmd(self, sleep_s):
        return [self.pb, "-i", self.static_inventory(), playbook("stub.yml"), "-f", str(self.forks),
                "-e", "dc1_bench_sleep_s=%.4f" % sleep_s]

    def run(self, mode, label, sleep_s=0.0):
        """One run of ``mode``; ``sleep_s`` is the stub's sleep per host."""
        if mode == "localhost":
            return self.measure(self.localhost_cmd(), self.env, label)
        cache = os.path.join(self.workdir, "%s-%s-cache" % (self.tag, label))
        if mode == "stub":
            cmd = self.stub_cmd(sleep_s)
            return self.measure(cmd, stub_env(cache_env(self.env, cache)), label)
        out = self.measure(self.account_hosts_cmd(), cache_env(self.env, cache), label)
        out["_cache"] = cache
        return out

    def slices(self, whole_cache):
        """Two ``--limit`` halves in two concurrent processes (each forks x per-host concurrency), one fact cache;
        the per-host facts must equal the whole run's, object id for object id."""
        whole = cached_facts(whole_cache)
        hosts = sorted(whole)
        halves = [hosts[:len(hosts) // 2], hosts[len(hosts) // 2:]]
        cache = os.path.join(self.workdir, "%s-slices-cache" % self.tag)
        env = cache_env(self.env, cache)
        self.sim.reset()
        load_before = os.getloadavg()
        procs = [start(self.account_hosts_cmd(limit=",".join(half)), env, self.workdir) for half in halves]
        outs = [p.communicate(timeout=7200) for p in procs]
        for i, (proc, (out, err)) in enumerate(zip(procs, outs)):
            with open(os.path.join(self.workdir, "%s-slice-%d.log" % (self.tag, i)), "w") as fh:
                fh.write("rc=%d\n%s\n%s" % (proc.returncode, out, err))
            if proc.returncode != 0:
                raise RuntimeError("slice %d failed (rc %d):\n%s\n%s" % (i, proc.returncode, out[-3000:], err[-2000:]))
        asked, _stats = self.sim.requests()
        sliced = cached_facts(cache)
        diff = compare(whole, sliced)
        return {"hosts": [len(h) for h in halves], "hosts_cached": len(sliced), "requests": len(asked),
                "equal": not diff, "differences": diff[:10], "load_before": [round(x, 2) for x in load_before],
                "union_objects": union_counts(sliced)}


def cached_facts(cache_dir):
    """``{host: dc1_facts}`` from the jsonfile fact cache (ansible-core 2.19+: ``s<schema>_<host>`` files holding
    the facts as a JSON string under ``__payload__``)."""
    out = {}
    for name in os.listdir(cache_dir):
        with open(os.path.join(cache_dir, name)) as fh:
            facts = json.load(fh)
        if "__payload__" in facts:
            facts = json.loads(facts["__payload__"])
        if "dc1_facts" in facts:
            out[re.sub(r"^s[0-9]+_", "", name)] = facts["dc1_facts"]
    return out


def _identity(obj):
    if obj.get("id") is not None:
        return "%s" % obj["id"]
    return "%s/%s" % (obj.get("serial_number"), obj.get("thumbprint"))  # Trust Lifecycle certificates


def comparable(facts):
    """Per list resource the sorted object ids; the audit digest as it is; what could not be read."""
    out = dict((r, sorted(_identity(o) for o in facts.get(r) or [])) for r in LISTS)
    out["audit"] = facts.get("audit")
    out["unavailable"] = sorted(facts.get("unavailable") or {})
    return out


def compare(whole, sliced):
    """Differences between two ``{host: dc1_facts}``, as short strings; [] when they hold the same objects."""
    diff = ["host %s only in %s" % (h, "the whole run" if h in whole else "the slices")
            for h in sorted(set(whole) ^ set(sliced))]
    for host in sorted(set(whole) & set(sliced)):
        a, b = comparable(whole[host]), comparable(sliced[host])
        diff += ["%s: %s differs" % (host, key) for key in sorted(a) if a[key] != b[key]]
    union_a, union_b = union_counts(whole), union_counts(sliced)
    if union_a != union_b:
        diff.append("union of objects differs: %s vs %s" % (union_a, union_b))
    return diff


def union_counts(facts_by_host):
    """Distinct object ids per resource over every host (a user of several accounts counts once)."""
    return dict((r, len(set(_identity(o) for f in facts_by_host.values() for o in f.get(r) or []))) for r in LISTS)
