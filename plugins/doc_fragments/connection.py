# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection options of every module and plugin.

The option table is ``CONNECTION_OPTIONS`` in ``module_utils/_connection.py``;
argument specs and plugin option handling are built from it. This text is its
rendering by ``connection_doc_options()``, kept static because ansible-test's
``yamllint`` sanity test reads doc fragments as string literals (it crashes on
a computed value). ``tests/unit/plugins/doc_fragments/test_connection.py``
fails, and prints the text to paste here, when the two drift apart.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Modules: options with env_fallback, described in the text.
    DOCUMENTATION = r"""
options:
  base_url:
    description:
      - Base URL of the DigiCert ONE instance, for example C(https://demo.one.digicert.com). Takes precedence over
        O(region) and O(environment).
      - If not set, the environment variable C(DC_BASE) is used.
    type: str
  region:
    description:
      - DigiCert ONE region whose host to use when O(base_url) is not set; requires O(environment).
      - If not set, the environment variable C(DC_REGION) is used.
    type: str
    choices:
      - us
      - ch
      - jp
      - nl
  environment:
    description:
      - 'With O(region), selects the production or the demo host. Never defaulted: credentials are bound to one
        host.'
      - If not set, the environment variable C(DC_ENVIRONMENT) is used.
    type: str
    choices:
      - production
      - demo
  api_key:
    description:
      - API token sent in the C(x-api-key) header. Not needed when a client certificate authenticates.
      - If not set, the environment variable C(DC_API_TOKEN) is used.
    type: str
    aliases:
      - api_token
  client_cert:
    description:
      - PEM client certificate for mutual TLS. A host derived from O(region) then gets its C(clientauth.) prefix.
      - If not set, the environment variable C(DC_CLIENT_CERT) is used.
    type: path
  client_key:
    description:
      - PEM private key of O(client_cert), when the certificate file does not contain it.
      - If not set, the environment variable C(DC_CLIENT_KEY) is used.
    type: path
  validate_certs:
    description:
      - Verify the server's TLS certificate. Only set to V(false) against a test server you control.
      - If not set, the environment variable C(DC_VALIDATE_CERTS) is used.
    type: bool
    default: true
  ca_path:
    description:
      - PEM CA bundle used to verify the server, for example the simulator's C(ca.pem).
      - If not set, the environment variable C(DC_CA_PATH) is used.
    type: path
  timeout:
    description:
      - Seconds to wait for a connection or a response before the request counts as failed (and is retried).
      - If not set, the environment variable C(DC_TIMEOUT) is used.
    type: float
    default: 30.0
  retries:
    description:
      - How often one read is retried after HTTP 429, 502, 503, 504, a connection error, a timeout or a cut body.
      - If not set, the environment variable C(DC_RETRIES) is used.
    type: int
    default: 5
  retry_max_wait:
    description:
      - Longest single wait in seconds between retries; a larger C(Retry-After) is capped to it.
      - If not set, the environment variable C(DC_RETRY_MAX_WAIT) is used.
    type: float
    default: 60.0
  page_size:
    description:
      - Items asked for per page (C(limit)). The server may return fewer; the collection follows what it returns.
      - If not set, the environment variable C(DC_PAGE_SIZE) is used.
    type: int
    default: 100
  max_concurrency:
    description:
      - Most requests in flight at once, for pages whose offsets are known and for per-user fan-out.
      - If not set, the environment variable C(DC_MAX_CONCURRENCY) is used.
    type: int
    default: 16
"""

    # Inventory and lookup plugins: the same options with ``env:`` sources.
    PLUGINS = r"""
options:
  base_url:
    description:
      - Base URL of the DigiCert ONE instance, for example C(https://demo.one.digicert.com). Takes precedence over
        O(region) and O(environment).
    type: str
    env:
      - name: DC_BASE
  region:
    description:
      - DigiCert ONE region whose host to use when O(base_url) is not set; requires O(environment).
    type: str
    choices:
      - us
      - ch
      - jp
      - nl
    env:
      - name: DC_REGION
  environment:
    description:
      - 'With O(region), selects the production or the demo host. Never defaulted: credentials are bound to one
        host.'
    type: str
    choices:
      - production
      - demo
    env:
      - name: DC_ENVIRONMENT
  api_key:
    description:
      - API token sent in the C(x-api-key) header. Not needed when a client certificate authenticates.
    type: str
    aliases:
      - api_token
    env:
      - name: DC_API_TOKEN
  client_cert:
    description:
      - PEM client certificate for mutual TLS. A host derived from O(region) then gets its C(clientauth.) prefix.
    type: path
    env:
      - name: DC_CLIENT_CERT
  client_key:
    description:
      - PEM private key of O(client_cert), when the certificate file does not contain it.
    type: path
    env:
      - name: DC_CLIENT_KEY
  validate_certs:
    description:
      - Verify the server's TLS certificate. Only set to V(false) against a test server you control.
    type: bool
    default: true
    env:
      - name: DC_VALIDATE_CERTS
  ca_path:
    description:
      - PEM CA bundle used to verify the server, for example the simulator's C(ca.pem).
    type: path
    env:
      - name: DC_CA_PATH
  timeout:
    description:
      - Seconds to wait for a connection or a response before the request counts as failed (and is retried).
    type: float
    default: 30.0
    env:
      - name: DC_TIMEOUT
  retries:
    description:
      - How often one read is retried after HTTP 429, 502, 503, 504, a connection error, a timeout or a cut body.
    type: int
    default: 5
    env:
      - name: DC_RETRIES
  retry_max_wait:
    description:
      - Longest single wait in seconds between retries; a larger C(Retry-After) is capped to it.
    type: float
    default: 60.0
    env:
      - name: DC_RETRY_MAX_WAIT
  page_size:
    description:
      - Items asked for per page (C(limit)). The server may return fewer; the collection follows what it returns.
    type: int
    default: 100
    env:
      - name: DC_PAGE_SIZE
  max_concurrency:
    description:
      - Most requests in flight at once, for pages whose offsets are known and for per-user fan-out.
    type: int
    default: 16
    env:
      - name: DC_MAX_CONCURRENCY
"""
