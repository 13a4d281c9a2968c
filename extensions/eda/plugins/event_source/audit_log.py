# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""digicert.one.audit_log: an ansible-rulebook event source over the DigiCert ONE audit log."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
short_description: Events from the DigiCert ONE Account Manager audit log
description:
  - An ansible-rulebook event source that polls C(GET /account/api/v1/audit-log) and puts one event per new
    entry on the queue, oldest first. The entry is C(event.dc1_audit); C(event.meta.dc1) holds the
    C(base_url) it came from and C(late), true when it was listed after newer entries had been emitted.
  - It reads through the collection's client (authentication, mutual TLS, retries with C(Retry-After),
    redaction), with the same connection options and C(DC_*) environment variables as every module.
  - With O(state_file), the cursor survives restarts - no entry is emitted twice and none that happened
    while the source was down is lost. See C(docs/eda.md) for the exact guarantees.
  - HTTP 429, 5xx and transport errors are retried by the client, then the poll backs off and the source
    keeps running with a warning. HTTP 401/403 on the first poll stop the source with the client's message;
    later, they stop it after three polls in a row.
  - The decision environment needs ansible-core and the Python library C(requests).
options:
  account_id:
    description: Only entries of this account (UUID).
    type: str
  action:
    description: Only entries with this action, for example V(create) or V(login).
    type: str
  status:
    description: Only entries with this outcome, V(success), V(failure) or V(warning), in any case.
    type: str
  resource_types:
    description: Only entries about these resource types, for example V(api_access_token) or V(user).
    type: list
    elements: str
  user_name:
    description: Only entries whose user name contains this text.
    type: str
  interval:
    description: Seconds between two polls.
    type: float
    default: 30.0
  start_at:
    description:
      - Where to start when there is no O(state_file) yet (a state file always wins).
      - V(now), an ISO 8601 date or date-time such as V(2026-06-15T10:00:00Z), or a look-back such as
        V(30m), V(12h) or V(7d).
    type: str
    default: now
  state_file:
    description:
      - JSON file that keeps the cursor across restarts, written atomically with mode C(0600) after the
        events of each poll are on the queue. One file per source.
      - A bare file name (no directory), as the shipped rulebooks use, is kept in the per-user state directory
        C($XDG_STATE_HOME/digicert.one), by default C(~/.local/state/digicert.one), created with mode C(0700) when
        missing. A path with a directory is used as given, and its directory must exist.
      - Without it, a restart starts again from O(start_at).
    type: path
  overlap:
    description:
      - Seconds before the newest entry seen that every poll reads again, so that an entry which appears
        late (or shares a timestamp) is still emitted, once.
    type: float
    default: 300.0
  max_ids:
    description:
      - Most entry ids the cursor keeps. When more entries than this fall inside O(overlap), the window
        shrinks to the newest ones instead of memory growing or entries repeating.
    type: int
    default: 10000
  max_backoff:
    description: Longest wait in seconds between two failed polls (the wait doubles from O(interval)).
    type: float
    default: 300.0
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
    choices: [us, ch, jp, nl]
  environment:
    description:
      - 'With O(region), selects the production or the demo host. Never defaulted: credentials are bound to one host.'
      - If not set, the environment variable C(DC_ENVIRONMENT) is used.
    type: str
    choices: [production, demo]
  api_key:
    description:
      - API token sent in the C(x-api-key) header. Not needed when a client certificate authenticates.
      - If not set, the environment variable C(DC_API_TOKEN) is used.
    type: str
    aliases: [api_token]
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

EXAMPLES = r"""
# Connection from the environment (DC_BASE, DC_API_TOKEN, ...), as a decision environment's credential sets it.
- digicert.one.audit_log:
    resource_types: [api_access_token]
    action: create
    interval: 30
    start_at: 1h
    state_file: dc1-new-tokens.json   # in ~/.local/state/digicert.one

# Every failed action of one account, polled each 15 seconds, with explicit connection options.
- digicert.one.audit_log:
    base_url: https://one.digicert.com
    api_key: "{{ dc1_api_token }}"
    account_id: 88dd63d3-af43-4517-8222-70511968aed8
    status: failure
    interval: 15
    state_file: /var/lib/eda/dc1-failures.json
"""

import os
import sys


def _collections_root(path):
    """The directory that holds ``ansible_collections/`` when ``path`` is this file inside a collection."""
    parts = os.path.abspath(path).split(os.sep)  # not realpath: a symlinked collection counts where it is found
    if len(parts) > 8 and parts[-8] == "ansible_collections" and parts[-4:-1] == ["eda", "plugins", "event_source"]:
        return os.sep.join(parts[:-8]) or os.sep
    return None


# ansible-rulebook runs this file with runpy and puts no collection path on sys.path: the imports below
# need the directory that holds ansible_collections/, which is where this file was found.
try:
    import ansible_collections.digicert.one.plugins.plugin_utils._eda.source  # noqa: F401  # pylint: disable=unused-import
except ImportError:
    if _collections_root(globals().get("__file__", "")):
        sys.path.append(_collections_root(__file__))

from ansible_collections.digicert.one.plugins.plugin_utils._eda.source import AuditLogSource


async def main(queue, args):
    """The ansible-rulebook source entry point: poll until cancelled; raise on a fatal error."""
    await AuditLogSource(args).run(queue)


if __name__ == "__main__":
    import asyncio

    class _PrintQueue:
        async def put(self, event):
            print(event)

    asyncio.run(main(_PrintQueue(), {"start_at": "1d"}))
