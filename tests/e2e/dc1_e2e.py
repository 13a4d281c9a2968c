# -*- coding: utf-8 -*-
"""Shared helpers of the end-to-end tests: real ansible binaries against an in-process simulator."""

import json
import os
import subprocess
import sys

import conftest
import pytest

BIN = os.path.dirname(sys.executable)
# The one instant e2e tests pin: the simulator's tenant is generated around it (now=NOW) and the product
# counts days from it (reference_time, DC1_REFERENCE_TIME), so results are the same on any day.
NOW = "2026-06-15"
HERE = os.path.dirname(os.path.abspath(__file__))
PLAYBOOKS = os.path.join(HERE, "playbooks")


def ansible_env(sim, tmp_path, ca=True, **extra):
    """A clean environment: no DC_*/ANSIBLE_* of the caller, this checkout as the collection, the simulator's
    connection in DC_* (DC_CA_PATH only with ``ca``)."""
    cfg = tmp_path / "ansible.cfg"
    cfg.write_text("[defaults]\n")  # ignore any ansible.cfg of the caller
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(("DC_", "ANSIBLE_")))
    env.update({
        "DC_BASE": sim.base_url, "DC_API_TOKEN": sim.api_key,
        "ANSIBLE_COLLECTIONS_PATH": conftest.COLLECTIONS_ROOT, "ANSIBLE_CONFIG": str(cfg),
        "ANSIBLE_LOCAL_TEMP": str(tmp_path / "ansible-tmp"), "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_INVENTORY_UNPARSED_WARNING": "False", "ANSIBLE_LOCALHOST_WARNING": "False",
        # An absolute async dir: ansible-core's async_wrapper expands "~" with $HOME while async_status asks the
        # shell for ~user, so an async task fails with "could not find job" when HOME is not the user's home
        # (CI's empty HOME).
        "ANSIBLE_ASYNC_DIR": str(tmp_path / "ansible-async"),
    })
    if ca:
        env["DC_CA_PATH"] = sim.ca_path
    env.update(extra)
    return env


def run(tool, args, env, cwd, check=True, timeout=180):
    """Run ``tool`` (ansible, ansible-playbook, ...) from this Python's bin dir; returns the process."""
    proc = subprocess.run([os.path.join(BIN, tool)] + list(args), env=env, cwd=str(cwd), capture_output=True,
                          text=True, timeout=timeout, check=False)
    if check:
        assert proc.returncode == 0, "%s failed (%d):\n%s\n%s" % (tool, proc.returncode, proc.stdout, proc.stderr)
    return proc


def adhoc(module, args, env, cwd, check=True, verbosity=None):
    """``ansible localhost -m MODULE -a ARGS``; returns (status word: SUCCESS, FAILED or UNREACHABLE, result dict,
    process)."""
    cmd = ["localhost", "-m", "digicert.one." + module, "-a", args]
    if verbosity:
        cmd.append("-" + "v" * verbosity)
    proc = run("ansible", cmd, env, cwd, check=False)
    out = proc.stdout
    marker = next((m for m in (" | SUCCESS => ", " | FAILED! => ", " | UNREACHABLE! => ") if m in out), None)
    assert marker, "no result in output:\n%s\n%s" % (out, proc.stderr)
    head, body = out.split(marker, 1)
    result = json.JSONDecoder().raw_decode(body)[0]
    status = marker.strip(" |=>!")
    if check:
        assert status == "SUCCESS", "%s failed:\n%s" % (module, out)
    return status, result, proc


def playbook(name, env, cwd, extra_vars=None, args=(), check=True):
    """``ansible-playbook tests/e2e/playbooks/NAME`` with ``-e`` JSON extra vars."""
    cmd = [os.path.join(PLAYBOOKS, name)]
    if extra_vars:
        cmd += ["-e", json.dumps(extra_vars)]
    return run("ansible-playbook", cmd + list(args), env, cwd, check=check)


def unwrap(value):
    """``ansible-inventory --list`` marks untrusted strings as ``{"__ansible_unsafe": x}``: the plain values."""
    if isinstance(value, dict):
        if list(value) == ["__ansible_unsafe"]:
            return unwrap(value["__ansible_unsafe"])
        return dict((k, unwrap(v)) for k, v in value.items())
    if isinstance(value, list):
        return [unwrap(v) for v in value]
    return value


def require_tool(tool, found, reason):
    """Skip the calling test with ``reason`` when an optional tool (``chromium``, ``java``) is not ``found``; fail
    instead when DC1_REQUIRE names it (the CI workflow installs both, so there a skip would hide a lost test)."""
    if found:
        return
    if tool in os.environ.get("DC1_REQUIRE", "").replace(" ", "").split(","):
        pytest.fail("%s (DC1_REQUIRE=%s)" % (reason, os.environ["DC1_REQUIRE"]))
    pytest.skip(reason)
