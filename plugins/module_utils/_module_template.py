# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The template every ``dc1_*_info`` module follows.

A module declares its endpoint and its ``run(module, client)``; ``main_for``
builds the AnsibleModule from the shared tables, creates the client, and turns
``DC1Error`` into a ``fail_json`` that names method, path and status. Tests
call ``run`` directly with a real argument spec and a client of their choice.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.digicert.one.plugins.module_utils._http.client import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    DC1Client,
)
from ansible_collections.digicert.one.plugins.module_utils._connection import (
    connection_argument_spec,
    connection_settings,
)
from ansible_collections.digicert.one.plugins.module_utils._listing.endpoints import endpoint_argument_spec
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1Error


def argument_spec(extra=None, endpoint=None, list_options=True):
    """Connection options + the endpoint's filters + ``extra`` module options."""
    spec = connection_argument_spec()
    if endpoint:
        spec.update(endpoint_argument_spec(endpoint, list_options=list_options))
    spec.update(extra or {})
    return spec


def build_module(spec, **kwargs):
    return AnsibleModule(argument_spec=spec, supports_check_mode=True, **kwargs)


def new_client(settings, warn=None, debug=None):
    """The client for ``settings`` (``connection.CONNECTION_OPTIONS``); tests replace it."""
    return DC1Client(settings, warn=warn, debug=debug)


def call(settings, run, warn, debug):
    """``run(client)`` on a client built from ``settings``: its result, or a failed result that names
    method, path and status (a ``DC1Error``). Retried requests add one warning. Modules and the
    dc1_facts action plugin both go through here."""
    try:
        client = new_client(settings, warn=warn, debug=debug)
        result = run(client)
    except DC1Error as exc:
        return dict(exc.to_result(), failed=True, msg="%s" % exc)
    summary = client.retry_summary()
    if summary:
        warn(summary)
    result.setdefault("changed", False)
    return result


def execute(module, run):
    """Call ``run(module, client)`` and exit with its result or a clean failure."""
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
    result = call(connection_settings(module.params.get), lambda client: run(module, client), module.warn,
                  module.debug)
    if result.get("failed"):
        module.fail_json(**result)
    module.exit_json(**result)


def main_for(run, spec, **kwargs):
    """``main()`` of a module: build it from its ``spec`` and execute ``run``."""
    execute(build_module(spec, **kwargs), run)
