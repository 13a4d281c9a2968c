# -*- coding: utf-8 -*-
"""``./run demo``: the playbooks against the bundled simulator, or against DC_BASE when DC_API_TOKEN is set."""

import os
import shlex
import shutil
import signal
import subprocess
import time

from runner.common import CACHE, ROOT, rel, say

PLAYBOOK = "playbooks/users_by_account.yml"
AUDIT = "playbooks/audit.yml"
START_TIMEOUT = 30


class DemoError(Exception):
    pass


def _read_env_file(path):
    """The ``export K=V ...`` lines the simulator writes, as a dict."""
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        for word in shlex.split(line):
            if "=" in word and word != "export":
                key, value = word.split("=", 1)
                values[key] = value
    return values


def start_simulator():
    """Start ``dc1-sim serve`` and wait for its env file (written once it listens); returns the process."""
    if not shutil.which("dc1-sim"):
        raise DemoError("dc1-sim is not installed (simulator/pyproject.toml missing?); or set DC_BASE and DC_API_TOKEN")
    env_file, info, sim_log = CACHE / "sim.env", CACHE / "sim.json", CACHE / "sim.log"
    for path in (env_file, info):
        if path.exists():
            path.unlink()
    with open(sim_log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(["dc1-sim", "serve", "--info-json", str(info), "--env-file", str(env_file)],
                                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + START_TIMEOUT
    while not (env_file.exists() and env_file.stat().st_size):
        if proc.poll() is not None:
            say(sim_log.read_text(encoding="utf-8", errors="replace"))
            raise DemoError("the simulator exited before it listened (log: %s)" % rel(sim_log))
        if time.monotonic() > deadline:
            stop(proc)
            raise DemoError("the simulator did not start within %d s (log: %s)" % (START_TIMEOUT, rel(sim_log)))
        time.sleep(0.1)
    os.environ.update(_read_env_file(env_file))
    say("demo: simulator at %s (pid %d, log %s)" % (os.environ.get("DC_BASE", "?"), proc.pid, rel(sim_log)))
    return proc


def stop(proc):
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _terminate(signum, frame):
    raise KeyboardInterrupt


def demo(args):
    """Run both playbooks; the simulator is stopped on exit, Ctrl-C and SIGTERM. Returns the exit code."""
    if not (ROOT / PLAYBOOK).is_file():
        raise DemoError("%s is not there yet: nothing to demo" % PLAYBOOK)
    # Implicit localhost, no inventory: do not warn about it; readable task output unless chosen otherwise.
    os.environ.update(ANSIBLE_LOCALHOST_WARNING="False", ANSIBLE_INVENTORY_UNPARSED_WARNING="False")
    os.environ.setdefault("ANSIBLE_CALLBACK_RESULT_FORMAT", "yaml")
    signal.signal(signal.SIGTERM, _terminate)
    proc = None
    try:
        if not os.environ.get("DC_API_TOKEN"):
            proc = start_simulator()
        elif not os.environ.get("DC_BASE"):
            raise DemoError("DC_API_TOKEN is set but DC_BASE is not (for example https://demo.one.digicert.com)")
        else:
            say("demo: using DC_BASE=%s (no simulator)" % os.environ["DC_BASE"])
        rc = subprocess.run(["ansible-playbook", PLAYBOOK] + args, cwd=ROOT, check=False).returncode
        if rc != 0:
            return rc
        # Then the audit: facts across every account, compliance checks, four reports.
        reports = os.environ.get("DC1_REPORT_DIR") or str(ROOT / "dc1-reports")
        env = dict(os.environ, DC1_REPORT_DIR=reports)
        rc = subprocess.run(["ansible-playbook", AUDIT] + args, cwd=ROOT, env=env, check=False).returncode
        if rc == 0:
            say("demo: reports in %s/ (compliance.html, .md, .junit.xml, .json)" % reports)
        return rc
    except KeyboardInterrupt:
        return 130
    finally:
        stop(proc)
