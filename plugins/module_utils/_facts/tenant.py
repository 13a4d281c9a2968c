# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The play's tenant-wide read (``dc1_facts`` with ``tenant_only``, once per play): ``dc1_tenant``.

It holds what every account host would otherwise read or learn on its own:

* the tenant-wide lists (``accounts`` unless the inventory gave each host its account, ``roles``, Trust Lifecycle
  ``certificate_profiles``);
* ``knowledge``: how the server pages each path the hosts will list (the first page of each, unfiltered, and a
  probe where that page cannot tell; a path the inventory's reads taught is not asked again), and whether the
  tenant serves the per-user endpoints at all (a first wave of users asked once; refused for all of them means
  not served), with the answers of that wave, so that no host asks them again. A refused endpoint then costs
  one wave per run, not one per host (knowledge.py). While a served per-user path has shown nothing of how it
  pages (every answer so far empty), further waves are asked, up to ``MAX_WAVES``, so the hosts need not learn it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.digicert.one.plugins.module_utils._dates import iso, now_utc
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ApiError
from ansible_collections.digicert.one.plugins.module_utils._listing.credentials import listed
from ansible_collections.digicert.one.plugins.module_utils._listing.knowledge import SAMPLE_USERS
from ansible_collections.digicert.one.plugins.module_utils._listing.endpoints import ENDPOINTS
from ansible_collections.digicert.one.plugins.module_utils._listing.pager import learn

SCHEMA = 2
TENANT_WIDE = ("accounts", "roles", "certificate_profiles")
TOLERATED = (403, 404)
# The paths account hosts list with the server's account_id filter, by resource.
PER_ACCOUNT = {"users": "user", "organizations": "organization", "audit": "audit_log", "certificates": "certificate"}
PER_USER = {"api_tokens": "api_token", "client_certificates": "client_certificate"}
MAX_WAVES = 4


def tenant_read(client, resources, read_lists, warn=None):
    """``dc1_tenant`` for ``resources`` (the hosts' resources): ``read_lists(client, wanted)`` reads the tenant-wide
    lists among them and returns ``(data, unavailable)``; the rest is learned for the hosts."""
    wanted = [r for r in TENANT_WIDE if r in resources]
    data, unavailable = read_lists(client, wanted)
    learn_paths(client, [r for r in PER_ACCOUNT if r in resources or (r == "users" and _per_user(resources))])
    owned = [PER_USER[r] for r in PER_USER if r in resources]
    if owned and client.knowledge.users:
        learn_per_user(client, owned, client.knowledge.users)
    tenant = {"schema": SCHEMA, "collected_at": iso(now_utc()), "base_url": client.base_url,
              "unavailable": unavailable, "knowledge": client.knowledge.export()}
    tenant.update((r, data.get(r, [])) for r in wanted)
    return tenant


def _per_user(resources):
    return any(r in resources for r in PER_USER)


def learn_paths(client, resources):
    """The first page of each resource's path, unfiltered, unless the run knows the path already (the inventory's
    reads teach it too); the users read are remembered for the per-user wave."""
    for resource in resources:
        ep = ENDPOINTS[PER_ACCOUNT[resource]]
        known = client.knowledge.path(ep.path).known()
        if known and (resource != "users" or client.knowledge.users):
            continue
        try:
            # a known /user path is asked only for the wave's users: one small page
            items = learn(client, ep.path, {}, extract=ep.extract, limit=SAMPLE_USERS if known else None)
        except DC1ApiError as exc:
            if exc.status not in TOLERATED and exc.status != 400:
                raise
            continue  # the host will say why, in its own words: this read only learns
        if resource == "users":
            client.knowledge.remember_users([u.get("id") for u in items if isinstance(u, dict)])


def learn_per_user(client, names, user_ids):
    """Ask each per-user endpoint for a wave of users: served, or refused for every one of the first wave."""
    size = client.max_concurrency
    for name in names:
        path = ENDPOINTS[name].path
        for start in range(0, min(len(user_ids), size * MAX_WAVES), size):
            wave = user_ids[start:start + size]
            answers = dict(client.map(lambda u, name=name: (u, _answer(client, name, u)), wave))
            refusals = [a for a in answers.values() if isinstance(a, DC1ApiError)]
            if not start and len(refusals) == len(wave):
                client.knowledge.decide_per_user(path, False, refusals[0].status, "refused for every one of the first "
                                                 "%d users the play asked (%s)" % (len(wave), refusals[0]))
                break
            client.knowledge.decide_per_user(path, True)
            client.knowledge.hand_over(path, dict((u, a) for u, a in answers.items() if isinstance(a, list)))
            if client.knowledge.path(path).known():
                break  # the path has shown how it pages: the hosts need not learn it


def _answer(client, name, user_id):
    try:
        return listed(client, name, user_id)
    except DC1ApiError as exc:
        if exc.status in TOLERATED:
            return exc
        raise
