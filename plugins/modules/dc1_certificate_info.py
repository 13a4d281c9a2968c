#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dc1_certificate_info
short_description: List DigiCert ONE Trust Lifecycle certificates and when they expire
version_added: 0.1.0
description:
  - Reads certificates from DigiCert ONE Trust Lifecycle Manager (Enterprise PKI Manager),
    C(GET /mpki/api/v1/certificate-search), every page of them, or one certificate by O(serial_number)
    (C(GET /mpki/api/v1/certificate/{serial_number})).
  - Every filter of the API's search is an option and is sent to the server; all are checked before any request
    (UUIDs, dates, the status and seat type values).
  - "Each certificate is returned once, identified by its serial number (certificates carry no C(id)), with the
    fields the API sent plus RV(certificates[].expires_at) and RV(certificates[].days_to_expiry). The PEM body
    (C(certificate)) is left out unless O(include_pem=true)."
  - "Each certificate's body is parsed into RV(certificates[].x509): key type and size or curve, signature hash
    and algorithm, subject and issuer, DNS and IP subject alternative names, wildcard, the real validity in days
    and the extended key usages. The body may be PEM or bare base64 DER. Parsing needs the Python library
    C(cryptography), which ansible-core already requires; without it every RV(certificates[].x509) is V(null)
    and one warning says why."
  - One malformed certificate in the answer (not an object, no serial number, an unreadable C(valid_to), a body
    that does not parse) does not fail the listing; it is named in a warning and in RV(malformed).
  - Run it on the controller (implicit C(localhost)), where C(requests) is installed.
author:
  - digicert.one maintainers (@digicert-one)
requirements:
  - requests
  - cryptography (to parse the certificate bodies into RV(certificates[].x509); ansible-core requires it)
options:
  serial_number:
    description:
      - Hexadecimal serial number, such as V(4099ABF9C1BB7C02BBE1CDC7836CA9D58A71C2A5); sent in upper case.
      - Alone, it reads that one certificate (an empty list when it does not exist). With other filters it is one
        more search filter; combine it with O(thumbprint) when two certificates share a serial number.
    type: str
  status:
    description:
      - Only certificates in this status, V(issued), V(expired), V(revoked) or V(suspended), in either case.
      - Sent in upper case (C(ISSUED)) as the API's filter expects; certificates carry it in lower case.
    type: str
  expires_within_days:
    description:
      - Only certificates that have not expired yet and expire within this many days of O(reference_time), that
        is with RV(certificates[].days_to_expiry) from V(0) to this number.
      - The API has no such filter; the collection applies it, and narrows the server's answer with a
        C(valid_to) two days past the window. Already expired certificates are not listed; find them with
        O(status=expired), or with RV(certificates[].days_to_expiry) below V(0).
      - A certificate whose C(valid_to) cannot be read is never listed by this filter (it is named in a warning).
    type: int
  include_pem:
    description:
      - Return each certificate's body in C(certificate), as the API sends it (base64 DER or PEM). It is most of
        the bytes of an answer, so it is left out by default.
    type: bool
    default: false
  account_id:
    description: Only certificates of this account (UUID).
    type: str
  business_unit_id:
    description: Only certificates of this business unit (UUID).
    type: str
  business_unit_name:
    description: Only certificates of the business unit with this name.
    type: str
  profile_id:
    description: Only certificates issued from this certificate profile (UUID).
    type: str
  seat_id:
    description: Only certificates of this seat, such as a user's e-mail address or a host name.
    type: str
  seat_type_id:
    description:
      - Only certificates of this seat type, V(USER_SEAT), V(DEVICE_SEAT), V(SERVER_SEAT), V(IMPORTED_SEAT) or
        V(UNMANAGED_SEAT), in either case (sent in upper case).
    type: str
  valid_from:
    description: Only certificates issued after this day, V(YYYY-MM-DD) (sent as given; the server compares).
    type: str
  valid_to:
    description: Only certificates expiring before this day, V(YYYY-MM-DD) (sent as given; the server compares).
    type: str
  common_name:
    description: Only certificates with this common name.
    type: str
  aki:
    description: Only certificates with this authority key identifier (of the issuing CA's key).
    type: str
  issuing_ca_id:
    description: Only certificates issued by this CA (UUID).
    type: str
  issuing_ca_name:
    description: Only certificates issued by the CA with this name.
    type: str
  issuing_ca_serial_number:
    description: Only certificates issued by the CA certificate with this serial number (hexadecimal digits).
    type: str
  thumbprint:
    description: Only the certificate with this SHA-256 thumbprint, 64 hexadecimal digits (sent in upper case).
    type: str
extends_documentation_fragment:
  - digicert.one.connection
  - digicert.one.listing
  - digicert.one.reference_time
  - digicert.one.attributes
notes:
  - "How dates are read: the API's schema declares C(valid_to) a date, its example sends a date-time. A date-time
    is taken as it is (UTC); a bare date means the end of that day, 23:59:59 UTC, so a certificate valid to
    V(2026-07-01) counts as valid during all of 1 July (UTC)."
  - O(max_results) applies after O(expires_within_days).
  - The API needs a credential with access to Trust Lifecycle Manager (for example the C(VIEW_EM_CERTIFICATE)
    permission).
seealso:
  - module: digicert.one.dc1_client_certificate_info
  - module: digicert.one.dc1_api_info
  - plugin: digicert.one.dc1
    plugin_type: lookup
"""

EXAMPLES = r"""
- name: Certificates that expire within 30 days (connection from DC_BASE / DC_API_TOKEN)
  digicert.one.dc1_certificate_info:
    expires_within_days: 30
  register: expiring

- name: Fail the pipeline when an issued certificate expires within 30 days
  ansible.builtin.assert:
    that: expiring.certificates | selectattr('status', 'in', ['issued', 'ISSUED']) | list | length == 0
    fail_msg: "{{ expiring.certificates | map(attribute='common_name') | join(', ') }} expire soon"

- name: Revoked certificates of one business unit
  digicert.one.dc1_certificate_info:
    status: revoked
    business_unit_id: 57ff4149-16e9-4eef-8ac4-cc105216a736
  register: revoked

- name: One certificate with its PEM body
  digicert.one.dc1_certificate_info:
    serial_number: 4099ABF9C1BB7C02BBE1CDC7836CA9D58A71C2A5
    include_pem: true
  register: one

- name: Issued certificates
  digicert.one.dc1_certificate_info:
    status: issued
  register: issued

- name: Name the issued RSA keys below 2048 bits, SHA-1 or MD5 signatures and wildcards (parsed from the bodies)
  ansible.builtin.debug:
    msg:
      weak_rsa: "{{ issued.certificates | selectattr('x509') | selectattr('x509.key_type', '==', 'RSA')
                    | selectattr('x509.key_size', '<', 2048) | map(attribute='serial_number') | list }}"
      weak_hash: "{{ issued.certificates | selectattr('x509') | selectattr('x509.signature_hash', 'in', ['sha1', 'md5'])
                     | map(attribute='serial_number') | list }}"
      wildcards: "{{ issued.certificates | selectattr('x509') | selectattr('x509.wildcard')
                     | map(attribute='common_name') | list }}"

