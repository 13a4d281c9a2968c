# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cursor of the ``digicert.one.audit_log`` event source: which audit entries are new.

The audit log is served newest first and filtered by day (``from`` is a date, not an instant), and
entries may share a timestamp or show up a little after newer ones. So the cursor is not "the last
timestamp" alone but:

* ``last``: the newest entry time emitted so far;
* ``seen``: id -> time of every entry emitted at or after ``last - overlap`` (an entry that appears
  late, but inside that window, is still emitted once; one seen before is never emitted again);
* ``not_before``: nothing older is ever emitted (``start_at``, and the floor left behind when ``seen``
  outgrows ``max_ids``: the window then shrinks rather than memory growing or entries repeating).

A read (``read_new``) pages from offset 0 of ``from=<day of the window start>`` and stops at the
first entry older than the window (newest-first order is checked, not assumed), at the end of the
list (``total``, or a short or empty page), or, without a ``total``, on a page that brings nothing new
(a server that ignores ``offset``). Pages that shift because entries arrive while paging only repeat
entries, which are dropped by id.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import json
import os
import re

from ansible_collections.digicert.one.plugins.module_utils._dates import UTC, parse_instant
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError, DC1ResponseError
from ansible_collections.digicert.one.plugins.module_utils._files import replace_file
from ansible_collections.digicert.one.plugins.module_utils._listing.pager import extract_list, item_key

