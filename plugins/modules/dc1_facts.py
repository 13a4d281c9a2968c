#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dc1_facts
short_description: Gather what a DigiCert ONE credential can see of an account, or of the whole tenant
version_added: 0.1.0
description:
  - Reads accounts, users, organizations, roles, API tokens, client certificates, Trust Lifecycle certificates and
    a window of the audit log, and returns them as one fact, C(dc1_facts), with a per-account summary. The audit log is kept as a
    digest (counts by action, status and resource type, per-user last activity and failures, the most recent
    failures); O(audit_events_dest) writes the events themselves as JSON Lines.
  - Without O(account_ids) one call covers every account (the whole tenant). With O(account_ids) (one account
    per host of the C(digicert.one.dc1) inventory) users, organizations and the audit log are asked with the
    server's C(account_id) filter; what comes back is checked, and objects of other accounts (a server that
    ignores the filter) are dropped with a warning, never returned.
  - Trust Lifecycle certificates stream page by page, so a million of them are read in memory that does not grow
    with their number. Each is read as M(digicert.one.dc1_certificate_info) reads it (with the attributes parsed
    from its body, without the PEM body; a malformed item or a body that does not parse is a warning) and counted
    into C(certificate_posture) - exact counts by status, expiry bucket, key, signature hash and account, groups by
    owner, business unit, profile and issuer, and per certificate check the certificates evaluated, unknown,
    flagged and excepted. The checks run as the certificates pass, with the compliance settings of the run
    (O(certificate_checks)); C(certificates) then holds only the certificates a check flagged or could not judge,
    up to 1,000 per check, each with its verdicts under C(posture). O(certificates_dest) writes every certificate.
  - Each certificate gets C(account_id), the account it belongs to. On an account host that is the host's
    account, whose C(account_id) filter listed it; over the whole tenant it is the C(account.id) the API sent,
    else V(null) (the spec's example certificate has no C(account)).
  - The listings run concurrently, and tokens and certificates fan out over the users as their pages arrive;
    O(max_concurrency) bounds the requests in flight. A per-user endpoint that refuses (403/404) every user of
    the first O(max_concurrency) users is recorded as unavailable and not asked for the others.
  - O(tenant_only) reads only the lists every account shares (accounts, roles) into the fact C(dc1_tenant); run it
    once per play (C(run_once)) and every account host's gathering reuses them instead of reading them again.
    It also learns, once for the run, how the server pages the lists of the other O(resources) (the first page of
    each) and whether the tenant serves API tokens and client certificates at all (one wave of users asked, whose
    answers the hosts reuse), so that no account host asks a refused endpoint or learns a list's paging again. An
    account host looks for C(dc1_tenant) in its own facts, then in those of C(localhost). The facts role runs it with
    C(delegate_to=localhost) and C(delegate_facts=true), because with C(run_once) alone ansible-core 2.21's
    in-memory fact cache shares one facts dict among all hosts of the play.
  - A resource the credential may not read (HTTP 403) or the tenant does not serve (HTTP 404) does not stop
    the gathering. It is recorded under C(dc1_facts.unavailable) with the reason, and a warning is shown.
  - This is the module behind the C(digicert.one.facts) role.
  - Run it on the controller (implicit C(localhost)), where C(requests) is installed. There its action plugin
    gathers in Ansible's own process, which saves masking, serialising and decoding a large result once more;
    on any other connection, for an C(async) task, or without C(requests) on the controller, the module runs
    as usual.
  - When more than 5,000 objects were gathered, the task result is not shown to callbacks (C(-v) output, job
    events), because ansible-core would convert all of it for display. The fact and O(dest) are complete.
author:
  - digicert.one maintainers (@digicert-one)
requirements:
  - requests
options:
  account_ids:
    description:
      - Only these accounts (UUIDs), and the users, organizations, tokens, certificates and audit entries that
        belong to them, read with the server's C(account_id) filter. By default every account visible to the
        credential.
    type: list
    elements: str
    default: []
  audit_window_days:
    description: Gather the audit log entries of the last this many days. V(0) skips the audit log.
    type: int
    default: 30
  expiry_warning_days:
    description:
      - Tokens expiring within this many days, and issued Trust Lifecycle certificates ending within them, are
        counted as expiring in the per-account summary.
    type: int
    default: 30
  resources:
    description:
      - Gather only these resources. Tokens and certificates need the users, which are then read too.
      - V(audit) is the audit log of the window, kept as a digest.
      - V(certificates) are the Trust Lifecycle (mpki) certificates; the credential needs a Trust Lifecycle role
        (C(VIEW_EM_CERTIFICATE)), else they are recorded as unavailable.
      - V(certificate_profiles) are the Trust Lifecycle profiles as M(digicert.one.dc1_certificate_profile_info) returns
        them (with C(posture)), a tenant-wide list like V(accounts) and V(roles) (read once per play over account
        hosts); refused (403/404), they are recorded as unavailable.
    type: list
    elements: str
    choices: [accounts, users, organizations, roles, api_tokens, client_certificates, certificates, certificate_profiles,
              audit]
    default: [accounts, users, organizations, roles, api_tokens, client_certificates, certificates, certificate_profiles,
              audit]
  audit_events_dest:
    description:
      - Also write every audit event of the window, one JSON object per line (JSON Lines), to this file on the
        controller (from Python, atomically, mode C(0600)). Not written in check mode.
      - The facts keep the digest only; events are a stream (see M(digicert.one.dc1_audit_log_info) and the
        C(digicert.one.audit_log) event source).
    type: path
  tenant_only:
    description:
      - Read only the lists every account shares, accounts and roles (those among O(resources)), into the fact
        C(dc1_tenant) instead of C(dc1_facts), with what the run learned about the paths of the other
        O(resources). Account hosts gathered later in the play take them from there.
    type: bool
    default: false
  dest:
    description:
      - Also write the facts as JSON to this file on the controller (written from Python, atomically, mode
        C(0600)). Not written in check mode.
    type: path
  certificate_checks:
    description:
      - The compliance settings the Trust Lifecycle certificate checks run with while the certificates stream past
        (M(digicert.one.dc1_compliance) reads the counts they leave in C(certificate_posture), and reports a
        certificate check as not evaluated when its own settings differ from these).
      - Keys, as the compliance options of the same names, of which only the certificate checks' parts are read
        - V(disabled) (check IDs), V(thresholds) (check ID to number), V(exceptions) (check ID to serial numbers),
        V(absent_as_unset) (fields), V(public_issuers) (issuer organizations or common names held to the CA/B
        Forum's maximum validity; default V([DigiCert Inc])) and V(approved_issuers) (empty, DC1-TLM-010 is not
        evaluated). The C(digicert.one.facts) role passes the C(dc1_compliance_*) variables.
    type: dict
    default: {}
  tenant:
    description:
      - What the play read and learned before this gathering (the tenant-wide lists of C(dc1_tenant) and
        C(knowledge), the inventory's C(dc1_account) and what its reads learned), so they are not read or learned again.
      - The action plugin sets it from the play on both of its paths (in process, and when it runs this module, as
        for an C(async) task); there is no need to set it by hand. Lists of another host (C(base_url)) are ignored.
    type: dict
  certificates_dest:
    description:
      - Also write every Trust Lifecycle certificate gathered (as in C(certificates), with its parsed attributes,
        without the PEM body) as JSON Lines to this file on the controller, from Python, atomically, mode
        C(0600). Not written in check mode.
    type: path
  certificate_workers:
    description:
      - Processes that parse, check and count the Trust Lifecycle certificates' bodies while the pages are read, so
        a large tenant's certificates use more than one CPU (a body costs tens of microseconds; a million, a
        minute of one CPU). Each is forked when the gathering starts and ends with it; the counts are the same
        with any number.
      - By default, one per CPU usable here, less one for each other host of the play gathering at the same time
        (up to the forks), at most 4, and none on one CPU; V(0) parses in the gathering's own process.
    type: int
extends_documentation_fragment:
  - digicert.one.connection
  - digicert.one.reference_time
attributes:
  check_mode:
    description: Can run in C(check_mode) and return changed status prediction without modifying target.
    support: full
    details: The API is only read; in check mode O(dest) is not written.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in C(diff_mode)).
    support: none
  facts:
    description: Action returns an C(ansible_facts) dictionary that will update existing host facts.
    support: full
  action:
    description: Indicates this has a corresponding action plugin so some parts of the options can be executed on the controller.
    support: full
    details: On a local connection the whole gathering runs in the controller's process.
  action_group:
    description: Use C(group/digicert.one.dc1) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - digicert.one.dc1
