# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Account Manager endpoints, and Trust Lifecycle's certificate search, described once as data.

An ``_info`` module is a declaration over this table: its options come from
``filters``, its result key from ``result_key``, and ``read()`` does the rest
(validation, query building, get-one or pagination, grouping). The facts role,
the lookup and the inventory plugin read through the same ``read()``. The certificate search is declared
here (its options and their checks) but read through ``_certificates.read``, which adds what the table
cannot say: the by-serial path, the serial number as identity, normalised expiry dates.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from urllib.parse import quote

from ansible_collections.digicert.one.plugins.module_utils import _validation as validation
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ApiError, DC1ConfigError, DC1ResponseError
from ansible_collections.digicert.one.plugins.module_utils._listing.pager import extract_list, paginate

ACCOUNT_API = "/account/api/v1"
MPKI_API = "/mpki/api/v1"
USER_STATUSES = ["active", "pending", "locked", "disabled"]
# mpki-openapi.yaml, CertificateSearchParameters: filter enums in upper case (answers carry lower-case statuses).
CERTIFICATE_STATUSES = ["ISSUED", "EXPIRED", "REVOKED", "SUSPENDED"]
SEAT_TYPES = ["USER_SEAT", "DEVICE_SEAT", "SERVER_SEAT", "IMPORTED_SEAT", "UNMANAGED_SEAT"]


class Filter:
    """One query filter: its option, the server parameter it becomes, and its check."""

    def __init__(self, param=None, type="str", choices=None, check=None, aliases=None, elements=None):
        self.param = param
        self.type = type
        self.choices = choices
        self.check = check
        self.aliases = aliases
        self.elements = elements

    def spec(self):
        spec = {"type": self.type}
        for key in ("choices", "aliases", "elements"):
            if getattr(self, key):
                spec[key] = getattr(self, key)
        return spec


class Endpoint:
    """A readable resource: list path, filters, shape hints, the key it returns under."""

    def __init__(self, path, result_key, filters=None, by_id=True, me=False, id_field="id", grouped_by=None,
                 group_field=None):
        self.path = path
        self.result_key = result_key
        self.filters = filters or {}
        self.by_id = by_id
        self.me = me
        self.id_field = id_field
        self.grouped_by = grouped_by
        self.group_field = group_field  # in a list-shaped answer, the item field that names the group

    def extract(self, data, path):
        """List shapes plus, for grouped endpoints, ``{group: [items]}`` (one response, no pages)."""
        if self.grouped_by and isinstance(data, dict) and not any(k in data for k in ("items", "records")):
            items = []
            for group, members in data.items():
                if not isinstance(members, list):
                    raise DC1ResponseError("GET %s: group %r is a %s, not a list" % (path, group, type(members).__name__))
                for member in members:
                    if isinstance(member, dict):
                        member = dict(member)
                        member.setdefault(self.grouped_by, group)
                    items.append(member)
            return items, len(items), None
        items, total, limit = extract_list(data, path)
        if self.grouped_by and self.group_field:
            for item in items:
                if isinstance(item, dict) and item.get(self.grouped_by) is None and item.get(self.group_field):
                    item[self.grouped_by] = item[self.group_field]
        return items, total, limit


def _one_of(choices):
    """A filter check that accepts ``choices`` in any case (``LOCKED`` or ``locked``) and sends them as listed."""
    return lambda name, value: validation.check_choice(name, value, choices)


def _uuid(name, value):
    return validation.check_uuid(name, value)


def _date(name, value):
    return validation.check_date(name, value).isoformat()


def _text(name, value):
    return validation.check_text(name, value)


def _certificate_status(name, value):
    return validation.check_choice(name, value, CERTIFICATE_STATUSES)


def _seat_type(name, value):
    return validation.check_choice(name, value, SEAT_TYPES)


def _hex(name, value):
    return validation.check_hex(name, value)


def _thumbprint(name, value):
    return validation.check_hex(name, value, length=64)


