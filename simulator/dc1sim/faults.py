"""Fault rules: which request a rule fires on, and the bodies/headers faults need.

A rule counts the requests that match its path (and method); the count decides
whether it fires (``nth`` / ``first`` / ``every``, capped by ``times``). The first
firing rule wins; ``total_drift`` rules are sticky (they keep applying once fired)
and combine with any other rule.
"""
import email.utils
import json
import re
import threading
import time

PRE = ("status", "reset", "html", "timeout")                # decided before the request is served
DATA = ("duplicate", "oversize", "empty")                   # change which items a page holds
BODY = ("reset_mid_body", "slow_body", "truncate", "truncated_json", "content_type")  # change the bytes sent


def _matches(rule, method, path):
    if rule.get("method") and rule["method"] != method:
        return False
    p = rule["path"]
    if p.startswith("^"):
        return re.search(p, path) is not None
    return path.startswith(p)


def _due(rule, n):
    if "nth" in rule:
        return n in rule["nth"]
    if "first" in rule:
        return n <= rule["first"]
    if "every" in rule:
        return n % rule["every"] == 0
    return True


class FaultEngine:
    def __init__(self, rules=()):
        self._lock = threading.Lock()
        self.set_rules(rules)

    def set_rules(self, rules):
        with self._lock:
            self.rules = list(rules)
            self._reset_locked()

    def reset(self):
        with self._lock:
            self._reset_locked()

    def _reset_locked(self):
        self.counts = [0] * len(self.rules)
        self.fires = [0] * len(self.rules)
        self.sticky = set()
        self.fired = []

    def check(self, method, path):
        """Count this request against every matching rule -> (chosen rule or None, total drift)."""
        chosen, drift = None, 0
        with self._lock:
            for i, rule in enumerate(self.rules):
                if not _matches(rule, method, path):
                    continue
                self.counts[i] += 1
                n = self.counts[i]
                due = _due(rule, n) and self.fires[i] < rule.get("times", float("inf"))
                if rule["kind"] == "total_drift":
                    if due and i not in self.sticky:
                        self.sticky.add(i)
                        self._log(i, rule, path, n)
                    if i in self.sticky:
                        drift += rule.get("delta", 1)
                    continue
                if due and chosen is None:
                    chosen = rule
                    self._log(i, rule, path, n)
        return chosen, drift

    def _log(self, i, rule, path, n):
        self.fires[i] += 1
        self.fired.append({"rule": i, "kind": rule["kind"], "path": path, "n": n,
                           "t": round(time.time(), 3)})

    def fired_list(self):
        with self._lock:
            return list(self.fired)


def retry_after_value(rule, now=None):
    """Retry-After header: delta-seconds, or an HTTP-date that many seconds ahead."""
    ra = rule.get("retry_after")
    secs = rule.get("retry_after_seconds")
    if ra is None and secs is None:
        return None
    if ra == "http-date":
        return email.utils.formatdate((now or time.time()) + (secs if secs is not None else 2), usegmt=True)
    if ra is None:
        ra = secs
    return str(int(float(ra)))


HTML = ("<!DOCTYPE html><html><head><title>{code} Error</title></head><body>"
        "<h1>{code} Error</h1><p>The server encountered a temporary error. Please try again.</p>"
        "<hr><address>nginx</address></body></html>")


def html_body(code):
    return HTML.format(code=code).encode()


def truncated_json(body):
    """Cut a JSON body so it no longer parses (keeps at least one byte, drops the closing part)."""
    cut = max(1, len(body) // 2)
    out = body[:cut]
    try:
        json.loads(out)
        out = body[:-1] if len(body) > 1 else b"{"
    except ValueError:
        pass
    return out
