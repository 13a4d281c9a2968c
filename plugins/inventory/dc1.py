# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: dc1
short_description: DigiCert ONE accounts as inventory hosts
version_added: 0.1.0
description:
  - Makes every DigiCert ONE account visible to the credential an inventory host, with the account's facts and
    user, service user, API token and organization counts as host variables, grouped by state.
  - Reads C(GET /account/api/v1/account), C(/user), C(/organization) and, per user, C(/api-access-token) through the
    same client, retries and pagination as the modules.
  - The source file name must end in C(.dc1.yml) or C(.dc1.yaml). It is picked up by the C(auto) inventory plugin, so
    no C(enable_plugins) change is needed.
  - "Built-in groups: C(dc1_active), C(dc1_inactive), C(dc1_service_ending) (service period ends within
    O(expiry_warning_days) days) and C(dc1_service_ended) (service period already over)."
  - "Host variables (shown with the default O(hostvar_prefix)): C(dc1_account) (the whole account object),
    C(dc1_account_id), C(dc1_account_name), C(dc1_active), C(dc1_service_period_to), C(dc1_days_to_service_end),
    C(dc1_user_counts) (users by status, such as C({ACTIVE: 10, LOCKED: 1})), C(dc1_user_count) (standard and
    service users), C(dc1_service_user_count), C(dc1_organization_count), with O(gather_tokens)
    C(dc1_api_token_count) and C(dc1_tokens_expiring_soon), and with O(gather_certificates)
    C(dc1_certificate_count) and C(dc1_certificates_expiring_soon)."
  - "Each host is an account: the C(digicert.one.facts) role and the C(digicert.one.audit) playbook gather one
    account per host, in parallel over forks (and over job slices on AWX/AAP); see the collection's docs/aap.md."
  - A user of several accounts counts in each of them; so does each of its API tokens.
author:
  - digicert.one maintainers (@digicert-one)
requirements:
  - requests
options:
  plugin:
    description: Marks the file as a source for this plugin.
    required: true
    type: str
    choices: [digicert.one.dc1]
  hostname_field:
    description:
      - Account field that names the host. The value is lower-cased, transliterated to ASCII and every run of
        characters outside C([a-z0-9_.-]) becomes C(_), so names work in host patterns without quoting.
      - Accounts whose names collide all get C(_) plus the first 8 characters of their id, whatever the API order.
    type: str
    default: name
    choices: [name, id, friendly_identifier]
  hostvar_prefix:
    description: Prefix of every host variable set from the API (not of C(ansible_*) variables or group names).
    type: str
    default: dc1_
  expiry_warning_days:
    description:
      - Window in days for C(dc1_tokens_expiring_soon) (enabled tokens ending in 0 to this many days),
        C(dc1_certificates_expiring_soon) (issued certificates ending in 0 to this many days) and for the
        C(dc1_service_ending) group.
    type: int
    default: 30
  gather_tokens:
    description:
      - Read every user's API tokens (one request per user) for C(dc1_api_token_count) and
        C(dc1_tokens_expiring_soon).
      - "Off by default: the inventory is parsed at every playbook start and this costs a request per user
        (4,000 requests for 2,000 users). The C(digicert.one.facts) role gathers the tokens of each account host
        anyway, and C(dc1_facts.summary) carries the same counts."
    type: bool
    default: false
  gather_certificates:
    description:
      - Read each account's Trust Lifecycle certificates (C(GET /mpki/api/v1/certificate-search) with the account's
        C(account_id) filter, every page) for C(dc1_certificate_count) and C(dc1_certificates_expiring_soon). Only
        the status, end date and account of each certificate are kept (and cached).
      - "Off by default: the inventory is parsed at every playbook start and this costs at least a request per
        account, more for accounts with many certificates. The C(digicert.one.facts) role gathers the certificates
        of each account host anyway, and C(dc1_facts.summary) carries the same counts."
      - A credential without Trust Lifecycle rights (HTTP 403) or a tenant without Trust Lifecycle (HTTP 404) gets a
        warning and no certificate variables, not a failed inventory.
    type: bool
    default: false
  set_local_connection:
    description:
      - Set C(ansible_connection=local) and C(ansible_python_interpreter={{ ansible_playbook_python }}) on every host.
      - An account is not a machine to log in to. With this, a play on C(hosts=all) runs each account's tasks on the
        controller, in parallel up to C(forks), and the collection's modules find C(requests) in the Python that runs
        Ansible.
    type: bool
    default: true
  reference_time:
    description:
      - The instant day counts are computed from, a date V(YYYY-MM-DD) (midnight UTC) or an ISO 8601 date-time.
      - Defaults to the current time. Fix it for reproducible output, for example in tests against the simulator.
    type: str
extends_documentation_fragment:
  - digicert.one.connection.plugins
  - constructed
  - inventory_cache
notes:
  - The cache holds the account objects and, of users, tokens, organizations and certificates, only the ids,
    statuses and dates the counts need. It holds no API key, no e-mail address and no token value; an entry is used only for the
    same host and the same credential (compared by a truncated hash).
  - Day counts are computed when the inventory is built, also from cached data.
