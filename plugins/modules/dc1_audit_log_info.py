#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dc1_audit_log_info
short_description: Read the DigiCert ONE Account Manager audit log
version_added: 0.1.0
description:
  - Reads audit log entries from the DigiCert ONE Account Manager API, C(GET /account/api/v1/audit-log),
    every page of them, or one entry by O(id).
  - All filters are sent to the server and can be combined.
  - Run it on the controller (implicit C(localhost)), where C(requests) is installed.
author:
  - digicert.one maintainers (@digicert-one)
requirements:
  - requests
options:
  id:
    description: Return only this entry (UUID). Cannot be combined with the filters.
    type: str
  user_name:
    description: Only entries whose user name contains this text.
    type: str
  action:
    description: Only entries with this action, for example V(create) or V(login).
    type: str
  resource_types:
    description: Only entries about these resource types, for example V(user) or V(api_access_token).
    type: list
    elements: str
  resource_id:
    description: Only entries about this resource.
    type: str
  status:
    description: Only entries with this outcome, V(success), V(failure) or V(warning), in any case.
    type: str
  account_id:
    description: Only entries of this account (UUID).
    type: str
  from_date:
    description: Only entries on or after this day, C(YYYY-MM-DD) (sent as C(from)).
    type: str
    aliases: [from]
  to_date:
    description: Only entries on or before this day, C(YYYY-MM-DD) (sent as C(to)).
    type: str
    aliases: [to]
  sort:
    description: Sort order passed to the API, a field name, C(-field) for descending, or C(field,asc|desc).
    type: str
extends_documentation_fragment:
  - digicert.one.connection
  - digicert.one.listing
  - digicert.one.attributes
seealso:
  - module: digicert.one.dc1_user_info
"""

EXAMPLES = r"""
- name: Failed actions of the last week
  digicert.one.dc1_audit_log_info:
    status: failure
    from_date: "{{ '%Y-%m-%d' | strftime(ansible_date_time.epoch | int - 7 * 86400) }}"
  register: failed

- name: Token events of one account in October 2026
  digicert.one.dc1_audit_log_info:
    account_id: 88dd63d3-af43-4517-8222-70511968aed8
    resource_types: [api_access_token]
    from: "2026-10-01"
    to: "2026-10-31"

- name: The 50 newest entries
  digicert.one.dc1_audit_log_info:
    sort: -timestamp
    max_results: 50
"""

RETURN = r"""
audit_logs:
  description: The audit log entries, in API order, each once.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 90edebb0-e706-4d09-bdfc-1b6a5917e7c5
      account:
        id: 88dd63d3-af43-4517-8222-70511968aed8
        name: Example Account
      resource_type: user
      resource_id: 62646824-9462-42f2-b061-c43bb6f19cf3
      resource_name: john.doe
      action: create
      user:
        id: 8384e9e5-2eb5-42d8-8615-218a97237143
        name: jane.doe
      timestamp: "2023-05-26T17:09:30Z"
      description: User has been created by api
      status: success
truncated:
  description: True when O(max_results) cut the list short.
  returned: always
  type: bool
  sample: false
"""

from ansible_collections.digicert.one.plugins.module_utils._listing.endpoints import read
from ansible_collections.digicert.one.plugins.module_utils._module_template import argument_spec, main_for

ENDPOINT = "audit_log"
SPEC = argument_spec(endpoint=ENDPOINT)


def run(module, client):
    return read(client, ENDPOINT, module.params)


def main():
    main_for(run, SPEC)


if __name__ == "__main__":
    main()
