#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dc1_api_token_info
short_description: List DigiCert ONE API tokens and when they expire
version_added: 0.1.0
description:
  - Reads the API tokens of one user, or of every user the credential can see, from the DigiCert ONE Account
    Manager API (C(GET /account/api/v1/api-access-token?user_id=...)).
  - Without O(user_id), the users are listed first and their tokens are then read concurrently, at most
    O(max_concurrency) requests at a time.
  - Each token is returned as the API sends it plus normalised fields (RV(api_tokens[].expires_at),
    RV(api_tokens[].days_to_expiry), RV(api_tokens[].enabled), RV(api_tokens[].user_id),
    RV(api_tokens[].created_at)), whichever of the plausible field spellings the API uses.
  - No token secret is ever returned; the API shows a token's value only once, when it is created.
  - Run it on the controller (implicit C(localhost)), where C(requests) is installed.
author:
  - digicert.one maintainers (@digicert-one)
requirements:
  - requests
options:
  user_id:
    description:
      - The user whose tokens to list, a UUID or V(me) for the user that owns the credential.
      - Omit it to list the tokens of every user visible to the credential.
    type: str
extends_documentation_fragment:
  - digicert.one.connection
  - digicert.one.reference_time
  - digicert.one.attributes
notes:
  - An end date is a calendar day in UTC; a token with end date V(2026-12-01) stops working at
    2026-12-01T23:59:59Z, which is what RV(api_tokens[].expires_at) says.
seealso:
  - module: digicert.one.dc1_client_certificate_info
  - module: digicert.one.dc1_user_info
"""

EXAMPLES = r"""
- name: Every API token in the tenant
  digicert.one.dc1_api_token_info:
  register: dc1

- name: Tokens that stop working within 30 days
  ansible.builtin.debug:
    msg: "{{ item.name }} of {{ item.user_id }} expires {{ item.expires_at }}"
  loop: "{{ dc1.api_tokens | selectattr('enabled') | selectattr('days_to_expiry', 'ne', None)
            | selectattr('days_to_expiry', 'le', 30) }}"
  loop_control:
    label: "{{ item.id }}"

- name: My own tokens
  digicert.one.dc1_api_token_info:
    user_id: me
"""

RETURN = r"""
api_tokens:
  description: The API tokens, each with the fields the API sent (never a secret) plus the normalised ones below.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Token id.
      type: str
    name:
      description: Token name.
      type: str
    expires_at:
      description:
        - When the token stops working, ISO 8601 UTC. An end date means 23:59:59 UTC that day.
        - V(null) when the token has no end date.
      type: str
    days_to_expiry:
      description: Whole days from now until RV(api_tokens[].expires_at); negative once expired; V(null) without end date.
      type: int
    enabled:
      description: Whether the token is enabled (from C(enabled) or a C(status) such as C(ACTIVE)); V(null) if unknown.
      type: bool
    user_id:
      description: The user that owns the token.
      type: str
    created_at:
      description: When the token was created, ISO 8601 UTC.
      type: str
  sample:
    - id: 5b6c3a8e-46a5-4b1f-a0c3-54ba6bb33a70
      name: ci-pipeline
      user_id: 783a6a45-b74b-4635-bb4b-69855910ccd3
      end_date: "2026-12-01"
      enabled: true
      created_at: "2025-12-01T09:12:44Z"
      expires_at: "2026-12-01T23:59:59Z"
      days_to_expiry: 8
"""

from ansible_collections.digicert.one.plugins.module_utils._dates import REFERENCE_TIME_SPEC, reference_instant
from ansible_collections.digicert.one.plugins.module_utils._listing.credentials import read_owned
from ansible_collections.digicert.one.plugins.module_utils._module_template import argument_spec, main_for

SPEC = argument_spec(dict({"user_id": {"type": "str"}}, **REFERENCE_TIME_SPEC))


def run(module, client):
    now = reference_instant(module.params.get("reference_time"))
    return {"api_tokens": read_owned(client, "api_token", module.params.get("user_id"), now)}


def main():
    main_for(run, SPEC)


if __name__ == "__main__":
    main()
