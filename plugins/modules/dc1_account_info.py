#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dc1_account_info
short_description: List the DigiCert ONE accounts the credential can see
version_added: 0.1.0
description:
  - Reads accounts from the DigiCert ONE Account Manager API, C(GET /account/api/v1/account), every page of them,
    or one account by O(id).
  - Run it on the controller (implicit C(localhost)), where C(requests) is installed.
author:
  - digicert.one maintainers (@digicert-one)
requirements:
  - requests
options:
  id:
    description:
      - Return only this account (UUID). An unknown UUID returns an empty list.
    type: str
extends_documentation_fragment:
  - digicert.one.connection
  - digicert.one.listing
  - digicert.one.attributes
seealso:
  - module: digicert.one.dc1_user_info
  - module: digicert.one.dc1_organization_info
"""

EXAMPLES = r"""
- name: Every account visible to the token in DC_API_TOKEN
  digicert.one.dc1_account_info:
  register: dc1

- name: Accounts whose service period ends this year
  ansible.builtin.debug:
    msg: "{{ dc1.accounts | selectattr('service_period.to', 'lt', '2027-01-01') | map(attribute='name') }}"

- name: One account
  digicert.one.dc1_account_info:
    id: 4b13f12d-c8b2-4c49-a21f-9b399364f2ce
"""

RETURN = r"""
accounts:
  description: The accounts, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 4b13f12d-c8b2-4c49-a21f-9b399364f2ce
      name: Example account
      active: true
      service_period:
        from: "2021-05-06"
        to: "2030-05-06"
      friendly_identifier: "1234567"
      locale: en_US
truncated:
  description: True when O(max_results) cut the list short.
  returned: always
  type: bool
  sample: false
"""

from ansible_collections.digicert.one.plugins.module_utils._listing.endpoints import read
from ansible_collections.digicert.one.plugins.module_utils._module_template import argument_spec, main_for

ENDPOINT = "account"
SPEC = argument_spec(endpoint=ENDPOINT)


def run(module, client):
    return read(client, ENDPOINT, module.params)


def main():
    main_for(run, SPEC)


if __name__ == "__main__":
    main()
