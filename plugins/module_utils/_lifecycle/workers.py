# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Certificate pages parsed, checked and counted in worker processes, so a million bodies use every core.

A stream's CPU is in the bodies (some 60 µs a certificate to parse, check and count, against some 20 to fetch and
decode its page), and one Python process holds one core. So a gathering that reads certificates forks a worker
per CPU, less one for each of the play's other forks gathering at once (at most ``MAX_WORKERS``; the
``certificate_workers`` option of dc1_facts), when it starts, before any request thread exists (a fork copies only the thread that
calls it), and the stream sends each page to the next worker in turn. Each worker keeps a partial digest (counts,
tallies, the certificates it would list, its SQLite rows, its JSON Lines part) and hands it over at the end; the
parent adds them up (``CertificateStream.absorb``). Every count is exact whatever the split; which certificates
are listed (up to ``LISTED`` per check) depends on it, deterministically.

A worker needs nothing but the pages: it makes no request and holds no connection. Its files are in a directory
the parent made and removes, so a worker that is killed leaves nothing behind. Without ``fork`` (or with one
usable CPU) there is no worker and the stream works in its own process, as before.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import shutil
import tempfile
import traceback

from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError

try:
    import multiprocessing
    HAS_FORK = "fork" in multiprocessing.get_all_start_methods()
except ImportError:  # pragma: no cover - a Python without multiprocessing (some embedded builds)
    HAS_FORK = False

MAX_WORKERS = 4


def default_count(busy=1):
    """Workers worth forking here: one per usable CPU, less one for each other process gathering at the same time
    (``busy`` counts this one and the play's other forks), at most ``MAX_WORKERS``; none on one CPU or without
    ``fork``. This process itself mostly waits for pages (its request threads) and decodes them, so on two CPUs
    a lone gathering forks two: measured faster than one (docs/performance.md)."""
    if not HAS_FORK:
        return 0
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cpus = os.cpu_count() or 1
    if cpus < 2:
        return 0
    return max(0, min(MAX_WORKERS, cpus - (max(1, busy) - 1)))


def check_count(count):
    """``certificate_workers`` as given: None (decide here) or 0 to ``MAX_WORKERS``."""
    if count is not None and (isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_WORKERS):
        raise DC1ConfigError("certificate_workers must be between 0 and %d, got %r" % (MAX_WORKERS, count))
    return count


class WorkerError(Exception):
    """A worker failed: its traceback, for the task's error."""


class Pool:
    """``count`` forked workers, each running ``make_stream(directory)`` over the pages sent to it."""

    def __init__(self, count, make_stream):
        context = multiprocessing.get_context("fork")
        self.directory = tempfile.mkdtemp(prefix="dc1-certificate-workers-")
        self.conns, self.procs, self.turn = [], [], 0
        try:
            for index in range(count):
                own = os.path.join(self.directory, "%d" % index)
                os.mkdir(own)
                mine, theirs = context.Pipe()
                proc = context.Process(target=_serve, args=(theirs, make_stream, own), name="dc1-certificates-%d" % index)
                proc.daemon = True
                proc.start()
                theirs.close()
                self.conns.append(mine)
                self.procs.append(proc)
        except Exception:
            self.close()
            raise

    def submit(self, items, account_id):
        """Send one page to the next worker; blocks while that worker's pipe is full (the stream's back pressure)."""
        conn = self.conns[self.turn % len(self.conns)]
        self.turn += 1
        try:
            conn.send(("page", items, account_id))
        except (OSError, EOFError):
            raise WorkerError("a certificate worker stopped: %s" % self._exit_codes())

    def collect(self):
        """Every worker's partial digest, in worker order; the workers end."""
        try:
            for conn in self.conns:
                conn.send(("end", None, None))
        except (OSError, EOFError):
            raise WorkerError("a certificate worker stopped: %s" % self._exit_codes())
        states = []
        for conn in self.conns:
            try:
                kind, payload = conn.recv()
            except (OSError, EOFError):
                raise WorkerError("a certificate worker stopped: %s" % self._exit_codes())
            if kind == "error":
                raise WorkerError("a certificate worker failed:\n%s" % payload)
            states.append(payload)
        for proc in self.procs:
            proc.join(30)
        return states

    def _exit_codes(self):
        return ", ".join("%s exit %s" % (p.name, p.exitcode) for p in self.procs if p.exitcode is not None) or "?"

    def close(self):
        """End every worker still running and remove their files."""
        for conn in self.conns:
            conn.close()
        for proc in self.procs:
            if proc.is_alive():
                proc.terminate()
            proc.join(5)
        self.conns, self.procs = [], []
        shutil.rmtree(self.directory, ignore_errors=True)


def _serve(conn, make_stream, directory):
    """A worker's life: pages in, one partial digest (or a traceback) out."""
    stream = None
    try:
        stream = make_stream(directory)
        while True:
            kind, items, account_id = conn.recv()
            if kind != "page":
                break
            stream.add(items, account_id)
        conn.send(("state", stream.handover()))
    except Exception:
        try:
            conn.send(("error", traceback.format_exc(limit=8)))
        except (OSError, EOFError):
            pass  # the gathering is gone: nobody to tell
    finally:
        conn.close()
