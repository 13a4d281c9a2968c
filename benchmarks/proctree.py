# -*- coding: utf-8 -*-
"""Peak RSS of a whole process tree, sampled from /proc (Linux; no dependency).

``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` is the largest *single* descendant,
not the tree: ansible-playbook runs a main process, a forked worker per host and the
module's own interpreter at the same time, so the sum of their RSS at one instant is
what a machine has to hold. This samples that sum every ``interval`` seconds.
"""

import os
import subprocess
import threading
import time

PAGE = os.sysconf("SC_PAGE_SIZE")


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


def tree_pids(root):
    tree = _children()
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(tree.get(pid, ()))
    return out


class TreeSampler:
    """Samples the summed RSS of ``pid`` and all its descendants in a thread."""

    def __init__(self, pid, interval=0.05):
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self.peak_pids = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self):
        while not self._stop.is_set():
            pids = tree_pids(self.pid)
            total = sum(_rss(p) for p in pids)
            self.samples += 1
            if total > self.peak:
                self.peak, self.peak_pids = total, len(pids)
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def run_measured(cmd, env=None, cwd=None, interval=0.05, timeout=None):
    """Run ``cmd``; return (returncode, wall seconds, peak tree RSS in bytes, stdout, stderr)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with TreeSampler(proc.pid, interval) as sampler:
        out, err = proc.communicate(timeout=timeout)
    wall = time.perf_counter() - start
    return proc.returncode, wall, sampler.peak, out, err
