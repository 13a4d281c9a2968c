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
  - A field the API did not send is unknown, never a finding and never a pass. An object that lacks a field a
    check needs is listed as unknown in every report; a check whose every object lacks it is not evaluated, with
    the field named. O(absent_as_unset) declares fields that a tenant's API omits when they are unset.
  - On account hosts (the C(digicert.one.dc1) inventory), O(hosts) evaluates the facts of every account host of
    the play together and writes one set of reports.
  - This is an action plugin. It runs on the controller and sends nothing to the API.
author:
  - digicert.one maintainers (@digicert-one)
options:
  facts:
    description:
      - The facts to evaluate, as set by M(digicert.one.dc1_facts) or the C(digicert.one.facts) role.
      - Defaults to this host's C(ansible_facts.dc1_facts) (or the variable C(dc1_facts)).
    type: dict
  hosts:
    description:
      - Inventory hosts whose C(ansible_facts.dc1_facts) are evaluated together, such as
        V({{ ansible_play_hosts }}) on the account hosts of the C(digicert.one.dc1) inventory. Objects that
        appear on several hosts (a user of two accounts) count once. Run it with C(run_once).
      - Ignored when O(facts) is set.
    type: list
    elements: str
    default: []
  absent_as_unset:
    description:
      - Fields, as C(resource.field) (for example V(users.end_date)), that this tenant's API leaves out when they
        are unset. An object without such a field is then judged as if the field were null, so findings such as
        "service user without end date" can be raised. Only declare what you know of your tenant.
      - The fields each check reads are listed in the collection's C(docs/compliance.md).
    type: list
    elements: str
    default: []
  public_issuers:
    description:
      - Issuers (organization or common name, in any case) whose TLS certificates and profiles are publicly trusted,
        so held to the CA/Browser Forum's maximum validity for their issue date (DC1-TLM-006, DC1-PROF-001).
        Private issuers are never held to it.
    type: list
    elements: str
    default: [DigiCert Inc]
  approved_issuers:
    description:
      - Issuers (organization or common name, in any case) certificates may come from (DC1-TLM-010, NIST SP 800-53
        SC-17). Empty, DC1-TLM-010 is off.
    type: list
    elements: str
    default: []
  validate_only:
    description:
      - Only check the compliance options (IDs, severities, thresholds, exceptions, O(fail_on), O(absent_as_unset),
        the issuer lists) and return. The C(audit) playbook does this before it gathers anything, so a typo fails at once.
    type: bool
    default: false
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
      - One of V(none), V(info), V(low), V(medium), V(high), V(critical), in any case (V(HIGH) works).
      - V(none) never fails on findings. Unknown objects and checks not evaluated never fail the gate.
      - The failure is one line that names the checks with their counts (C(DC1-TOKEN-001 x3, DC1-ACCT-001 x1)); the
        reports hold the rest, and C(dc1_compliance) is not set then.
    type: str
    default: none
  defer_gate:
    description:
      - Do not fail this task when the gate fails. Return RV(gate) with its C(hosts), the hosts the gate fails,
        each with its one-line message, for a following task to fail them (see EXAMPLES). C(dc1_compliance) is set.
      - Use it with O(hosts) and C(run_once), which can fail only the host the task ran on. Over account hosts, the
        gate fails each host whose account holds a finding at or above O(fail_on) (a finding of an object that no
        account holds fails every host). The C(digicert.one.compliance) role does this, also on localhost, so that
        the gate's line is printed once, by its summary.
    type: bool
    default: false
  host_gate:
    description:
      - The RV(gate) an earlier C(dc1_compliance) task returned with O(defer_gate). This task then only fails its
        host, with the host's own one line, when that gate names it (C(gate.hosts)); otherwise, with O(evaluate),
        it evaluates the host's own C(dc1_facts) into C(dc1_compliance), without reports (a failed task sets no
        fact; a host the gate fails has its findings in the reports). One task per host does both, as the
        C(digicert.one.compliance) role's last task does.
    type: dict
  evaluate:
    description:
      - With O(host_gate), whether to evaluate the host's own facts too (an account host keeps its own
        C(dc1_compliance)); false where the report task already evaluated them (localhost).
    type: bool
    default: true
  formats:
    description: Reports to write.
    type: list
    elements: str
    default: [json, junit, markdown, html]
    choices: [json, junit, markdown, html]
  drift:
    description:
      - A drift report of M(digicert.one.dc1_facts_diff) - its registered result, or the path of the C(drift.json) it
        wrote - shown as a "Changes since ..." section of the HTML report and kept under C(drift) in the JSON report.
      - The C(digicert.one.drift) playbook passes it. It does not change the evaluation or the gate.
    type: raw
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
  - Checks measure time from C(dc1_facts.reference_time) (C(collected_at) for older facts), so a report is
    reproducible from the same facts.
  - A relative O(report_dir) is relative to the directory C(ansible-playbook) runs in.
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

