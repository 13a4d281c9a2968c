# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one table of connection options.

Every module's argument spec, the ``digicert.one.connection`` doc fragment and
the plugins' option handling are derived from ``CONNECTION_OPTIONS``; a unit
test checks the doc fragment against it, so the three cannot drift apart.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import env_fallback

COLLECTION_NAME = "digicert.one"
COLLECTION_VERSION = "0.1.0"

# The four regions, each with a production and a demo host (docs/api-notes.md, "Hosts and regions").
REGION_HOSTS = {
    ("us", "production"): "one.digicert.com",
    ("us", "demo"): "demo.one.digicert.com",
    ("ch", "production"): "one.ch.digicert.com",
    ("ch", "demo"): "demo.one.ch.digicert.com",
    ("jp", "production"): "one.digicert.co.jp",
    ("jp", "demo"): "demo.one.digicert.co.jp",
    ("nl", "production"): "one.nl.digicert.com",
    ("nl", "demo"): "demo.one.nl.digicert.com",
}
MTLS_PREFIX = "clientauth."

# name -> spec. Keys beyond AnsibleModule's (``env``, ``description``) are
# stripped by ``connection_argument_spec``; ``env`` becomes an env_fallback.
CONNECTION_OPTIONS = {
    "base_url": {
        "type": "str",
        "env": "DC_BASE",
        "description": "Base URL of the DigiCert ONE instance, for example C(https://demo.one.digicert.com). "
        "Takes precedence over O(region) and O(environment).",
    },
    "region": {
        "type": "str",
        "choices": ["us", "ch", "jp", "nl"],
        "env": "DC_REGION",
        "description": "DigiCert ONE region whose host to use when O(base_url) is not set; requires O(environment).",
    },
    "environment": {
        "type": "str",
        "choices": ["production", "demo"],
        "env": "DC_ENVIRONMENT",
        "description": "With O(region), selects the production or the demo host. Never defaulted: credentials are bound to one host.",
    },
    "api_key": {
        "type": "str",
        "no_log": True,
        "env": "DC_API_TOKEN",
        "aliases": ["api_token"],
        "description": "API token sent in the C(x-api-key) header. Not needed when a client certificate authenticates.",
    },
    "client_cert": {
        "type": "path",
        "env": "DC_CLIENT_CERT",
        "description": "PEM client certificate for mutual TLS. A host derived from O(region) then gets its C(clientauth.) prefix.",
    },
    "client_key": {
        "type": "path",
        "no_log": True,
        "env": "DC_CLIENT_KEY",
        "description": "PEM private key of O(client_cert), when the certificate file does not contain it.",
    },
    "validate_certs": {
        "type": "bool",
        "default": True,
        "env": "DC_VALIDATE_CERTS",
        "description": "Verify the server's TLS certificate. Only set to V(false) against a test server you control.",
    },
    "ca_path": {
        "type": "path",
        "env": "DC_CA_PATH",
        "description": "PEM CA bundle used to verify the server, for example the simulator's C(ca.pem).",
    },
    "timeout": {
        "type": "float",
        "default": 30.0,
        "env": "DC_TIMEOUT",
        "description": "Seconds to wait for a connection or a response before the request counts as failed (and is retried).",
    },
    "retries": {
        "type": "int",
        "default": 5,
        "env": "DC_RETRIES",
        "description": "How often one read is retried after HTTP 429, 502, 503, 504, a connection error, a timeout or a cut body.",
    },
    "retry_max_wait": {
        "type": "float",
        "default": 60.0,
        "env": "DC_RETRY_MAX_WAIT",
        "description": "Longest single wait in seconds between retries; a larger C(Retry-After) is capped to it.",
    },
    "page_size": {
        "type": "int",
        "default": 100,
        "env": "DC_PAGE_SIZE",
        "description": "Items asked for per page (C(limit)). The server may return fewer; the collection follows what it returns.",
    },
    "max_concurrency": {
        "type": "int",
        "default": 16,
        "env": "DC_MAX_CONCURRENCY",
        "description": "Most requests in flight at once, for pages whose offsets are known and for per-user fan-out.",
    },
}

_ANSIBLE_KEYS = ("type", "default", "choices", "no_log", "aliases", "elements")


def connection_argument_spec():
    """AnsibleModule argument spec for the connection options, with env fallbacks."""
    spec = {}
    for name, opt in CONNECTION_OPTIONS.items():
        entry = dict((k, v) for k, v in opt.items() if k in _ANSIBLE_KEYS)
        if "env" in opt:
            entry["fallback"] = (env_fallback, [opt["env"]])
        spec[name] = entry
    return spec


def connection_doc_options(plugin=False):
    """The options as Ansible documentation dicts (``plugin`` adds ``env`` sources)."""
    docs = {}
    for name, opt in CONNECTION_OPTIONS.items():
        entry = {"description": [opt["description"]], "type": opt["type"]}
        for key in ("default", "choices", "aliases"):
            if key in opt:
                entry[key] = opt[key]
        if plugin:
            entry["env"] = [{"name": opt["env"]}]
        else:
            entry["description"].append("If not set, the environment variable C(%s) is used." % opt["env"])
        docs[name] = entry
    return docs


def connection_settings(get_option):
    """Collect the connection settings through ``get_option(name)``.

    Modules pass ``module.params.get``; plugins pass their ``get_option``,
    which already applied the ``env`` sources of the plugin doc fragment.
    """
    return dict((name, get_option(name)) for name in CONNECTION_OPTIONS)
