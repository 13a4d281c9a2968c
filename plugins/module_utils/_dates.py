# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Dates and day counts, in one place: every ``days_to_*`` of the collection is computed here.

DigiCert ONE sends instants as ISO 8601 UTC (``2021-06-23T08:55:19Z``) and end dates as calendar days in
UTC; an end date means 23:59:59 UTC that day ("expires at 23:59:59 UTC on that day", DigiCert's
service-user and API-token documentation). Day counts start from a reference instant: the current time, unless
the user fixes ``reference_time`` (reproducible reports, "what will have expired by then"). Days until an end are
whole days, rounded down (0 on the last day, negative once it ended); ages are calendar days (``days_since``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError

UTC = datetime.timezone.utc
DAY_SECONDS = 86400
# The option of every module that computes day counts (doc fragment digicert.one.reference_time).
REFERENCE_TIME_SPEC = {"reference_time": {"type": "str"}}


def parse_instant(value, end_of_day=False):
    """A UTC ``datetime`` from an ISO date or date-time string, or None when it is not one.

    A bare date is a calendar day in UTC; as an end date (``end_of_day``) it means 23:59:59 UTC that day.
    """
    if not value or not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            day = datetime.datetime.strptime(text, "%Y-%m-%d")
            if end_of_day:
                day = day.replace(hour=23, minute=59, second=59)
            return day.replace(tzinfo=UTC)
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # such as 9999-12-31T23:59:59-05:00: past the last representable instant
        return None


def iso(moment):
    """``YYYY-MM-DDTHH:MM:SSZ``, or None (formatted by hand: ``strftime`` costs microseconds a million times)."""
    if not moment:
        return None
    return "%04d-%02d-%02dT%02d:%02d:%02dZ" % (
        moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def now_utc():
    """The current instant, to the second."""
    return datetime.datetime.now(UTC).replace(microsecond=0)


def reference_instant(value=None, name="reference_time"):
    """The instant day counts start from: ``value`` (a date, midnight UTC, or an ISO date-time), else now.

    Raises DC1ConfigError, before any request, when ``value`` is given but is not a date.
    """
    if value in (None, ""):
        return now_utc()
    if isinstance(value, datetime.datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    moment = parse_instant("%s" % (value,))
    if moment is None:
        raise DC1ConfigError("%s must be a date YYYY-MM-DD or an ISO 8601 date-time such as 2026-11-30T12:00:00Z, "
                             "got %r" % (name, value))
    return moment


def days_between(moment, now):
    """Whole days from ``now`` until ``moment`` (negative once past; floor, so 23 hours left is 0 days)."""
    return int((moment - now).total_seconds() // DAY_SECONDS)


def days_until(value, now, end_of_day=True):
    """Whole days from ``now`` until the date or instant ``value``; None when ``value`` is not one.

    A bare date counts until 23:59:59 UTC that day (an end date); pass ``end_of_day=False`` for a start.
    """
    moment = parse_instant(value, end_of_day=end_of_day)
    return days_between(moment, now) if moment else None


def days_since(value, now):
    """An age in calendar days (UTC): from the day of ``value`` (a date or instant) to the day of ``now``, as a reader
    counts on a calendar (revoked on the 2nd: 5 days ago on the 7th, at any hour); None when ``value`` is not one."""
    moment = parse_instant(value)
    return (now.astimezone(UTC).date() - moment.date()).days if moment else None
