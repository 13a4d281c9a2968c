# -*- coding: utf-8 -*-
"""Paths, output and subprocess helpers shared by the runner's modules."""

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv"
CACHE = ROOT / ".cache"
SETUP_LOG = CACHE / "setup.log"
LOG_DIR = CACHE / "test-logs"
# ./run test keeps what the tests leave in temporary directories in the checkout (pytest's tmp_path trees,
# ansible-rulebook's runner directories) and gives the lint tools a HOME there (antsibull-docs writes its log to
# ~/antsibull.log, ansible-lint its cache under ~/.cache): TMP and TOOL_HOME. SYSTEM_TMP is the temporary
# directory as it was, for what must live outside the git work tree (ansible-test's copies of the tree).
TMP = CACHE / "tmp"
TOOL_HOME = CACHE / "tool-home"
SYSTEM_TMP = tempfile.gettempdir()

VERSIONS_CODE = ("import sys\nfrom ansible.release import __version__ as v\n"
                 "print(sys.version.split()[0], v)")


def say(text):
    print(text, flush=True)


def in_ci():
    return os.environ.get("CI") == "true"


def rel(path):
    """``path`` relative to the repository root, for messages."""
    try:
        return str(Path(path).relative_to(ROOT))
    except ValueError:
        return str(path)


def contain_temporary_files():
    """Point TMPDIR of every process ./run test starts into .cache/tmp, emptied first (see TMP above)."""
    shutil.rmtree(TMP, ignore_errors=True)
    TMP.mkdir(parents=True)
    TOOL_HOME.mkdir(parents=True, exist_ok=True)
    os.environ["TMPDIR"] = str(TMP)


def cores():
    return os.cpu_count() or 1


def e2e_workers():
    """xdist workers for tests/e2e: its ansible-playbook runs overlap well; unit and simulator tests
    do not gain from workers (measured: docs/development.md, "Tests")."""
    return min(cores(), 4)


# CPU seconds of the commands a step ran, per thread: the two lanes of ./run test run steps at the same time, and
# wall time on a shared machine says little, so each step also reports what its processes used.
_CPU = threading.local()


def cpu_reset():
    _CPU.seconds = 0.0


def cpu_seconds():
    return getattr(_CPU, "seconds", 0.0)


def _wait(proc):
    """Wait for ``proc`` with wait4: its exit code, and its CPU time (with every child it waited for) counted."""
    try:
        _pid, status, usage = os.wait4(proc.pid, 0)
    except ChildProcessError:  # already reaped
        return proc.wait()
    _CPU.seconds = cpu_seconds() + usage.ru_utime + usage.ru_stime
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode


def run_logged(cmd, log, env=None, cwd=None):
    """Run ``cmd`` with stdout and stderr appended to ``log``; returns the exit code."""
    with open(log, "a", encoding="utf-8") as out:
        out.flush()
        try:
            proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                                    cwd=cwd)
        except OSError as exc:  # the tool is not installed
            out.write("run: cannot start %s: %s\n" % (cmd[0], exc))
            return 127
        return _wait(proc)


def python_versions(python=None, env=None):
    """``(python version, ansible-core version)`` of an interpreter, or None if ansible is missing."""
    proc = subprocess.run([python or sys.executable, "-c", VERSIONS_CODE], capture_output=True, text=True,
                          env=env, check=False)
    if proc.returncode != 0:
        return None
    py, core = proc.stdout.split()
    return py, core


def describe(versions):
    return "Python %s, ansible-core %s" % versions if versions else "no ansible-core"


def env_with_venv(venv, base=None):
    """A copy of the environment with ``venv``'s bin first on PATH, as if it were activated."""
    env = dict(os.environ if base is None else base)
    env["PATH"] = os.pathsep.join([str(Path(venv) / "bin"), env.get("PATH", "")])
    env["VIRTUAL_ENV"] = str(venv)
    return env
