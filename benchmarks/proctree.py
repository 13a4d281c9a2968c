# -*- coding: utf-8 -*-
"""Peak memory of a whole process tree, sampled from /proc (Linux; no dependency).

``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` is the largest *single* descendant, not the tree:
ansible-playbook runs a main process, a forked worker per host (up to ``forks``) and, for modules, their
own interpreters at the same time. The workers are forked from the main process, so their RSS counts the
pages they still share with it (copy-on-write) once per process: the sum of RSS over the tree double-counts.
The *proportional* set size (PSS, ``/proc/<pid>/smaps_rollup``) charges each shared page to its sharers in
equal parts, so the sum of PSS over the tree is what the tree really holds. Both are sampled; PSS is the
measure, RSS is kept (labelled) for comparison with older results.
"""

import os
import resource
import subprocess
import threading
import time

PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")


def _children():
    """{ppid: [pid, ...]} for every process on the machine."""
    tree = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name, "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # the command name is in parentheses and may hold spaces: split after the last ')'
        fields = stat[stat.rindex(b")") + 2:].split()
        tree.setdefault(int(fields[1]), []).append(int(name))
    return tree


def _rss(pid):
    try:
        with open("/proc/%d/statm" % pid, "rb") as fh:
            return int(fh.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _pss(pid):
    """PSS in bytes from smaps_rollup (the kernel sums it over the mappings), 0 if the process is gone."""
    try:
        with open("/proc/%d/smaps_rollup" % pid, "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def process_cpu(pid):
    """User + system CPU seconds of one process (not its children), 0 if it is gone."""
    try:
        with open("/proc/%d/stat" % pid, "rb") as fh:
            stat = fh.read()
        fields = stat[stat.rindex(b")") + 2:].split()
        return (int(fields[11]) + int(fields[12])) / float(TICK)
    except (OSError, IndexError, ValueError):
        return 0.0


def tree_pids(root):
    tree = _children()
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(tree.get(pid, ()))
    return out


class TreeSampler:
    """Samples the summed PSS and RSS of ``pid`` and all its descendants in a thread; keeps each peak, and the CPU
    time of ``pid`` itself (ansible-playbook's main process, which queues every host's task and takes every result
    in turn) as last seen."""

    def __init__(self, pid, interval=0.1):
        self.pid = pid
        self.interval = interval
        self.peak_pss = self.peak_rss = 0
        self.peak_pids = 0
        self.samples = 0
        self.root_cpu = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self):
        while not self._stop.is_set():
            pids = tree_pids(self.pid)
            pss = sum(_pss(p) for p in pids)
            rss = sum(_rss(p) for p in pids)
            self.samples += 1
            if pss > self.peak_pss:
                self.peak_pss, self.peak_pids = pss, len(pids)
            self.peak_rss = max(self.peak_rss, rss)
            self.root_cpu = max(self.root_cpu, process_cpu(self.pid))
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


class Measured:
    """What ``run_measured`` saw: exit code, wall and CPU seconds, peaks (bytes), the processes at the PSS peak,
    output. CPU is user + system time of the tree (its processes are reaped by their parents): on a shared
    machine it moves far less with the load than wall time does."""

    def __init__(self, rc, wall, cpu, sampler, out, err):
        self.rc, self.wall, self.cpu, self.out, self.err = rc, wall, cpu, out, err
        self.peak_pss, self.peak_rss = sampler.peak_pss, sampler.peak_rss
        self.peak_pids, self.samples, self.root_cpu = sampler.peak_pids, sampler.samples, sampler.root_cpu


def start(cmd, env=None, cwd=None):
    return subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def children_cpu():
    """CPU seconds of every reaped child of this process so far (and of their reaped descendants)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(cmd, env=None, cwd=None, interval=0.1, timeout=None):
    """Run ``cmd`` to its end while sampling its process tree; returns a ``Measured``."""
    cpu = children_cpu()
    begin = time.perf_counter()
    proc = start(cmd, env, cwd)
    with TreeSampler(proc.pid, interval) as sampler:
        out, err = proc.communicate(timeout=timeout)
    wall = time.perf_counter() - begin
    return Measured(proc.returncode, wall, children_cpu() - cpu, sampler, out, err)
