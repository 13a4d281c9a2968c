"""HTTP/1.1 + TLS server on the stdlib: keep-alive, a thread per connection, raw socket faults.

``ThreadingHTTPServer`` is used instead of a framework because faults need raw control
of the socket (reset before/after headers, short bodies, wrong Content-Type) and because
the only dependency allowed beyond the stdlib is trustme. The TLS handshake runs in the
connection's own thread, so a slow or failing handshake never blocks ``accept``.
"""
import collections
import json
import socket
import ssl
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from . import config as cfgmod
from . import faults as F
from . import shapes
from .api import Response, error_response
from .tls import peer_common_name


class Stats:
    """Counters and the request log; never holds a credential, only key labels."""

    def __init__(self, log_size=100000):
        self._lock = threading.Lock()
        self._log_size = log_size
        self.reset()

    def reset(self):
        with self._lock:
            self.total = 0
            self.by_path = collections.Counter()
            self.by_status = collections.Counter()
            self.by_path_status = collections.defaultdict(collections.Counter)
            self.log = collections.deque(maxlen=self._log_size)
            self.inflight = getattr(self, "inflight", 0)
            self._connections = getattr(self, "_connections", 0)
            self.max_inflight = self.inflight

    def begin(self):
        with self._lock:
            self.inflight += 1
            self.max_inflight = max(self.max_inflight, self.inflight)

    def connection_id(self):
        """A serial number for a new connection: the request log shows which requests shared one."""
        with self._lock:
            self._connections += 1
            return self._connections

    def end(self, method, path, query, status, key_id, t0, connection=None):
        dur = round((time.monotonic() - t0) * 1000, 2)
        with self._lock:
            self.inflight -= 1
            self.total += 1
            self.by_path[path] += 1
            self.by_status[str(status)] += 1
            self.by_path_status[path][str(status)] += 1
            self.log.append({"t": round(time.time(), 3), "method": method, "path": path, "query": query,
                             "status": status, "key_id": key_id, "duration_ms": dur, "connection": connection})

    def snapshot(self, fired):
        with self._lock:
            return {"total": self.total, "by_path": dict(self.by_path), "by_status": dict(self.by_status),
                    "by_path_status": {p: dict(c) for p, c in self.by_path_status.items()},
                    "max_concurrency_seen": self.max_inflight, "in_flight": self.inflight,
                    "faults_fired": fired}

    def requests(self):
        with self._lock:
            return list(self.log)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "dc1sim"
    sys_version = ""
    timeout = 300  # idle keep-alive connections are dropped after this

    def setup(self):
        super().setup()
        cn = peer_common_name(self.connection)
        self.connection_id = self.server.core.stats_obj.connection_id()
        self.cert_user_id = self.server.core.cert_users.get(cn) if cn else None

    def log_message(self, fmt, *args):
        if self.server.core.verbose:
            super().log_message(fmt, *args)

    def do_GET(self):
        self._dispatch("GET")

    def do_HEAD(self):
        self._dispatch("HEAD")

    def do_POST(self):
        self._dispatch("POST")

    def do_PUT(self):
        self._dispatch("PUT")

    def do_PATCH(self):
        self._dispatch("PATCH")

    def do_DELETE(self):
        self._dispatch("DELETE")

    def _body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def _dispatch(self, method):
        core = self.server.core
        url = urlsplit(self.path)
        path = url.path or "/"
        body = self._body()
        if path == "/_sim" or path.startswith("/_sim/"):
            return self._send(self._control(method, path, body))
        t0 = time.monotonic()
        core.stats_obj.begin()
        status, key_id = 0, None
        try:
            status, key_id = self._api(method, path, url.query)
        finally:
            core.stats_obj.end(method, path, url.query, status, key_id, t0, self.connection_id)

    # --- API traffic -------------------------------------------------------------------
    def _api(self, method, path, query):
        core = self.server.core
        cfg = core.cfg
        q = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
        api_key = self.headers.get("x-api-key")
        key_id = core.api.identify(api_key, self.cert_user_id)
        if cfg["latency_ms"]:
            time.sleep(cfg["latency_ms"] / 1000.0)
        rule, drift = core.faults.check(method, path)
        kind = rule["kind"] if rule else None
        if kind == "reset":
            self._abort(rst=True)
            return "reset", key_id
        if kind == "timeout":
            time.sleep(rule.get("seconds", 30.0))
        if kind == "status":
            code = rule["code"]
            ra = F.retry_after_value(rule)
            resp = error_response(cfg["error_shape"], code, f"Simulated fault: HTTP {code}",
                                  {"Retry-After": ra} if ra else None)
        elif kind == "html":
            resp = Response(rule.get("code", 200), F.html_body(rule.get("code", 200)), "text/html")
        else:
            resp = core.api.handle(method, path, q, api_key, self.cert_user_id, cfg,
                                   rule if kind in F.DATA else None, drift)
        self._send(resp, rule if kind in F.BODY else None, head=method == "HEAD")
        return resp.status, key_id

    def _send(self, resp, fault=None, head=False):
        kind = fault["kind"] if fault else None
        body, ctype = resp.body, resp.content_type
        if kind == "truncated_json":
            body = F.truncated_json(body)
        if kind == "content_type":
            ctype = "text/plain"
        self.send_response(resp.status)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(body)))
        for k, v in resp.headers.items():
            self.send_header(k, v)
        self.end_headers()
        if head:
            return
        if kind in ("truncate", "reset_mid_body"):
            self.wfile.write(body[:len(body) // 2])
            self._abort(rst=kind == "reset_mid_body")
        elif kind == "slow_body":
            n = max(1, int(fault.get("chunks", 4)))
            step = max(1, -(-len(body) // n))
            for i in range(0, len(body), step):
                self.wfile.write(body[i:i + step])
                if i + step < len(body):
                    time.sleep(fault.get("delay", 0.2))
        else:
            self.wfile.write(body)

    def _abort(self, rst):
        """Close the connection now; with rst=True as a TCP reset (SO_LINGER 0)."""
        self.close_connection = True
        sock = self.connection
        try:
            if rst:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.rfile.close()
            sock.close()
        except OSError:
            pass

    # --- control API -------------------------------------------------------------------
    def _control(self, method, path, body):
        handler = CONTROL.get((method, path[len("/_sim"):].strip("/")))
        if handler is None:
            return _j({"error": f"no control endpoint {method} {path}"}, 404)
        try:
            return handler(self.server.core, body)
        except (ValueError, TypeError) as e:  # ConfigError and JSON errors are ValueErrors
            return _j({"error": str(e)}, 400)


def _j(obj, status=200):
    return Response(status, json.dumps(obj).encode())


def _reset(core, _body):
    core.reset()
    return _j({"reset": True})


def _put_config(core, body):
    changes = json.loads(body or b"{}")
    if not isinstance(changes, dict):
        raise cfgmod.ConfigError("expected a JSON object")
    return _j(core.configure(**changes))


def _planted(core, _body):
    detectable, hidden = shapes.split_planted(core.tenant["planted"], core.cfg)
    return _j({"detectable": detectable, "hidden": hidden, "served": shapes.served_fields(core.cfg)})


def _change_tenant(core, body):
    return _j({"done": core.change_tenant(json.loads(body or b"{}").get("changes"))})


def _append_audit(core, body):
    data = json.loads(body or b"{}")
    return _j({"ids": core.append_audit(data.get("entries"), data.get("count"))})


# (method, route under /_sim) -> handler(core, request body) -> Response
CONTROL = {
    ("GET", "health"): lambda core, _body: _j({"status": "ok", "base_url": core.base_url}),
    ("GET", "stats"): lambda core, _body: _j(core.stats_obj.snapshot(core.faults.fired_list())),
    ("GET", "requests"): lambda core, _body: _j(core.stats_obj.requests()),
    ("POST", "reset"): _reset,
    ("GET", "config"): lambda core, _body: _j(core.cfg),
    ("PUT", "config"): _put_config,
    ("GET", "planted"): _planted,
    ("GET", "tenant"): lambda core, _body: Response(200, core.tenant_bytes()),
    ("POST", "tenant/changes"): _change_tenant,
    ("POST", "audit-log"): _append_audit,
}


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    allow_reuse_address = True

    def __init__(self, addr, core, ssl_ctx=None):
        self.address_family = socket.AF_INET6 if ":" in addr[0] else socket.AF_INET
        self.core, self.ssl_ctx = core, ssl_ctx
        super().__init__(addr, Handler)

    def finish_request(self, request, client_address):
        """Runs in the connection's thread: do the TLS handshake here, not in accept()."""
        try:  # headers and body go out in separate writes; without this Nagle adds ~40 ms
            request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
        if self.ssl_ctx is None:
            return super().finish_request(request, client_address)
        request.settimeout(15)
        try:
            tls = self.ssl_ctx.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            request.close()
            return
        try:
            tls.settimeout(None)
            self.RequestHandlerClass(tls, client_address, self)
        finally:
            try:
                tls.close()
            except OSError:
                pass

    def handle_error(self, request, client_address):
        if self.core.verbose:
            super().handle_error(request, client_address)
