#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dc1_organization_info
short_description: List DigiCert ONE organizations
version_added: 0.1.0
description:
  - Reads organizations from the DigiCert ONE Account Manager API, C(GET /account/api/v1/organization),
    every page of them, or one organization by O(id).
  - Run it on the controller (implicit C(localhost)), where C(requests) is installed.
author:
  - digicert.one maintainers (@digicert-one)
requirements:
  - requests
options:
  id:
    description:
      - Return only this organization (UUID). An unknown UUID returns an empty list.
      - Cannot be combined with O(account_id).
    type: str
  account_id:
    description: Only organizations of this account (UUID).
    type: str
extends_documentation_fragment:
  - digicert.one.connection
  - digicert.one.listing
  - digicert.one.attributes
seealso:
  - module: digicert.one.dc1_account_info
"""

EXAMPLES = r"""
- name: All organizations
  digicert.one.dc1_organization_info:
  register: orgs

- name: Organizations of one account
  digicert.one.dc1_organization_info:
    account_id: ff94b6dc-d360-4245-9918-0d0cf7ac347a

- name: Inactive organizations
  ansible.builtin.debug:
    msg: "{{ orgs.organizations | rejectattr('active') | map(attribute='name') }}"
"""

RETURN = r"""
organizations:
  description: The organizations, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample:
    - id: d9674d8f-7ad6-4280-89b5-136c2aded288
      name: DigiCert Inc.
      city: Lehi
      country: US
      account:
        id: ff94b6dc-d360-4245-9918-0d0cf7ac347a
        name: Example Account
      active: true
truncated:
  description: True when O(max_results) cut the list short.
  returned: always
  type: bool
  sample: false
"""

from ansible_collections.digicert.one.plugins.module_utils._listing.endpoints import read
from ansible_collections.digicert.one.plugins.module_utils._module_template import argument_spec, main_for

ENDPOINT = "organization"
SPEC = argument_spec(endpoint=ENDPOINT)


def run(module, client):
    return read(client, ENDPOINT, module.params)


def main():
    main_for(run, SPEC)


if __name__ == "__main__":
    main()
