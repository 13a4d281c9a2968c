# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The compliance catalogue, as data: what each check looks at, the fields it needs, how bad a finding is.

``objects`` names the list a check walks (one verdict per object); ``fields`` the fields it reads, each as
``resource.field`` (docs/compliance.md lists them too). A field the API did not send makes that object
*unknown* for the check; ``absent_as_unset`` (a compliance option) may declare any of these fields "absent
means unset" for a tenant whose API omits unset fields. The checks themselves are in checks.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

SEVERITIES = ("info", "low", "medium", "high", "critical")
RANK = dict((s, i) for i, s in enumerate(SEVERITIES))
FAIL_ON = ("none",) + SEVERITIES


def _c(cid, title, severity, needs, objects, fields, explanation, remediation, threshold=None, default=None):
    return {"id": cid, "title": title, "severity": severity, "needs": needs, "objects": objects, "fields": fields,
            "threshold": threshold, "default": default, "explanation": explanation, "remediation": remediation}


from ansible_collections.digicert.one.plugins.module_utils._lifecycle.posture import DEFAULTS as _TLM

_TOKEN = ["api_tokens.enabled"]
_SERVICE = ["users.user_type", "users.status"]
_ISSUED = ["certificates.status", "certificates.valid_to"]
_BODY = ["certificates.status", "certificates.x509"]
_PROFILE = ["certificate_profiles.status"]

