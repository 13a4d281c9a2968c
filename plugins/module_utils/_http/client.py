# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one HTTP client of the collection: a requests Session with auth, TLS and retries.

Modules, the inventory and lookup plugins and the roles' modules all read
through ``DC1Client.get``; pagination (``_listing/pager.py``) sits on top of it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import itertools
import json
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

try:
    import requests
    from requests.adapters import HTTPAdapter
    from requests.structures import CaseInsensitiveDict
    from requests.utils import requote_uri

    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError:  # pragma: no cover - exercised through missing_required_lib
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()


from ansible_collections.digicert.one.plugins.module_utils._http.settings import (
    check_file,
    check_pem,
    non_negative,
    positive,
    resolve_base_url,
    usable_file,
)
from ansible_collections.digicert.one.plugins.module_utils._connection import COLLECTION_NAME, COLLECTION_VERSION
from ansible_collections.digicert.one.plugins.module_utils._listing.knowledge import RunKnowledge
from ansible_collections.digicert.one.plugins.module_utils._errors import (
    DC1ApiError,
    DC1ConfigError,
    DC1TLSError,
    DC1TransportError,
    api_error,
    body_snippet,
    redact,
)
from ansible_collections.digicert.one.plugins.module_utils._http.retry import (
    RETRY_STATUSES,
    Throttle,
    parse_retry_after,
    retry_delay,
)

USER_AGENT = "%s/%s (Ansible collection)" % (COLLECTION_NAME, COLLECTION_VERSION)


