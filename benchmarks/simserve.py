# -*- coding: utf-8 -*-
"""``dc1-sim`` with a bounded number of server slots, for the benchmark only.

    python benchmarks/simserve.py --server-slots 8 serve [dc1-sim serve options]

The simulator serves every connection in a thread of its own, so it answers any number of requests at once: it
has no limit on concurrent requests and no switch for one. A real server has a bounded pool of workers, and the
measurements of issue 24 were taken against one with 8 (25 ms a request): with 16 requests in flight, half of
them wait for a slot. This launcher runs the simulator's own ``main`` with its API handler wrapped in a
semaphore of N slots: a request waits for a free slot, then spends the simulator's latency and its handling in
it. Control calls (``/_sim/...``) take no slot and are not counted. ``--server-slots 0``: no limit (the
simulator as it is). Nothing here changes the simulator's package; if it grows a switch of its own, the
benchmark should pass that instead (benchmarks/simproc.py).
"""

import sys
import threading

from dc1sim import cli, server


def limit_slots(slots):
    """Wrap ``server.Handler._api`` (one API request: latency, faults, answer) in a semaphore of ``slots``."""
    api = getattr(server.Handler, "_api", None)
    if api is None:
        raise SystemExit("simserve: dc1sim.server.Handler._api is gone; the slot limit needs a new hook")
    slot = threading.BoundedSemaphore(slots)

    def _api(self, method, path, query):
        with slot:
            return api(self, method, path, query)

    server.Handler._api = _api


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    slots = 0
    if argv[:1] == ["--server-slots"]:
        slots = int(argv[1])
        argv = argv[2:]
    if slots < 0:
        raise SystemExit("simserve: --server-slots must be 0 (no limit) or more")
    if slots:
        limit_slots(slots)
    return cli.main(argv)


if __name__ == "__main__":
    sys.exit(main())
