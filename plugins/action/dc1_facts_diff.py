# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin digicert.one.dc1_facts_diff: what changed between two dc1_facts snapshots, and a gate on it.

An action plugin, like dc1_compliance: both snapshots are already in the controller's memory (or in a file
on the controller), and the reports belong there. The comparison itself is pure (plugin_utils/_drift).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

from ansible_collections.digicert.one.plugins.module_utils._connection import CONNECTION_OPTIONS
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1Error
from ansible_collections.digicert.one.plugins.plugin_utils._action import finish, task_args
from ansible_collections.digicert.one.plugins.module_utils._facts.gatherer import write_facts_file
from ansible_collections.digicert.one.plugins.modules.dc1_facts_diff import ARGUMENT_SPEC as DIFF_SPEC
from ansible_collections.digicert.one.plugins.modules.dc1_facts_diff import BEFORE_VAR
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.merge import merge_facts
from ansible_collections.digicert.one.plugins.plugin_utils._drift import engine
from ansible_collections.digicert.one.plugins.plugin_utils._drift.compare import account_names
from ansible_collections.digicert.one.plugins.plugin_utils._drift.gate import failing_hosts
from ansible_collections.digicert.one.plugins.plugin_utils._drift.output import ansible_diff, write_reports
from ansible_collections.digicert.one.plugins.plugin_utils._drift.snapshots import load, unwrap

NAME = "digicert.one.dc1_facts_diff"
ARGUMENT_SPEC = dict(DIFF_SPEC)
# Accepted and ignored, so that module_defaults for group/digicert.one.dc1 (base_url, api_key, ...) apply cleanly.
for _name, _opt in CONNECTION_OPTIONS.items():
    ARGUMENT_SPEC[_name] = dict((k, v) for k, v in _opt.items() if k in ("type", "no_log", "aliases"))
# What a failed gate still returns: the failure is one line, the reports hold the objects.
_GATE_KEYS = ("counts", "gate", "reports", "not_compared", "snapshots")