class DC1Client:
    """Authenticated, retrying JSON reads against one DigiCert ONE host.

    ``settings`` is the dict of ``connection.CONNECTION_OPTIONS``. ``warn`` and
    ``debug`` are callbacks (a module's ``warn``/``log``, a plugin's display).
    """

    def __init__(self, settings, warn=None, debug=None, sleep=time.sleep, session=None, clock=time.monotonic):
        if not HAS_REQUESTS:
            raise DC1ConfigError("the Python library 'requests' is required on the host that runs the module")
        self._warn = warn or (lambda msg: None)
        self._debug = debug or (lambda msg: None)
        self._sleep = sleep
        self._secrets = [settings.get("api_key") or ""]
        for name in ("client_cert", "client_key", "ca_path"):
            check_file(name, settings.get(name))
        cert, key = usable_file(settings.get("client_cert")), usable_file(settings.get("client_key"))
        ca_path = usable_file(settings.get("ca_path"))
        self.base_url = resolve_base_url(
            settings.get("base_url"), settings.get("region"), settings.get("environment"), cert
        )
        self.api_key = settings.get("api_key")
        if not self.api_key and not cert:
            raise DC1ConfigError(
                "No credential given: set api_key (or DC_API_TOKEN) for token authentication, "
                "or client_cert (DC_CLIENT_CERT) and client_key (DC_CLIENT_KEY) for mutual TLS."
            )
        if key and not cert:
            raise DC1ConfigError("client_key was given without client_cert")
        check_pem(cert, key, ca_path)
        self._ca_path = ca_path
        self.timeout = positive("timeout", settings.get("timeout", 30.0))
        self.retries = non_negative("retries", settings.get("retries", 5))
        self.retry_max_wait = non_negative("retry_max_wait", settings.get("retry_max_wait", 60.0))
        self.page_size = int(positive("page_size", settings.get("page_size", 100)))
        self.max_concurrency = int(positive("max_concurrency", settings.get("max_concurrency", 16)))

        validate = settings.get("validate_certs", True)
        self._verify = (ca_path or True) if validate is not False else False
        if self._verify is False:
            self._warn(
                "validate_certs is false: the server's TLS certificate is not verified, so anyone on the path "
                "can read the API token. Set ca_path to the server's CA instead."
            )
            _quiet_insecure_warning()
        self._cert = (cert, key) if key else cert

        own_session = session is None
        if own_session:
            session = requests.Session()
            # The environment is read once here, not on every request: with trust_env, requests
            # looks for ~/.netrc and re-reads the proxy variables per request, about a third of
            # the client's CPU time per GET (docs/performance.md). Proxies (https_proxy, no_proxy)
            # still apply; verify and cert are passed explicitly, so REQUESTS_CA_BUNDLE never did.
            session.proxies.update(requests.utils.get_environ_proxies(self.base_url))
            session.trust_env = False
        self.session = session
        adapter = HTTPAdapter(pool_connections=2, pool_maxsize=self.max_concurrency, max_retries=0)
        self.session.mount("https://", adapter)
        self.session.headers.update(
            {"Accept": "application/json", "User-Agent": "%s requests/%s" % (USER_AGENT, requests.__version__)}
        )
        if self.api_key:
            self.session.headers["x-api-key"] = self.api_key
        # Tests pass a scripted session with the same request() signature as _Transport.
        self._transport = _Transport(self.session, adapter) if own_session else self.session
        self.throttle = Throttle(clock=clock, sleep=sleep)
        # In-flight requests are bounded here, not per pool: fan-outs may nest (resources, users,
        # pages) and still never exceed max_concurrency connections to the server.
        self._slots = threading.BoundedSemaphore(self.max_concurrency)
        self._lock = threading.Lock()
        self.stats = {"requests": 0, "retries": 0, "retry_reasons": {}}
        # What this run has learned about how each path pages (the pager's lessons); seeded from the play's
        # tenant-wide read on account hosts (knowledge.py).
        self.knowledge = RunKnowledge(self.base_url)

    # -- public -------------------------------------------------------------------------
    def get(self, path, params=None, allow_text=False):
        """GET ``path`` (absolute, e.g. ``/account/api/v1/user``) and return the parsed JSON.

        ``allow_text`` accepts a ``text/plain`` answer (mpki's ``/hello``) as a ``PlainText``.
        """
        return self.request("GET", path, params, allow_text)

    def map(self, func, items):
        """``[func(i) for i in items]`` with at most ``max_concurrency`` running at once.

        Results keep the order of ``items``; the first exception is raised.
        """
        items = list(items)
        if len(items) <= 1 or self.max_concurrency == 1:
            return [func(i) for i in items]
        with ThreadPoolExecutor(max_workers=min(self.max_concurrency, len(items))) as pool:
            return list(pool.map(func, items))

    def ordered(self, func, items, ahead=None):
        """Yield ``func(i)`` for ``items`` in order, at most ``max_concurrency`` running at once and at most
        ``ahead`` (default: twice that) done ahead of the consumer, so memory holds a window, not every result.

        The first exception is raised in order; closing the generator cancels what has not started.
        """
        items = list(items)
        if len(items) <= 1 or self.max_concurrency == 1:
            for item in items:
                yield func(item)
            return
        ahead = max(1, ahead or 2 * self.max_concurrency)
        rest = iter(items)
        with ThreadPoolExecutor(max_workers=min(self.max_concurrency, len(items))) as pool:
            pending = collections.deque(pool.submit(func, item) for item in itertools.islice(rest, ahead))
            try:
                while pending:
                    result = pending.popleft().result()
                    for item in itertools.islice(rest, 1):
                        pending.append(pool.submit(func, item))
                    yield result
            finally:
                for future in pending:
                    future.cancel()

    def redact(self, text):
        return redact(text, self._secrets)

    def retry_summary(self):
        """One line for a warning when requests had to be retried, else None."""
        if not self.stats["retries"]:
            return None
        reasons = ", ".join("%s x%d" % kv for kv in sorted(self.stats["retry_reasons"].items()))
        return "%d of %d requests to %s were retried (%s)" % (
            self.stats["retries"],
            self.stats["requests"],
            self.base_url,
            reasons,
        )

    # -- the one request loop -----------------------------------------------------------
    def request(self, method, path, params=None, allow_text=False):
        """One read, retried until its answer is final: data, or a DC1Error that names the request.

        Retried: 429/502/503/504, connection errors and timeouts, a cut or non-JSON body (``RETRY_STATUSES``,
        ``_retry``). Final: any other answer. Messages name the method, the URL actually requested (host and any
        base path prefix included) and, for HTTP errors, the status and the API's own code and message.
        """
        call = _Call(method, self.base_url, path, params)
        for attempt in range(self.retries + 1):
            last = attempt >= self.retries
            resp = self._attempt(call, attempt, last)
            if resp is None:
                continue  # a transport error, retried
            if resp.status_code in RETRY_STATUSES and not last:
                self._retry(attempt, "HTTP %d" % resp.status_code, call, resp.headers.get("Retry-After"))
                continue
            self._raise_for_status(call, resp, attempt)
            data = self._read_body(call, resp, allow_text, last)
            if data is not _RETRY:
                return data
            self._retry(attempt, "invalid JSON body", call, None)
        raise AssertionError("unreachable")  # pragma: no cover

    def _attempt(self, call, attempt, last):
        """Send once; the response, or None when a transport error will be retried."""
        self.throttle.wait()
        self._count("requests")
        try:
            with self._slots:
                return self._transport.request(call.method, call.url, params=call.params, verify=self._verify,
                                               cert=self._cert, timeout=self.timeout,
                                               allow_redirects=False)  # x-api-key would follow a redirect anywhere
        except requests.exceptions.SSLError as exc:
            raise self._tls_error(call, exc)
        except _RETRIED_TRANSPORT as exc:
            reason = _transport_reason(exc)
            if last:
                raise call.error(DC1TransportError, "failed after %d attempt(s): %s" % (attempt + 1, reason),
                                 self._secrets)
            self._retry(attempt, reason, call, None)
            return None
        except requests.exceptions.RequestException as exc:
            raise call.error(DC1TransportError, "failed: %s" % _transport_reason(exc), self._secrets)

    def _raise_for_status(self, call, resp, attempt):
        status = resp.status_code
        if 300 <= status < 400:
            raise call.error(DC1ApiError, "was redirected (HTTP %d) to %s; redirects are not followed so the API token "
                             "stays on this host: set base_url to the API host itself"
                             % (status, resp.headers.get("Location", "an unknown location")), self._secrets, status)
        if status >= 400:
            err = api_error(call.method, call.path, status, resp.reason, resp.text, self._secrets)
            gave_up = " - gave up after %d attempts" % (attempt + 1) if status in RETRY_STATUSES else ""
            err.args = ("%s%s [%s]" % (err.args[0], gave_up, call.host),)
            raise err

    def _read_body(self, call, resp, allow_text, last):
        """The parsed body; ``_RETRY`` for a body that is not JSON and will be asked again."""
        if allow_text and resp.headers.get("Content-Type", "").startswith("text/plain"):
            try:
                return _parse_json(resp)
            except ValueError:
                return PlainText(resp.content.decode("utf-8", "replace"))
        try:
            return _parse_json(resp)
        except ValueError as exc:
            if last:
                raise call.error(DC1TransportError, "HTTP %d answer is not valid JSON (%s)" % (resp.status_code, exc),
                                 self._secrets, resp.status_code, joiner=": ")
            return _RETRY

    # -- helpers --------------------------------------------------------------------------
    def _retry(self, attempt, reason, call, retry_after_header):
        retry_after = parse_retry_after(retry_after_header)
        delay = retry_delay(attempt, retry_after, self.retry_max_wait)
        with self._lock:
            self.stats["retries"] += 1
            self.stats["retry_reasons"][reason] = self.stats["retry_reasons"].get(reason, 0) + 1
        self._debug(
            "digicert.one: %s %s: %s, retry %d of %d in %.2fs" % (call.method, call.shown, reason, attempt + 1,
                                                                  self.retries, delay)
        )
        if retry_after is not None:
            # The server asked every caller to slow down: pause all workers, not just this one.
            self.throttle.pause_all(delay)
            self.throttle.wait()
        else:
            self._sleep(delay)

    def _count(self, key):
        with self._lock:
            self.stats[key] += 1

    def _tls_error(self, call, exc):
        """The TLS failure with the likely cause first: an expired or untrusted certificate, or the handshake."""
        text = _transport_reason(exc)
        if "certificate has expired" in text or "CERTIFICATE_HAS_EXPIRED" in text:
            hint = ("the server's certificate has expired (or this machine's clock is wrong): it is not a problem of "
                    "ca_path; ask the server's owner to renew it")
        elif "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text:
            if self._ca_path:
                hint = ("the server's certificate is not signed by a CA in ca_path %s: check that this is the CA bundle "
                        "of this server (for the simulator, the ca.pem it printed)" % self._ca_path)
            else:
                hint = ("the server's certificate is not trusted: set ca_path (DC_CA_PATH) to the CA bundle that signed "
                        "it (for the simulator, the ca.pem it printed); validate_certs=false turns verification off, "
                        "for tests only")
        else:
            hint = ("TLS handshake failed: with mutual TLS, check client_cert/client_key and that base_url uses the "
                    "clientauth. host; otherwise check ca_path and validate_certs")
        return call.error(DC1TLSError, "failed: %s (%s)" % (hint, text), self._secrets)