- name: Certificates that expire during the two weeks of the change freeze (a fixed reference, reproducible)
  digicert.one.dc1_certificate_info:
    status: issued
    expires_within_days: 14
    reference_time: "2026-12-15"
"""

RETURN = r"""
certificates:
  description: The certificates, in API order, each once, with the fields the API sent plus the normalised ones.
  returned: always
  type: list
  elements: dict
  contains:
    serial_number:
      description: Serial number, the certificate's identity.
      type: str
    common_name:
      description: Common name.
      type: str
    status:
      description: Status as the API sends it, C(issued), C(expired), C(revoked) or C(suspended).
      type: str
    valid_from:
      description: Start of validity as the API sends it (a date or a date-time).
      type: str
    valid_to:
      description: End of validity as the API sends it (a date or a date-time).
      type: str
    expires_at:
      description:
        - End of validity, ISO 8601 UTC; a bare date is its last second, 23:59:59 UTC.
        - V(null) when C(valid_to) is missing or unreadable (such a certificate is also named in RV(malformed)).
      type: str
    days_to_expiry:
      description:
        - Whole days from O(reference_time) until RV(certificates[].expires_at), rounded down; negative once
          expired. V(null) when RV(certificates[].expires_at) is.
      type: int
    certificate:
      description: The certificate body as the API sends it. Only with O(include_pem=true).
      type: str
      returned: when O(include_pem=true)
    revocation:
      description: C(reason), C(revocation_date) and C(comments) of a revoked certificate, when the API sends it.
      type: dict
    profile:
      description: C(id) and C(name) of the certificate profile.
      type: dict
    business_unit:
      description: C(id) and C(name) of the business unit.
      type: dict
    seat:
      description: C(seat_id) of the seat.
      type: dict
    x509:
      description:
        - What the certificate's body says, parsed. V(null) when the API sent no body, when the body does not
          parse (the certificate is then named in RV(malformed)) or when C(cryptography) is missing (one warning).
        - A V(null) field inside, or a V(null) RV(certificates[].x509), is unknown, never a pass or a failure.
      type: dict
      returned: always
      contains:
        key_type:
          description: V(RSA), V(EC), V(Ed25519), V(Ed448), V(DSA), or another algorithm's name or dotted OID.
          type: str
        key_size:
          description:
            - Key size in bits, the RSA or DSA modulus, the EC curve's size, V(256) for Ed25519 and V(456) for Ed448.
            - V(null) for other key types.
          type: int
        curve:
          description:
            - The EC curve, V(P-256), V(P-384), V(P-521), V(P-192), V(P-224), or another curve's name, such as
              V(secp256k1) or V(brainpoolP256r1). V(null) when the key is not EC.
          type: str
        signature_hash:
          description:
            - The signature's hash algorithm in lower case, V(sha256), V(sha384), V(sha512), V(sha1), V(md5), ...
            - V(null) for signatures without a separate hash (Ed25519, Ed448) or one not known.
          type: str
        signature_algorithm:
          description: The signature algorithm's name, such as V(sha256WithRSAEncryption) or V(ecdsa-with-SHA384).
          type: str
        subject_dn:
          description: The subject, as an RFC 4514 string (most specific first, such as V(CN=host,O=Org,C=US)).
          type: str
        issuer_dn:
          description: The issuer, as an RFC 4514 string.
          type: str
        issuer_cn:
          description: The issuer's common name (the most specific one); V(null) when it has none.
          type: str
        issuer_org:
          description: The issuer's organization (O); V(null) when it has none.
          type: str
        dns_names:
          description: The DNS subject alternative names, in lower case, sorted, each once.
          type: list
          elements: str
        ip_addresses:
          description: The IP address subject alternative names, IPv4 first, in numeric order, each once.
          type: list
          elements: str
        wildcard:
          description:
            - True when a DNS name starts with V(*.); without DNS names, when the subject's common name does.
          type: bool
        not_before:
          description: Start of validity from the body, ISO 8601 UTC.
          type: str
        not_after:
          description: End of validity from the body, ISO 8601 UTC.
          type: str
        validity_days:
          description:
            - The validity period in days, counting both ends as the CA/Browser Forum does
              ((not_after - not_before + 1 second) / 86400), rounded to 4 decimals; V(397.0) for a certificate
              valid from 1 April 2026 00:00:00 to 2 May 2027 23:59:59.
          type: float
        extended_key_usage:
          description:
            - The extended key usages, sorted, V(serverAuth), V(clientAuth), V(codeSigning),
              V(emailProtection), V(timeStamping), V(OCSPSigning), others as dotted OIDs.
            - V(null) when the certificate has no such extension (no restriction).
          type: list
          elements: str
  sample:
    - serial_number: 4099ABF9C1BB7C02BBE1CDC7836CA9D58A71C2A5
      common_name: Ellen Ripley
      status: issued
      valid_from: "2026-01-01T00:00:00Z"
      valid_to: "2026-07-01T00:00:00Z"
      expires_at: "2026-07-01T00:00:00Z"
      days_to_expiry: 16
      profile:
        id: e0e635f1-d8b2-4d87-9b4f-4d123b0a5688
        name: Profile name
      seat:
        seat_id: some-seat-id@example.com
      business_unit:
        id: 57ff4149-16e9-4eef-8ac4-cc105216a736
        name: USCSS Nostromo
      x509:
        key_type: RSA
        key_size: 2048
        curve: null
        signature_hash: sha256
        signature_algorithm: sha256WithRSAEncryption
        subject_dn: CN=Ellen Ripley,O=Weyland-Yutani,C=US
        issuer_dn: CN=USCSS Nostromo,O=Weyland-Yutani,C=US
        issuer_cn: USCSS Nostromo
        issuer_org: Weyland-Yutani
        dns_names: []
        ip_addresses: []
        wildcard: false
        not_before: "2026-01-01T00:00:00Z"
        not_after: "2026-07-01T00:00:00Z"
        validity_days: 181.0
        extended_key_usage: [clientAuth, emailProtection]
truncated:
  description: True when O(max_results) cut the list short.
  returned: always
  type: bool
  sample: false
malformed:
  description:
    - One message per malformed item of the answer, naming it. An item that is not an object or has no serial
      number is skipped; one with an unreadable C(valid_to) is returned with null expiry fields, one whose body
      does not parse with a null RV(certificates[].x509).
    - The first few are also warnings.
  returned: always
  type: list
  elements: str
  sample:
    - "GET /mpki/api/v1/certificate-search: item 7 (common_name 'host7.example.com') has no serial_number; skipped"
"""

from ansible_collections.digicert.one.plugins.module_utils._lifecycle import certificates
from ansible_collections.digicert.one.plugins.module_utils._module_template import argument_spec, main_for

SPEC = argument_spec(certificates.argument_spec())


def run(module, client):
    return certificates.read(client, module.params, warn=module.warn, parse=True)


def main():
    main_for(run, SPEC)


if __name__ == "__main__":
    main()
