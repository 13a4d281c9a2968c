# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The compliance options, checked before anything is read: every problem named at once.

The audit playbook checks them before it gathers a single object, so a typo in a threshold fails in a second,
not after a whole-tenant gathering. Names of levels are accepted in any case (``HIGH``, ``High``, ``high``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError
from ansible_collections.digicert.one.plugins.module_utils._lifecycle.posture import DEFAULT_PUBLIC_ISSUERS
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.catalogue import BY_ID, FAIL_ON, FIELDS, SEVERITIES


def _level(value, allowed):
    """``value`` lower-cased when it names one of ``allowed``, else None."""
    text = ("%s" % value).strip().lower() if isinstance(value, str) else None
    return text if text in allowed else None


class _Errors(list):
    def ids(self, name, values):
        unknown = sorted("%s" % v for v in values if v not in BY_ID)
        if unknown:
            self.append("%s: unknown check ID(s) %s; known: %s" % (name, ", ".join(unknown), ", ".join(BY_ID)))


def _severities(given, errors):
    errors.ids("severities", given)
    out = {}
    for cid, sev in sorted(given.items()):
        level = _level(sev, SEVERITIES)
        if level is None:
            errors.append("severities: %s: %r is not one of %s" % (cid, sev, ", ".join(SEVERITIES)))
        out[cid] = level
    return out


def _thresholds(given, errors):
    errors.ids("thresholds", given)
    for cid, value in sorted(given.items()):
        if cid in BY_ID and BY_ID[cid]["threshold"] is None:
            errors.append("thresholds: %s has no threshold" % cid)
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            errors.append("thresholds: %s: %r is not a number" % (cid, value))
        elif value < 0:
            errors.append("thresholds: %s: %r is negative" % (cid, value))
    return given


def _exceptions(given, errors):
    errors.ids("exceptions", given)
    out = {}
    for cid, objs in sorted(given.items()):
        if not isinstance(objs, (list, tuple)) or not all(isinstance(o, str) for o in objs):
            errors.append("exceptions: %s must be a list of object IDs (strings)" % cid)
        else:
            out[cid] = set(objs)
    return out


def _absent_as_unset(given, errors):
    wrong = sorted("%s" % f for f in given if f not in FIELDS)
    if wrong:
        errors.append("absent_as_unset: %s not a field any check reads; fields: %s" % (
            ", ".join(wrong), ", ".join(FIELDS)))
    return set(given)


def validate_options(options):
    """Normalised options, or DC1ConfigError naming every problem at once."""
    options = options or {}
    errors = _Errors()
    disabled = list(options.get("disabled") or [])
    errors.ids("disabled", disabled)
    severities = _severities(dict(options.get("severities") or {}), errors)
    thresholds = _thresholds(dict(options.get("thresholds") or {}), errors)
    exceptions = _exceptions(dict(options.get("exceptions") or {}), errors)
    absent = _absent_as_unset(list(options.get("absent_as_unset") or []), errors)
    issuers = {}
    for name, default in (("public_issuers", list(DEFAULT_PUBLIC_ISSUERS)), ("approved_issuers", [])):
        value = options.get(name)
        value = default if value is None else value
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v.strip() for v in value):
            errors.append("%s: %r is not a list of issuer names" % (name, value))
        issuers[name] = list(value) if isinstance(value, (list, tuple)) else default
    fail_on = _level(options.get("fail_on") or "none", FAIL_ON)
    if fail_on is None:
        errors.append("fail_on: %r is not one of %s (in any case)" % (options.get("fail_on"), ", ".join(FAIL_ON)))
    if errors:
        raise DC1ConfigError("invalid compliance options: " + "; ".join(errors))
    return dict({"disabled": set(disabled), "severities": severities, "thresholds": thresholds,
                 "exceptions": exceptions, "absent_as_unset": absent, "fail_on": fail_on}, **issuers)
