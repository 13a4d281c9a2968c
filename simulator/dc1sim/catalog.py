"""Static catalogue: managers (applications), their roles and permissions, word lists.

Application names and UUIDs come from DigiCert's example user (docs/api-notes.md, "Users"); the
AM_* role rows from the seed's GET /role example. Roles and permission codes for the
other managers are invented in DigiCert's naming style (prefixes EM/IOT/DSM/CM/SM) and
are marked INFERRED in docs/simulator.md.
"""

# (application_code, display name, application UUID)
APPLICATIONS = [
    ("account_manager", "Account Manager", "78c0355a-e1ca-4978-b60c-e9d66b9e1f30"),
    ("trust_lifecycle", "Trust Lifecycle", "2d3a72fd-ad44-4a9b-952a-2bcadb14a741"),
    ("iot_trust", "IoT Trust", "1a05282a-ec70-4da9-b921-933c070fcf80"),
    ("document_trust", "Document Trust", "97b97f1b-8d1d-4203-a62c-0a209a1bea0a"),
    ("ca_manager", "CA Manager", "fd2b688d-43bd-4b4a-9fd6-f883ad9e813d"),
    ("software_trust", "Software Trust", "7660bdb3-66e7-46e6-928f-dcae4d64ee91"),
]
APP_BY_CODE = {code: (name, app_id) for code, name, app_id in APPLICATIONS}

# application_code -> [(role name, display name, description, [permissions])]
ROLES = {
    "account_manager": [
        ("AM_ACCOUNT_ADMIN", "AM ACCOUNT ADMIN", "Admin role with view and manage permissions",
         ["MANAGE_AM_ACCOUNT", "MANAGE_AM_USER", "MANAGE_AM_ORGANIZATION",
          "VIEW_AM_ACCOUNT", "VIEW_AM_USER", "VIEW_AM_AUDIT_LOG"]),
        ("AM_DEFAULT_USER", "AM DEFAULT USER", "Default role with view permissions",
         ["VIEW_AM_OWN_PROFILE", "CREATE_AM_OWN_API_TOKEN"]),
        ("AM_ACCOUNT_USER", "AM ACCOUNT USER", "Role with view permissions",
         ["VIEW_AM_ACCOUNT", "VIEW_AM_USER"]),
        ("AM_ACCOUNT_MANAGER", "Account manager", "AM Account manager",
         ["MANAGE_AM_ACCOUNT", "MANAGE_AM_ORGANIZATION", "VIEW_AM_ACCOUNT", "VIEW_AM_USER"]),
        ("AM_USER_MANAGER", "User manager", "AM User manager",
         ["MANAGE_AM_USER", "VIEW_AM_USER", "VIEW_AM_AUDIT_LOG"]),
        ("AM_VIEW_ONLY", "View only", "AM View only",
         ["VIEW_AM_ACCOUNT", "VIEW_AM_USER", "VIEW_AM_AUDIT_LOG"]),
    ],
    "ca_manager": [
        ("CM_PKI_MANAGER", "CM PKI MANAGER", "Role with CM view permissions",
         ["MANAGE_CM_CA", "VIEW_CM_CA", "VIEW_CM_LICENSE"]),
        ("CM_KEY_ESCROW", "Key Escrow", "CM Key Escrow", ["MANAGE_CM_KEY_ESCROW", "VIEW_CM_CA"]),
        ("CM_VIEW_ONLY", "View only", "CM View only", ["VIEW_CM_CA", "VIEW_CM_LICENSE"]),
    ],
    "trust_lifecycle": [
        ("EM_ADMIN", "Trust Lifecycle admin", "Manage profiles, seats and certificates",
         ["MANAGE_EM_PROFILE", "MANAGE_EM_CERTIFICATE", "VIEW_EM_SEAT", "VIEW_EM_CERTIFICATE"]),
        ("EM_VIEW_ONLY", "View only", "Trust Lifecycle view only",
         ["VIEW_EM_SEAT", "VIEW_EM_AUDIT_LOG", "VIEW_EM_CERTIFICATE", "VIEW_EM_PROFILE"]),
    ],
    "software_trust": [
        ("SSM_LEAD", "Lead", "Manage keypairs and certificate profiles",
         ["MANAGE_SM_CERTIFICATE_PROFILE", "MANAGE_SM_KEYPAIR", "VIEW_SM_CERTIFICATE"]),
        ("SSM_SIGNER", "Signer", "Sign hashes", ["SIGN_SM_HASH", "VIEW_SM_CERTIFICATE"]),
        ("SSM_BUILD_ENGINEER", "Build engineer", "Sign in CI",
         ["SIGN_SM_HASH", "VIEW_SM_CERTIFICATE", "VIEW_SM_KEYPAIR"]),
    ],
    "document_trust": [
        ("DSM_ADMIN", "Document Trust admin", "Manage validations and profiles",
         ["MANAGE_DSM_VIEW_CERTIFICATE_PROFILES", "MANAGE_DSM_ADD_VALIDATIONS",
          "MANAGE_DSM_VIEW_VALIDATIONS"]),
        ("DSM_SIGNER", "Document signer", "Sign documents", ["VIEW_DSM_CERTIFICATE", "SIGN_DSM_DOCUMENT"]),
    ],
    "iot_trust": [
        ("IOT_ADMIN", "IoT admin", "Manage devices", ["MANAGE_IOT_DEVICE", "VIEW_IOT_CERTIFICATE"]),
        ("IOT_VIEW_ONLY", "View only", "IoT view only",
         ["VIEW_IOT_CERTIFICATE", "VIEW_IOT_ENROLLMENT_PROFILE"]),
    ],
}
ROLE_PERMS = {name: perms for rows in ROLES.values() for name, _d, _x, perms in rows}
ROLE_APP = {name: code for code, rows in ROLES.items() for name, *_rest in rows}
MANAGE_ROLES = {name for name, perms in ROLE_PERMS.items() if any(p.startswith("MANAGE_") for p in perms)}