class _Transport:
    """``Session.request`` for this client's reads, through the session's own adapter and settings.

    ``Session.request`` re-merges environment, cookies, hooks and proxies and re-parses the URL on every
    call: about a third of the client's CPU per GET, which bounds a whole-tenant gathering on a small
    controller (docs/performance.md). None of it applies here: no cookies, no auth hooks, no redirects
    (refused), proxies read once. The requests exceptions and the session's connection pool are unchanged.
    """

    def __init__(self, session, adapter):
        self.session = session
        self.adapter = adapter

    def request(self, method, url, params=None, verify=True, cert=None, timeout=None, allow_redirects=False):
        if allow_redirects:
            raise ValueError("the adapter never follows redirects")
        prepared = requests.PreparedRequest()
        prepared.method = method
        prepared.url = requote_uri(url + ("?" + urlencode(params) if params else ""))
        prepared.headers = CaseInsensitiveDict(self.session.headers)
        prepared.body = None
        prepared.hooks = {"response": []}
        resp = self.adapter.send(prepared, stream=False, timeout=timeout, verify=verify, cert=cert,
                                 proxies=self.session.proxies)
        # Read the body here, as Session.send does: a body cut mid-way raises in the caller's try and is retried.
        resp.content  # noqa: B018 # pylint: disable=pointless-statement
        return resp


