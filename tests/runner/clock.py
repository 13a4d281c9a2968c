# -*- coding: utf-8 -*-
"""The clock-shifted step: unit, simulator and e2e tests again with the process clock 400 days ahead.

libfaketime is preloaded into every process (ansible-playbook runs included), so a test that only
passes near the day it was written fails CI on that day already, not a year later. Monotonic clocks
stay real (FAKETIME_DONT_FAKE_MONOTONIC=1): timeouts and backoff keep their length.
"""

import glob
import os
import subprocess
import sys
import time

from runner.common import e2e_workers
from runner.pytest_runs import pytest_dirs
from runner.report import Result

SHIFT = "+400d"
DIRS = ("tests/unit", "simulator/tests", "tests/e2e")
# The PyPI package (tests/requirements.txt) ships an x86_64 build; Debian's faketime package is
# the fallback where that one cannot load.
_PIP_LIB = ("import libfaketime, os; print(os.path.join(os.path.dirname(libfaketime.__file__), "
            "'vendor/libfaketime/src/libfaketime.so.1'))")

_NOW = "import time; print(time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()))"


def _fake_year(lib, shift):
    env = dict(os.environ, LD_PRELOAD=lib, FAKETIME=shift)
    proc = subprocess.run([sys.executable, "-c", "import time; print(time.gmtime().tm_year)"], env=env,
                          capture_output=True, text=True, check=False)
    return int(proc.stdout) if proc.returncode == 0 and proc.stdout.strip().isdigit() else None


def faketime_lib():
    """A libfaketime that loads and really moves the clock, or None."""
    proc = subprocess.run([sys.executable, "-c", _PIP_LIB], capture_output=True, text=True, check=False)
    candidates = [proc.stdout.strip()] if proc.returncode == 0 else []
    candidates += sorted(glob.glob("/usr/lib/*-linux-gnu/faketime/libfaketime.so.1"))
    for lib in candidates:
        if lib and os.path.isfile(lib):
            year = _fake_year(lib, "+800d")
            if year and year > time.gmtime().tm_year:
                return lib
    return None


def clock_shift(log):
    lib = faketime_lib()
    if lib is None:
        return Result(ok=False, note="no working libfaketime (pip package libfaketime, or: apt-get install faketime)")
    env = dict(os.environ, LD_PRELOAD=lib, FAKETIME=SHIFT, FAKETIME_DONT_FAKE_MONOTONIC="1")
    now = subprocess.run([sys.executable, "-c", _NOW], env=env, capture_output=True, text=True,
                         check=False).stdout.strip()
    with open(log, "a", encoding="utf-8") as out:
        out.write("clock shifted by %s with %s: now %s\n" % (SHIFT, lib, now))
    return pytest_dirs(DIRS, "clock-shift", log, env=env, workers={"tests/e2e": e2e_workers()})
