# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin digicert.one.dc1_facts: gather in the controller's process when the task runs there.

Why: a whole tenant is tens of MB. As a module, the result is gathered in a
module process, masked for no_log values (AnsibleModule walks and copies all
of it), serialised to JSON, read back by the worker and decoded again; run
here, the worker gathers it directly (docs/performance.md has the numbers).
A task on any other connection, an ``async`` task, or a controller Python
without requests runs the dc1_facts module instead.

Both paths behave alike: each reuses what the play read before (``tenant``: handed to the module as an argument),
and each result goes through the same ``_action.finish`` (unreachable when nothing could be checked, no_log values
masked, a large result not shown to callbacks).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible import context
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

from ansible_collections.digicert.one.plugins.module_utils._http.client import HAS_REQUESTS
from ansible_collections.digicert.one.plugins.module_utils._connection import (
    CONNECTION_OPTIONS,
    connection_settings,
)
from ansible_collections.digicert.one.plugins.module_utils._facts.gatherer import OPTIONS, facts_result
from ansible_collections.digicert.one.plugins.module_utils._lifecycle import workers
from ansible_collections.digicert.one.plugins.module_utils._module_template import argument_spec, call
from ansible_collections.digicert.one.plugins.plugin_utils import _inventory as inventory_data
from ansible_collections.digicert.one.plugins.plugin_utils._action import finish, task_args

SPEC = argument_spec(OPTIONS)
MODULE = "digicert.one.dc1_facts"

display = Display()


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _supports_check_mode = True
    _supports_async = True  # by running the module, as ansible.builtin.normal does

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        task_vars = task_vars or {}
        wrap_async = self._task.async_val
        tenant = _tenant(task_vars, self._task.args.get("tenant_only"))
        if self._task.args.get("certificate_workers") is None:
            self._task.args = dict(self._task.args, certificate_workers=_free_workers(task_vars))
        if wrap_async or not (HAS_REQUESTS and getattr(self._connection, "transport", None) == "local"):
            args = dict(self._task.args, tenant=tenant) if tenant else self._task.args
            result.update(self._execute_module(module_name=MODULE, module_args=args, task_vars=task_vars,
                                               wrap_async=wrap_async))
            if not wrap_async:
                self._remove_tmp_path(self._connection._shell.tmpdir)
            return finish(result, name=MODULE)  # the module masked its own no_log values
        self._task.args = self._with_task_environment(dict(self._task.args))
        params, secrets, warnings = task_args(self, SPEC, MODULE)
        result.update(call(connection_settings(params.get),
                           lambda client: facts_result(params, client, warn=warnings.append,
                                                       check_mode=self._task.check_mode,
                                                       tenant=params.get("tenant") or tenant),
                           warnings.append, display.vvvv))
        if warnings:
            result["warnings"] = warnings
        return finish(result, secrets, MODULE)

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
    inventory set it (``dc1_account``), and what the inventory's reads of this run learned of paging (in this
    process: ``_inventory.learned``). The tenant-wide read itself starts from the inventory's lessons only: a
    ``dc1_tenant`` of an earlier run (a fact cache) holds answers that are not this run's.
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
    if not tenant.get("knowledge") and inventory_data.learned():
        tenant["knowledge"] = inventory_data.learned()  # the inventory's lessons
    account = task_vars.get("dc1_account")
    if "accounts" not in tenant and isinstance(account, dict) and account.get("id"):
        tenant["accounts"] = [account]
    # Plain data again: inventory values carry ansible-core's origin tags, which would follow them into the facts
    # (and the fact cache). These lists are small: one account, the roles, the lessons.
    return json.loads(json.dumps(tenant, default=str)) if tenant else None


def _free_workers(task_vars):
    """Certificate workers for this host (workers.py): one per CPU, less one for each other host of the play
    gathering at once (up to the forks, each in a process of its own). On localhost, one host: one per CPU."""
    at_once = min(len(task_vars.get("ansible_play_batch") or [None]), context.CLIARGS.get("forks") or 1)
    return workers.default_count(busy=at_once)