display = Display()


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super(ActionModule, self).run(tmp, task_vars)
        args, secrets, _warnings = task_args(self, ARGUMENT_SPEC, NAME)
        try:
            fail_on = engine.fail_on_values(args["fail_on"])  # before the snapshots are even looked at
            engine.ignored_fields(args["ignore_fields"])
            if args["validate_only"]:
                return dict(result, changed=False, msg="drift options are valid")
            report, after, host_accounts = self._compare(args, task_vars)
        except DC1Error as exc:
            raise AnsibleActionFail("%s" % exc)
        report["gate"] = engine.gate(report, fail_on)
        if report["gate"]["failed"]:
            report["gate"]["hosts"] = failing_hosts(report, report["gate"], host_accounts, account_names(after))
        reports = self._write(args, report, after)
        return finish(self._result(result, report, reports, args["defer_gate"]), secrets, NAME)

    # -- the snapshots ------------------------------------------------------------------------------------
    def _compare(self, args, task_vars):
        """``(report, after facts, {host: account ids})``: with ``hosts``, each host's before and after merged into
        one of each; the accounts each host gathered (none: the whole tenant) tell where the gate fails."""
        if args["hosts"]:
            return self._compare_hosts(args, task_vars)
        after = self._after(args, task_vars)
        hosts = {task_vars.get("inventory_hostname") or "localhost": set(after.get("account_ids") or [])}
        before = args["before"] if args["before"] is not None else self._var(task_vars.get(BEFORE_VAR))
        before, problem = load(before, "before")
        if before is None:
            return engine.no_baseline(after, problem + self._hint(args)), after, hosts
        return engine.compare(before, after, args["ignore_fields"], args["strict"]), after, hosts

    def _compare_hosts(self, args, task_vars):
        """Every host's after merged; the before of each host (its variable) merged, or the one given."""
        hostvars = task_vars.get("hostvars") or {}
        given = args["before"] is not None
        shared, problem = load(args["before"], "before") if given else (None, None)
        afters, befores, missing = [], [], {}
        for host in args["hosts"]:
            variables = hostvars.get(host) or {}
            after = self._var((variables.get("ansible_facts") or {}).get("dc1_facts"))
            if after is None:
                missing[host] = "no dc1_facts: gather them first (the digicert.one.facts role)"
                continue
            afters.append((host, unwrap(after, "after")))
            before = None if given else self._var(variables.get(BEFORE_VAR))
            if before:
                befores.append((host, unwrap(before, "before")))
            elif not given:
                missing[host] = "no previous snapshot: no cached dc1_facts"
        if not afters:
            raise AnsibleActionFail("no host of %s has dc1_facts: gather them first" % ", ".join(args["hosts"]))
        every = merge_facts(afters)
        if given:
            report = (engine.compare(shared, every, args["ignore_fields"], args["strict"]) if shared is not None
                      else engine.no_baseline(every, problem))
        elif befores:
            compared = set(h for h, _b in befores)
            after = merge_facts([(h, a) for h, a in afters if h in compared])
            report = engine.compare(merge_facts(befores), after, args["ignore_fields"], args["strict"])
        else:
            report = engine.no_baseline(every, "no previous snapshot on any host" + self._hint(args))
        host_accounts = dict((h, set(a.get("account_ids") or [])) for h, a in afters)
        host_accounts.update((h, None) for h in missing if h not in host_accounts)  # accounts unknown
        return engine.with_hosts_not_compared(report, missing), every, host_accounts

    def _after(self, args, task_vars):
        facts = args["after"]
        if facts is None:
            # The fact itself first (reading it as a top-level variable is deprecated in ansible-core 2.21).
            facts = self._var((task_vars.get("ansible_facts") or {}).get("dc1_facts"))
            facts = facts if facts is not None else self._var(task_vars.get("dc1_facts"))
        if facts is None:
            raise AnsibleActionFail("no after snapshot: set the after option, or gather dc1_facts first "
                                    "(digicert.one.dc1_facts or the digicert.one.facts role)")
        return unwrap(facts, "after")

    def _var(self, value):
        return self._templar.template(value) if value is not None else None

    @staticmethod
    def _hint(args):
        if args["before"] is not None:
            return ""
        return ("; the previous snapshot is the host's cached dc1_facts (kept in the variable %s before gathering): "
                "enable fact caching, or pass before (a dict or the path of a dc1_facts dest file)" % BEFORE_VAR)

    # -- files and the result -----------------------------------------------------------------------------
    def _write(self, args, report, after):
        check_mode = self._task.check_mode
        written = {"paths": {}, "changed": []}
        if args["report_dir"]:
            report_dir = os.path.abspath(os.path.expanduser(args["report_dir"]))
            try:
                written = write_reports(report, report_dir, args["formats"], check_mode=check_mode)
            except (IOError, OSError) as exc:
                raise AnsibleActionFail("cannot write the drift reports to %s: %s" % (report_dir, exc))
        if args["save_after"] and not check_mode:
            try:
                write_facts_file(args["save_after"], after)
            except (IOError, OSError) as exc:
                raise AnsibleActionFail("cannot save the after snapshot to %s: %s" % (args["save_after"], exc))
        return written

    def _result(self, result, report, reports, defer_gate):
        summary = engine.summary(report)
        if reports["paths"]:
            summary += "; reports: %s" % ", ".join(sorted(reports["paths"].values()))
        elif reports["changed"]:
            summary += "; check mode: %d report(s) not written" % len(reports["changed"])
        report["reports"] = reports["paths"]
        if report["warnings"]:
            result["warnings"] = report["warnings"]
        gate = report["gate"]
        if gate["failed"]:
            # One line for the pipeline log; drift.json and drift.md hold the objects.
            hosts = sorted(gate.get("hosts") or {})
            where = "; failing host(s): %s" % ", ".join(hosts) if hosts and hosts != ["localhost"] else ""
            summary = "drift gate fail_on=%s: %s%s. %s" % (",".join(gate["fail_on"]), ", ".join(
                "%d %s" % (n, k) for k, n in sorted(gate["matched"].items())), where, summary)
            if not defer_gate:
                result.update((k, report[k]) for k in _GATE_KEYS)
                return dict(result, failed=True, changed=report["changed"], msg=summary)
        result.update((k, v) for k, v in report.items() if k != "warnings")
        result["msg"] = summary
        if self._task.diff:
            result["diff"] = ansible_diff(report)
        shown = engine.displayed(report)
        if shown > engine.DISPLAY_LIMIT:
            display.v("digicert.one.dc1_facts_diff: %d objects drifted; the result is not shown to callbacks above "
                      "%d objects: read the registered result or drift.json" % (shown, engine.DISPLAY_LIMIT))
            result["_ansible_no_log"] = True
        return result
