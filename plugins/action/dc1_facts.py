# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin digicert.one.dc1_facts: gather in the controller's process when the task runs there.

Why: a whole tenant is tens of MB. As a module, the result is gathered in a
module process, masked for no_log values (AnsibleModule walks and copies all
of it), serialised to JSON, read back by the worker and decoded again; run
here, the worker gathers it directly (docs/performance.md has the numbers).
A task on any other connection, an ``async`` task, or a controller Python
without requests still runs the dc1_facts module as before.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

from ansible_collections.digicert.one.plugins.module_utils._http.client import HAS_REQUESTS
from ansible_collections.digicert.one.plugins.module_utils._connection import (
    CONNECTION_OPTIONS,
    connection_settings,
)
from ansible_collections.digicert.one.plugins.module_utils._facts.gatherer import OPTIONS, facts_result
from ansible_collections.digicert.one.plugins.module_utils._module_template import argument_spec, call
from ansible_collections.digicert.one.plugins.plugin_utils._unreachable import as_unreachable

SPEC = argument_spec(OPTIONS)
MODULE = "digicert.one.dc1_facts"
# Above this many gathered objects the result is not echoed to callbacks (-v output, AAP job events):
# ansible-core converts every result it shows, which costs seconds on a large tenant (docs/performance.md,
# "Where the time goes"), and nobody reads tens of MB in a terminal. The fact and dest are complete either way.
CALLBACK_ITEM_LIMIT = 5000

display = Display()


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _supports_check_mode = True
    _supports_async = True  # by running the module, as ansible.builtin.normal does

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        wrap_async = self._task.async_val
        if wrap_async or not (HAS_REQUESTS and getattr(self._connection, "transport", None) == "local"):
            result.update(self._execute_module(module_name=MODULE, task_vars=task_vars, wrap_async=wrap_async))
            if not wrap_async:
                self._remove_tmp_path(self._connection._shell.tmpdir)
            return as_unreachable(result)
        validated = ArgumentSpecValidator(SPEC).validate(self._with_task_environment(dict(self._task.args)))
        if validated.error_messages:
            raise AnsibleActionFail("%s: %s" % (MODULE, validated.error_messages[0]))
        params, secrets = validated.validated_parameters, validated._no_log_values
        warnings = ["Both option %s and its alias %s are set." % (w["option"], w["alias"]) for w in validated._warnings]
        tenant = _tenant(task_vars or {}, params.get("tenant_only"))
        result.update(call(connection_settings(params.get),
                           lambda client: facts_result(params, client, warn=warnings.append,
                                                       check_mode=self._task.check_mode, tenant=tenant),
                           warnings.append, display.vvvv))
        if warnings:
            result["warnings"] = warnings
        # Could not check (DigiCert ONE not reached, the credential refused): the host is unreachable (exit code 4),
        # which a pipeline tells apart from a failed task such as the compliance gate (exit code 2).
        result = _masked(as_unreachable(result), secrets)
        gathered = sum(result.get("counts", {}).values())
        if gathered > CALLBACK_ITEM_LIMIT:
            display.v("%s: %d objects gathered; the result is not shown to callbacks above %d objects: read "
                      "ansible_facts.dc1_facts or the dest file" % (MODULE, gathered, CALLBACK_ITEM_LIMIT))
            result["_ansible_no_log"] = True
        return result

    def _with_task_environment(self, args):
        """Connection options not given as arguments may come from the task's ``environment:`` keyword,
        as they would for the module; the controller's environment applies through the spec's fallbacks."""
        env = {}
        self._compute_environment_string(raw_environment_out=env)  # ansible-core's own merge of the keyword
        for name, option in CONNECTION_OPTIONS.items():
            if args.get(name) is None and env.get(option["env"]) is not None:
                args[name] = env[option["env"]]
        return args


def _tenant(task_vars, tenant_only=False):
    """What the play read and learned before this host's gathering.

    The play's tenant-wide read (``dc1_tenant``, read once with tenant_only and run_once: localhost's fact, where the
    facts role delegates it, else the host's own), the host's own account object as the ``digicert.one.dc1``
    inventory set it (``dc1_account``), and the inventory's lessons on paging (``dc1_knowledge``). The tenant-wide
    read itself starts from the inventory's lessons only: a ``dc1_tenant`` of an earlier run (a fact cache) holds
    answers that are not this run's.
    """
    tenant = None
    if not tenant_only and task_vars.get("inventory_hostname") != "localhost":
        # Only an account host looks there: on localhost these are the facts just read, which may be a whole
        # tenant's dc1_facts, and hostvars would template them once more for nothing.
        localhost = (task_vars.get("hostvars") or {}).get("localhost") or {}
        tenant = (localhost.get("ansible_facts") or {}).get("dc1_tenant")
    if not tenant and not tenant_only:
        tenant = (task_vars.get("ansible_facts") or {}).get("dc1_tenant")
    tenant = dict(tenant or {})
    if not tenant.get("knowledge") and isinstance(task_vars.get("dc1_knowledge"), dict):
        tenant["knowledge"] = task_vars["dc1_knowledge"]  # the inventory's lessons
    account = task_vars.get("dc1_account")
    if "accounts" not in tenant and isinstance(account, dict) and account.get("id"):
        tenant["accounts"] = [account]
    # Plain data again: inventory values carry ansible-core's origin tags, which would follow them into the facts
    # (and the fact cache). These lists are small: one account, the roles, the lessons.
    return json.loads(json.dumps(tenant, default=str)) if tenant else None


def _masked(result, secrets):
    """The result with no_log values masked, like AnsibleModule does, but only walked when one occurs.

    Masking walks and copies the whole result; one JSON dump, far cheaper (docs/performance.md, "Where the time
    goes"), tells whether any is there.
    """
    secrets = [s for s in secrets if s]
    if not secrets:
        return result
    text = json.dumps(result, default=str)
    if any(s in text for s in secrets):
        return remove_values(result, set(secrets))
    return result
