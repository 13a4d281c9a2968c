# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: dc1
short_description: Read DigiCert ONE users, accounts, roles, audit logs, tokens, certificates in an expression
version_added: 0.1.0
description:
  - Returns the objects of one or more DigiCert ONE Account Manager resources, read on the controller through the
    same client, retries and pagination as the C(dc1_*_info) modules, and returned as those modules return them.
  - Each term is a resource name. With several terms the lists are concatenated in term order, and every filter
    applies to every term, so it must be one that each of them accepts.
  - Keyword arguments that are not connection options are filters. They are checked before any request; an unknown
    resource or filter, or a bad value (a malformed UUID, an unknown status, an impossible date), fails at once.
  - Without O(user_id), V(api_token) and V(client_certificate) list the users first and then read each user's
    tokens or certificates concurrently (one request per user).
  - V(certificate) reads Trust Lifecycle certificates (C(/mpki/api/v1/certificate-search)) as
    M(digicert.one.dc1_certificate_info) does, with the same options; a malformed certificate is a warning.
author:
  - digicert.one maintainers (@digicert-one)
requirements:
  - requests
options:
  _terms:
    description:
      - "Resources to read: V(user), V(account), V(organization), V(role), V(audit_log), V(api_token),
        V(client_certificate), V(certificate). Singular names only, spelt as in the module names."
    type: list
    elements: str
    required: true
  id:
    description:
      - Filter for V(user), V(account), V(organization), V(audit_log). One object by UUID (V(user) also takes V(me));
        an empty list when it does not exist. Not combinable with other filters.
    type: str
  max_results:
    description: Filter for every resource but V(api_token) and V(client_certificate). At most this many objects.
    type: int
  status:
    description:
      - Filter for V(user) (V(active), V(pending), V(locked), V(disabled)), V(audit_log) (V(success),
        V(failure), V(warning)) and V(certificate) (V(issued), V(expired), V(revoked), V(suspended), either case).
    type: str
  user_type:
    description: Filter for V(user), V(standard) or V(service).
    type: str
  user_name:
    description: Filter for V(user) and V(audit_log), text the user name contains.
    type: str
  email:
    description: Filter for V(user), an exact e-mail address.
    type: str
  account_id:
    description: Filter for V(user), V(organization), V(audit_log) and V(certificate), an account UUID.
    type: str
  manager:
    description: Filter for V(role), an application code such as V(account_manager).
    type: str
  action:
    description: Filter for V(audit_log), an action name.
    type: str
  resource_types:
    description: Filter for V(audit_log), a list of resource types.
    type: list
    elements: str
  resource_id:
    description: Filter for V(audit_log), the id of the resource acted on.
    type: str
  from_date:
    description: Filter for V(audit_log), first day V(YYYY-MM-DD) (UTC, inclusive).
    type: str
  to_date:
    description: Filter for V(audit_log), last day V(YYYY-MM-DD) (UTC, inclusive).
    type: str
  sort:
    description: Filter for V(audit_log), such as V(-timestamp) or V(action,asc).
    type: str
  user_id:
    description:
      - Filter for V(api_token) and V(client_certificate), the owner's UUID or V(me). Omit it for every visible user.
    type: str
  reference_time:
    description:
      - For V(api_token), V(client_certificate) and V(certificate), the instant C(days_to_expiry) is computed
        from, a date V(YYYY-MM-DD) or an ISO 8601 date-time. By default the current time.
    type: str
  expires_within_days:
    description:
      - Filter for V(certificate), applied by the collection. Certificates not yet expired whose
        C(days_to_expiry) is at most this number.
    type: int
  include_pem:
    description: For V(certificate), keep each certificate's body (C(certificate)). Left out by default.
    type: bool
    default: false
  serial_number:
    description:
      - Filter for V(certificate), a hexadecimal serial number. Alone, it reads that one certificate.
    type: str
  business_unit_id:
    description: Filter for V(certificate), a business unit UUID.
    type: str
  business_unit_name:
    description: Filter for V(certificate), a business unit name.
    type: str
  profile_id:
    description: Filter for V(certificate), a certificate profile UUID.
    type: str
  seat_id:
    description: Filter for V(certificate), a seat id.
    type: str
  seat_type_id:
    description:
      - Filter for V(certificate), V(USER_SEAT), V(DEVICE_SEAT), V(SERVER_SEAT), V(IMPORTED_SEAT) or
        V(UNMANAGED_SEAT) (either case).
    type: str
  valid_from:
    description: Filter for V(certificate), issued after this day V(YYYY-MM-DD).
    type: str
  valid_to:
    description: Filter for V(certificate), expiring before this day V(YYYY-MM-DD).
    type: str
  common_name:
    description: Filter for V(certificate), a common name.
    type: str
  aki:
    description: Filter for V(certificate), an authority key identifier.
    type: str
  issuing_ca_id:
    description: Filter for V(certificate), the issuing CA's UUID.
    type: str
  issuing_ca_name:
    description: Filter for V(certificate), the issuing CA's name.
    type: str
  issuing_ca_serial_number:
    description: Filter for V(certificate), the issuing CA certificate's serial number (hexadecimal).
    type: str
  thumbprint:
    description: Filter for V(certificate), a SHA-256 thumbprint (64 hexadecimal digits).
    type: str
