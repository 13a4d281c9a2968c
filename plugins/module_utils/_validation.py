# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Checks that turn bad input into a clear error before any request is sent."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import re

from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z")
_CODE = re.compile(r"^[a-z][a-z0-9_]{0,63}\Z")
_SORT = re.compile(r"^(-?)([a-z][a-z0-9_.]{0,63})(,(asc|desc))?\Z", re.IGNORECASE)
# The fields of an audit-log entry (the seed's /audit-log example) and the names the filters use for its nested
# user and account: what a sort can name. The API's own list is not published (docs/api-notes.md).
SORT_FIELDS = ("timestamp", "action", "status", "resource_type", "resource_id", "resource_name", "description",
               "id", "user_name", "user.name", "account_name", "account.name", "account_id", "account.id")
_HEX = re.compile(r"^[0-9A-Fa-f]{1,128}\Z")
MAX_TEXT = 512


def _show(value):
    text = "%r" % (value,)
    return text if len(text) <= 80 else text[:77] + "..."


def check_uuid(name, value, allow_me=False):
    """``value`` must be a UUID (or ``me`` where the API accepts it)."""
    if allow_me and value == "me":
        return value
    if not isinstance(value, str) or not _UUID.match(value):
        hint = " or 'me'" if allow_me else ""
        raise DC1ConfigError("%s must be a UUID such as 783a6a45-b74b-4635-bb4b-69855910ccd3%s, got %s" % (name, hint, _show(value)))
    return value.lower()


def check_date(name, value):
    """``value`` must be a calendar date ``YYYY-MM-DD``; returns a ``datetime.date``."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    text = "%s" % (value,)
    if not re.match(r"^\d{4}-\d{2}-\d{2}\Z", text):
        raise DC1ConfigError("%s must be a date written YYYY-MM-DD, got %s" % (name, _show(value)))
    try:
        return datetime.datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise DC1ConfigError("%s is not a real date: %s" % (name, _show(value)))


def check_code(name, value):
    """An application code such as ``account_manager``."""
    if not isinstance(value, str) or not _CODE.match(value):
        raise DC1ConfigError(
            "%s must be an application code of lower-case letters, digits and '_' such as account_manager, got %s"
            % (name, _show(value))
        )
    return value


def check_sort(name, value):
    """A sort expression over an audit-log field: ``field``, ``-field`` or ``field,asc|desc``."""
    match = _SORT.match(value) if isinstance(value, str) else None
    if not match:
        raise DC1ConfigError("%s must be a field name, '-field' or 'field,asc|desc', got %s" % (name, _show(value)))
    if match.group(2).lower() not in SORT_FIELDS:
        raise DC1ConfigError("%s: %s is not a field of an audit-log entry; one of %s" % (
            name, _show(match.group(2)), ", ".join(SORT_FIELDS)))
    return value


def check_choice(name, value, choices):
    """One of ``choices`` in either letter case (V(issued) or V(ISSUED)); returned as ``choices`` spell it."""
    if isinstance(value, str):
        for choice in choices:
            if value.lower() == choice.lower():
                return choice
    raise DC1ConfigError("%s must be one of %s (in either case), got %s" % (name, ", ".join(choices), _show(value)))


def check_hex(name, value, length=None):
    """Hexadecimal digits such as a serial number or a thumbprint (``:`` separators dropped), in upper case."""
    text = value.replace(":", "") if isinstance(value, str) else None
    if text is None or not _HEX.match(text) or (length and len(text) != length):
        what = "%d hexadecimal digits" % length if length else "hexadecimal digits"
        raise DC1ConfigError("%s must be %s such as 4099ABF9C1BB7C02, got %s" % (name, what, _show(value)))
    return text.upper()


def check_text(name, value):
    """Free text sent as a query parameter: printable and of sane length."""
    if len(value) > MAX_TEXT:
        raise DC1ConfigError("%s is longer than %d characters" % (name, MAX_TEXT))
    if any(ord(ch) < 32 for ch in value):
        raise DC1ConfigError("%s must not contain control characters, got %s" % (name, _show(value)))
    return value


def check_max_results(value, name="max_results"):
    """``max_results``: unset, or a whole number of at least 1."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise DC1ConfigError("%s must be at least 1, got %r" % (name, value))
    return value


def check_range(first_name, first, last_name, last):
    """``first`` must not come after ``last`` (both dates)."""
    if first and last and first > last:
        raise DC1ConfigError("%s (%s) is after %s (%s)" % (first_name, first, last_name, last))
