"""Instants and days, one place for every module: epoch seconds in, ISO 8601 UTC strings out.

A leaf module (it imports nothing from the package), so that the tenant, the audit log, Trust Lifecycle and the
store can all read dates without importing each other.
"""
import datetime
import re
import time

DAY = 86400
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$")


def parse_now(value=None):
    """Reference instant as epoch seconds: None = today 00:00 UTC; YYYY-MM-DD or ISO-8601."""
    if value in (None, ""):
        d = datetime.datetime.now(datetime.timezone.utc).date()
        value = d.isoformat()
    if isinstance(value, (int, float)):
        return int(value)
    v = str(value).strip()
    if len(v) == 10:
        dt = datetime.datetime.strptime(v, "%Y-%m-%d")
    else:
        dt = datetime.datetime.strptime(v.rstrip("Z").replace("T", " ")[:19], "%Y-%m-%d %H:%M:%S")
    return int(dt.replace(tzinfo=datetime.timezone.utc).timestamp())


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def day(t):
    return time.strftime("%Y-%m-%d", time.gmtime(t))


def instant(value):
    """Epoch seconds of a query's date (midnight UTC) or ISO date-time, or None when it is neither."""
    if not DATE_RE.match(value):
        return None
    try:
        if len(value) == 10:
            return parse_now(datetime.date.fromisoformat(value).isoformat())
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return int(moment.timestamp())
