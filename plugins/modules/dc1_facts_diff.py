#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dc1_facts_diff
short_description: What changed in a DigiCert ONE tenant between two dc1_facts snapshots
version_added: 0.1.0
description:
  - Compares two snapshots of C(dc1_facts) (as M(digicert.one.dc1_facts) and the C(digicert.one.facts) role gather
    them) and reports, per resource, the objects added, removed and changed, each changed field with its value
    before and after; plus the signals people ask for - new administrators, new API tokens, removed users, status
    changes and role changes.
  - Objects are paired by their identity within each resource - C(id); C(manager/name) for roles; the serial number
    for Trust Lifecycle certificates - never by their position in a list, and the order of a list is not drift.
  - Volatile fields are not drift - day counts such as C(days_to_expiry), last activity such as C(last_login_at),
    and the C(audit) digest and C(summary) counts, which are not compared at all. O(ignore_fields) adds others.
  - A field the API sent in one snapshot only is unknown in the other, not a change of value - it is counted under
    C(not_comparable) of its resource and never makes an object changed.
  - A resource unavailable in either snapshot (HTTP 403 or 404, not requested, refused for some users) is
    reported as not compared, never as all removed or all added.
  - Snapshots of different tenants or schema versions are refused. Snapshots of different accounts are compared on
    the accounts both cover, with a warning (O(strict) refuses them instead); a resource in one snapshot only is
    not compared, with a warning.
  - C(changed) is true when anything drifted. Writes C(drift.json) and C(drift.md) to O(report_dir); the HTML
    compliance report shows the drift as a section when M(digicert.one.dc1_compliance) is given it.
  - This is an action plugin. It runs on the controller and sends nothing to the API.
author:
  - digicert.one maintainers (@digicert-one)
options:
  before:
    description:
      - The earlier snapshot - a C(dc1_facts) dict, or the path of a JSON file written by the C(dest) option of
        M(digicert.one.dc1_facts) (or by O(save_after)). A dict or file holding C(dc1_facts) under that key (a
        fact cache entry) is accepted too.
      - Defaults to the host variable C(dc1_facts_before); the C(digicert.one.drift) playbook sets it from the
        host's cached C(dc1_facts) before it gathers again.
      - Without any (the first run, or a path that does not exist yet), nothing is compared - every resource is
        reported as not compared, with a warning, and C(changed) is false.
      - With O(hosts), a given O(before) is compared with the facts of all those hosts together.
    type: raw
  after:
    description:
      - The later snapshot, a C(dc1_facts) dict. Defaults to this host's C(ansible_facts.dc1_facts).
      - Ignored when O(hosts) is set.
    type: dict
  hosts:
    description:
      - Inventory hosts (account hosts of the C(digicert.one.dc1) inventory, such as V({{ ansible_play_hosts }}))
        compared together - each host's C(ansible_facts.dc1_facts) is an after snapshot and its variable
        C(dc1_facts_before) a before snapshot; both sides are merged, so one report covers the play. Run it with
        C(run_once).
      - A host without a previous snapshot is left out of both sides, with a warning, and listed under
        C(hosts_not_compared).
    type: list
    elements: str
    default: []
  fail_on:
    description:
      - Fail the task, after the reports are written, when any of these drifted.
      - V(any) (anything), V(added), V(removed), V(changed) (in any resource), a signal (V(new_admins),
        V(new_api_tokens), V(removed_users), V(status_changes), V(role_changes)), a resource (V(accounts),
        V(users), V(organizations), V(roles), V(api_tokens), V(client_certificates), V(certificates)), or
        V(not_compared) (a resource or host could not be compared, including the first run). Any case.
      - A resource that was not compared never fails the gate unless V(not_compared) is listed.
      - The failure is one line; the reports hold the objects.
    type: list
    elements: str
    default: []
  defer_gate:
    description:
      - Do not fail this task when the gate fails. Return RV(gate) with its C(hosts), the hosts it fails, each with
        its line, for a following task to fail them (see EXAMPLES).
      - Use it with O(hosts) and C(run_once), which can fail only the host the task ran on. A host fails when its
        account holds an object that reached the gate (an object of no account fails every host); the C(digicert.one.drift)
        playbook does this.
    type: bool
    default: false
  strict:
    description:
      - Refuse snapshots that cover different accounts or hold different resources, instead of comparing what
        they have in common.
    type: bool
    default: false
  ignore_fields:
    description:
      - More fields that are not drift, as V(field) (in every resource) or V(resource.field), for example
        V(users.description).
    type: list
    elements: str
    default: []
  report_dir:
    description: Directory for C(drift.json) and C(drift.md), created when missing. Without it no report is written.
    type: path
  formats:
    description: Reports to write to O(report_dir).
    type: list
    elements: str
    default: [json, markdown]
    choices: [json, markdown]
  save_after:
    description:
      - After comparing, write the after snapshot (with O(hosts), the merged facts of every host) to this path as
        JSON (mode 0600). Pass the same path as O(before) to keep a rolling baseline without a fact cache.
      - Not written in check mode.
    type: path
  validate_only:
    description: Only check O(fail_on) and O(ignore_fields), and return. The C(drift) playbook does this first.
    type: bool
    default: false
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
    details: In check mode the comparison runs and C(changed) says whether anything drifted; no file is written.
  diff_mode:
    support: full
    details: With C(--diff), one diff per resource that drifted, each object a block of its changed fields.
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
  - When more than 5,000 objects drifted, the result is not shown to callbacks (C(-v) output, AAP job events); the
    registered result and the reports are complete.
  - Administrators are read from the Account Manager roles or permissions the API sent. A user whose rights the API
    did not send is never reported as a new administrator.
  - The collection's C(docs/drift.md) describes the report, the fact cache and the C(digicert.one.drift) playbook.
