# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Two snapshots of ``dc1_facts``, and what of them can honestly be compared.

* Another tenant (``base_url``) or another schema version: refused. Nothing in common can be said.
* Other accounts (a whole-tenant file against one account host, say): compared on the accounts both cover,
  with a warning; ``strict`` refuses instead. No accounts in common: refused.
* A resource in one snapshot only, or unavailable in either (403, 404, not requested, refused for some users):
  "not compared", never "all removed" or "all added".
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os

from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError
from ansible_collections.digicert.one.plugins.plugin_utils._drift.resources import resource_names

SCHEMAS = (2,)
META = ("schema", "collected_at", "reference_time", "base_url", "account_ids", "hosts")


def load(value, what):
    """``(facts or None, problem or None)`` from a facts dict or the path of a JSON file (a ``dest`` file).

    A path that does not exist is no baseline yet (the first run), not an error: ``(None, problem)``. A file
    or dict holding ``dc1_facts`` (a fact cache entry, ``-e @file`` with ``{"dc1_facts": ...}``) is unwrapped.
    """
    if value is None or value in ("", {}):
        return None, "no %s snapshot" % what
    if isinstance(value, str):
        path = os.path.abspath(os.path.expanduser(value))
        if not os.path.exists(path):
            return None, "no %s snapshot: %s does not exist (yet)" % (what, path)
        try:
            with open(path, encoding="utf-8") as handle:
                value = json.load(handle)
        except (IOError, OSError, ValueError) as exc:
            raise DC1ConfigError("the %s snapshot %s cannot be read as JSON: %s" % (what, path, exc))
    return unwrap(value, what), None


def unwrap(value, what):
    for key in ("ansible_facts", "dc1_facts"):
        if isinstance(value, dict) and "schema" not in value and isinstance(value.get(key), dict):
            value = value[key]
    if not isinstance(value, dict) or "schema" not in value:
        raise DC1ConfigError("the %s snapshot is not dc1_facts (a dict with a 'schema' key, as digicert.one.dc1_facts "
                             "returns it or its dest option writes it), got %s" % (what, _kind(value)))
    return value


def _kind(value):
    if isinstance(value, dict):
        return "a dict with keys %s" % ", ".join(sorted(value)[:8]) if value else "an empty dict"
    return "a %s" % type(value).__name__


def meta(facts):
    """What a report says about a snapshot: never its objects."""
    return dict((k, facts.get(k)) for k in META if k in facts)


def _accounts(ids):
    return "every account" if not ids else "%d account(s)" % len(ids)


def _check_same_tenant(before, after):
    for key, what in (("schema", "schema versions"), ("base_url", "tenants")):
        if before.get(key) != after.get(key):
            raise DC1ConfigError("the snapshots are of different %s (before: %s, after: %s): they cannot be compared"
                                 % (what, before.get(key), after.get(key)))
    if before.get("schema") not in SCHEMAS:
        raise DC1ConfigError("the snapshots have schema %s; this collection compares schema %s: gather both again"
                             % (before.get("schema"), ", ".join("%s" % s for s in SCHEMAS)))


def account_scope(before, after, strict):
    """``(scope, warning)``: None when both cover the same accounts, else the account ids both cover."""
    b = set(before.get("account_ids") or [])
    a = set(after.get("account_ids") or [])
    if a == b:
        return None, None
    scope = (b & a) if (b and a) else (a or b)
    said = "the snapshots cover different accounts (before: %s, after: %s)" % (_accounts(b), _accounts(a))
    if not scope:
        raise DC1ConfigError("%s with none in common: nothing can be compared" % said)
    if strict:
        raise DC1ConfigError("%s; strict refuses them (without strict, the %d account(s) both cover are compared)"
                             % (said, len(scope)))
    return scope, "%s: only the %d account(s) both cover are compared" % (said, len(scope))


def _unavailable(facts, resource, side):
    """``(reason, asked)`` when ``resource`` is unavailable on ``side``; ``asked`` is False when it was never
    requested (no HTTP status: not requested, or gathered before the resource existed), which is no warning."""
    problem = (facts.get("unavailable") or {}).get(resource)
    if problem is None:
        return None, False
    reason = problem.get("reason") if isinstance(problem, dict) else problem
    if isinstance(problem, dict) and problem.get("partial"):
        reason = "%s; partial" % reason
    asked = not isinstance(problem, dict) or problem.get("status") is not None
    return "unavailable in the %s snapshot (%s)" % (side, reason), asked


def plan(before, after, strict=False):
    """``{resources, not_compared, scope, warnings}``: what to compare, why the rest is not, what to warn about."""
    _check_same_tenant(before, after)
    scope, warning = account_scope(before, after, strict)
    warnings = [warning] if warning else []
    names_b, names_a = resource_names(before), resource_names(after)
    only = [(r, "before") for r in names_b if r not in names_a] + [(r, "after") for r in names_a if r not in names_b]
    if only and strict:
        raise DC1ConfigError("the snapshots hold different resources (%s); strict refuses them" % ", ".join(
            "%s only %s" % pair for pair in only))
    not_compared = dict((r, "only in the %s snapshot" % side) for r, side in only)
    warnings += ["%s not compared: %s" % (r, why) for r, why in sorted(not_compared.items())]
    resources = []
    for resource in [r for r in names_a if r in names_b]:
        reason, asked = _unavailable(before, resource, "before")
        if not reason:
            reason, asked = _unavailable(after, resource, "after")
        if reason:
            not_compared[resource] = reason
            warnings += ["%s not compared: %s" % (resource, reason)] if asked else []
        else:
            resources.append(resource)
    if before.get("collected_at") and before.get("collected_at") == after.get("collected_at"):
        warnings.append("both snapshots were collected at %s: the after snapshot is not a new gathering (cached "
                        "facts reused?), so no drift can show" % after.get("collected_at"))
    elif "%s" % before.get("collected_at") > "%s" % after.get("collected_at"):
        warnings.append("the before snapshot (%s) was collected after the after snapshot (%s): are they swapped?"
                        % (before.get("collected_at"), after.get("collected_at")))
    return {"resources": resources, "not_compared": not_compared, "scope": scope, "warnings": warnings}
