# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Retry policy: which answers are retried, and how long to wait.

Pure functions plus a shared throttle, so the rules are unit-tested without
a server. Only reads are retried (the collection sends nothing else).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import random
import threading
import time
from email.utils import parsedate_to_datetime

RETRY_STATUSES = frozenset((429, 502, 503, 504))
BACKOFF_BASE = 0.5


def parse_retry_after(value, now=None):
    """Seconds to wait from a ``Retry-After`` value, or None when absent or unparsable.

    Both forms of RFC 9110 are accepted: delta-seconds (``"120"``) and an
    HTTP-date (``"Wed, 21 Oct 2015 07:28:00 GMT"``). A date in the past means 0.
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def backoff_delay(attempt, cap, rng=random):
    """Full-jitter exponential backoff for retry ``attempt`` (0-based), at most ``cap``."""
    return rng.uniform(0, min(cap, BACKOFF_BASE * (2 ** attempt)))


def retry_delay(attempt, retry_after, cap, rng=random):
    """The wait before the next try: the server's ``Retry-After`` when given, capped; else backoff.

    ``Retry-After`` gets a little jitter (up to 10 %, at most 1 s): every client told the
    same instant would otherwise come back at that instant together and be refused again.
    """
    if retry_after is not None:
        return min(cap, retry_after + rng.uniform(0, min(1.0, 0.1 * retry_after + 0.05)))
    return backoff_delay(attempt, cap, rng)


class Throttle:
    """A pause shared by every worker of one client.

    When one request is told to wait (429 or 503 with ``Retry-After``), every
    other request waits too instead of hammering the server on its own.
    """

    def __init__(self, clock=time.monotonic, sleep=time.sleep):
        self._lock = threading.Lock()
        self._not_before = 0.0
        self._clock = clock
        self._sleep = sleep

    def pause_all(self, seconds):
        with self._lock:
            self._not_before = max(self._not_before, self._clock() + seconds)

    def wait(self):
        while True:
            with self._lock:
                remaining = self._not_before - self._clock()
            if remaining <= 0:
                return
            self._sleep(remaining)