seealso:
  - module: digicert.one.dc1_account_info
  - plugin: digicert.one.dc1
    plugin_type: lookup
"""

EXAMPLES = r"""
# tenant.dc1.yml -- connection from DC_BASE, DC_API_TOKEN and DC_CA_PATH; token counts too
plugin: digicert.one.dc1
gather_tokens: true
expiry_warning_days: 45
keyed_groups:
  # locale_en_US, locale_fr_FR, ...
  - key: dc1_account.locale
    prefix: locale
  # active_true / active_false
  - key: dc1_active
    prefix: active
groups:
  has_locked_users: dc1_user_counts.LOCKED | default(0) > 0
  tokens_to_rotate: dc1_tokens_expiring_soon > 0
compose:
  dc1_support_ref: dc1_account.friendly_identifier

---
# Named by id, cached for an hour in a JSON file
plugin: digicert.one.dc1
base_url: https://demo.one.digicert.com
hostname_field: id
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/dc1-inventory
cache_timeout: 3600

---
# Trust Lifecycle certificate counts per account, and a group of accounts with certificates to renew
plugin: digicert.one.dc1
gather_certificates: true
groups:
  certificates_to_renew: dc1_certificates_expiring_soon | default(0) > 0
"""

from ansible.errors import AnsibleError
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable
from ansible.template import trust_as_template
from ansible.utils.display import Display

from ansible_collections.digicert.one.plugins.plugin_utils import _inventory as inventory_data
from ansible_collections.digicert.one.plugins.module_utils._http.client import DC1Client, resolve_base_url
from ansible_collections.digicert.one.plugins.module_utils._connection import connection_settings
from ansible_collections.digicert.one.plugins.module_utils._dates import reference_instant
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1Error

display = Display()


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    NAME = "digicert.one.dc1"

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith((".dc1.yml", ".dc1.yaml"))

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        self._read_config_data(path)
        try:
            hosts = self._hosts(path, cache)
        except DC1Error as exc:
            # DC1Error messages are redacted when built; option values are never added here.
            raise AnsibleError("digicert.one.dc1 inventory: %s" % exc)
        self._populate(hosts)

    def _hosts(self, path, cache):
        settings = connection_settings(self.get_option)
        now = reference_instant(self.get_option("reference_time"))
        gather_tokens = self.get_option("gather_tokens")
        gather_certificates = self.get_option("gather_certificates")
        inventory_data.check_options(self.get_option("hostname_field"), self.get_option("hostvar_prefix"),
                                     self.get_option("expiry_warning_days"))  # before any request
        base_url = resolve_base_url(settings.get("base_url"), settings.get("region"),
                                    settings.get("environment"), settings.get("client_cert"))
        identity = inventory_data.source_identity(base_url, settings)
        use_cache = self.get_option("cache")
        cache_key = self.get_cache_key(path)
        data = None
        if use_cache and cache:
            data = inventory_data.from_cache(self._cache.get(cache_key), identity, gather_tokens, gather_certificates)
        if data is None:
            client = DC1Client(settings, warn=display.warning, debug=display.vvv)
            data = inventory_data.gather(client, gather_tokens, now, gather_certificates, warn=display.warning)
            display.vvv("digicert.one.dc1: %d requests to %s" % (client.stats["requests"], client.base_url))
            if client.retry_summary():
                display.warning(client.retry_summary())
            if use_cache:
                self._cache[cache_key] = inventory_data.cache_entry(data, identity)
        else:
            display.vvv("digicert.one.dc1: using cached data for %s" % base_url)
        # How the server pages each list, learned by these reads: every host's gathering starts from it.
        inventory_data.remember(data)
        return inventory_data.build_hosts(
            data,
            hostname_field=self.get_option("hostname_field"),
            prefix=self.get_option("hostvar_prefix"),
            warning_days=self.get_option("expiry_warning_days"),
            now=now,
        )

    def _populate(self, hosts):
        strict = self.get_option("strict")
        local = self.get_option("set_local_connection")
        for group in inventory_data.STATE_GROUPS:
            self.inventory.add_group(group)
        for host in hosts:
            name = self.inventory.add_host(host["name"])
            for key, value in host["vars"].items():
                self.inventory.set_variable(name, key, value)
            if local:
                self.inventory.set_variable(name, "ansible_connection", "local")
                # Our own constant, the only value marked as a template: API data is never templated.
                self.inventory.set_variable(name, "ansible_python_interpreter",
                                            trust_as_template("{{ ansible_playbook_python }}"))
            for group in host["groups"]:
                self.inventory.add_child(self.inventory.add_group(group), name)
            self._set_composite_vars(self.get_option("compose"), host["vars"], name, strict=strict)
            self._add_host_to_composed_groups(self.get_option("groups"), host["vars"], name, strict=strict)
            self._add_host_to_keyed_groups(self.get_option("keyed_groups"), host["vars"], name, strict=strict)
