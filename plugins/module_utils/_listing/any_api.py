# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""GET any DigiCert ONE manager's API through the shared auth, retries and pagination."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.digicert.one.plugins.module_utils._http.client import PlainText
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError, DC1ResponseError
from ansible_collections.digicert.one.plugins.module_utils._listing.pager import extract_list, paginate

_PRODUCT = re.compile(r"^[a-z][a-z0-9-]{0,63}\Z")
_VERSION = re.compile(r"^v[0-9]{1,2}\Z")
_SEGMENT = re.compile(r"^[A-Za-z0-9._~@:+=,-]+\Z")
_RESERVED = ("limit", "offset")


def api_path(product, api_version, path):
    """``/{product}/api/{version}/{path}``, every part checked: no traversal, no query, no host."""
    if not isinstance(product, str) or not _PRODUCT.match(product):
        raise DC1ConfigError("product must be a manager's path segment such as mpki or signingmanager, got %r" % (product,))
    if not isinstance(api_version, str) or not _VERSION.match(api_version):
        raise DC1ConfigError("api_version must look like v1 or v2, got %r" % (api_version,))
    segments = ("%s" % (path or "")).strip("/").split("/")
    if not path or any(not s or s in (".", "..") or not _SEGMENT.match(s) for s in segments):
        raise DC1ConfigError(
            "path must be a resource path such as certificate-search or profile/<id>, without a host, "
            "'..', a query string or empty segments (put query parameters in params); got %r" % (path,)
        )
    return "/%s/api/%s/%s" % (product, api_version, "/".join(segments))


def query_params(params, all_pages):
    """Query parameters as strings; lists repeat the parameter."""
    out = {}
    for key, value in (params or {}).items():
        if all_pages and key in _RESERVED:
            raise DC1ConfigError("params.%s is set by all_pages itself; remove it or set all_pages=false" % key)
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, list):
            if any(isinstance(v, (dict, list)) for v in value):
                raise DC1ConfigError("params.%s must be a scalar or a list of scalars" % key)
            value = ["%s" % v for v in value]
        elif isinstance(value, dict):
            raise DC1ConfigError("params.%s must be a scalar or a list of scalars, not a mapping" % key)
        elif value is not None:
            value = "%s" % value
        out["%s" % key] = value
    return out


def read_generic(client, product, path, api_version="v1", params=None, all_pages=False, max_results=None):
    """``{json, list_items | text}`` for one GET, or ``{list_items, total, truncated}`` over all pages."""
    full = api_path(product, api_version, path)
    query = query_params(params, all_pages)
    if all_pages:
        page = paginate(client, full, query, max_results=max_results)
        return {"list_items": page.items, "total": page.total, "truncated": page.truncated}
    if max_results is not None:
        raise DC1ConfigError("max_results applies to all_pages=true only")
    data = client.get(full, query, allow_text=True)
    if isinstance(data, PlainText):
        return {"json": None, "text": "%s" % data}
    result = {"json": data}
    try:
        result["list_items"] = extract_list(data, full)[0]
    except DC1ResponseError:
        pass  # an object, not a list: json only
    return result
