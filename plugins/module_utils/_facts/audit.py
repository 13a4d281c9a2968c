# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The audit log as a digest: what facts keep of the events, and the JSON Lines file that keeps all of them.

Facts say who can do what; the audit log is a stream. So facts hold, per account, the counts over the window
(by action, status and resource type), per user the last activity and the failures, and the most recent
failures (bounded). The events themselves go to a JSON Lines file when asked for, written from Python.
An event without a ``status`` is counted as ``status_unknown``: never a failure, never a success.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.digicert.one.plugins.module_utils._dates import parse_instant
from ansible_collections.digicert.one.plugins.module_utils._files import replace_file

RECENT_FAILURES = 20
FAILURE_STATUSES = ("failure", "failed")  # Account Manager says failure; IoT Trust says failed
NO_ACCOUNT = "(no account)"
_KEEP = ("id", "timestamp", "action", "status", "resource_type", "resource_id", "resource_name", "description",
         "ip_address", "user")


def _dict(value):
    return value if isinstance(value, dict) else {}


def _bump(counts, key):
    key = "%s" % (key,) if key is not None else "(none)"
    counts[key] = counts.get(key, 0) + 1


def _account_row(account_id, name):
    return {"id": account_id, "name": name, "events": 0, "failures": 0, "status_unknown": 0, "by_status": {},
            "by_action": {}, "by_resource_type": {}, "failures_by_action": {}, "failures_by_user": {}, "users": {},
            "recent_failures": []}


def _in_window(event, since_day):
    stamp = event.get("timestamp")
    if not since_day or not isinstance(stamp, str) or parse_instant(stamp) is None:
        return True  # an event without a readable time is kept: the server chose it for this window
    return stamp[:10] >= since_day  # ISO dates sort as text


def _add(row, event):
    row["events"] += 1
    status = event.get("status")
    failed = isinstance(status, str) and status.lower() in FAILURE_STATUSES
    if status is None:
        row["status_unknown"] += 1
    else:
        _bump(row["by_status"], ("%s" % status).lower())
    _bump(row["by_action"], event.get("action"))
    _bump(row["by_resource_type"], event.get("resource_type"))
    actor = _dict(event.get("user"))
    key = "%s" % (actor.get("id") or actor.get("name") or "(unknown)")
    user = row["users"].setdefault(key, {"id": actor.get("id"), "name": actor.get("name"), "events": 0,
                                         "failures": 0, "last_activity": None})
    user["events"] += 1
    stamp = event.get("timestamp")
    if isinstance(stamp, str) and (user["last_activity"] is None or stamp > user["last_activity"]):
        user["last_activity"] = stamp
    if failed:
        row["failures"] += 1
        user["failures"] += 1
        _bump(row["failures_by_action"], event.get("action"))
        _bump(row["failures_by_user"], actor.get("name") or actor.get("id"))
        row["recent_failures"].append(dict((k, event[k]) for k in _KEEP if k in event))


def digest(events, since_day=None, window_days=None, recent=RECENT_FAILURES):
    """``{"events", "accounts": {account_id: row}}`` over the events of the window (``since_day`` and later)."""
    accounts = {}
    total = 0
    for event in events:
        if not isinstance(event, dict) or not _in_window(event, since_day):
            continue
        account = _dict(event.get("account"))
        account_id = account.get("id") or event.get("account_id")
        key = "%s" % account_id if account_id else NO_ACCOUNT
        row = accounts.get(key) or accounts.setdefault(key, _account_row(account_id, account.get("name")))
        _add(row, event)
        total += 1
    for row in accounts.values():
        row["recent_failures"].sort(key=lambda e: "%s" % e.get("timestamp") or "", reverse=True)
        del row["recent_failures"][recent:]
    return {"from": since_day, "window_days": window_days, "events": total, "accounts": accounts}


def write_events(dest, events):
    """Every event as one JSON object per line (JSON Lines), written atomically with mode 0600."""
    def fill(handle):
        for event in events:
            handle.write(json.dumps(event, sort_keys=True, separators=(",", ":")))
            handle.write("\n")
    replace_file(dest, fill, 0o600)
