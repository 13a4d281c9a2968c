# -*- coding: utf-8 -*-
"""The plain baseline: a ``requests`` script reading the same data as the facts role, up to N requests in flight.

    python benchmarks/plain_script.py BASE_URL API_KEY CA_PATH AUDIT_FROM [--cap 100] [--in-flight 16]
                                      [--max-requests N]

What a user would write without the collection, at the collection's concurrency so that a ratio measures the
design and not the concurrency: one ``requests.Session`` per thread, at most ``--in-flight`` requests at once
(``--in-flight 1`` is the sequential script of the earlier study). The five lists (accounts, organizations,
roles, users, the audit log from AUDIT_FROM) are read side by side; an enveloped list's remaining pages are
fetched concurrently once its first page gives the total, a bare list pages to its first short page (a longer
one is the whole list: paging ignored). Then the API tokens and client certificates of every user, each user's
first page concurrently. ``--max-requests`` stops early (the benchmark extrapolates from it). Prints one JSON line:
``{"requests", "items", "complete", "in_flight"}``.
"""

import argparse
import json
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import requests

API = "/account/api/v1"


class Budget(Exception):
    pass


class Reader:
    """GETs through one Session per thread, at most ``in_flight`` at a time, counted against a budget."""

    def __init__(self, a):
        self.a = a
        self.local = threading.local()
        self.slots = threading.BoundedSemaphore(a.in_flight)
        self.lock = threading.Lock()
        self.count = 0
        self.pool = ThreadPoolExecutor(max_workers=a.in_flight)

    def get(self, path, **params):
        with self.lock:
            if self.a.max_requests and self.count >= self.a.max_requests:
                raise Budget()
            self.count += 1
        if not hasattr(self.local, "session"):
            self.local.session = requests.Session()
            self.local.session.headers.update({"x-api-key": self.a.key, "Accept": "application/json"})
        with self.slots:
            r = self.local.session.get(self.a.base + API + path, params=params, verify=self.a.ca, timeout=60)
        r.raise_for_status()
        return r.json()

    def pages(self, path, **params):
        """Every item of a list: concurrent pages after an envelope's first, else page by page."""
        cap = self.a.cap
        data = self.get(path, limit=cap, offset=0, **params)
        if isinstance(data, dict) and "total" in data:
            items = list(data.get("items", []))
            rest = range(len(items), data["total"], cap) if items else ()
            for page in self.pool.map(lambda off: self.get(path, limit=cap, offset=off, **params), rest):
                items.extend(page.get("items", []))
            return items
        items = data if isinstance(data, list) else data.get("items", [])
        out = list(items)
        while len(items) == cap:
            data = self.get(path, limit=cap, offset=len(out), **params)
            items = data if isinstance(data, list) else data.get("items", [])
            out.extend(items)
        return out


def read_all(reader, audit_from):
    """The number of items read: five lists side by side, then every user's tokens and certificates."""
    lists = {"account": {}, "organization": {}, "user": {}, "audit-log": {"from": audit_from}}
    with ThreadPoolExecutor(max_workers=len(lists) + 1) as outer:
        futures = dict((name, outer.submit(reader.pages, "/" + name, **params)) for name, params in lists.items())
        roles = outer.submit(reader.get, "/role")
        read = dict((name, f.result()) for name, f in futures.items())
        n = sum(len(v) for v in read.values()) + len(roles.result())
    jobs = [(ep, u["id"]) for u in read["user"] for ep in ("/api-access-token", "/client-auth-certificate")]
    for items in reader.pool.map(lambda job: reader.pages(job[0], user_id=job[1]), jobs):
        n += len(items)
    return n


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("key")
    ap.add_argument("ca")
    ap.add_argument("audit_from")
    ap.add_argument("--cap", type=int, default=100)
    ap.add_argument("--in-flight", type=int, default=16)
    ap.add_argument("--max-requests", type=int, default=0)
    a = ap.parse_args(argv)
    reader = Reader(a)
    n, complete = 0, True
    try:
        n = read_all(reader, a.audit_from)
    except Budget:
        complete = False
    finally:
        reader.pool.shutdown(wait=True, cancel_futures=True)
    print(json.dumps({"requests": reader.count, "items": n, "complete": complete, "in_flight": a.in_flight}))


if __name__ == "__main__":
    sys.exit(main())