CATALOGUE = (
    _c("DC1-TOKEN-001", "API token expires soon", "high", ["api_tokens"], "api_tokens",
       _TOKEN + ["api_tokens.expires_at"],
       "An enabled API token ends within the threshold (or has ended). When it does, every integration using it "
       "stops at 23:59:59 UTC that day: DigiCert's 'everything stopped at midnight'.",
       "Create a replacement token, roll it out to the integration, then disable and delete the old one.",
       "days", 30),
    _c("DC1-TOKEN-002", "API token never expires", "medium", ["api_tokens"], "api_tokens",
       _TOKEN + ["api_tokens.expires_at"],
       "An enabled API token has no expiration date: a leaked copy works until someone revokes it.",
       "Replace it with a token that has an expiration date (the date of an existing token cannot be changed)."),
    _c("DC1-TOKEN-003", "API token not rotated", "medium", ["api_tokens"], "api_tokens",
       _TOKEN + ["api_tokens.created_at"],
       "An enabled API token is older than the rotation period.",
       "Rotate it: create a new token, switch the integration over, disable and delete the old one.",
       "days", 365),
    _c("DC1-TOKEN-004", "Enabled token of an inactive user", "medium", ["api_tokens", "users"], "api_tokens",
       _TOKEN + ["users.status"],
       "An API token is still enabled although its owner is DISABLED or LOCKED; it works again as soon as the "
       "owner is re-enabled or unlocked, whoever asked for that.",
       "Disable or delete the token, or re-enable the owner deliberately if the token is still needed."),
    _c("DC1-SVC-001", "Service user without end date", "medium", ["users"], "users",
       _SERVICE + ["users.end_date"],
       "An enabled service user has no end date, so its credentials never lapse on their own.",
       "Give the service user an end date that matches the life of the integration, and review it then."),
    _c("DC1-SVC-002", "Service user expires soon", "high", ["users"], "users",
       _SERVICE + ["users.end_date"],
       "An enabled service user ends within the threshold (or has ended): at 23:59:59 UTC on its end date all its "
       "tokens and certificates stop working.",
       "Extend the end date, or create a successor service user and move the integration before the date.",
       "days", 30),
    _c("DC1-SVC-003", "Over-privileged service user", "high", ["users"], "users",
       _SERVICE + ["users.applications"],
       "An enabled service user administers an account (an Account Manager admin role, or MANAGE_AM_ACCOUNT) or "
       "holds MANAGE_* permissions in more managers than the threshold: a stolen key could change users, tokens "
       "and CAs.",
       "Split it into service users with the least privilege each integration needs; remove the admin rights.",
       "managers", 2),
    _c("DC1-USER-001", "Locked user", "low", ["users"], "users", ["users.status"],
       "A user is LOCKED after repeated failed password or OTP attempts: a person cannot work, or someone guessed.",
       "Confirm with the user, check the audit log for the failed sign-ins, then unlock or disable the user."),
    _c("DC1-USER-002", "Stale pending user", "low", ["users"], "users", ["users.status", "users.created_at"],
       "A user has been PENDING (invited, never signed in) for longer than the threshold.",
       "Resend the invitation if the person still needs access; otherwise delete the user.",
       "days", 30),
    _c("DC1-CERT-001", "Client certificate expires soon", "high", ["client_certificates"], "client_certificates",
       ["client_certificates.state", "client_certificates.expires_at"],
       "A valid client-authentication (mTLS) certificate ends within the threshold (or has ended); clients using "
       "it fail the TLS handshake afterwards.",
       "Issue a new client certificate from a fresh CSR, deploy it, then disable the old one.",
       "days", 30),
    _c("DC1-TLM-001", "Certificate expires soon", "high", ["certificates"], "certificates", _ISSUED,
       "An issued Trust Lifecycle certificate ends within the threshold: servers, users and devices presenting it "
       "are refused from 23:59:59 UTC on its valid_to date unless a renewed one is deployed first.",
       "Renew it (or enroll a replacement from the same profile), deploy the new certificate on its seat, then "
       "revoke the old one with reason superseded.",
       "days", _TLM["DC1-TLM-001"]),
    _c("DC1-TLM-002", "Expired certificate still issued", "medium", ["certificates"], "certificates", _ISSUED,
       "A certificate is past its valid_to (by more days than the threshold, a grace that is 0 by default) but "
       "Trust Lifecycle still lists it as issued: nobody renewed or retired it, and wherever it is still deployed "
       "relying parties already refuse it.",
       "Find its seat; deploy a renewed certificate where it is still used, otherwise retire the seat. Ask DigiCert "
       "support if the status does not become expired.",
       "days", 0),
    _c("DC1-TLM-003", "Certificate revoked for key compromise", "high", ["certificates"], "certificates",
       ["certificates.status", "certificates.revocation.reason", "certificates.revocation.revocation_date"],
       "A certificate was revoked for key_compromise within the threshold: its private key is known to be exposed. "
       "Revocation stops clients that check CRL or OCSP, not the holder of the key, and the key may be in use "
       "elsewhere.",
       "Make sure the replacement has a newly generated key, find other certificates of the same seat or common "
       "name and rotate their keys, and record the incident (how the key leaked, who may have used it).",
       "days", 30),
    _c("DC1-TLM-004", "Weak certificate key", "high", ["certificates"], "certificates", _BODY,
       "An issued certificate has an RSA key shorter than the threshold, or an EC key on a curve other than P-256, "
       "P-384 and P-521: keys the CA/Browser Forum's Baseline Requirements (6.1.5) and NIST SP 800-131A Rev. 2 no "
       "longer accept.",
       "Enroll a replacement from a profile that generates RSA 2048+ or P-256/P-384 keys, deploy it, revoke the old "
       "one (reason superseded).",
       "bits", _TLM["DC1-TLM-004"]),
    _c("DC1-TLM-005", "Certificate signed with SHA-1 or MD5", "high", ["certificates"], "certificates", _BODY,
       "An issued certificate's signature uses SHA-1 or MD5, which collide: CA/Browser Forum ballot SC097 ends SHA-1, "
       "and relying parties refuse both.",
       "Reissue it from a CA and profile that sign with SHA-256 or stronger; retire the old certificate."),
    _c("DC1-TLM-006", "Validity beyond the CA/B Forum maximum", "medium", ["certificates"], "certificates", _BODY,
       "A publicly-trusted TLS certificate (from an issuer in dc1_compliance_public_issuers, with the serverAuth "
       "extended key usage) is valid for longer than ballot SC081v3 allows for its issue date: 398 days before "
       "2026-03-15, 200 until 2027-03-15, 100 until 2029-03-15, 47 after. Private issuers are never held to it.",
       "Shorten the profile's validity to the current maximum and reissue; automate renewal (ACME or the REST API) "
       "before the next step."),
    _c("DC1-TLM-007", "Wildcard certificate", "low", ["certificates"], "certificates", _BODY,
       "An issued certificate covers a wildcard name: one stolen key then serves every host of the domain. The "
       "report counts wildcards per owner.",
       "Prefer certificates that name each host; keep wildcards few, owned, and their keys in an HSM or vault."),
    _c("DC1-TLM-008", "Duplicate certificates", "medium", ["certificates"], "certificates",
       _ISSUED + ["certificates.x509"],
       "More than one issued, unexpired certificate covers the same set of names (in any order): forgotten "
       "renewals, or the same key material spread further than needed.",
       "Keep the certificate that is deployed, revoke the others (reason superseded or cessation_of_operation)."),
    _c("DC1-TLM-009", "Certificate without an owner", "medium", ["certificates"], "certificates",
       ["certificates.status", "certificates.seat"],
       "An issued certificate has no seat (null, or without a seat_id): nobody is notified before it expires or "
       "answers for it (NIST SP 1800-16, 'TLS Server Certificate Management').",
       "Assign the certificate to a seat (user, device or server) in Trust Lifecycle, or revoke it if nobody claims it."),
    _c("DC1-TLM-010", "Certificate from an unapproved issuer", "high", ["certificates"], "certificates", _BODY,
       "An issued certificate's issuer (common name or organization) is not in dc1_compliance_approved_issuers "
       "(NIST SP 800-53 SC-17: certificates from approved issuers only). Not evaluated while that list is empty.",
       "Replace it with a certificate from an approved CA, or add its issuer to the approved list if it is one."),
    _c("DC1-PROF-001", "Profile validity beyond the CA/B Forum maximum", "high", ["certificate_profiles"],
       "certificate_profiles", _PROFILE + ["certificate_profiles.certificate.validity",
                                           "certificate_profiles.certificate.issuer"],
       "An active profile of a public issuer issues certificates valid for longer than ballot SC081v3 allows today, "
       "or than it will allow from its next step when that step is within the threshold (days): issuance will fail "
       "or produce certificates browsers refuse.",
       "Lower the profile's certificate validity to the maximum in force on the next step date.",
       "days", 60),
    _c("DC1-PROF-002", "Profile allows a weak key or signature", "high", ["certificate_profiles"],
       "certificate_profiles", _PROFILE + ["certificate_profiles.signature_algorithm",
                                           "certificate_profiles.private_key_attributes.key_size"],
       "An active profile signs with SHA-1 (or MD5) or generates keys shorter than the threshold: every certificate "
       "it issues fails DC1-TLM-004 or DC1-TLM-005.",
       "Set the profile's signature algorithm to SHA-256 or stronger and its key size to 2048 bits or more.",
       "bits", _TLM["DC1-TLM-004"]),
    _c("DC1-PROF-003", "Profile escrows private keys", "low", ["certificate_profiles"], "certificate_profiles",
       _PROFILE + ["certificate_profiles.key_escrow_policy.key_escrow_enabled"],
       "An active profile keeps a copy of every private key it issues (key escrow): right for S/MIME encryption "
       "keys, a risk anywhere else. Its severity is a setting (dc1_compliance_severities).",
       "Disable key escrow on profiles that do not issue encryption certificates."),
    _c("DC1-ACCT-001", "Account service period ends soon", "critical", ["accounts"], "accounts",
       ["accounts.active", "accounts.service_period.to"],
       "An active account's service period ends within the threshold; after it, the account's services stop.",
       "Contact DigiCert to renew the contract before the end of the service period.",
       "days", 30),
    _c("DC1-ACCT-002", "Account administrators", "high", ["accounts", "users"], "accounts",
       ["users.user_type", "users.status", "users.applications"],
       "An account has no ACTIVE standard user who administers it (an Account Manager admin role, or "
       "MANAGE_AM_ACCOUNT): nobody can manage it; or more such administrators than the threshold: too many can.",
       "Keep a small number of named administrators: appoint one where none is active, remove the rights elsewhere.",
       "admins", 5),
    _c("DC1-AUDIT-001", "Failed actions in the audit log", "medium", ["audit"], "audit",
       ["audit.status"],
       "An account has more failed actions in the audit window than the threshold: a broken integration, or "
       "someone trying credentials.",
       "Read the failures in the audit log (user, action, IP address) and fix the integration or block the source.",
       "failures", 20),
)
BY_ID = dict((c["id"], c) for c in CATALOGUE)
FIELDS = sorted(set(f for c in CATALOGUE for f in c["fields"]))


def catalogue():
    """The catalogue as a list of plain dicts (a copy: callers may not change the original)."""
    return [dict(c, needs=list(c["needs"]), fields=list(c["fields"])) for c in CATALOGUE]