_RETRY = object()
_RETRIED_TRANSPORT = (
    requests.exceptions.ConnectionError,
    requests.exceptions.Timeout,
    requests.exceptions.ChunkedEncodingError,
    requests.exceptions.ContentDecodingError,
) if HAS_REQUESTS else ()


class _Call:
    """One request as errors name it: the method, the full path actually requested (base path prefix and query
    included) and, at the end of every message, the host it went to."""

    def __init__(self, method, base_url, path, params):
        self.method = method
        self.params = dict((k, v) for k, v in (params or {}).items() if v is not None)
        query = "?" + urlencode(sorted(self.params.items())) if self.params else ""
        parts = urlsplit(base_url)
        self.url = base_url + path
        self.path = self.shown = parts.path + path + query
        self.host = "%s://%s" % (parts.scheme, parts.netloc)

    def error(self, kind, text, secrets, status=None, joiner=" "):
        return kind(redact("%s %s%s%s [%s]" % (self.method, self.shown, joiner, text, self.host), secrets),
                    method=self.method, path=self.path, status=status)


class PlainText(str):
    """A ``text/plain`` answer, told apart from a JSON string."""


def _parse_json(resp):
    """Parse a 2xx body as JSON, whatever its Content-Type says (servers mislabel JSON)."""
    raw = resp.content or b""
    if not raw.strip():
        if resp.status_code == 204:
            return None
        raise ValueError("empty body")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        ctype = resp.headers.get("Content-Type", "unknown content type")
        raise ValueError("%s, %d bytes: %s" % (ctype, len(raw), body_snippet(raw.decode("utf-8", "replace"))))


def _transport_reason(exc, limit=300):
    """A readable cause for a requests exception, without a traceback, shortened at a word boundary."""
    cause = exc
    while getattr(cause, "__context__", None) is not None and not str(cause):
        cause = cause.__context__
    text = " ".join((str(cause) or type(cause).__name__).split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " ..."
    return "%s: %s" % (type(exc).__name__, text)


def _quiet_insecure_warning():
    try:
        import urllib3

        urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
    except Exception:  # pragma: no cover - urllib3 always ships with requests
        pass
