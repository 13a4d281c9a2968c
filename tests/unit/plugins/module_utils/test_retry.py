# -*- coding: utf-8 -*-
"""Retry-After parsing, backoff and the shared throttle."""

import random
from email.utils import formatdate

from ansible_collections.digicert.one.plugins.module_utils._http.retry import (
    Throttle,
    backoff_delay,
    parse_retry_after,
    retry_delay,
)


def test_retry_after_seconds():
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after(" 0 ") == 0.0


def test_retry_after_http_date():
    now = 1_800_000_000
    assert parse_retry_after(formatdate(now + 30, usegmt=True), now=now) == 30.0
    assert parse_retry_after(formatdate(now - 30, usegmt=True), now=now) == 0.0


def test_retry_after_garbage_is_ignored():
    for value in (None, "", "soon", "-5", "1.5e3", "Wed, 99 Foo 2015"):
        assert parse_retry_after(value) is None


def test_backoff_is_jittered_and_capped():
    rng = random.Random(3)
    delays = [backoff_delay(a, cap=4.0, rng=rng) for a in range(10)]
    assert all(0 <= d <= 4.0 for d in delays)
    assert len(set(delays)) == len(delays)


def test_retry_after_wins_over_backoff_but_is_capped():
    waits = [retry_delay(0, 12.0, cap=60.0, rng=random.Random(i)) for i in range(20)]
    assert all(12.0 <= w <= 13.0 for w in waits) and len(set(waits)) > 1  # jittered, never early
    assert retry_delay(0, 600.0, cap=60.0) == 60.0


def test_throttle_pauses_every_caller():
    clock = [100.0]
    slept = []

    def sleep(s):
        slept.append(s)
        clock[0] += s
    throttle = Throttle(clock=lambda: clock[0], sleep=sleep)
    throttle.wait()
    assert slept == []
    throttle.pause_all(5)
    throttle.pause_all(2)  # a shorter pause does not shorten the longer one
    throttle.wait()
    assert slept == [5.0]