extends_documentation_fragment:
  - digicert.one.connection.plugins
notes:
  - Connection options come from keyword arguments or from the C(DC_*) environment variables. Pass the API key from
    a vaulted variable, never as literal text in a playbook.
  - "A lookup does not see C(module_defaults) (they apply to modules, not to plugins): a play that sets the
    connection with C(module_defaults) for C(group/digicert.one.dc1) must pass it to the lookup too, or use the
    C(DC_*) environment variables, which both read."
  - Errors name the request and the API's answer but never the API key; unlike a module's, a lookup's error is not
    masked by Ansible, which is why the collection redacts its messages itself.
  - Use C(query()) (or C(wantlist=true)) to always get a list, also for a single object.
seealso:
  - module: digicert.one.dc1_user_info
  - plugin: digicert.one.dc1
    plugin_type: inventory
"""

EXAMPLES = r"""
- name: Fail when a user is locked (connection from DC_BASE / DC_API_TOKEN)
  ansible.builtin.assert:
    that: query('digicert.one.dc1', 'user', status='locked') | length == 0

- name: Every active user is ACTIVE
  vars:
    active: "{{ query('digicert.one.dc1', 'user', status='active') }}"
  ansible.builtin.assert:
    that: active | rejectattr('status', 'equalto', 'ACTIVE') | list | length == 0

- name: Explicit connection options (the key from a vaulted variable)
  ansible.builtin.debug:
    msg: "{{ query('digicert.one.dc1', 'account', base_url='https://demo.one.digicert.com',
             api_key=vault_dc1_api_token) | map(attribute='name') }}"

- name: In a template, tokens ending within 30 days
  ansible.builtin.copy:
    dest: /tmp/expiring.txt
    content: |
      {% for t in query('digicert.one.dc1', 'api_token') if t.enabled and t.days_to_expiry is not none
         and t.days_to_expiry <= 30 %}
      {{ t.name }} {{ t.expires_at }}
      {% endfor %}

- name: Failed audit events of November, newest first, at most 50
  ansible.builtin.debug:
    msg: "{{ query('digicert.one.dc1', 'audit_log', status='failure', from_date='2026-11-01',
             to_date='2026-11-30', max_results=50) }}"

- name: Issued certificates that expire within 30 days
  ansible.builtin.debug:
    msg: "{{ item.common_name }} ({{ item.serial_number }}) expires {{ item.expires_at }}"
  loop: "{{ query('digicert.one.dc1', 'certificate', status='issued', expires_within_days=30) }}"
  loop_control:
    label: "{{ item.serial_number }}"

- name: Accounts and organizations in one list
  ansible.builtin.debug:
    msg: "{{ query('digicert.one.dc1', 'account', 'organization') | map(attribute='name') }}"
"""

RETURN = r"""
_raw:
  description:
    - The objects of every term, concatenated in term order, each as the matching C(dc1_*_info) module returns it
      (tokens and certificates with their normalised C(expires_at), C(days_to_expiry), C(enabled) and C(user_id);
      Trust Lifecycle certificates with C(expires_at) and C(days_to_expiry); roles with their C(manager)).
  type: list
  elements: dict
"""

from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase
from ansible.utils.display import Display

from ansible_collections.digicert.one.plugins.plugin_utils import _lookup as lookup_data
from ansible_collections.digicert.one.plugins.module_utils._http.client import DC1Client
from ansible_collections.digicert.one.plugins.module_utils._connection import connection_settings
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1Error

display = Display()


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        direct, filters = lookup_data.split_kwargs(kwargs)
        try:
            steps = lookup_data.plan(terms, filters)  # before any request, and before the connection
            self.set_options(var_options=variables, direct=direct)
            client = DC1Client(connection_settings(self.get_option), warn=display.warning, debug=display.vvv)
            items = lookup_data.run_plan(client, steps, debug=display.vv, warn=display.warning)
        except DC1Error as exc:
            # Redacted when built; never add option values here (Ansible does not mask plugin errors).
            raise AnsibleLookupError("digicert.one.dc1 lookup: %s" % exc)
        summary = client.retry_summary()
        if summary:
            display.warning(summary)
        return items
