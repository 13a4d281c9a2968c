# -*- coding: utf-8 -*-
"""``dc1_facts`` built straight from a simulator tenant, for the compliance tests.

The tenant's objects under the facts' resource names, tokens and client certificates
normalised with the collection's own ``credentials.normalise``, Trust Lifecycle certificates
streamed as the gatherer streams them (as the API serves them, with every field of the schema, ``account`` included,
into ``certificate_posture`` and the kept ``certificates``), profiles with their posture, the audit
events of the window as the gatherer's digest. ``PLANTED_TO_CHECK`` maps the simulator's planted ``check`` names to
catalogue IDs; ``catalogued`` keeps the planted offenders a run with ``options`` can find (the unapproved issuer
needs approved issuers).
"""

import datetime

from dc1sim import config as sim_config
from dc1sim import mpki as sim_mpki
from dc1sim import mpki_planted

from ansible_collections.digicert.one.plugins.module_utils._facts import audit
from ansible_collections.digicert.one.plugins.module_utils._lifecycle import profiles as lifecycle_profiles
from ansible_collections.digicert.one.plugins.module_utils._lifecycle import stream
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
    "certificate_weak_key": "DC1-TLM-004",
    "certificate_weak_signature": "DC1-TLM-005",
    "certificate_validity_over_public_maximum": "DC1-TLM-006",
    "certificate_wildcard": "DC1-TLM-007",
    "certificate_duplicate": "DC1-TLM-008",
    "certificate_without_owner": "DC1-TLM-009",
    "certificate_unapproved_issuer": "DC1-TLM-010",
    "profile_validity_over_public_maximum": "DC1-PROF-001",
    "profile_weak_signature": "DC1-PROF-002",
    "profile_weak_key": "DC1-PROF-002",
    "profile_key_escrow": "DC1-PROF-003",
}
# What the tests run the checks with: the simulator's approved issuers, so DC1-TLM-010 is evaluated.
OPTIONS = {"approved_issuers": list(mpki_planted.APPROVED_ISSUERS)}
# the certificates as the API serves them with every field of the schema (bodies and thumbprints included)
_SERVED = sim_config.defaults()
_SERVED["mpki_fields"] = "schema"


def catalogued(planted, options=None):
    """The planted entries a run with ``options`` finds (an unknown check name still fails the mapping): the
    unapproved issuer only when approved issuers are set."""
    options = OPTIONS if options is None else options
    approved = (options or {}).get("approved_issuers")
    return [p for p in planted if p["check"] != "certificate_unapproved_issuer" or approved]


def facts_from_tenant(tenant, window_days=30, base_url="https://127.0.0.1:0", unavailable=None, options=None):
    options = OPTIONS if options is None else options
    now = dates.parse_instant(tenant["meta"]["now"])
    kept, posture = lifecycle_certificates(tenant, now, options)
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
        "certificates": kept,
        "certificate_posture": posture,
        "certificate_profiles": [dict(p, posture=lifecycle_profiles.posture(p))
                                 for p in (sim_mpki.render_profile(p, _SERVED) for p in tenant.get("mpki_profiles") or [])],
        "audit": audit.digest(tenant["audit_events"], since, window_days),
        "unavailable": dict(unavailable or {}),
        "summary": {},
    }
    for name in facts["unavailable"]:
        facts[name] = {} if name == "audit" else []
    return facts


def lifecycle_certificates(tenant, now, options=None):
    """``(kept, certificate_posture)`` of the tenant's certificates as the API serves them, streamed as the gatherer
    streams them, each counted in its stored account."""
    options = OPTIONS if options is None else options
    run = stream.CertificateStream(now, 30, stream.check_options(options))
    try:
        for cert in tenant.get("mpki_certificates") or []:
            run.add([sim_mpki.render(cert, _SERVED)], cert["account"]["id"])
        return run.finish()
    finally:
        run.close()


def planted_findings(tenant, options=None):
    """``{(check ID, object id)}`` the catalogue must report for the tenant's planted offenders."""
    options = OPTIONS if options is None else options
    return {(PLANTED_TO_CHECK[p["check"]], p["object_id"]) for p in catalogued(tenant["planted"], options)}
