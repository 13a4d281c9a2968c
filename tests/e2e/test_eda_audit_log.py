# -*- coding: utf-8 -*-
"""digicert.one.audit_log end to end: a real ``ansible-rulebook`` against the simulator, restarted mid-way.

The collection is found as a user's would be: on ANSIBLE_COLLECTIONS_PATH, the source named by its FQCN
(no ``-S``). Entries are appended to the running simulator before, during and after a restart; each must
fire its rule exactly once. Every time is pinned (the tenant's ``now``, ``start_at`` and the entries'
timestamps), so the test passes on any day.

Under ./run test's clock-shifted step, ansible-rulebook itself runs on the real clock: its in-process JVM is
about ten times slower under libfaketime (a one-event rulebook: 87 s instead of 9 s on the 2-core machine).
The source's own code still runs shifted in the unit tests, and nothing here reads the clock.
"""

import os
import re
import shutil
import signal
import stat
import subprocess
import time

import dc1_e2e
import dc1sim
import pytest

START_AT = dc1_e2e.NOW + "T09:00:00Z"  # after every generated entry (they are all before NOW)
WAIT = 180  # seconds; generous for a loaded 2-core machine, only spent when something is wrong
RULEBOOK = """\
- name: digicert.one.audit_log end to end
  hosts: all
  sources:
    - digicert.one.audit_log:
        start_at: "%s"
        interval: 0.5
        state_file: "{{ dc1_state_file }}"
  rules:
    - name: Every new audit entry
      condition: event.dc1_audit.id is defined
      action:
        debug:
          msg: "DC1-EVENT {{ event.dc1_audit.id }} late={{ event.meta.dc1.late }}"
""" % START_AT
INVENTORY = """\
all:
  hosts:
    localhost:
      ansible_connection: local
"""
EVENT = re.compile(r"DC1-EVENT (\S+) late=(\w+)")


def rulebook_env(env):
    """``env`` without libfaketime (see the module docstring)."""
    env = dict(env)
    if "faketime" in env.get("LD_PRELOAD", ""):
        for name in [n for n in env if n == "LD_PRELOAD" or n.startswith("FAKETIME")]:
            del env[name]
    return env


def rulebook_binary(env):
    """ansible-rulebook beside this Python, else on PATH. Missing, it fails (tests/requirements.txt installs it);
    without Java 17 it cannot start, and the test is skipped with that reason (dc1_e2e.require_tool)."""
    path = os.path.join(dc1_e2e.BIN, "ansible-rulebook")
    if not os.path.exists(path):
        path = shutil.which("ansible-rulebook", path=env.get("PATH"))
    if not path:
        pytest.fail("ansible-rulebook is not installed: pip install 'ansible-rulebook>=1.3' "
                    "(it is in the test requirements; CI has it). It also needs Java 17 or later.")
    proc = subprocess.run([path, "--version"], env=env, capture_output=True, text=True, timeout=120, check=False)
    dc1_e2e.require_tool("java", proc.returncode == 0 and "Java version" in proc.stdout,
                         "ansible-rulebook cannot start: it needs Java 17 or later (java on PATH or JAVA_HOME): %s"
                         % (proc.stdout + proc.stderr).strip()[-300:])
    return path


class Rulebook:
    """One ``ansible-rulebook`` process; its output goes to a file that the test reads while it runs."""

    def __init__(self, binary, workdir, env, name, rulebook="rulebook.yml"):
        self.output = workdir / ("%s.log" % name)
        with open(str(self.output), "w") as out:
            self.proc = subprocess.Popen(
                [binary, "-r", rulebook, "-i", "inventory.yml", "--vars", "vars.yml", "-v"],
                cwd=str(workdir), env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

    def text(self):
        return self.output.read_text(errors="replace")

    def events(self):
        return EVENT.findall(self.text())

    def wait_for(self, what, predicate):
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if predicate(self):
                return
            if self.proc.poll() is not None:
                pytest.fail("ansible-rulebook exited (%s) while waiting for %s:\n%s" % (
                    self.proc.returncode, what, self.text()[-6000:]))
            time.sleep(0.2)
        pytest.fail("no %s within %d s:\n%s" % (what, WAIT, self.text()[-6000:]))

    def stop(self):
        """SIGTERM, as podman stop or Kubernetes sends it."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                pytest.fail("ansible-rulebook did not stop within 60 s of SIGTERM:\n%s" % self.text()[-6000:])


def stamped(minute, second, **fields):
    entry = {"timestamp": "%sT10:%02d:%02dZ" % (dc1_e2e.NOW, minute, second)}
    entry.update(fields)
    return entry


def test_each_appended_entry_fires_exactly_once_across_a_restart(tmp_path):
    (tmp_path / "rulebook.yml").write_text(RULEBOOK)
    (tmp_path / "inventory.yml").write_text(INVENTORY)
    state = tmp_path / "dc1-audit-state.json"
    (tmp_path / "vars.yml").write_text("dc1_state_file: %s\n" % state)
    with dc1sim.Simulator(seed=5, now=dc1_e2e.NOW) as sim:
        env = rulebook_env(dc1_e2e.ansible_env(sim, tmp_path))
        binary = rulebook_binary(env)
        runs = [Rulebook(binary, tmp_path, env, "run1")]
        try:
            runs[0].wait_for("start of the source", lambda rb: state.exists())
            first = sim.append_audit([
                stamped(0, 0, action="create", resource_type="api_access_token", status="success"),
                stamped(0, 0, action="login", status="failure"),  # the same second as the one above
                stamped(0, 5, action="login", status="success"),
            ])
            runs[0].wait_for("the first entries", lambda rb: len(rb.events()) >= 3)
            runs[0].stop()

            # While the source is down: one entry newer than all seen, one stamped before the newest seen.
            while_down = sim.append_audit([stamped(1, 0), stamped(0, 2, action="logout")])
            runs.append(Rulebook(binary, tmp_path, env, "run2"))
            runs[1].wait_for("the entries appended while down", lambda rb: len(rb.events()) >= 2)
            after = sim.append_audit([stamped(2, 0), stamped(2, 0, status="failure")])
            runs[1].wait_for("the entries appended after the restart", lambda rb: len(rb.events()) >= 4)
            time.sleep(2)  # a few more polls: anything emitted twice would show now
        finally:
            for run in runs:
                run.stop()
        requests = sim.requests()
        token = sim.api_key

    fired = [event for run in runs for event in run.events()]
    ids = [ident for ident, _late in fired]
    assert sorted(ids) == sorted(first + while_down + after), "\n".join(run.text()[-4000:] for run in runs)
    assert len(set(ids)) == len(ids)
    assert dict(fired)[while_down[1]] == "True"  # listed after newer entries had been emitted
    assert {late for ident, late in fired if ident != while_down[1]} == {"False"}
    assert stat.S_IMODE(os.stat(str(state)).st_mode) == 0o600
    for text in [run.text() for run in runs] + [state.read_text()]:
        assert token not in text
    polls = [r for r in requests if r["path"] == "/account/api/v1/audit-log"]
    assert polls and all("from=%s" % dc1_e2e.NOW in r["query"] for r in polls)