def role_objects():
    """The grouped GET /role document (seed shape), before any switch is applied."""
    return {
        code: [{"name": n, "display_name": d, "description": x, "type": "default",
                "status": "ACTIVE", "access_scope": "account"} for n, d, x, _p in rows]
        for code, rows in ROLES.items()
    }


def applications_for(role_names):
    """user.applications[] for a set of role names, in catalogue order."""
    out = []
    for code, name, app_id in APPLICATIONS:
        held = [r for r in role_names if ROLE_APP.get(r) == code]
        if not held:
            continue
        perms = []
        for r in held:
            for p in ROLE_PERMS[r]:
                if p not in perms:
                    perms.append(p)
        out.append({"id": app_id, "name": name, "permissions": perms, "roles": held})
    return out


FIRST = ["jane", "john", "maria", "li", "ahmed", "sofia", "kenji", "olga", "pierre", "amara",
         "lucas", "emma", "noah", "mia", "ravi", "chen", "fatima", "lars", "ines", "tomas"]
LAST = ["doe", "smith", "garcia", "wang", "khan", "rossi", "tanaka", "ivanova", "martin", "okafor",
        "silva", "muller", "jensen", "kim", "patel", "lopez", "novak", "berg", "costa", "weber"]
SVC_WORDS = ["ci", "deploy", "backup", "monitor", "scanner", "signer", "issuer", "sync", "audit",
             "inventory", "renewal", "gitlab", "jenkins", "vault", "terraform", "ansible"]
ORG_WORDS = ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay",
             "Soylent", "Tyrell", "Cyberdyne", "Aperture", "Wonka", "Gringotts", "Oceanic"]
CITIES = [("Lehi", "Utah", "US"), ("Berlin", "Berlin", "DE"), ("Tokyo", "Tokyo", "JP"),
          ("Zurich", "Zurich", "CH"), ("Amsterdam", "North Holland", "NL"), ("Austin", "Texas", "US"),
          ("Lyon", "Auvergne-Rhone-Alpes", "FR"), ("Osaka", "Osaka", "JP")]
LOCALES = ["en_US"] * 8 + ["de_DE", "ja_JP", "fr_FR", "nl_NL"]
