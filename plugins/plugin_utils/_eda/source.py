# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the ``digicert.one.audit_log`` event source does; its file only documents and calls ``run``.

Options are checked with Ansible's own argument-spec validator over the same tables the modules use
(connection options with their ``DC_*`` fallbacks, the audit-log filters), so a rulebook, a module and
a decision environment's credential spell everything alike. Reads run in a thread through the one
client; the event loop only puts events on the queue and moves the cursor.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import asyncio
import json
import logging
import math
import threading

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import UnsupportedError

from ansible_collections.digicert.one.plugins.module_utils._http.client import DC1Client
from ansible_collections.digicert.one.plugins.module_utils._connection import (
    connection_argument_spec,
    connection_settings,
)
from ansible_collections.digicert.one.plugins.module_utils._dates import now_utc
from ansible_collections.digicert.one.plugins.module_utils._listing.endpoints import (
    ENDPOINTS,
    build_query,
    endpoint_argument_spec,
)
from ansible_collections.digicert.one.plugins.module_utils._errors import (
    DC1ApiError,
    DC1ConfigError,
    DC1Error,
    DC1TLSError,
    redact,
)
from ansible_collections.digicert.one.plugins.module_utils._http.retry import RETRY_STATUSES
from ansible_collections.digicert.one.plugins.plugin_utils._eda.cursor import (
    Cursor,
    PageSize,
    load_state,
    read_new,
    resolve_state_file,
    save_state,
    stamp,
    start_instant,
)

NAME = "digicert.one.audit_log"
FILTERS = ("account_id", "action", "status", "resource_types", "user_name")
SOURCE_SPEC = {
    "interval": {"type": "float", "default": 30.0},
    "start_at": {"type": "str", "default": "now"},
    "state_file": {"type": "path"},
    "overlap": {"type": "float", "default": 300.0},
    "max_ids": {"type": "int", "default": 10000},
    "max_backoff": {"type": "float", "default": 300.0},
}
# A revoked token or a removed role does not come back by itself; a single 401 might be a glitch.
AUTH_FAILURE_LIMIT = 3
LOG = logging.getLogger(NAME)


def argument_spec():
    """Connection options + the audit-log filters the source offers + its own options."""
    spec = connection_argument_spec()
    filters = endpoint_argument_spec("audit_log", list_options=False)
    spec.update((name, filters[name]) for name in FILTERS)
    spec.update(SOURCE_SPEC)
    return spec


def parse_args(args):
    """Validated options (``DC_*`` fallbacks applied); raises DC1ConfigError before any request."""
    given = dict(args or {})
    if "feedback" in given or "eda_feedback_queue" in given:
        raise DC1ConfigError("%s does not take 'feedback': its cursor advances once each event is on the queue "
                             "and is kept in state_file" % NAME)
    # ansible-rulebook may pass eda_* arguments of its own; they are not options.
    given = dict((k, v) for k, v in given.items() if not k.startswith("eda_"))
    result = ArgumentSpecValidator(argument_spec()).validate(given)
    options = result.validated_parameters
    if result.error_messages:
        secret = options.get("api_key") if isinstance(options.get("api_key"), str) else None
        raise DC1ConfigError(redact("%s: %s" % (NAME, "; ".join(_messages(result))), [secret]))
    options["state_file"] = resolve_state_file(options.get("state_file"))
    for name in ("interval", "overlap", "max_backoff", "max_ids"):
        value, zero_ok = options[name], name == "overlap"
        if not (math.isfinite(value) and (value >= 0 if zero_ok else value > 0)):
            raise DC1ConfigError("%s: %s must be a number %s, got %r" % (
                NAME, name, "of seconds, not negative" if zero_ok else "greater than 0", value))
    return options


def _messages(result):
    """The validator's messages; an unknown option says "unsupported parameter", as a module's error does (the
    validator's own text starts with the option's name alone)."""
    out = []
    for error in result.errors:
        if isinstance(error, UnsupportedError):
            unknown = sorted(result.unsupported_parameters)
            out.append("unsupported parameter%s %s; supported parameters: %s" % (
                "s" if len(unknown) > 1 else "", ", ".join(unknown), ", ".join(sorted(argument_spec()))))
        else:
            out.append("%s" % error)
    return out


