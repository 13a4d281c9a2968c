# -*- coding: utf-8 -*-
"""The clock-shifted step: unit, simulator and e2e tests again with the process clock 400 days ahead.

libfaketime is preloaded into every process (ansible-playbook runs included), so a test that only
passes near the day it was written fails CI on that day already, not a year later. Monotonic clocks
stay real (FAKETIME_DONT_FAKE_MONOTONIC=1): timeouts and backoff keep their length.

Which tests: every unit and simulator test (about 20 CPU-s: that is where an expectation is most easily
computed from a date literal), and the end-to-end test files that pin an instant by name (the simulator's
``now=``/``NOW``, ``reference_time``/``DC1_REFERENCE_TIME``): an end-to-end test can only go stale on a later
day through an instant it holds while the product reads the clock. The others read the clock on both sides
(the simulator generates its tenant around today, the product counts from today) and pass on any day.

FAKETIME_FORCE_MONOTONIC_FIX=0: with it on (the default of this build), a process forked by a threaded
parent could hang for good on a lock in libfaketime before it ran a line. ansible-playbook forks its workers
from a threaded main process, so runs over account hosts (forks 3-5) hung in CI; a fork loop next to three
threads reading the clock hung 24 of 300 children with the fix on, 0 of 300 with it off. With the monotonic
clock real, that fix (for condition waits on a faked monotonic clock) has nothing to do.
"""

import glob
import os
import re
import subprocess
import sys
import time

from runner.common import ROOT, e2e_workers
from runner.pytest_runs import pytest_dirs
from runner.report import Result

SHIFT = "+400d"
DIRS = ("tests/unit", "simulator/tests")
PINNED_DIR = "tests/e2e"
PINS_AN_INSTANT = re.compile(r"\bNOW\b|\bnow=|reference_time|REFERENCE_TIME")
# The PyPI package (tests/requirements.txt) ships an x86_64 build; Debian's faketime package is tried
# where that one cannot load (bookworm's 0.9.10 fails the probe below, a later one may pass).
_PIP_LIB = ("import libfaketime, os; print(os.path.join(os.path.dirname(libfaketime.__file__), "
            "'vendor/libfaketime/src/libfaketime.so.1'))")

_NOW = "import time; print(time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()))"


# What the suite needs of a preloaded clock, checked before it is used: the year moved, sleeps and timed waits
# of their real length (Debian's 0.9.10 fails time.sleep with EINVAL when the monotonic clock is left real),
# and a child forked next to a thread that reads the clock runs.
_PROBE = """
import os, threading, time
threading.Thread(target=lambda: [time.time() for _ in range(200000)], daemon=True).start()
started = time.monotonic()
time.sleep(0.01)
threading.Event().wait(0.05)
for _ in range(20):
    pid = os.fork()
    if pid == 0:
        time.time()
        os._exit(0)
    os.waitpid(pid, 0)
print(time.gmtime().tm_year if time.monotonic() - started < 5 else 0)
"""


def _env(lib, shift):
    return dict(os.environ, LD_PRELOAD=lib, FAKETIME=shift, FAKETIME_DONT_FAKE_MONOTONIC="1",
                FAKETIME_FORCE_MONOTONIC_FIX="0")


def _probed_year(lib, shift):
    try:
        proc = subprocess.run([sys.executable, "-c", _PROBE], env=_env(lib, shift), capture_output=True, text=True,
                              check=False, timeout=30)
    except subprocess.TimeoutExpired:
        return None
    return int(proc.stdout) if proc.returncode == 0 and proc.stdout.strip().isdigit() else None


def faketime_lib():
    """A libfaketime that loads, really moves the clock and passes the probe above, or None."""
    proc = subprocess.run([sys.executable, "-c", _PIP_LIB], capture_output=True, text=True, check=False)
    candidates = [proc.stdout.strip()] if proc.returncode == 0 else []
    candidates += sorted(glob.glob("/usr/lib/*-linux-gnu/faketime/libfaketime.so.1"))
    for lib in candidates:
        if lib and os.path.isfile(lib):
            year = _probed_year(lib, "+800d")
            if year and year > time.gmtime().tm_year:
                return lib
    return None


def clock_shift(log):
    lib = faketime_lib()
    if lib is None:
        return Result(ok=False, note="no libfaketime that passes the probe (pip package libfaketime, "
                                     "or Debian's faketime)")
    env = _env(lib, SHIFT)
    now = subprocess.run([sys.executable, "-c", _NOW], env=env, capture_output=True, text=True,
                         check=False).stdout.strip()
    with open(log, "a", encoding="utf-8") as out:
        out.write("clock shifted by %s with %s: now %s\n" % (SHIFT, lib, now))
    result = pytest_dirs(DIRS, "clock-shift", log, env=env)
    pinned = pinned_tests(PINNED_DIR)
    result.add(pytest_dirs([PINNED_DIR], "clock-shift", log, env=env, workers={PINNED_DIR: e2e_workers()},
                           paths={PINNED_DIR: pinned}))
    return result


def pinned_tests(directory):
    """The test files under ``directory`` that pin an instant by name (see the module docstring)."""
    found = []
    for path in sorted((ROOT / directory).glob("test_*.py")):
        if PINS_AN_INSTANT.search(path.read_text(encoding="utf-8")):
            found.append(str(path.relative_to(ROOT)))
    return found
