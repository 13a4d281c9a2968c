# -*- coding: utf-8 -*-
"""The plain baseline: one requests.Session, one request at a time, the same data as the facts role.

    python benchmarks/sequential.py BASE_URL API_KEY CA_PATH AUDIT_FROM [--cap 100] [--max-requests N]

Pages every list to its end (an envelope's total, else a short page), then lists tokens and client
certificates user by user. ``--max-requests`` stops early (the benchmark extrapolates from it);
prints one JSON line: {"requests", "items", "complete"}.
"""

import argparse
import json
import sys

import requests

API = "/account/api/v1"


class Budget(Exception):
    pass


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("key")
    ap.add_argument("ca")
    ap.add_argument("audit_from")
    ap.add_argument("--cap", type=int, default=100)
    ap.add_argument("--max-requests", type=int, default=0)
    a = ap.parse_args(argv)
    s = requests.Session()
    s.headers.update({"x-api-key": a.key, "Accept": "application/json"})
    count = [0]

    def get(path, **params):
        if a.max_requests and count[0] >= a.max_requests:
            raise Budget()
        count[0] += 1
        r = s.get(a.base + API + path, params=params, verify=a.ca, timeout=60)
        r.raise_for_status()
        return r.json()

    def pages(path, **params):
        out, offset = [], 0
        while True:
            data = get(path, limit=a.cap, offset=offset, **params)
            items = data if isinstance(data, list) else data.get("items", [])
            out.extend(items)
            offset += len(items)
            if isinstance(data, dict) and "total" in data:
                if offset >= data["total"] or not items:
                    return out
            elif len(items) != a.cap:
                return out  # a short page ends the list; a longer one is the whole list (paging ignored)
    n = 0
    complete = True
    try:
        n += len(pages("/account"))
        n += len(pages("/organization"))
        n += len(get("/role"))
        users = pages("/user")
        n += len(users)
        n += len(pages("/audit-log", **{"from": a.audit_from}))
        for u in users:
            n += len(pages("/api-access-token", user_id=u["id"]))
            n += len(pages("/client-auth-certificate", user_id=u["id"]))
    except Budget:
        complete = False
    print(json.dumps({"requests": count[0], "items": n, "complete": complete}))


if __name__ == "__main__":
    sys.exit(main())
