# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin digicert.one.dc1_compliance: evaluate dc1_facts on the controller and write reports.

An action plugin, not a module, because the input (dc1_facts, possibly 10,000 users, or the facts of every
account host of the play) is already in the controller's memory and the reports belong on the controller:
shipping both to a module process would only cost time.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

from ansible_collections.digicert.one.plugins.module_utils._connection import CONNECTION_OPTIONS
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1Error
from ansible_collections.digicert.one.plugins.plugin_utils._action import finish, task_args
from ansible_collections.digicert.one.plugins.modules.dc1_compliance import ARGUMENT_SPEC as COMPLIANCE_SPEC
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.catalogue import SEVERITIES
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.engine import evaluate
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.gate import failing_hosts, gate_line
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.merge import merge_facts
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.options import validate_options
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.reports import write_reports
from ansible_collections.digicert.one.plugins.plugin_utils._drift.report import load_report

NAME = "digicert.one.dc1_compliance"
ARGUMENT_SPEC = dict(COMPLIANCE_SPEC)
# Accepted and ignored, so that module_defaults for group/digicert.one.dc1 (base_url, api_key, ...) apply cleanly.
for _name, _opt in CONNECTION_OPTIONS.items():
    ARGUMENT_SPEC[_name] = dict((k, v) for k, v in _opt.items() if k in ("type", "no_log", "aliases"))
_OPTIONS = ("disabled", "severities", "thresholds", "exceptions", "fail_on", "absent_as_unset", "public_issuers",
            "approved_issuers")


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super(ActionModule, self).run(tmp, task_vars)
        args, secrets, _warnings = task_args(self, ARGUMENT_SPEC, NAME)
        options = dict((k, args[k]) for k in _OPTIONS)
        try:
            validate_options(options)  # before the facts are even looked at
            if args["validate_only"]:
                return dict(result, changed=False, msg="compliance options are valid")
            if args["host_gate"] is not None:
                return finish(self._host_gate(result, args, options, task_vars), secrets, NAME)
            drift = load_report(args["drift"]) if args["drift"] else None
            facts, host_accounts = self._facts(args, task_vars)
            outcome = evaluate(facts, options)
        except DC1Error as exc:
            raise AnsibleActionFail("%s" % exc)
        gate = outcome["gate"]
        if gate["failed"]:
            names = dict((a["id"], a["name"]) for a in outcome["accounts"])
            gate["hosts"] = failing_hosts(outcome["findings"], gate["fail_on"], host_accounts, names, outcome["checks"])
        # The drift goes to the reports only: the fact dc1_compliance stays the evaluation.
        reports = self._reports(args, dict(outcome, drift=drift) if drift else outcome, facts)
        return finish(self._result(result, outcome, reports, args["defer_gate"]), secrets, NAME)

    def _host_gate(self, result, args, options, task_vars):
        """One host's part of a deferred gate: its own evaluation (``evaluate``), then its failure when the gate
        names it, with its own line (the gate's line is printed once, by the run that wrote the reports)."""
        mine = (args["host_gate"].get("hosts") or {}).get(task_vars.get("inventory_hostname") or "localhost")
        if mine:
            # A failed task sets no fact: the host's evaluation is in the reports, and the failure stays one line.
            return dict(result, failed=True, changed=False, msg=mine["msg"])
        if args["evaluate"]:
            facts, _hosts = self._facts(args, task_vars)
            result["ansible_facts"] = {"dc1_compliance": evaluate(facts, options)}
        return dict(result, changed=False, msg="the gate does not fail this host")

    def _facts(self, args, task_vars):
        """``(facts, {host: account ids})``: ``facts``, or the facts of the play's account hosts (``hosts``), or this
        host's dc1_facts; the accounts each host gathered (none: the whole tenant) tell where the gate fails."""
        if args["hosts"] and args["facts"] is None:
            hostvars = task_vars.get("hostvars") or {}
            named = [(host, ((hostvars.get(host) or {}).get("ansible_facts") or {}).get("dc1_facts"))
                     for host in args["hosts"]]
            named = [(h, self._templar.template(f)) for h, f in named if f is not None]
            facts = merge_facts(named)
            return facts, dict((h, set(f.get("account_ids") or [])) for h, f in named if isinstance(f, dict))
        if args["facts"] is not None:
            facts = args["facts"]
        else:
            # The fact itself (ansible_facts.dc1_facts) first: reading it as a top-level variable is
            # deprecated in ansible-core 2.21. A plain dc1_facts variable (e.g. -e @facts.json) also works.
            facts = (task_vars.get("ansible_facts") or {}).get("dc1_facts")
            if facts is None:
                facts = task_vars.get("dc1_facts")
            if facts is None:
                raise AnsibleActionFail("no facts: set the facts option or the dc1_facts variable "
                                        "(digicert.one.dc1_facts or the digicert.one.facts role sets it)")
            facts = self._templar.template(facts)
        if not isinstance(facts, dict):
            raise AnsibleActionFail("facts must be a dict (dc1_facts), got %s" % type(facts).__name__)
        return facts, {task_vars.get("inventory_hostname") or "localhost": set(facts.get("account_ids") or [])}

    def _reports(self, args, outcome, facts):
        if not args["report_dir"]:
            return {"paths": {}, "changed": []}
        # Relative to the directory ansible-playbook runs in (the process's working directory, not $PWD).
        report_dir = os.path.abspath(os.path.expanduser(args["report_dir"]))
        try:
            return write_reports(outcome, facts, report_dir, args["formats"], check_mode=self._task.check_mode)
        except (IOError, OSError) as exc:
            raise AnsibleActionFail("cannot write the compliance reports to %s: %s" % (report_dir, exc))

    def _result(self, result, outcome, reports, defer_gate):
        counts, gate = outcome["counts"], outcome["gate"]
        if reports["paths"]:
            where = "; reports: %s" % ", ".join(sorted(reports["paths"].values()))
        elif reports["changed"]:
            where = "; check mode: %d report(s) not written" % len(reports["changed"])
        else:
            where = ""
        summary = "%d finding(s): %s; %d check(s) not evaluated; %d object(s) unknown%s" % (
            counts["total"], ", ".join("%d %s" % (counts[s], s) for s in reversed(SEVERITIES) if counts[s]) or "none",
            len(outcome["not_evaluated"]), counts["unknown"], where)
        if gate["failed"]:
            summary = gate_line(gate, summary)
            if not defer_gate:
                # One line for the pipeline log: the whole evaluation is in the reports, not in the failure.
                return dict(result, failed=True, changed=bool(reports["changed"]), gate=gate, msg=summary)
        outcome["reports"] = reports["paths"]
        return dict(result, changed=bool(reports["changed"]), ansible_facts={"dc1_compliance": outcome}, counts=counts,
                    passed=outcome["passed"], not_evaluated=outcome["not_evaluated"], reports=reports["paths"],
                    gate=gate, msg=summary)
