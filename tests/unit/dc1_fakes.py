# -*- coding: utf-8 -*-
"""A scripted stand-in for ``requests.Session``: no sockets, exact control of every answer."""

import json
import threading

import requests
from requests.structures import CaseInsensitiveDict

from ansible_collections.digicert.one.plugins.module_utils._http.client import DC1Client

TOKEN = "canary-token-0123456789abcdef"


def response(status=200, body=None, headers=None, raw=None, reason=None):
    resp = requests.Response()
    resp.status_code = status
    resp.reason = reason or requests.status_codes._codes.get(status, ("unknown",))[0].upper()
    resp.headers = CaseInsensitiveDict(headers or {})
    if raw is None:
        raw = b"" if body is None else json.dumps(body).encode()
        resp.headers.setdefault("Content-Type", "application/json")
    resp._content = raw if isinstance(raw, bytes) else raw.encode()
    return resp


class FakeSession:
    """Answers requests from ``handler(method, path, params, n)``; records every call."""

    def __init__(self, handler):
        self.handler = handler
        self.headers = CaseInsensitiveDict()
        self.calls = []
        self._lock = threading.Lock()

    def mount(self, prefix, adapter):
        pass

    def request(self, method, url, params=None, **kwargs):
        path = url.split("://", 1)[1].split("/", 1)[1]
        with self._lock:
            self.calls.append({"method": method, "path": "/" + path, "params": dict(params or {}), "kwargs": kwargs,
                               "headers": dict(self.headers)})
            n = len(self.calls)
        result = self.handler(method, "/" + path, dict(params or {}), n)
        if isinstance(result, Exception):
            raise result
        return result


def make_client(handler, sleeps=None, **settings):
    """A DC1Client over a FakeSession; ``sleeps`` collects requested waits instead of sleeping."""
    base = {"base_url": "https://dc1.example.test", "api_key": TOKEN, "validate_certs": True, "timeout": 5.0,
            "retries": 3, "retry_max_wait": 10.0, "page_size": 100, "max_concurrency": 1}
    base.update(settings)
    waits = sleeps if sleeps is not None else []
    now = [1000.0]

    def sleep(seconds):  # record the wait and let virtual time pass: tests never really sleep
        waits.append(seconds)
        now[0] += seconds
    return DC1Client(base, session=FakeSession(handler), sleep=sleep, clock=lambda: now[0])


def paged(items, envelope="envelope", cap=None):
    """A handler serving ``items`` by limit/offset in one of the list shapes."""
    def handler(method, path, params, n):
        offset = int(params.get("offset", 0))
        limit = int(params.get("limit", 50))
        if cap:
            limit = min(limit, cap)
        page = items[offset:offset + limit]
        if envelope == "bare":
            return response(body=page)
        if envelope == "bare-ignore":
            return response(body=items)
        if envelope == "items":
            return response(body={"items": page})
        if envelope == "records":
            return response(body={"records": page, "total": len(items), "offset": offset, "limit": limit})
        return response(body={"total": len(items), "offset": offset, "limit": limit, "items": page})
    return handler
