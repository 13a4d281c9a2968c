# -*- coding: utf-8 -*-
"""The README's playbook commands, run as written against the simulator: no warning on the happy path.

Every ``ansible-playbook`` line of the README's "Use" block runs with its own environment assignments, in a fresh
directory, without the e2e environment's switches that silence ansible-core's inventory warnings ("No inventory was
parsed", "provided hosts list is empty"). Only the clock is pinned (DC1_REFERENCE_TIME).
"""

import os
import re
import shlex

import pytest

import conftest
import dc1_e2e

dc1sim = pytest.importorskip("dc1sim")


def readme_playbook_commands():
    with open(os.path.join(conftest.ROOT, "README.md")) as handle:
        text = handle.read()
    block = text.split("## Use", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    return [line.split("  #", 1)[0].strip() for line in block.splitlines() if "ansible-playbook " in line]


COMMANDS = readme_playbook_commands()


def test_the_readme_shows_every_playbook_on_localhost_and_over_account_hosts():
    assert len(COMMANDS) >= 4 and any("-i tenant.dc1.yml" in c for c in COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_readme_playbook_command_runs_without_warnings(command, tmp_path):
    words = shlex.split(command)
    assignments = dict(w.split("=", 1) for w in words[:words.index("ansible-playbook")])
    args = words[words.index("ansible-playbook") + 1:]
    (tmp_path / "tenant.dc1.yml").write_text("plugin: digicert.one.dc1\nreference_time: '%s'\n" % dc1_e2e.NOW)
    with dc1sim.Simulator(seed=7, now=dc1_e2e.NOW) as sim:
        env = dc1_e2e.ansible_env(sim, tmp_path, DC1_REFERENCE_TIME=dc1_e2e.NOW, **assignments)
        for switch in ("ANSIBLE_INVENTORY_UNPARSED_WARNING", "ANSIBLE_LOCALHOST_WARNING"):
            env.pop(switch)  # as a user runs it
        proc = dc1_e2e.run("ansible-playbook", args, env, tmp_path, check=False)
    gated = assignments.get("DC1_FAIL_ON") not in (None, "none")
    assert proc.returncode == (2 if gated else 0), proc.stdout[-3000:]  # the tenant holds high findings
    warnings = [line for line in (proc.stdout + proc.stderr).splitlines() if re.match(r"\[WARNING\]", line)]
    assert not warnings, warnings