class AuditLogSource:
    """Poll the audit log and put one event per new entry on the queue, oldest first."""

    def __init__(self, args, logger=LOG, now=now_utc, sleep=None, client_factory=None):
        self.options = options = parse_args(args)
        self.log = logger
        self.sleep = sleep or asyncio.sleep
        self.start = start_instant(options["start_at"], now())
        self.query = build_query(ENDPOINTS["audit_log"], options)
        self.path = ENDPOINTS["audit_log"].path
        self.client = (client_factory or DC1Client)(connection_settings(options.get), warn=logger.warning,
                                                    debug=logger.debug)
        self.identity = {"base_url": self.client.base_url, "filters": self.query}
        self.sizes = PageSize()
        self.cursor = None
        self.auth_failures = 0

    # -- the loop -------------------------------------------------------------------------
    async def run(self, queue):
        self.cursor = self._initial_cursor()
        started, failures = False, 0
        while True:
            retried = dict(self.client.stats["retry_reasons"])
            try:
                entries = await in_thread(read_new, self.client, self.path, self.query, self.cursor, self.sizes)
            except DC1Error as exc:
                failures += 1
                delay = self._failed(exc, started, failures)
                await self.sleep(delay)
                continue
            started, failures, self.auth_failures = True, 0, 0
            self._warn_retries(retried)
            await self._emit(queue, entries)
            await self.sleep(self.options["interval"])

    async def _emit(self, queue, entries):
        """Put each entry on the queue, then move the cursor past it; the state file follows in any case."""
        newest = self.cursor.last
        try:
            for entry, key, moment in entries:
                await queue.put(self._event(entry, moment is not None and moment < newest))
                self.cursor.mark(key, moment)
        finally:
            if entries:
                self.cursor.prune()
                self._save()
        if entries:
            self.log.info("%s: %d new entries, cursor at %s", NAME, len(entries), stamp(self.cursor.last))

    def _event(self, entry, late):
        secret = self.options.get("api_key")
        if secret and secret in json.dumps(entry):
            entry = json.loads(self.client.redact(json.dumps(entry)))
        return {"dc1_audit": entry, "meta": {"dc1": {"base_url": self.client.base_url, "late": late}}}

    # -- errors -----------------------------------------------------------------------------
    def _warn_retries(self, before):
        """One warning for a poll that succeeded only after the client retried (429, 5xx, transport)."""
        now = self.client.stats["retry_reasons"]
        counts = sorted((reason, n - before.get(reason, 0)) for reason, n in now.items() if n > before.get(reason, 0))
        if counts:
            self.log.warning("%s: the poll succeeded after %d retried request(s) (%s)", NAME,
                             sum(n for _reason, n in counts), ", ".join("%s x%d" % kv for kv in counts))

    def _failed(self, exc, started, failures):
        """The wait before the next poll, after a warning; raises ``exc`` when waiting cannot help."""
        status = getattr(exc, "status", None)
        if status in (401, 403):
            self.auth_failures += 1
            if not started or self.auth_failures >= AUTH_FAILURE_LIMIT:
                raise exc
        elif isinstance(exc, DC1ConfigError):
            raise exc
        elif not started and (isinstance(exc, DC1TLSError) or (
                isinstance(exc, DC1ApiError) and status is not None and status < 500 and status not in RETRY_STATUSES)):
            raise exc  # a wrong host, path or CA fails at start rather than warning forever
        delay = min(self.options["max_backoff"], self.options["interval"] * 2 ** min(failures - 1, 30))
        self.log.warning("%s: poll %d failed: %s. Next try in %.0f s; the cursor did not move, so nothing is lost.",
                         NAME, failures, exc, delay)
        return delay

    # -- the cursor ---------------------------------------------------------------------------
    def _initial_cursor(self):
        opts, path = self.options, self.options.get("state_file")
        if path:
            cursor, identity = load_state(path, opts["overlap"], opts["max_ids"])
            if cursor is not None:
                if identity != self.identity:
                    self.log.warning("%s: state_file %s was written for %s; resuming from its cursor for %s",
                                     NAME, path, identity, self.identity)
                self.log.info("%s: resuming from %s: last entry %s, %d ids kept (start_at ignored)",
                              NAME, path, stamp(cursor.last), len(cursor.seen))
                return cursor
        cursor = Cursor(self.start, overlap=opts["overlap"], max_ids=opts["max_ids"])
        self.cursor = cursor
        # Written before the first poll: a restart before any entry arrives must not move the start.
        self._save()
        self.log.info("%s: starting at %s%s", NAME, stamp(self.start),
                      "" if path else " (no state_file: a restart starts again from start_at)")
        return cursor

    def _save(self):
        if self.options.get("state_file"):
            save_state(self.options["state_file"], self.cursor, self.identity)


async def in_thread(func, *args):
    """``func(*args)`` in a daemon thread, awaited.

    Not ``asyncio.to_thread``: its executor's threads are joined at exit, so a shutdown would wait for
    a request in its retry backoff (up to ``retry_max_wait`` per try). A daemon thread is abandoned.
    """
    loop = asyncio.get_running_loop()
    future = loop.create_future()

    def settle(result, error):
        if not future.done():
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(result)

    def work():
        try:
            outcome = (func(*args), None)
        except Exception as exc:  # pylint: disable=broad-exception-caught  # handed to the awaiting task
            outcome = (None, exc)
        try:
            loop.call_soon_threadsafe(settle, *outcome)
        except RuntimeError:
            pass  # the loop closed while this thread read: nobody waits for the answer

    threading.Thread(target=work, name="dc1-audit-log", daemon=True).start()
    return await future