seealso:
  - module: digicert.one.dc1_facts
  - module: digicert.one.dc1_compliance
"""

EXAMPLES = r"""
- name: Compare this run's facts with the file the last run saved, then save them for the next run
  digicert.one.dc1_facts_diff:
    before: /srv/dc1/last_facts.json
    save_after: /srv/dc1/last_facts.json
    report_dir: reports
  register: drift

- name: Fail the pipeline on a new administrator or a new API token
  digicert.one.dc1_facts_diff:
    before: "{{ lookup('ansible.builtin.file', 'facts-last-week.json') | from_json }}"
    fail_on: [new_admins, new_api_tokens]

- name: One report over the account hosts of the play (each host's dc1_facts_before set before gathering)
  digicert.one.dc1_facts_diff:
    hosts: "{{ ansible_play_hosts }}"
    report_dir: reports
    fail_on: new_admins
    defer_gate: true
  run_once: true
  register: drift

- name: Fail each account host that got a new admin
  ansible.builtin.fail:
    msg: "{{ drift.gate.hosts[inventory_hostname].msg }}"
  when: inventory_hostname in drift.gate.hosts | default({})

- name: Show the new admins
  ansible.builtin.debug:
    msg: "{{ drift.signals.new_admins | map(attribute='name') | list }}"
"""

RETURN = r"""
drift:
  description:
    - Per resource compared, C(added), C(removed) and C(changed) objects, each as C(id), C(name), C(account) (names),
      C(account_ids), C(owner) and C(owner_id) for tokens and client certificates, and for a changed object
      C(fields) (field to C(before) and C(after), in canonical form - lists sorted, embedded accounts as ids,
      C(applications) as application to roles and permissions); C(not_comparable) (field to the number of objects
      that lacked it in one snapshot); C(unidentified) (objects without an identity, or sharing one).
  returned: unless the gate failed (without O(defer_gate)) or O(validate_only)
  type: dict
  sample:
    users:
      added: [{id: 9c0e..., name: new.admin, account: Account 1, account_ids: [5d9d...]}]
      removed: []
      changed: [{id: 8673..., name: chen.silva7, account: Account 3, account_ids: [3926...],
                 fields: {status: {before: ACTIVE, after: DISABLED}}}]
      not_comparable: {}
      unidentified: 0
signals:
  description:
    - C(new_admins) (with C(why)), C(new_api_tokens) (with C(expires_at), C(enabled)), C(removed_users) (with their
      C(status) before), C(status_changes) (with C(resource) and the status C(fields)), C(role_changes) (with the
      C(before) and C(after) roles and permissions of the applications that changed). A signal whose resource was
      not compared is absent here and named in C(signals_not_compared).
  returned: unless the gate failed (without O(defer_gate)) or O(validate_only)
  type: dict
signals_not_compared:
  description: Signal to the reason it could not be evaluated.
  returned: unless the gate failed (without O(defer_gate)) or O(validate_only)
  type: dict
not_compared:
  description: Resource to the reason it was not compared (unavailable, in one snapshot only, no previous snapshot).
  returned: unless O(validate_only)
  type: dict
hosts_not_compared:
  description: With O(hosts), each host left out of the comparison and why.
  returned: when a host was left out
  type: dict
counts:
  description:
    - C(added), C(removed), C(changed), C(total), one count per signal, C(not_compared) (resources and hosts),
      C(by_resource) (resource to C(added), C(removed), C(changed)).
  returned: unless O(validate_only)
  type: dict
  sample: {added: 2, removed: 1, changed: 1, total: 4, new_admins: 1, new_api_tokens: 1, removed_users: 1,
           status_changes: 1, role_changes: 0, not_compared: 0, by_resource: {users: {added: 1, removed: 1, changed: 1}}}
snapshots:
  description: C(before) and C(after) - C(schema), C(collected_at), C(reference_time), C(base_url), C(account_ids).
  returned: unless O(validate_only)
  type: dict
gate:
  description:
    - C(fail_on), C(failed), C(matched) (each value of O(fail_on) that drifted, with its count) and, when it failed,
      C(hosts), each host it fails with C(matched) and C(msg), that host's line.
  returned: unless O(validate_only)
  type: dict
  sample: {fail_on: [new_admins], failed: true, matched: {new_admins: 1},
           hosts: {acme_prod: {matched: {new_admins: 1}, msg: "account Acme Prod drifted (fail_on=new_admins): 1 new_admins"}}}
reports:
  description: Report format to the path written (none in check mode).
  returned: unless O(validate_only)
  type: dict
  sample: {json: /srv/ci/reports/drift.json, markdown: /srv/ci/reports/drift.md}
ignored_fields:
  description: The fields not compared as drift (the volatile ones and O(ignore_fields)).
  returned: unless the gate failed (without O(defer_gate)) or O(validate_only)
  type: list
  elements: str
accounts_compared:
  description: When the snapshots cover different accounts, the accounts both cover (the only ones compared).
  returned: when the snapshots cover different accounts
  type: list
  elements: str
"""

from ansible.module_utils.basic import AnsibleModule

# The host variable that holds the previous snapshot when before is not given.
BEFORE_VAR = "dc1_facts_before"
# The options, declared here with the documentation; the action plugin validates its arguments with this spec.
ARGUMENT_SPEC = {
    "before": {"type": "raw"},
    "after": {"type": "dict"},
    "hosts": {"type": "list", "elements": "str", "default": []},
    "fail_on": {"type": "list", "elements": "str", "default": []},
    "defer_gate": {"type": "bool", "default": False},
    "strict": {"type": "bool", "default": False},
    "ignore_fields": {"type": "list", "elements": "str", "default": []},
    "report_dir": {"type": "path"},
    "formats": {"type": "list", "elements": "str", "default": ["json", "markdown"], "choices": ["json", "markdown"]},
    "save_after": {"type": "path"},
    "validate_only": {"type": "bool", "default": False},
}


def main():
    """Only reached when the action plugin was bypassed: say so instead of doing half the job remotely."""
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    module.fail_json(msg="digicert.one.dc1_facts_diff is an action plugin that runs on the controller, but it was "
                     "executed as a module; run it as a task of a play with the digicert.one collection installed on "
                     "the controller")


if __name__ == "__main__":
    main()
