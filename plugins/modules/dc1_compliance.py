#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dc1_compliance
short_description: Evaluate DigiCert ONE compliance checks over dc1_facts and write reports
version_added: 0.1.0
description:
  - Evaluates the digicert.one compliance catalogue (C(DC1-TOKEN-001) ... C(DC1-AUDIT-001), see the collection's
    C(docs/compliance.md)) over O(facts), in Python on the controller, and sets the fact C(dc1_compliance).
  - Writes C(compliance.json), C(compliance.junit.xml), C(compliance.md) and C(compliance.html) to O(report_dir).
  - A check whose input the credential could not read (HTTP 403) or the tenant does not serve (404), as listed in
    C(dc1_facts.unavailable), is reported as not evaluated, never as passed.
  - This is an action plugin. It runs on the controller and sends nothing to the API.
author:
  - digicert.one maintainers (@digicert-one)
options:
  facts:
    description:
      - The facts to evaluate, as set by M(digicert.one.dc1_facts) or the C(digicert.one.facts) role.
      - Defaults to the variable C(dc1_facts).
    type: dict
  disabled:
    description: IDs of checks not to run, for example V(DC1-USER-001). They are reported as disabled.
    type: list
    elements: str
    default: []
  severities:
    description: Check ID to severity (V(info), V(low), V(medium), V(high) or V(critical)), overriding the catalogue.
    type: dict
    default: {}
  thresholds:
    description:
      - Check ID to a non-negative number (days, managers, administrators or failures, as the check defines),
        overriding the catalogue default. Only checks that have a threshold accept one.
    type: dict
    default: {}
  exceptions:
    description: Check ID to a list of object IDs (users, tokens, certificates, accounts) that check must not flag.
    type: dict
    default: {}
  report_dir:
    description: Directory for the reports, created when missing. Without it no report is written.
    type: path
  fail_on:
    description:
      - Fail the task when a finding of this severity or higher exists, after the reports are written.
      - V(none) never fails on findings.
    type: str
    default: none
    choices: [none, info, low, medium, high, critical]
  formats:
    description: Reports to write.
    type: list
    elements: str
    default: [json, junit, markdown, html]
    choices: [json, junit, markdown, html]
extends_documentation_fragment:
  - action_common_attributes
  - action_common_attributes.flow
attributes:
  action:
    support: full
  async:
    support: none
  bypass_host_loop:
    support: none
  check_mode:
    support: full
    details: In check mode no report is written; C(changed) says whether a report would change.
  diff_mode:
    support: none
  platform:
    platforms: all
  action_group:
    description: Use C(group/digicert.one.dc1) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - digicert.one.dc1
notes:
  - The connection options of the group C(digicert.one.dc1) (O(ignore:base_url), O(ignore:api_key), ...) are accepted
    and ignored, so C(module_defaults) for the group do not break this task.
  - Checks measure time from C(dc1_facts.collected_at), so a report is reproducible from the same facts.
seealso:
  - module: digicert.one.dc1_facts
"""

EXAMPLES = r"""
- name: Gate a pipeline on high findings
  digicert.one.dc1_compliance:
    report_dir: "{{ playbook_dir }}/reports"
    fail_on: high
    thresholds:
      DC1-TOKEN-001: 45
    exceptions:
      DC1-SVC-001:
        - 783a6a45-b74b-4635-bb4b-69855910ccd3
    disabled:
      - DC1-USER-002

- name: Findings only, no files
  digicert.one.dc1_compliance:
    facts: "{{ dc1_facts }}"
  register: compliance
"""

RETURN = r"""
counts:
  description: Findings per severity, and C(total).
  returned: always
  type: dict
  sample: {critical: 1, high: 8, medium: 6, low: 2, info: 0, total: 17}
passed:
  description: True only when every enabled check was evaluated and none found anything.
  returned: always
  type: bool
not_evaluated:
  description: IDs of checks that could not run because their input is unavailable.
  returned: always
  type: list
  elements: str
reports:
  description: Report format to path, when O(report_dir) is set.
  returned: always
  type: dict
  sample: {json: /srv/ci/reports/compliance.json}
ansible_facts:
  description: Facts set.
  returned: always
  type: complex
  contains:
    dc1_compliance:
      description:
        - The evaluation, C(compliance.json) as a fact; C(findings) (check, severity, account_id, account_name,
          object_type, object_id, object_name, message, details), C(counts), C(checks) (id, status
          passed/failed/not_evaluated/disabled, findings, reason), C(passed), C(gate), C(not_evaluated), C(suppressed).
      type: dict
      returned: always
"""

from ansible.module_utils.basic import AnsibleModule

# The options, declared here with the documentation; the action plugin validates its arguments with this spec.
ARGUMENT_SPEC = {
    "facts": {"type": "dict"},
    "disabled": {"type": "list", "elements": "str", "default": []},
    "severities": {"type": "dict", "default": {}},
    "thresholds": {"type": "dict", "default": {}},
    "exceptions": {"type": "dict", "default": {}},
    "report_dir": {"type": "path"},
    "fail_on": {"type": "str", "default": "none", "choices": ["none", "info", "low", "medium", "high", "critical"]},
    "formats": {"type": "list", "elements": "str", "default": ["json", "junit", "markdown", "html"],
                "choices": ["json", "junit", "markdown", "html"]},
}


def main():
    """Only reached when the action plugin was bypassed: say so instead of doing half the job remotely."""
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    module.fail_json(msg="digicert.one.dc1_compliance is an action plugin that runs on the controller, but it was "
                     "executed as a module; run it as a task of a play with the digicert.one collection installed on "
                     "the controller")


if __name__ == "__main__":
    main()
