#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dc1_client_certificate_info
short_description: List DigiCert ONE client authentication certificates and when they expire
version_added: 0.1.0
description:
  - Reads the client authentication (mTLS) certificates of one user, or of every user the credential can
    see, from the DigiCert ONE Account Manager API (C(GET /account/api/v1/client-auth-certificate?user_id=...)).
  - Without O(user_id), the users are listed first and their certificates are then read concurrently.
  - "Each certificate is returned as the API sends it plus normalised fields: RV(client_certificates[].expires_at),
    RV(client_certificates[].days_to_expiry), RV(client_certificates[].enabled),
    RV(client_certificates[].state), RV(client_certificates[].subject), RV(client_certificates[].serial_number),
    RV(client_certificates[].user_id) and RV(client_certificates[].created_at)."
  - No private key or PKCS#12 content is ever returned.
  - Run it on the controller (implicit C(localhost)), where C(requests) is installed.
author:
  - digicert.one maintainers (@digicert-one)
requirements:
  - requests
options:
  user_id:
    description:
      - The user whose certificates to list, a UUID or V(me).
      - Omit it to list the certificates of every user visible to the credential.
    type: str
extends_documentation_fragment:
  - digicert.one.connection
  - digicert.one.reference_time
  - digicert.one.attributes
seealso:
  - module: digicert.one.dc1_api_token_info
"""

EXAMPLES = r"""
- name: Every client certificate
  digicert.one.dc1_client_certificate_info:
  register: dc1

- name: Valid certificates that expire within 30 days
  ansible.builtin.debug:
    msg: "{{ item.subject }} ({{ item.serial_number }}) expires {{ item.expires_at }}"
  loop: "{{ dc1.client_certificates | selectattr('state', 'equalto', 'VALID')
            | selectattr('days_to_expiry', 'ne', None) | selectattr('days_to_expiry', 'le', 30) }}"
  loop_control:
    label: "{{ item.id }}"
"""

RETURN = r"""
client_certificates:
  description: The certificates, with the fields the API sent plus the normalised ones below.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Certificate id.
      type: str
    subject:
      description: The certificate's subject, its common name when the API gives one.
      type: str
    serial_number:
      description: Serial number.
      type: str
    state:
      description: State in upper case, such as C(VALID) or C(DISABLED).
      type: str
    enabled:
      description: Whether the certificate may authenticate.
      type: bool
    expires_at:
      description: End of validity, ISO 8601 UTC; V(null) if the API gives none.
      type: str
    days_to_expiry:
      description: Whole days until RV(client_certificates[].expires_at); negative once expired.
      type: int
    user_id:
      description: The user the certificate authenticates.
      type: str
    created_at:
      description: When it was created, ISO 8601 UTC.
      type: str
  sample:
    - id: 0f5b3a1e-46a5-4b1f-a0c3-54ba6bb33a70
      user_id: 783a6a45-b74b-4635-bb4b-69855910ccd3
      subject: ci-signer
      serial_number: 3A5F09C1D2
      state: VALID
      enabled: true
      valid_to: "2027-01-15T00:00:00Z"
      expires_at: "2027-01-15T00:00:00Z"
      days_to_expiry: 52
"""

from ansible_collections.digicert.one.plugins.module_utils._dates import REFERENCE_TIME_SPEC, reference_instant
from ansible_collections.digicert.one.plugins.module_utils._listing.credentials import read_owned
from ansible_collections.digicert.one.plugins.module_utils._module_template import argument_spec, main_for

SPEC = argument_spec(dict({"user_id": {"type": "str"}}, **REFERENCE_TIME_SPEC))


def run(module, client):
    now = reference_instant(module.params.get("reference_time"))
    return {"client_certificates": read_owned(client, "client_certificate", module.params.get("user_id"), now)}


def main():
    main_for(run, SPEC)


if __name__ == "__main__":
    main()
