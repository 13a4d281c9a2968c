# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin digicert.one.dc1_compliance: evaluate dc1_facts on the controller and write reports.

An action plugin, not a module, because the input (dc1_facts, possibly 10,000
users) is already in the controller's memory and the reports belong on the
controller: shipping both to a module process would only cost time.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

from ansible_collections.digicert.one.plugins.modules.dc1_compliance import ARGUMENT_SPEC as COMPLIANCE_SPEC
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.catalogue import SEVERITIES, evaluate
from ansible_collections.digicert.one.plugins.module_utils._connection import CONNECTION_OPTIONS
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1Error
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.reports import write_reports

ARGUMENT_SPEC = dict(COMPLIANCE_SPEC)
# Accepted and ignored, so that module_defaults for group/digicert.one.dc1 (base_url, api_key, ...) apply cleanly.
for _name, _opt in CONNECTION_OPTIONS.items():
    ARGUMENT_SPEC[_name] = dict((k, v) for k, v in _opt.items() if k in ("type", "no_log", "aliases"))


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super(ActionModule, self).run(tmp, task_vars)
        _unused, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        facts = args["facts"]
        if facts is None:
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
        options = dict((k, args[k]) for k in ("disabled", "severities", "thresholds", "exceptions", "fail_on"))
        try:
            outcome = evaluate(facts, options)
        except DC1Error as exc:
            raise AnsibleActionFail("%s" % exc)
        reports = {"paths": {}, "changed": []}
        if args["report_dir"]:
            report_dir = os.path.abspath(os.path.expanduser(args["report_dir"]))
            try:
                reports = write_reports(outcome, facts, report_dir, args["formats"], check_mode=self._task.check_mode)
            except (IOError, OSError) as exc:
                raise AnsibleActionFail("cannot write the compliance reports to %s: %s" % (report_dir, exc))
        outcome["reports"] = reports["paths"]
        counts, gate = outcome["counts"], outcome["gate"]
        summary = "%d finding(s): %s; %d check(s) not evaluated%s" % (
            counts["total"], ", ".join("%d %s" % (counts[s], s) for s in reversed(SEVERITIES) if counts[s]) or "none",
            len(outcome["not_evaluated"]),
            "; reports: %s" % ", ".join(sorted(reports["paths"].values())) if reports["paths"] else "")
        result.update(changed=bool(reports["changed"]), ansible_facts={"dc1_compliance": outcome},
                      counts=counts, passed=outcome["passed"], not_evaluated=outcome["not_evaluated"],
                      reports=reports["paths"], msg=summary)
        if gate["failed"]:
            result["failed"] = True
            result["msg"] = "compliance gate fail_on=%s: %d finding(s) at or above %s. %s" % (
                gate["fail_on"], gate["findings"], gate["fail_on"], summary)
        return result
