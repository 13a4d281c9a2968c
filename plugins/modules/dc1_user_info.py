#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dc1_user_info
short_description: List DigiCert ONE users and service users
version_added: 0.1.0
description:
  - Reads users (standard users and service users) from the DigiCert ONE Account Manager API,
    C(GET /account/api/v1/user), every page of them.
  - Filters are sent to the server. O(status=active) matches users whose status is C(ACTIVE).
  - Run it on the controller (implicit C(localhost)), where C(requests) is installed.
author:
  - digicert.one maintainers (@digicert-one)
requirements:
  - requests
options:
  id:
    description:
      - Return only this user, a UUID, or V(me) for the user that owns the credential.
      - An unknown UUID returns an empty list. Cannot be combined with the filters.
    type: str
  status:
    description: Only users in this status, V(active), V(pending), V(locked) or V(disabled), in any case (V(LOCKED) too).
    type: str
  user_type:
    description: Only standard users (people) or only service users (API identities), V(standard) or V(service).
    type: str
  user_name:
    description: Only users whose user name contains this text.
    type: str
  email:
    description: Only users with this email address.
    type: str
  account_id:
    description: Only users of this account (UUID).
    type: str
extends_documentation_fragment:
  - digicert.one.connection
  - digicert.one.listing
  - digicert.one.attributes
notes:
  - Service user end dates are calendar dates in UTC; a service user expires at 23:59:59 UTC on that day.
seealso:
  - module: digicert.one.dc1_role_info
  - module: digicert.one.dc1_account_info
"""

EXAMPLES = r"""
- name: Active users, connection from DC_BASE / DC_API_TOKEN
  digicert.one.dc1_user_info:
    status: active
  register: active

- name: Service users of one account
  digicert.one.dc1_user_info:
    base_url: https://demo.one.digicert.com
    api_key: "{{ vault_dc1_api_token }}"
    user_type: service
    account_id: 4b13f12d-c8b2-4c49-a21f-9b399364f2ce

- name: Who am I?
  digicert.one.dc1_user_info:
    id: me
  register: me

- name: Locked users
  digicert.one.dc1_user_info:
    status: locked
  register: locked

- name: Fail the pipeline when a user is locked
  ansible.builtin.assert:
    that: locked.users | length == 0
    fail_msg: "Locked: {{ locked.users | map(attribute='email') | join(', ') }}"
"""

RETURN = r"""
users:
  description: The users, as the API returns them, in API order, each once.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 783a6a45-b74b-4635-bb4b-69855910ccd3
      email: jane@example.com
      status: ACTIVE
      user_type: service
      friendly_name: Example service user
      access_scope: account
      primary_account_id: 130deba5-3ebb-43b2-8183-1a9940d460f5
      created_at: "2021-06-23T08:55:19Z"
      applications:
        - id: 78c0355a-e1ca-4978-b60c-e9d66b9e1f30
          name: Account Manager
          permissions: [MANAGE_AM_ACCOUNT, VIEW_AM_AUDIT_LOG]
      accounts:
        - id: 4b13f12d-c8b2-4c49-a21f-9b399364f2ce
          name: Example account
truncated:
  description: True when O(max_results) cut the list short.
  returned: always
  type: bool
  sample: false
"""

from ansible_collections.digicert.one.plugins.module_utils._listing.endpoints import read
from ansible_collections.digicert.one.plugins.module_utils._module_template import argument_spec, main_for

ENDPOINT = "user"
SPEC = argument_spec(endpoint=ENDPOINT)


def run(module, client):
    return read(client, ENDPOINT, module.params)


def main():
    main_for(run, SPEC)


if __name__ == "__main__":
    main()