ENDPOINTS = {
    "user": Endpoint(
        ACCOUNT_API + "/user",
        "users",
        me=True,
        filters={
            "status": Filter(check=_one_of(USER_STATUSES)),
            "user_type": Filter(check=_one_of(("standard", "service"))),
            "user_name": Filter(check=_text),
            "email": Filter(check=_text),
            "account_id": Filter(check=_uuid),
        },
    ),
    "account": Endpoint(ACCOUNT_API + "/account", "accounts"),
    "organization": Endpoint(
        ACCOUNT_API + "/organization",
        "organizations",
        filters={"account_id": Filter(check=_uuid)},
    ),
    "role": Endpoint(
        ACCOUNT_API + "/role",
        "roles",
        by_id=False,
        id_field=None,
        grouped_by="manager",
        group_field="application_code",
        filters={"manager": Filter(param="application_code", check=validation.check_code)},
    ),
    "audit_log": Endpoint(
        ACCOUNT_API + "/audit-log",
        "audit_logs",
        filters={
            "user_name": Filter(check=_text),
            "action": Filter(check=_text),
            "resource_types": Filter(type="list", elements="str"),
            "resource_id": Filter(check=_text),
            "status": Filter(check=_one_of(("success", "failure", "warning"))),
            "account_id": Filter(check=_uuid),
            "from_date": Filter(param="from", aliases=["from"], check=_date),
            "to_date": Filter(param="to", aliases=["to"], check=_date),
            "sort": Filter(check=validation.check_sort),
        },
    ),
    # Listed per user (user_id is required by the API); see _listing/credentials.py.
    "api_token": Endpoint(ACCOUNT_API + "/api-access-token", "api_tokens"),
    "client_certificate": Endpoint(ACCOUNT_API + "/client-auth-certificate", "client_certificates"),
    # Trust Lifecycle: GET /mpki/api/v1/certificate-search, every filter of CertificateSearchParameters.
    # Items carry no id: the serial number is the identity (and /certificate/{serial_number} the single read).
    "certificate": Endpoint(
        MPKI_API + "/certificate-search",
        "certificates",
        by_id=False,
        id_field="serial_number",
        filters={
            "account_id": Filter(check=_uuid),
            "business_unit_id": Filter(check=_uuid),
            "business_unit_name": Filter(check=_text),
            "profile_id": Filter(check=_uuid),
            "seat_id": Filter(check=_text),
            "seat_type_id": Filter(check=_seat_type),
            "valid_from": Filter(check=_date),
            "valid_to": Filter(check=_date),
            "serial_number": Filter(check=_hex),
            "common_name": Filter(check=_text),
            "aki": Filter(check=_text),
            "issuing_ca_id": Filter(check=_uuid),
            "issuing_ca_name": Filter(check=_text),
            "issuing_ca_serial_number": Filter(check=_hex),
            "status": Filter(check=_certificate_status),
            "thumbprint": Filter(check=_thumbprint),
        },
    ),
}


def endpoint_argument_spec(name, list_options=True):
    """Module options of endpoint ``name`` (without the connection options)."""
    ep = ENDPOINTS[name]
    spec = dict((opt, f.spec()) for opt, f in ep.filters.items())
    if ep.by_id:
        spec["id"] = {"type": "str"}
    if list_options:
        spec["max_results"] = {"type": "int"}
    return spec


def build_query(ep, options):
    """Validate the filter options and map them to query parameters; raises DC1ConfigError."""
    query = {}
    for opt, flt in ep.filters.items():
        value = options.get(opt)
        if value is None or value == []:
            continue
        name = (flt.aliases or [opt])[0]  # as users write it: from, not from_date
        if flt.type == "list":
            value = ",".join(validation.check_text(name, "%s" % v) for v in value)
        elif flt.check:
            value = flt.check(name, value)
        query[flt.param or opt] = value
    if "from" in query and "to" in query:
        validation.check_range("from", query["from"], "to", query["to"])
    return query


def read(client, name, options, on_items=None):
    """Read endpoint ``name`` with ``options`` (filters, ``id``, ``max_results``).

    Returns ``{result_key: [...], "truncated": bool}``; all checks run before
    the first request. ``on_items`` sees each page's new items (``paginate``).
    """
    ep = ENDPOINTS[name]
    ident, query = check_options(ep, options)
    if ident is not None:
        return {ep.result_key: get_one(client, ep, ident), "truncated": False}
    page = paginate(client, ep.path, query, id_field=ep.id_field, max_results=options.get("max_results"),
                    extract=ep.extract, on_items=on_items)
    return {ep.result_key: page.items, "truncated": page.truncated}


def check_options(ep, options):
    """``(id or None, query)``: every check ``read`` makes, before any request (the lookup calls it per term).

    ``id`` excludes the filters; ``max_results`` is at least 1; filters are validated and mapped to parameters.
    """
    ident = options.get("id") if ep.by_id else None
    if ident is not None:
        used = [opt for opt in ep.filters if options.get(opt) not in (None, [])]
        if used:
            raise DC1ConfigError("id cannot be combined with the filters %s" % ", ".join(sorted(used)))
        return validation.check_uuid("id", ident, allow_me=ep.me), None
    validation.check_max_results(options.get("max_results"))
    return None, build_query(ep, options)


def read_roles(client, options):
    """The roles (endpoint ``role``); a ``manager`` the tenant does not have is an error naming the ones it has.

    The server filters by ``application_code``; when that answers nothing (or 400), one unfiltered read tells
    whether the manager exists: a typo such as ``manager=nope`` is named, not returned as an empty list.
    """
    manager = options.get("manager")
    try:
        result = read(client, "role", options)
    except DC1ApiError as exc:
        if not manager or exc.status != 400:
            raise
        result = {"roles": [], "truncated": False}
    if manager and not result["roles"]:
        managers = sorted(set("%s" % r.get("manager") for r in read(client, "role", {})["roles"]))
        if manager not in managers:
            raise DC1ConfigError("manager %r is not one of this tenant's managers: %s" % (manager, ", ".join(managers)))
    return result


def get_one(client, ep, ident):
    """``[object]`` for an id, or ``[]`` when the API answers 404."""
    path = "%s/%s" % (ep.path, quote(ident, safe=""))
    try:
        data = client.get(path)
    except DC1ApiError as exc:
        if exc.status == 404:
            return []
        raise
    if not isinstance(data, dict):
        raise DC1ResponseError("GET %s: expected an object, got %s" % (path, type(data).__name__), path=path)
    return [data]


def group_by(items, field):
    """``{value: [items]}`` keeping the order in which values first appear."""
    groups = {}
    for item in items:
        groups.setdefault(item.get(field), []).append(item)
    return groups
