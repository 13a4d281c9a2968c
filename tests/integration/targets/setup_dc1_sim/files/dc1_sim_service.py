# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Start and stop the DigiCert ONE simulator (``dc1sim``) for an integration target.

``start`` launches ``serve`` as a detached process, waits until it listens and prints its connection and the
path of its tenant file as JSON (the target's setup task registers it; ``<dir>/env`` has the same as ``DC_*``
variables for runme.sh targets). ``serve`` runs the simulator until
SIGTERM (the setup role's handler, ``stop``), or until no API request has come for ``--idle`` seconds: a target
that dies before its handlers run leaves no server behind for longer than that.

The simulator is the one of this checkout: ansible-test runs a target from a copy of tests/integration only, so
it is found through ANSIBLE_COLLECTIONS_PATH (ansible-test sets it to the collection under test, whose
``simulator/`` holds it), else as an installed ``dc1sim`` (``pip install ./simulator``).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time


def simulator_path():
    """The checkout's ``simulator/`` directory, or None when only an installed dc1sim can serve."""
    for root in os.environ.get("ANSIBLE_COLLECTIONS_PATH", "").split(os.pathsep):
        candidate = os.path.join(root, "ansible_collections", "digicert", "one", "simulator")
        if os.path.isfile(os.path.join(candidate, "dc1sim", "__init__.py")):
            return candidate
    return None


def start(args):
    """Launch ``serve`` detached; print its info once it listens, or fail with its log."""
    os.makedirs(args.dir, exist_ok=True)
    info_path, log_path = os.path.join(args.dir, "info.json"), os.path.join(args.dir, "sim.log")
    if os.path.exists(info_path):
        os.unlink(info_path)
    env = dict(os.environ)
    path = simulator_path()
    if path:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (path, env.get("PYTHONPATH")) if p)
    cmd = [sys.executable, os.path.abspath(__file__), "serve", "--dir", args.dir, "--idle", str(args.idle),
           "--options", args.options]
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                                start_new_session=True)
    deadline = time.monotonic() + args.timeout
    while not os.path.exists(info_path):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            with open(log_path, encoding="utf-8") as log:
                sys.exit("the simulator did not start (exit %s):\n%s" % (proc.poll(), log.read()))
        time.sleep(0.05)
    with open(info_path, encoding="utf-8") as handle:
        sys.stdout.write(handle.read())
    return 0


def serve(args):
    """Run the simulator in this process until SIGTERM or ``--idle`` seconds without an API request."""
    from dc1sim import Simulator  # pylint: disable=import-outside-toplevel

    options = json.loads(args.options)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    with Simulator(**options) as sim:
        tenant_path = os.path.join(args.dir, "tenant.json")
        with open(tenant_path, "w", encoding="utf-8") as handle:
            json.dump(sim.tenant, handle)
        info = dict(sim.info(), pid=os.getpid(), tenant=tenant_path, options=options)
        # For runme.sh targets: `. <dir>/env` sets the variables every plugin and module reads.
        with open(os.path.join(args.dir, "env"), "w", encoding="utf-8") as handle:
            handle.write("export DC_BASE=%s DC_API_TOKEN=%s DC_CA_PATH=%s DC1_SIM_TENANT=%s\n"
                         % (sim.base_url, sim.api_key, sim.ca_path, tenant_path))
        with open(info_path_tmp(args.dir), "w", encoding="utf-8") as handle:
            json.dump(info, handle)
        os.replace(info_path_tmp(args.dir), os.path.join(args.dir, "info.json"))
        seen, quiet_since = -1, time.monotonic()
        while not done.wait(1.0):
            total = sim.stats()["total"]
            if total != seen:
                seen, quiet_since = total, time.monotonic()
            elif time.monotonic() - quiet_since > args.idle:
                sys.stderr.write("no request for %d s: stopping\n" % args.idle)
                break
    return 0


def info_path_tmp(directory):
    return os.path.join(directory, "info.json.tmp")


def stop(args):
    """SIGTERM the server named in ``--dir``'s info file and wait until it has gone."""
    info_path = os.path.join(args.dir, "info.json")
    if not os.path.exists(info_path):
        return 0
    with open(info_path, encoding="utf-8") as handle:
        pid = json.load(handle)["pid"]
    os.unlink(info_path)
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return 0
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return 0
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("start", "serve", "stop"))
    parser.add_argument("--dir", required=True, help="where the info, tenant and log files go")
    parser.add_argument("--options", default="{}", help="JSON keyword arguments of dc1sim.Simulator")
    parser.add_argument("--idle", type=int, default=120, help="serve: stop after this many quiet seconds")
    parser.add_argument("--timeout", type=int, default=30, help="start/stop: seconds to wait")
    args = parser.parse_args()
    return {"start": start, "serve": serve, "stop": stop}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
