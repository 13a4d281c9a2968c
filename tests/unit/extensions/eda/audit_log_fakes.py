# -*- coding: utf-8 -*-
"""A scripted audit log for the event source's unit tests: newest first, day-granular ``from``, paged."""

import datetime
import uuid

from dc1_fakes import response

PATH = "/account/api/v1/audit-log"
T0 = datetime.datetime(2026, 6, 15, 10, 0, 0, tzinfo=datetime.timezone.utc)


def at(seconds):
    """``T0 + seconds`` as the API writes it."""
    return (T0 + datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def entry(seconds, ident=None, **fields):
    data = {"id": ident or str(uuid.uuid4()), "timestamp": at(seconds), "action": "login", "status": "success",
            "resource_type": "user", "user": {"id": "u1", "name": "ann"}, "account": {"id": "a1", "name": "Acme"}}
    data.update(fields)
    return data


class AuditLog:
    """Entries served like the API: newest first (stable for equal times), ``from`` by UTC day.

    ``shape``: ``envelope`` ({total, offset, limit, items}), ``items`` (no metadata), ``bare`` or
    ``bare-ignore`` (the whole list whatever limit/offset say). ``cap`` clamps ``limit``.
    ``between_pages(n)`` runs before the n-th request (1-based): tests change the log while it is paged.
    ``order="asc"`` serves oldest first (a server that ignores the documented order).
    """

    def __init__(self, entries=(), shape="envelope", cap=None, order="desc"):
        self.entries = []
        self.add(*entries)
        self.shape = shape
        self.cap = cap
        self.order = order
        self.between_pages = None
        self.requests = []
        self.failures = []  # statuses (or exceptions) to answer before serving, one per request

    def add(self, *entries):
        """New entries go first among equal times, as the simulator and a newest-first log do."""
        self.entries = sorted(list(entries) + self.entries, key=lambda e: e.get("timestamp") or "", reverse=True)

    def __call__(self, method, path, params, n):
        self.requests.append(dict(params))
        if self.between_pages:
            self.between_pages(len(self.requests))
        if self.failures:
            failure = self.failures.pop(0)
            if isinstance(failure, Exception):
                return failure
            status, headers = failure if isinstance(failure, tuple) else (failure, {})
            return response(status, {"errors": [{"code": "x", "message": "scripted %d" % status}]}, headers=headers)
        assert path == PATH, path
        day = params.get("from")
        rows = [e for e in self.entries if not day or (e.get("timestamp") or "9999")[:10] >= day]
        if self.order == "asc":
            rows = rows[::-1]
        if self.shape == "bare-ignore":
            return response(body=rows)
        offset, limit = int(params.get("offset", 0)), int(params.get("limit", 50))
        if self.cap:
            limit = min(limit, self.cap)
        page = rows[offset:offset + limit]
        if self.shape == "bare":
            return response(body=page)
        if self.shape == "items":
            return response(body={"items": page})
        return response(body={"total": len(rows), "offset": offset, "limit": limit, "items": page})
