# -*- coding: utf-8 -*-
"""``dc1_facts`` built straight from a simulator tenant, for the compliance tests.

The tenant's objects under the facts' resource names, tokens and client certificates
normalised with the collection's own ``credentials.normalise``, Trust Lifecycle certificates
with ``_certificates.normalise`` (their stored fields: the schema's, ``account`` included), the audit
events of the window as the gatherer's digest. ``PLANTED_TO_CHECK`` maps the simulator's planted ``check`` names to
catalogue IDs; ``catalogued`` keeps the planted offenders whose check the catalogue has.
"""

import datetime

from dc1sim import config as sim_config
from dc1sim import mpki as sim_mpki
from dc1sim import mpki_planted

from ansible_collections.digicert.one.plugins.module_utils._facts import audit
from ansible_collections.digicert.one.plugins.module_utils._lifecycle import certificates as lifecycle
from ansible_collections.digicert.one.plugins.module_utils import _dates as dates
from ansible_collections.digicert.one.plugins.module_utils._listing import credentials

PLANTED_TO_CHECK = {
    "token_expiring_soon": "DC1-TOKEN-001",
    "token_without_end_date": "DC1-TOKEN-002",
    "token_older_than_365_days": "DC1-TOKEN-003",
    "token_enabled_owner_inactive": "DC1-TOKEN-004",
    "service_user_without_end_date": "DC1-SVC-001",
    "service_user_expiring_soon": "DC1-SVC-002",
    "service_user_end_date_passed": "DC1-SVC-002",
    "service_user_overprivileged": "DC1-SVC-003",
    "user_locked": "DC1-USER-001",
    "user_pending_stale": "DC1-USER-002",
    "client_cert_expiring_soon": "DC1-CERT-001",
    "account_service_period_ending": "DC1-ACCT-001",
    "account_without_active_admin": "DC1-ACCT-002",
    "account_too_many_admins": "DC1-ACCT-002",
    "audit_failure_burst": "DC1-AUDIT-001",
    "certificate_expiring_soon": "DC1-TLM-001",
    "certificate_expired_but_issued": "DC1-TLM-002",
    "certificate_revoked_key_compromise": "DC1-TLM-003",
}
# Planted by the simulator for the certificate posture checks of issue 21 (keys, signatures, validity, wildcards,
# duplicates, owners, issuers, profiles), which the catalogue does not have yet: map each here when its check lands,
# and the tests that use ``catalogued`` expect it found.
NOT_IN_CATALOGUE = frozenset(mpki_planted.POSTURE_CHECKS) - set(PLANTED_TO_CHECK)
# the certificates as the API serves them with every field of the schema (bodies and thumbprints included)
_SERVED = sim_config.defaults()
_SERVED["mpki_fields"] = "schema"


def catalogued(planted):
    """The planted entries whose check the catalogue has (an unknown check name still fails the mapping)."""
    return [p for p in planted if p["check"] not in NOT_IN_CATALOGUE]


def facts_from_tenant(tenant, window_days=30, base_url="https://127.0.0.1:0", unavailable=None):
    now = dates.parse_instant(tenant["meta"]["now"])
    since = (now - datetime.timedelta(days=window_days)).date().isoformat()
    roles = []
    for manager, items in (tenant.get("roles") or {}).items():
        roles.extend(dict(r, manager=manager) for r in items)
    facts = {
        "schema": 2,
        "collected_at": dates.iso(now),
        "reference_time": dates.iso(now),
        "base_url": base_url,
        "audit_window_days": window_days,
        "audit_from": since,
        "accounts": tenant["accounts"],
        "users": tenant["users"],
        "organizations": tenant["organizations"],
        "roles": roles,
        "api_tokens": [credentials.normalise(t, now) for t in tenant["api_access_tokens"]],
        "client_certificates": [credentials.normalise_certificate(c, now) for c in tenant["client_auth_certificates"]],
        "certificates": [lifecycle_certificate(c, now) for c in tenant.get("mpki_certificates") or []],
        "audit": audit.digest(tenant["audit_events"], since, window_days),
        "unavailable": dict(unavailable or {}),
        "summary": {},
    }
    for name in facts["unavailable"]:
        facts[name] = {} if name == "audit" else []
    return facts


def lifecycle_certificate(stored, now):
    """A stored certificate as the gatherer keeps it: served fields only, normalised, with its ``account_id``."""
    cert = lifecycle.normalise(sim_mpki.render(stored, _SERVED), now)[0]
    cert["account_id"] = stored["account"]["id"]
    return cert


def planted_findings(tenant):
    """``{(check ID, object id)}`` the catalogue must report for the tenant's planted offenders."""
    return {(PLANTED_TO_CHECK[p["check"]], p["object_id"]) for p in catalogued(tenant["planted"])}
