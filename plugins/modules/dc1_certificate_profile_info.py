#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dc1_certificate_profile_info
short_description: List DigiCert ONE Trust Lifecycle certificate profiles and their posture
version_added: 0.1.0
description:
  - Reads the certificate profiles of DigiCert ONE Trust Lifecycle Manager, C(GET /mpki/api/v1/profile) (every
    page, whatever list shape the server uses), or one profile by O(id) (C(GET /mpki/api/v1/profile/{profile_id})).
  - "Each profile is returned as the API sent it, plus RV(certificate_profiles[].posture): its signature hash,
    key size, the longest validity it allows in days, its issuing CA and whether key escrow is on, read from the
    profile's own fields. A field the API did not send is V(null) there: unknown, never a default."
  - The issuing CA is named by the profile's C(certificate.issuer.subject_dn); without one it is read from the
    CA's certificate (C(certificate.issuer.certificate)), which needs the Python library C(cryptography)
    (ansible-core requires it). A CA certificate that cannot be read leaves the issuer V(null) and is a warning.
  - Run it on the controller (implicit C(localhost)), where C(requests) is installed.
author:
  - digicert.one maintainers (@digicert-one)
requirements:
  - requests
  - cryptography (only to read an issuing CA that is sent as a certificate without its C(subject_dn))
options:
  id:
    description:
      - Return only this profile (UUID). An unknown UUID returns an empty list.
      - Cannot be combined with O(api_token_id).
    type: str
  api_token_id:
    description:
      - Only the profiles bound to this API token (sent to the server as the API's C(api_token_id) filter).
    type: str
extends_documentation_fragment:
  - digicert.one.connection
  - digicert.one.listing
  - digicert.one.attributes
notes:
  - The API needs a credential with access to Trust Lifecycle Manager.
  - "How RV(certificate_profiles[].posture.validity_days) counts: C(certificate.validity) is a duration in days,
    months, years, hours or minutes. Months count 31 days and years 366, hours and minutes are rounded up to
    whole days: the longest validity the profile allows, since a check asks whether it can exceed a maximum."
seealso:
  - module: digicert.one.dc1_certificate_info
  - module: digicert.one.dc1_api_info
"""

EXAMPLES = r"""
- name: Every certificate profile (connection from DC_BASE / DC_API_TOKEN)
  digicert.one.dc1_certificate_profile_info:
  register: profiles

- name: Name the active profiles that sign with SHA-1 or allow keys below 2048 bits
  ansible.builtin.debug:
    msg:
      sha1: "{{ profiles.certificate_profiles | selectattr('status', '==', 'Active')
                | selectattr('posture.signature_hash', '==', 'sha1') | map(attribute='name') | list }}"
      small_keys: "{{ profiles.certificate_profiles | selectattr('status', '==', 'Active')
                      | selectattr('posture.key_size') | selectattr('posture.key_size', '<', 2048)
                      | map(attribute='name') | list }}"

- name: Fail when a profile of a DigiCert Inc (public) issuer allows more than 200 days
  ansible.builtin.assert:
    that: >-
      profiles.certificate_profiles | selectattr('posture.issuer_org', '==', 'DigiCert Inc')
      | selectattr('posture.validity_days') | selectattr('posture.validity_days', '>', 200) | list | length == 0

- name: The profiles bound to one API token
  digicert.one.dc1_certificate_profile_info:
    api_token_id: 8517a493-ef6a-405e-85f1-eecd538e7692

- name: One profile
  digicert.one.dc1_certificate_profile_info:
    id: d6743d9a-fb67-4a64-a33e-8a3229d28cc4
"""

RETURN = r"""
certificate_profiles:
  description: The certificate profiles, as the API returns them, each with RV(certificate_profiles[].posture).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The profile's ID (UUID).
      type: str
    name:
      description: The profile's name.
      type: str
    status:
      description: C(Active) or C(Deleted).
      type: str
    signature_algorithm:
      description: As the API sends it, such as C(SHA256_WITH_RSA) or C(MATCH_ISSUER).
      type: str
    posture:
      description: What a posture check needs, normalised; each field V(null) when the API did not send it.
      type: dict
      returned: always
      contains:
        signature_hash:
          description:
            - The hash of C(signature_algorithm) in lower case, V(sha1), V(sha256), V(sha384), V(sha512), ...
            - V(null) for C(MATCH_ISSUER) (the issuer decides) and for a value not sent or not understood.
          type: str
        key_size:
          description: C(private_key_attributes.key_size) as a number of bits (the API sends a string).
          type: int
        validity_days:
          description:
            - The longest validity the profile allows, in days, from C(certificate.validity) (C(unit),
              C(duration)); months count 31 days, years 366, hours and minutes round up.
          type: int
        issuer_dn:
          description: The issuing CA's distinguished name, C(certificate.issuer.subject_dn) as sent.
          type: str
        issuer_cn:
          description: The issuing CA's common name (CN).
          type: str
        issuer_org:
          description: The issuing CA's organization (O), such as V(DigiCert Inc).
          type: str
        key_escrow:
          description: C(key_escrow_policy.key_escrow_enabled).
          type: bool
  sample:
    - id: d6743d9a-fb67-4a64-a33e-8a3229d28cc4
      name: Profile name
      status: Active
      signature_algorithm: SHA256_WITH_RSA
      renewal_period_days: 30
      business_unit_id: e5bf49f0-a77b-4301-85e9-c15eb12df70f
      enrollment_method: csr
      authentication_method: enrollment_code
      private_key_attributes:
        key_size: "2048"
      key_escrow_policy:
        key_escrow_enabled: false
      certificate:
        validity:
          unit: days
          duration: 365
        issuer:
          serial_number: "254554466396905590377942608199604315083804010285"
          subject_dn: CN=USCSS Nostromo, O=Weyland-Yutani, C=US
      posture:
        signature_hash: sha256
        key_size: 2048
        validity_days: 365
        issuer_dn: CN=USCSS Nostromo, O=Weyland-Yutani, C=US
        issuer_cn: USCSS Nostromo
        issuer_org: Weyland-Yutani
        key_escrow: false
truncated:
  description: True when O(max_results) cut the list short.
  returned: always
  type: bool
  sample: false
"""

from ansible_collections.digicert.one.plugins.module_utils._lifecycle import profiles
from ansible_collections.digicert.one.plugins.module_utils._module_template import argument_spec, main_for

SPEC = argument_spec(profiles.argument_spec())


def run(module, client):
    return profiles.read(client, module.params, warn=module.warn)


def main():
    main_for(run, SPEC)


if __name__ == "__main__":
    main()
