#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dc1_role_info
short_description: List the user roles of DigiCert ONE managers
version_added: 0.1.0
description:
  - Reads the roles each DigiCert ONE manager offers from the Account Manager API, C(GET /account/api/v1/role).
  - The API groups roles by manager; the module returns them both as a flat list, where each role carries its
    C(manager), and grouped as the API sent them.
  - Run it on the controller (implicit C(localhost)), where C(requests) is installed.
author:
  - digicert.one maintainers (@digicert-one)
requirements:
  - requests
options:
  manager:
    description:
      - Only the roles of this manager, by application code such as V(account_manager) (sent as C(application_code)).
    type: str
extends_documentation_fragment:
  - digicert.one.connection
  - digicert.one.listing
  - digicert.one.attributes
seealso:
  - module: digicert.one.dc1_user_info
"""

EXAMPLES = r"""
- name: Roles of every manager
  digicert.one.dc1_role_info:
  register: dc1

- name: Account Manager roles only
  digicert.one.dc1_role_info:
    manager: account_manager

- name: Names of the admin roles
  ansible.builtin.debug:
    msg: "{{ dc1.roles | selectattr('name', 'search', 'ADMIN') | map(attribute='name') }}"
"""

RETURN = r"""
roles:
  description: Every role, each with the C(manager) (application code) it belongs to.
  returned: always
  type: list
  elements: dict
  sample:
    - name: AM_ACCOUNT_ADMIN
      display_name: AM ACCOUNT ADMIN
      description: Admin role with view and manage permissions
      type: default
      status: ACTIVE
      access_scope: account
      manager: account_manager
roles_by_manager:
  description: The same roles grouped by manager, as the API groups them.
  returned: always
  type: dict
  sample:
    account_manager:
      - name: AM_VIEW_ONLY
        display_name: View only
        manager: account_manager
truncated:
  description: True when O(max_results) cut the list short.
  returned: always
  type: bool
  sample: false
"""

from ansible_collections.digicert.one.plugins.module_utils._listing.endpoints import group_by, read_roles
from ansible_collections.digicert.one.plugins.module_utils._module_template import argument_spec, main_for

ENDPOINT = "role"
SPEC = argument_spec(endpoint=ENDPOINT)


def run(module, client):
    result = read_roles(client, module.params)
    result["roles_by_manager"] = group_by(result["roles"], "manager")
    return result


def main():
    main_for(run, SPEC)


if __name__ == "__main__":
    main()
