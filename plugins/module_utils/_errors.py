# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One error type for everything the client reports.

A failed request names method, path, status and the API's own code and
message, whichever of the body shapes in docs/api-notes.md ("Error bodies")
the server used. Messages are redacted before they are built, so a secret can reach
neither a module result nor a plugin's AnsibleError.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

REDACTED = "********"
_BODY_SNIPPET = 200


class DC1Error(Exception):
    """Base error: ``str(err)`` is a complete, secret-free message for users."""

    kind = "error"  # returned as error_kind: what went wrong, for a pipeline to tell apart

    def __init__(self, message, method=None, path=None, status=None, code=None, api_message=None):
        super(DC1Error, self).__init__(message)
        self.method = method
        self.path = path
        self.status = status
        self.code = code
        self.api_message = api_message

    def to_result(self):
        """Fields worth returning next to ``msg`` in a failed module result."""
        return dict(
            (k, v)
            for k, v in (
                ("method", self.method),
                ("path", self.path),
                ("status", self.status),
                ("api_code", self.code),
                ("api_message", self.api_message),
                ("error_kind", self.kind),
            )
            if v is not None
        )


class DC1ConfigError(DC1Error):
    """Bad or missing input, detected before any request is sent."""

    kind = "config"


class DC1ApiError(DC1Error):
    """The server answered with an HTTP error status."""

    kind = "api"


class DC1TransportError(DC1Error):
    """No usable answer: connection refused or reset, timeout, cut or non-JSON body."""

    kind = "connection"


class DC1TLSError(DC1TransportError):
    """TLS handshake or certificate verification failed."""

    kind = "tls"


class DC1ResponseError(DC1Error):
    """The answer parsed but is not what the endpoint returns (wrong shape or type)."""

    kind = "response"


def redact(text, secrets):
    """Replace every occurrence of any non-empty secret in ``text``."""
    text = "%s" % (text,)
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, REDACTED)
    return text


def parse_api_error(body):
    """Return ``(code, message)`` from an error body, or ``(None, None)``.

    Accepts ``{"errors": [{code, message}, ...]}``, ``{"error": {code, message}}``,
    ``{"error": {status, message}}`` (Software Trust), a flat ``{code, message}``
    and a JSON string. Several errors are joined with "; ".
    """
    body = _json_object(body)
    if body is None:
        return None, None
    codes, messages = [], []
    for entry in _error_entries(body):
        code, message = _code_and_message(entry)
        if code:
            codes.append(code)
        if message:
            messages.append(message)
    return (", ".join(codes) or None), ("; ".join(messages) or None)


def _json_object(body):
    """The body as a dict, parsing JSON text; None when it is not a JSON object."""
    if isinstance(body, (bytes, str)):
        try:
            body = json.loads(body)
        except ValueError:
            return None
    return body if isinstance(body, dict) else None


def _error_entries(body):
    """The error entries of any known shape: ``errors[]``, ``errors{}``, ``error{}``, ``error: "code"``, flat."""
    entries = body.get("errors")
    if isinstance(entries, dict):
        return [entries]
    if isinstance(entries, list):
        return entries
    error = body.get("error")
    if isinstance(error, dict):
        return [error]
    if isinstance(error, str):
        return [{"code": error, "message": body.get("message") or body.get("error_description")}]
    return [body]


def _code_and_message(entry):
    """``(code, message)`` of one entry; a bare string is a message, a numeric code is not a code."""
    if not isinstance(entry, dict):
        return None, ("%s" % (entry,) if entry else None)
    code = entry.get("code") or entry.get("status")
    message = entry.get("message") or entry.get("detail") or entry.get("description")
    if entry.get("field"):
        message = "%s (field %s)" % (message, entry["field"])
    code = "%s" % (code,) if code is not None and not isinstance(code, int) else None
    return code, ("%s" % (message,) if message else None)


def body_snippet(text):
    """A short, single-line excerpt of a response body for error messages."""
    text = " ".join(("%s" % (text,)).split())
    if len(text) > _BODY_SNIPPET:
        return text[:_BODY_SNIPPET] + "..."
    return text


def api_error(method, path, status, reason, body_text, secrets=()):
    """Build the ``DC1ApiError`` for an HTTP error answer."""
    code, message = parse_api_error(body_text)
    detail = []
    if code:
        detail.append(code)
    if message:
        detail.append(message)
    if not detail and body_text:
        detail.append(body_snippet(body_text))
    hint = _STATUS_HINTS.get(status, "")
    text = "%s %s failed: HTTP %s %s%s%s" % (
        method,
        path,
        status,
        reason or "",
        (": " + ": ".join(detail)) if detail else "",
        (" (" + hint + ")") if hint else "",
    )
    return DC1ApiError(
        redact(text, secrets),
        method=method,
        path=path,
        status=status,
        code=code,
        api_message=redact(message, secrets) if message else None,
    )


_STATUS_HINTS = {
    401: "check api_key / DC_API_TOKEN, that the token or service user is active and not expired, "
    "and that it was created on this host: demo credentials do not work in production",
    403: "the credential is valid but lacks a role that allows this read",
    404: "no such object or endpoint on this host",
    429: "rate limited; retries were exhausted",
}
