# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client's settings, checked before any connection: the host to talk to, the files, the numbers.

A bad setting is a DC1ConfigError that names the option and what is wrong with it, before a request is sent.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import math
import os
from urllib.parse import urlsplit

from ansible_collections.digicert.one.plugins.module_utils._connection import MTLS_PREFIX, REGION_HOSTS
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError

_API_SUFFIXES = ("/account/api/v1", "/account")
_NO_HOST = (
    "No DigiCert ONE host given: set base_url (or the DC_BASE environment variable), "
    "or region and environment (DC_REGION, DC_ENVIRONMENT). Credentials are bound to one host, "
    "so the collection never guesses one."
)


def resolve_base_url(base_url=None, region=None, environment=None, client_cert=None):
    """The scheme and host (plus any proxy path prefix) that every request goes to."""
    if base_url:
        parts = urlsplit(base_url.strip())
        if parts.scheme != "https" or not parts.netloc:
            raise DC1ConfigError(
                "base_url must be an https:// URL with a host, such as https://demo.one.digicert.com; got %r. "
                "Plain http:// is refused because it would send the API token unencrypted." % base_url
            )
        if parts.query or parts.fragment:
            raise DC1ConfigError("base_url must not carry a query string or fragment; got %r" % base_url)
        path = parts.path.rstrip("/")
        for suffix in _API_SUFFIXES:
            if path.endswith(suffix):
                path = path[: -len(suffix)]
                break
        return "https://%s%s" % (parts.netloc, path)
    if region or environment:
        if not (region and environment):
            raise DC1ConfigError(
                "region and environment go together (got region=%r, environment=%r): "
                "say which of production or demo, since credentials work on one of them only." % (region, environment)
            )
        host = REGION_HOSTS[(region, environment)]
        if client_cert:
            host = MTLS_PREFIX + host
        return "https://" + host
    raise DC1ConfigError(_NO_HOST)


def check_file(name, path):
    if path and not os.path.isfile(path):
        raise DC1ConfigError("%s %r is not a readable file" % (name, path))


def _pem_blocks(path):
    """The PEM block types in a file (``CERTIFICATE``, ``PRIVATE KEY``, ...); an unreadable file has none."""
    try:
        with open(path, "rb") as handle:
            text = handle.read(1024 * 1024).decode("ascii", "replace")
    except (IOError, OSError):
        return set()
    return set(line[11:-5] for line in text.splitlines() if line.startswith("-----BEGIN ") and line.endswith("-----"))


def check_pem(cert, key, ca_path):
    """Client certificate, key and CA bundle checked before connecting, so the error names the file at fault."""
    if ca_path and "CERTIFICATE" not in _pem_blocks(ca_path):
        raise DC1ConfigError("ca_path %r holds no PEM certificate (-----BEGIN CERTIFICATE-----): it is not a CA bundle"
                             % ca_path)
    if cert:
        blocks = _pem_blocks(cert)
        if "CERTIFICATE" not in blocks:
            raise DC1ConfigError("client_cert %r holds no PEM certificate (-----BEGIN CERTIFICATE-----)" % cert)
        if not key and not any(b.endswith("PRIVATE KEY") for b in blocks):
            raise DC1ConfigError("client_cert %r holds no private key and client_key (DC_CLIENT_KEY) is not set: "
                                 "give the key file as client_key" % cert)


def usable_file(path):
    """``path``, or None for an empty file: AWX/AAP file injectors write one for an empty credential field."""
    if path and os.path.isfile(path) and os.path.getsize(path) == 0:
        return None
    return path or None


def finite(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def positive(name, value):
    if not finite(value) or value <= 0:
        raise DC1ConfigError("%s must be a number greater than 0, got %r" % (name, value))
    return value


def non_negative(name, value):
    if not finite(value) or value < 0:
        raise DC1ConfigError("%s must be a number, not negative, got %r" % (name, value))
    return value
