# -*- coding: utf-8 -*-
"""Dates and day counts: end dates end at 23:59:59 UTC, counts are whole days from the reference instant."""

import datetime

import pytest

from ansible_collections.digicert.one.plugins.module_utils import _dates as dates
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError

NOW = datetime.datetime(2026, 11, 23, 12, 0, 0, tzinfo=datetime.timezone.utc)


def test_days_until_an_end_date_counts_to_the_end_of_that_day():
    assert dates.days_until("2026-12-03", NOW) == 10
    assert dates.days_until("2026-11-23", NOW) == 0
    assert dates.days_until("2026-11-22", NOW) == -1
    assert dates.days_until("2026-11-24T11:00:00Z", NOW) == 0  # 23 hours left: 0 whole days
    assert dates.days_until(None, NOW) is None and dates.days_until("soon", NOW) is None


def test_days_since_is_an_age():
    assert dates.days_since("2025-11-23T12:00:00Z", NOW) == 365
    assert dates.days_since(None, NOW) is None


def test_reference_instant_is_fixed_when_given_and_checked_before_any_request():
    assert dates.reference_instant("2026-06-15").isoformat() == "2026-06-15T00:00:00+00:00"
    assert dates.reference_instant("2026-06-15T10:00:00Z").hour == 10
    assert dates.reference_instant(NOW) is NOW
    with pytest.raises(DC1ConfigError, match="reference_time"):
        dates.reference_instant("yesterday")


def test_without_a_reference_time_the_product_uses_the_current_clock():
    # The product's own clock stays real: the same calendar day as this process sees (whatever day that is).
    now = dates.reference_instant(None)
    assert now.tzinfo is not None and now.microsecond == 0
    assert abs((now - datetime.datetime.now(datetime.timezone.utc)).total_seconds()) < 86400
