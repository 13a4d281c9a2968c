#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dc1_api_info
short_description: Read any DigiCert ONE API with the collection's auth, retries and pagination
version_added: 0.1.0
description:
  - Sends one C(GET https://HOST/PRODUCT/api/API_VERSION/PATH) to any DigiCert ONE manager, such as Trust
    Lifecycle (V(mpki)), Software Trust (V(signingmanager)), Private CA (V(certificate-authority)) or Device
    Trust (V(devicetrustmanager)), with the same authentication, TLS settings, retries and error messages as
    the other modules.
  - With O(all_pages=true), reads every page of a list (C(limit)/C(offset)) in any envelope the API uses
    (a bare list, C(items), C(records), or C(total)/C(offset)/C(limit)/C(items)).
  - GET only; this module never changes anything.
  - Run it on the controller (implicit C(localhost)), where C(requests) is installed.
author:
  - digicert.one maintainers (@digicert-one)
requirements:
  - requests
options:
  product:
    description: The manager's path segment, for example V(mpki), V(signingmanager) or V(account).
    type: str
    required: true
  path:
    description:
      - The resource path after C(/api/API_VERSION/), for example V(certificate-search) or V(profile/ID).
      - No host, query string or C(..); query parameters go in O(params).
    type: str
    required: true
  api_version:
    description: The API version segment.
    type: str
    default: v1
  params:
    description:
      - Query parameters. A list repeats the parameter. With O(all_pages=true), C(limit) and C(offset) are set by
        the module.
    type: dict
    default: {}
  all_pages:
    description: Read every page of a list and return all of them in RV(list_items).
    type: bool
    default: false
  max_results:
    description: With O(all_pages=true), return at most this many items; RV(truncated) says whether more exist.
    type: int
extends_documentation_fragment:
  - digicert.one.connection
  - digicert.one.attributes
seealso:
  - module: digicert.one.dc1_user_info
"""

EXAMPLES = r"""
- name: Every issued Trust Lifecycle certificate of one account
  digicert.one.dc1_api_info:
    product: mpki
    path: certificate-search
    params:
      account_id: 88dd63d3-af43-4517-8222-70511968aed8
      status: ISSUED
    all_pages: true
  register: certs

- name: Software Trust keypairs (first page)
  digicert.one.dc1_api_info:
    product: signingmanager
    path: keypairs
    params:
      limit: 100

- name: Is Trust Lifecycle reachable? (a text/plain answer)
  digicert.one.dc1_api_info:
    product: mpki
    path: hello
  register: hello
"""

RETURN = r"""
json:
  description: The parsed JSON answer. V(null) for a C(text/plain) answer.
  returned: when O(all_pages=false)
  type: raw
  sample: {"total": 2, "offset": 0, "limit": 100, "items": [{"serial_number": "3A5F09C1D2", "status": "issued"}]}
text:
  description: The body of a C(text/plain) answer, such as the C(hello) endpoint's greeting.
  returned: when the answer is C(text/plain)
  type: str
  sample: Hello from DigiCert ONE - Trust Lifecycle Manager REST API!
list_items:
  description:
    - The list inside the answer, whichever envelope holds it.
    - Named C(list_items), not C(items), because C(result.items) would be the dictionary method in Jinja.
    - With O(all_pages=true), the items of every page, each once.
  returned: when the answer is a list or a list envelope
  type: list
  elements: raw
total:
  description: The C(total) the API reported, when it reports one.
  returned: when O(all_pages=true)
  type: int
truncated:
  description: True when O(max_results) cut the list short.
  returned: when O(all_pages=true)
  type: bool
"""

from ansible_collections.digicert.one.plugins.module_utils._listing.any_api import read_generic
from ansible_collections.digicert.one.plugins.module_utils._module_template import argument_spec, main_for

SPEC = argument_spec({
    "product": {"type": "str", "required": True},
    "path": {"type": "str", "required": True},
    "api_version": {"type": "str", "default": "v1"},
    "params": {"type": "dict", "default": {}},
    "all_pages": {"type": "bool", "default": False},
    "max_results": {"type": "int"},
})


def run(module, client):
    p = module.params
    return read_generic(client, p["product"], p["path"], p["api_version"], p["params"], p["all_pages"], p["max_results"])


def main():
    main_for(run, SPEC)


if __name__ == "__main__":
    main()