seealso:
  - module: digicert.one.dc1_user_info
  - module: digicert.one.dc1_api_token_info
"""

EXAMPLES = r"""
- name: Everything, every account
  digicert.one.dc1_facts:

- name: Two accounts, 7 days of audit log, saved for later
  digicert.one.dc1_facts:
    account_ids:
      - 4b13f12d-c8b2-4c49-a21f-9b399364f2ce
      - 88dd63d3-af43-4517-8222-70511968aed8
    audit_window_days: 7
    dest: /var/tmp/dc1_facts.json

- name: One account per host of the digicert.one.dc1 inventory (what the digicert.one.facts role does)
  digicert.one.dc1_facts:
    account_ids: ["{{ dc1_account_id }}"]

- name: The Trust Lifecycle certificates only, every one also as JSON Lines, on at most two worker processes
  digicert.one.dc1_facts:
    resources: [accounts, certificates]
    certificates_dest: /var/tmp/dc1_certificates.jsonl
    certificate_workers: 2

- name: Accounts whose users include a locked one
  ansible.builtin.debug:
    msg: "{{ ansible_facts.dc1_facts.summary.values() | selectattr('users_by_status.LOCKED', 'defined') | map(attribute='name') }}"
"""

RETURN = r"""
ansible_facts:
  description: Facts to add to ansible_facts.
  returned: always
  type: complex
  contains:
    dc1_facts:
      description:
        - Everything gathered. The lists hold the objects as the API returns them; tokens and certificates carry
          the normalised fields of M(digicert.one.dc1_api_token_info) and M(digicert.one.dc1_client_certificate_info).
        - C(certificates) holds the Trust Lifecycle certificates a certificate check flagged or could not judge (up
          to 1,000 per check), as M(digicert.one.dc1_certificate_info) returns them (C(expires_at),
          C(days_to_expiry), C(x509), no PEM body), each with C(account_id) (see the description) and C(posture),
          check ID to verdict (C(finding) or C(suppressed) with its message and C(details), or C(unknown) with the
          field that was not sent).
        - C(certificate_posture) is the digest of every certificate read - C(certificates) (how many),
          C(by_status), C(issued_buckets) (issued ones by days left - C(expired), C(7), C(30), C(90), C(later),
          C(unknown)), C(issued_by_days_left) (day to count, 0 to 366), C(by_key_type) (such as C(RSA 2048),
          C(EC P-256)), C(by_signature_hash), C(by_account) (C(certificates), C(issued), C(expiring)),
          C(unparsed) and C(without_body) (certificates whose attributes are unknown), C(groups) (per C(owner),
          C(business_unit), C(profile) and C(issuer), the 200 largest groups with C(id), C(name), C(certificates), C(issued),
          C(revoked), C(findings) and C(buckets), the rest summed under C(other)), C(checks) (per check ID
          C(evaluated), C(unknown), C(missing), C(flagged), C(suppressed), C(findings), C(by_account), C(listed)) and
          C(settings) (what the checks ran with). Every count is exact.
        - C(summary) maps each account id to its counts (users, C(users_by_status), service users, active
          admins, tokens and expiring tokens, client certificates, Trust Lifecycle certificates and expiring ones,
          organizations, audit events and failures). A Trust Lifecycle certificate whose C(account_id) is V(null)
          counts in no account.
        - C(unavailable) maps a resource that could not be read to its HTTP status and reason;
          C(filtered_locally) counts, per resource, the objects of other accounts a server sent despite the
          C(account_id) filter (dropped).
      returned: always
      type: dict
      sample:
        schema: 2
        collected_at: "2026-11-23T10:00:00Z"
        reference_time: "2026-11-23T10:00:00Z"
        base_url: https://demo.one.digicert.com
        audit_window_days: 30
        audit_from: "2026-10-24"
        accounts: [{id: 4b13f12d-c8b2-4c49-a21f-9b399364f2ce, name: Example account}]
        users: []
        organizations: []
        roles: []
        api_tokens: []
        client_certificates: []
        certificates:
          - {serial_number: 4099AB02C3E7, common_name: www.example.com, status: issued, valid_to: "2026-12-01T00:00:00Z",
             expires_at: "2026-12-01T00:00:00Z", days_to_expiry: 7, account_id: 4b13f12d-c8b2-4c49-a21f-9b399364f2ce,
             posture: {DC1-TLM-001: {finding: "issued certificate ends in 7 day(s) (2026-12-01T00:00:00Z)",
                                     details: {expires_at: "2026-12-01T00:00:00Z", days_to_expiry: 7}}}}
        certificate_posture:
          certificates: 120
          by_status: {issued: 110, revoked: 6, expired: 4}
          issued_buckets: {"7": 1, "30": 2, "90": 10, later: 97}
          by_key_type: {RSA 2048: 100, EC P-256: 20}
          by_account: {4b13f12d-c8b2-4c49-a21f-9b399364f2ce: {certificates: 120, issued: 110, expiring: 3}}
          checks: {DC1-TLM-001: {evaluated: 110, unknown: 0, missing: {}, flagged: 3, suppressed: 0, findings: 3,
                                 by_account: {4b13f12d-c8b2-4c49-a21f-9b399364f2ce: 3},
                                 listed: {findings: 3, unknown: 0}}}
        audit:
          from: "2026-10-24"
          events: 120
          accounts:
            4b13f12d-c8b2-4c49-a21f-9b399364f2ce:
              events: 120
              failures: 3
              status_unknown: 0
              by_status: {success: 117, failure: 3}
              by_action: {login: 80, create: 40}
              by_resource_type: {user: 100, api_access_token: 20}
              failures_by_action: {login: 3}
              failures_by_user: {jane.doe: 3}
              users: {8384e9e5-2eb5-42d8-8615-218a97237143: {name: jane.doe, events: 90, failures: 3,
                                                             last_activity: "2026-11-22T17:09:30Z"}}
              recent_failures: [{id: 90edebb0-e706-4d09-bdfc-1b6a5917e7c5, action: login, status: failure}]
        unavailable: {client_certificates: {status: 404, reason: "16 of 16 users: GET ... HTTP 404 ...", partial: false}}
        filtered_locally: {}
        summary: {4b13f12d-c8b2-4c49-a21f-9b399364f2ce: {name: Example account, users: 12, active_admins: 1,
                                                          certificates: 1, certificates_expiring: 1}}
    dc1_tenant:
      description:
        - With O(tenant_only), instead of C(dc1_facts), the lists every account shares (C(accounts), C(roles), those
          among O(resources)), C(unavailable), and C(knowledge), what the run learned for every account host
          C(paths) (per list path, how it pages - C(floor), the most items it served in one page; C(cap), its page
          cap; C(whole), whether it ignores paging; C(max_limit), the largest C(limit) it accepts), C(per_user)
          (per-user paths the tenant serves, or refuses with the status and reason) and C(answers) (the per-user
          answers of the wave, reused by the hosts instead of asking again).
      returned: when O(tenant_only=true)
      type: dict
      sample:
        schema: 2
        base_url: https://demo.one.digicert.com
        roles: [{id: 2f0f1b4e-55c3-4a7e-8d9e-54a4a1d0a9f1, name: Administrator, manager: account_manager}]
        unavailable: {}
        knowledge:
          paths: {/account/api/v1/user: {floor: 212, cap: null, whole: true, max_limit: null}}
          per_user:
            /account/api/v1/client-auth-certificate: {served: false, status: 404,
                                                      reason: "refused for every one of the first 16 users ..."}
          answers: {/account/api/v1/api-access-token: {8384e9e5-2eb5-42d8-8615-218a97237143: []}}
counts:
  description: How many objects of each resource were gathered.
  returned: always
  type: dict
  sample: {accounts: 3, users: 54, organizations: 6, roles: 30, api_tokens: 28, client_certificates: 8, certificates: 120,
           audit_events: 40}
dest:
  description: The file the facts were written to.
  returned: when O(dest) is set
  type: str
audit_events_dest:
  description: The JSON Lines file the audit events were written to.
  returned: when O(audit_events_dest) is set
  type: str
"""

from ansible_collections.digicert.one.plugins.module_utils._facts.gatherer import OPTIONS, facts_result
from ansible_collections.digicert.one.plugins.module_utils._module_template import argument_spec, main_for

SPEC = argument_spec(OPTIONS)


def run(module, client):
    return facts_result(module.params, client, warn=module.warn, check_mode=module.check_mode,
                        tenant=module.params.get("tenant"))


def main():
    main_for(run, SPEC)


if __name__ == "__main__":
    main()
