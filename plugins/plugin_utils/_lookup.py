# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the ``digicert.one.dc1`` lookup does, without Ansible's plugin machinery.

A lookup gets terms and free keyword arguments. ``split_kwargs`` separates the
connection options (from the one table) from the filters; ``plan`` checks every
term and filter against the same specs the ``_info`` modules use, for every
term, so a typo fails before the first request; ``run_plan`` reads through
``endpoints.read`` / ``credentials.read_owned`` / ``certificates.read``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.digicert.one.plugins.module_utils._lifecycle import certificates
from ansible_collections.digicert.one.plugins.module_utils import _validation as validation
from ansible_collections.digicert.one.plugins.module_utils._connection import CONNECTION_OPTIONS
from ansible_collections.digicert.one.plugins.module_utils._dates import REFERENCE_TIME_SPEC, reference_instant
from ansible_collections.digicert.one.plugins.module_utils._listing.credentials import read_owned
from ansible_collections.digicert.one.plugins.module_utils._listing.endpoints import ENDPOINTS, check_options, endpoint_argument_spec, read
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError

# Resource names, as the modules are named (dc1_<resource>_info). Kept strict: no plurals, no dashes.
RESOURCES = ("user", "account", "organization", "role", "audit_log", "api_token", "client_certificate",
             "certificate")
OWNED = ("api_token", "client_certificate")


def connection_names():
    """Every keyword that is a connection option, aliases included."""
    names = set(CONNECTION_OPTIONS)
    for opt in CONNECTION_OPTIONS.values():
        names.update(opt.get("aliases") or [])
    return names


def split_kwargs(kwargs):
    """``(connection options, filters)`` from the lookup's keyword arguments."""
    names = connection_names()
    direct = dict((k, v) for k, v in kwargs.items() if k in names)
    filters = dict((k, v) for k, v in kwargs.items() if k not in names)
    return direct, filters


def filter_spec(resource):
    """The filters a resource accepts: the module's options minus the connection ones."""
    if resource in OWNED:
        return dict({"user_id": {"type": "str"}}, **REFERENCE_TIME_SPEC)
    if resource == certificates.ENDPOINT:
        return certificates.argument_spec()
    return endpoint_argument_spec(resource)


def all_filters():
    """``{filter: [resources]}``, for documentation and its drift test."""
    table = {}
    for resource in RESOURCES:
        for name in filter_spec(resource):
            table.setdefault(name, []).append(resource)
    return table


def plan(terms, filters):
    """``[(resource, options)]`` with every term and filter checked; raises DC1ConfigError."""
    if not terms:
        raise DC1ConfigError("name at least one resource: %s" % ", ".join(RESOURCES))
    steps = []
    for term in terms:
        if not isinstance(term, str) or term not in RESOURCES:
            raise DC1ConfigError("unknown resource %r: use one of %s" % (term, ", ".join(RESOURCES)))
        steps.append((term, _check(term, filters)))
    return steps


def _check(resource, filters):
    spec = filter_spec(resource)
    known = set(spec)
    for opt in spec.values():
        known.update(opt.get("aliases") or [])
    unknown = sorted(set(filters) - known)
    if unknown:
        raise DC1ConfigError("%s does not take %s %s; its filters are %s (a filter applies to every term)" % (
            resource, "filter" if len(unknown) == 1 else "filters", ", ".join(unknown), ", ".join(sorted(spec))))
    result = ArgumentSpecValidator(spec).validate(dict(filters))
    if result.error_messages:
        raise DC1ConfigError("%s: %s" % (resource, "; ".join(result.error_messages)))
    options = result.validated_parameters
    if resource in OWNED:
        if options.get("user_id") is not None:
            options["user_id"] = validation.check_uuid("user_id", options["user_id"], allow_me=True)
        options["reference_time"] = reference_instant(options.get("reference_time"))
        return options
    if resource == certificates.ENDPOINT:
        options["reference_time"] = certificates.plan(options).now
        return options
    # The checks endpoints.read makes, made here for every term before any term is read.
    try:
        check_options(ENDPOINTS[resource], options)
    except DC1ConfigError as exc:
        raise DC1ConfigError("%s: %s" % (resource, exc))
    return options


def run_plan(client, steps, debug=None, warn=None):
    """The objects of every step, concatenated in term order; ``warn`` names malformed certificates."""
    items = []
    for resource, options in steps:
        if resource in OWNED:
            found = read_owned(client, resource, options.get("user_id"), options["reference_time"])
        elif resource == certificates.ENDPOINT:
            result = certificates.read(client, options, warn=warn, parse=True)  # with x509, as the module
            found = result["certificates"]
            if result["truncated"] and debug:
                debug("digicert.one.dc1: certificate cut to max_results=%s" % options.get("max_results"))
        else:
            result = read(client, resource, options)
            found = result[ENDPOINTS[resource].result_key]
            if result.get("truncated") and debug:
                debug("digicert.one.dc1: %s cut to max_results=%s" % (resource, options.get("max_results")))
        items.extend(found)
    return items