STATE_VERSION = 1
MAX_PAGES = 10000
_EPSILON = datetime.timedelta(microseconds=1)
_LOOK_BACK = re.compile(r"^(\d+)\s*([smhd])\Z")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def stamp(moment):
    """ISO 8601 UTC with a ``Z``, microseconds only when there are any."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def start_instant(value, now):
    """The instant ``start_at`` names: ``now``, an ISO date or date-time, or a look-back such as ``15m``."""
    text = ("%s" % (value,)).strip().lower()
    if text == "now":
        return now
    match = _LOOK_BACK.match(text)
    if match:
        return now - datetime.timedelta(seconds=int(match.group(1)) * _UNITS[match.group(2)])
    moment = parse_instant(("%s" % (value,)).strip())
    if moment is None:
        raise DC1ConfigError("start_at must be 'now', an ISO 8601 date or date-time such as 2026-06-15T10:00:00Z, "
                             "or a look-back such as 30m, 12h or 7d; got %r" % (value,))
    return moment


class Cursor:
    """Where the source stands; see the module docstring. Times are aware UTC datetimes."""

    def __init__(self, not_before, last=None, seen=None, overlap=300.0, max_ids=10000):
        self.not_before = not_before
        self.last = last or not_before
        self.seen = dict(seen or {})
        self.overlap = datetime.timedelta(seconds=overlap)
        self.max_ids = max_ids

    def cutoff(self):
        """Entries older than this are not read: the start of the overlap window, or ``not_before``."""
        return max(self.last - self.overlap, self.not_before)

    def is_new(self, key, moment):
        if key in self.seen:
            return False
        return moment is None or moment >= self.cutoff()

    def mark(self, key, moment):
        """Record an emitted entry; one without a time is kept as if it were at ``last``."""
        self.seen[key] = moment or self.last
        if moment is not None and moment > self.last:
            self.last = moment

    def prune(self):
        """Forget ids older than the window; beyond ``max_ids``, keep the newest and raise ``not_before``."""
        start = self.cutoff()
        self.seen = dict((k, t) for k, t in self.seen.items() if t >= start)
        if len(self.seen) <= self.max_ids:
            return
        ordered = sorted(self.seen.items(), key=lambda kv: kv[1], reverse=True)
        dropped_newest = ordered[self.max_ids][1]
        # Every entry at the newest dropped time counts as seen from now on, kept or not: no repeats.
        self.not_before = max(self.not_before, dropped_newest + _EPSILON)
        self.seen = dict((k, t) for k, t in ordered[:self.max_ids] if t >= self.not_before)

    def to_state(self, identity):
        return {
            "version": STATE_VERSION,
            "source": identity,
            "not_before": stamp(self.not_before),
            "last": stamp(self.last),
            "seen": dict((k, stamp(t)) for k, t in sorted(self.seen.items(), key=lambda kv: (kv[1], kv[0]))),
        }

    @classmethod
    def from_state(cls, data, overlap, max_ids):
        """A cursor from a parsed state file; raises ValueError naming what is wrong."""
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            raise ValueError("not a version %d state object" % STATE_VERSION)
        not_before, last = _instant(data, "not_before"), _instant(data, "last")
        seen = data.get("seen")
        if not isinstance(seen, dict):
            raise ValueError("'seen' is not an object")
        times = {}
        for key, value in seen.items():
            moment = parse_instant(value) if isinstance(value, str) else None
            if moment is None:
                raise ValueError("'seen' has no valid time for %r" % (key,))
            times[key] = moment
        cursor = cls(not_before, last, times, overlap, max_ids)
        cursor.prune()  # a smaller max_ids or overlap than last time applies at once
        return cursor


def _instant(data, name):
    value = data.get(name)
    moment = parse_instant(value) if isinstance(value, str) else None
    if moment is None:
        raise ValueError("%r is not an ISO 8601 time" % name)
    return moment


def state_directory(environ=None):
    """The per-user directory for state files: ``$XDG_STATE_HOME/digicert.one``, by default
    ``~/.local/state/digicert.one`` (the XDG base directory for state that outlives a restart, unlike ``/tmp``)."""
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return os.path.join(base, "digicert.one")


def resolve_state_file(path, environ=None):
    """``path`` as given when it names a directory; a bare file name lives in ``state_directory()``, created (0700)
    when missing, so that shipped rulebooks keep their cursors per user, not in a world-writable ``/tmp``."""
    if not path or os.path.dirname(path):
        return path
    directory = state_directory(environ)
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
    except OSError as exc:
        raise DC1ConfigError("state_file %s: cannot create the state directory %s: %s" % (
            path, directory, exc.strerror or exc))
    return os.path.join(directory, path)


def load_state(path, overlap, max_ids):
    """``(cursor, identity)`` from ``path``, or ``(None, None)`` when there is no file yet.

    A file that exists but cannot be used stops the source: starting again from ``start_at`` would
    silently lose or repeat entries, so the user decides (fix it, or delete it to start over).
    """
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        raise DC1ConfigError("state_file %s cannot be read: %s" % (path, exc.strerror or exc))
    try:
        data = json.loads(text)
        return Cursor.from_state(data, overlap, max_ids), data.get("source")
    except ValueError as exc:
        raise DC1ConfigError(
            "state_file %s is not a usable digicert.one.audit_log cursor (%s). Restore it, or delete it to start "
            "again from start_at (entries between its cursor and start_at would then be missed or repeated)."
            % (path, exc))


def save_state(path, cursor, identity):
    """Write the cursor atomically (temporary file + rename), readable by its owner only."""
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise DC1ConfigError("state_file %s: directory %s does not exist" % (path, directory))
    text = json.dumps(cursor.to_state(identity), indent=1, sort_keys=True)
    try:
        replace_file(path, lambda handle: handle.write(text + "\n"), 0o600)
    except OSError as exc:
        raise DC1ConfigError("state_file %s cannot be written: %s" % (path, exc.strerror or exc))


class PageSize:
    """What the server showed of its page size, remembered across reads.

    A page shorter than asked may be the end or a server capping ``limit``. The server returned
    ``largest`` items once, so its cap is at least that: a page shorter than both that and the
    ``limit`` asked is the end. Otherwise one more request tells.
    """

    def __init__(self):
        self.largest = 0

    def is_last(self, received, asked, server_limit):
        full = min(asked, server_limit or self.largest)  # 0 while nothing is known: never the end
        self.largest = max(self.largest, received)
        return received < full


class _Scan:
    """What one read has seen: ids, whether the pages are newest first, and the new entries."""

    def __init__(self, cursor, path):
        self.cursor, self.path = cursor, path
        self.cutoff = cursor.cutoff()
        self.read, self.found, self.previous, self.descending = set(), [], None, True

    def take(self, items):
        """Record one page; ``(fresh, older)``: entries not seen in this read, and those before the cutoff."""
        fresh = older = 0
        for item in items:
            key = item_key(item, "id", self.path)
            if key in self.read:
                continue  # the page shifted: entries arrived at the head while paging
            self.read.add(key)
            fresh += 1
            moment = parse_instant(item.get("timestamp"))
            if moment is not None:
                self.descending = self.descending and (self.previous is None or moment <= self.previous)
                self.previous = moment
                if moment < self.cutoff:
                    older += 1
                    continue
            if self.cursor.is_new(key, moment):
                self.found.append((item, key, moment))
        return fresh, older


def read_new(client, path, query, cursor, sizes):
    """The entries the cursor has not seen, oldest first, as ``[(entry, key, time or None)]``."""
    scan = _Scan(cursor, path)
    params = dict(query, **{"from": scan.cutoff.strftime("%Y-%m-%d")})
    offset = 0
    for _page in range(MAX_PAGES):
        asked = client.page_size
        items, total, server_limit = extract_list(client.get(path, dict(params, offset=offset, limit=asked)), path)
        fresh, older = scan.take(items)
        offset += len(items)
        if not items or (older and scan.descending):
            break
        if total is not None:
            # A page of repeats under a total: a whole page of entries arrived at the head. Read on.
            if offset >= total:
                break
        elif not fresh or sizes.is_last(len(items), asked, server_limit):
            break  # without a total, a page of repeats means a server that ignores offset
    else:
        raise DC1ResponseError("GET %s: still paging after %d pages; giving up on this read" % (path, MAX_PAGES),
                               method="GET", path=path)
    return oldest_first(scan.found)


def oldest_first(found):
    """Sort by time, keeping the server's newest-first order reversed among equal times and untimed ones."""
    found = list(reversed(found))
    timed = [f for f in found if f[2] is not None]
    untimed = [f for f in found if f[2] is None]
    return sorted(timed, key=lambda f: f[2]) + untimed