- name: Check the options before gathering anything
  digicert.one.dc1_compliance:
    validate_only: true
    fail_on: HIGH
    absent_as_unset: [users.end_date]

- name: One set of reports from every account host of the play
  digicert.one.dc1_compliance:
    hosts: "{{ ansible_play_hosts }}"
    report_dir: reports
    fail_on: high
    defer_gate: true
  run_once: true
  register: compliance

- name: Evaluate each account host's own facts, and fail each whose account holds a finding at or above high
  digicert.one.dc1_compliance:
    host_gate: "{{ compliance.gate }}"
    fail_on: high
"""

RETURN = r"""
counts:
  description: Findings per severity, C(total), and C(unknown) (objects a check could not judge).
  returned: unless the gate failed (without O(defer_gate)) or O(validate_only)
  type: dict
  sample: {critical: 1, high: 8, medium: 6, low: 2, info: 0, total: 17, unknown: 0}
passed:
  description: True only when every enabled check was evaluated on every object and none found anything.
  returned: unless the gate failed (without O(defer_gate)) or O(validate_only)
  type: bool
not_evaluated:
  description: IDs of checks that could not run because their input is unavailable or was never sent.
  returned: unless the gate failed (without O(defer_gate)) or O(validate_only)
  type: list
  elements: str
gate:
  description:
    - The gate, C(fail_on), C(failed), C(findings) (how many reach it) and C(checks) (check ID to that count); when it
      failed, C(hosts), each host it fails with C(findings), C(checks) and C(msg), that host's line.
    - Over account hosts (O(hosts)) a host fails when its account holds a finding at or above O(fail_on); a host
      that gathered the whole tenant holds every finding.
  returned: unless O(validate_only)
  type: dict
  sample:
    fail_on: high
    failed: true
    findings: 4
    checks: {DC1-TOKEN-001: 3, DC1-ACCT-001: 1}
    hosts:
      acme_prod: {findings: 3, checks: {DC1-TOKEN-001: 3}, msg: "account Acme Prod holds 3 finding(s) at or above high: DC1-TOKEN-001 x3"}
reports:
  description: Report format to path of the reports written (none in check mode).
  returned: unless the gate failed (without O(defer_gate)) or O(validate_only)
  type: dict
  sample: {json: /srv/ci/reports/compliance.json}
ansible_facts:
  description: Facts set.
  returned: unless the gate failed (without O(defer_gate)) or O(validate_only)
  type: complex
  contains:
    dc1_compliance:
      description:
        - The evaluation, C(compliance.json) as a fact; C(findings) (check, severity, account_id, account_name,
          object_type, object_id, object_name, owner, message, details), C(unknown) (check, object, missing field),
          C(counts), C(checks) (id, status passed/failed/not_evaluated/disabled, findings, unknown, fields, reason),
          C(passed), C(gate), C(not_evaluated), C(suppressed), C(unused_exceptions).
      type: dict
      returned: unless the gate failed (without O(defer_gate)) or O(validate_only)
"""

from ansible.module_utils.basic import AnsibleModule

# The options, declared here with the documentation; the action plugin validates its arguments with this spec.
ARGUMENT_SPEC = {
    "facts": {"type": "dict"},
    "hosts": {"type": "list", "elements": "str", "default": []},
    "absent_as_unset": {"type": "list", "elements": "str", "default": []},
    "public_issuers": {"type": "list", "elements": "str", "default": ["DigiCert Inc"]},
    "approved_issuers": {"type": "list", "elements": "str", "default": []},
    "validate_only": {"type": "bool", "default": False},
    "disabled": {"type": "list", "elements": "str", "default": []},
    "severities": {"type": "dict", "default": {}},
    "thresholds": {"type": "dict", "default": {}},
    "exceptions": {"type": "dict", "default": {}},
    "report_dir": {"type": "path"},
    "fail_on": {"type": "str", "default": "none"},
    "defer_gate": {"type": "bool", "default": False},
    "host_gate": {"type": "dict"},
    "evaluate": {"type": "bool", "default": True},
    "formats": {"type": "list", "elements": "str", "default": ["json", "junit", "markdown", "html"],
                "choices": ["json", "junit", "markdown", "html"]},
    "drift": {"type": "raw"},
}


def main():
    """Only reached when the action plugin was bypassed: say so instead of doing half the job remotely."""
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    module.fail_json(msg="digicert.one.dc1_compliance is an action plugin that runs on the controller, but it was "
                     "executed as a module; run it as a task of a play with the digicert.one collection installed on "
                     "the controller")


if __name__ == "__main__":
    main()
