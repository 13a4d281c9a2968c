"""In-process simulator: ``with Simulator(seed=1, ...) as sim:`` serves in a background thread.

The CLI ``serve`` command uses the same class, so tests and CI exercise one code path.
"""
import os
import secrets
import shutil
import tempfile
import threading
import time

from . import changes as changemod
from . import config as cfgmod
from . import planting, shapes
from . import tenant as tenantmod
from .api import Api
from .faults import FaultEngine
from .server import Server, Stats
from .tls import CLIENT_CN, server_context

SIZE_KEYS = ("accounts", "users", "service_users", "organizations", "audit_events", "mpki_certificates")
EXTRA_ROLES = ("viewer", "no-audit", "expired", "admin")


class Simulator:
    """A running DigiCert ONE simulator.

    Sizes: seed, now, accounts, users, service_users, organizations, audit_events,
    mpki_certificates; or tenant= (path or dict). Switches (see config.DEFAULTS) as
    keyword arguments, e.g. profile='documented', envelope={'audit-log': 'records'},
    page_cap=20, faults=[...]; config= a JSON file path or dict applied first (the
    profile, wherever given, is the base both build on).
    """

    def __init__(self, seed=1, now=None, tenant=None, api_key=None, extra_keys=None,
                 host="127.0.0.1", port=0, mtls=False, plain_http=False, state_dir=None,
                 config=None, verbose=False, **kwargs):
        sizes = {k: kwargs.pop(k) for k in SIZE_KEYS if k in kwargs}
        self.seed, self.now, self.sizes, self._tenant_src = seed, now, sizes, tenant
        self.api_key = api_key or secrets.token_hex(24)
        self.extra_keys = dict(extra_keys or {})
        for role in self.extra_keys.values():
            if role not in EXTRA_ROLES:
                raise ValueError(f"extra key role {role!r}: one of {', '.join(EXTRA_ROLES)}")
        self.host, self.port, self.mtls, self.plain_http = host, port, mtls, plain_http
        self.verbose = verbose
        self._own_state = state_dir is None
        self.state_dir = state_dir
        self.cfg = cfgmod.build(config, kwargs)  # unknown keyword -> ConfigError
        self._lock = threading.Lock()
        self.stats_obj = Stats()
        self.faults = FaultEngine(self.cfg["faults"])
        self._server = self._thread = None
        self.base_url = self.ca_path = self.client_cert = self.client_key = None
        self._tenant_bytes = None

    # --- lifecycle ------------------------------------------------------------------
    def start(self):
        src = self._tenant_src
        if isinstance(src, dict):
            self.tenant = src
            planting.add_requires(self.tenant.get("planted", []))
        elif src:
            self.tenant = tenantmod.load(src)
        else:
            self.tenant = tenantmod.generate(seed=self.seed, now=self.now, **self.sizes)
        keys = {self.api_key: "admin", **self.extra_keys}
        self.api = Api(self.tenant, keys)
        users = {u["id"]: u for u in self.tenant["users"]}
        admin = users[self.tenant["personas"]["admin"]]
        self.cert_users = {CLIENT_CN: admin["id"]}
        ssl_ctx = None
        if not self.plain_http:
            if self._own_state:
                self.state_dir = tempfile.mkdtemp(prefix="dc1sim-")
            ssl_ctx, paths = server_context(self.state_dir, self.mtls,
                                            extra_names=(self.host,) if self.host not in ("0.0.0.0", "::") else ())
            self.ca_path, self.client_cert, self.client_key = (
                paths["ca_path"], paths["client_cert"], paths["client_key"])
        self._server = Server((self.host, self.port), self, ssl_ctx)
        self.port = self._server.server_address[1]
        shown = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(self.host, self.host)
        if ":" in shown:
            shown = f"[{shown}]"
        self.base_url = f"{'http' if self.plain_http else 'https'}://{shown}:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="dc1sim", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._own_state and self.state_dir and os.path.isdir(self.state_dir):
            shutil.rmtree(self.state_dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # --- what the server needs ------------------------------------------------------
    @property
    def core(self):
        return self

    def tenant_bytes(self):
        if self._tenant_bytes is None:
            self._tenant_bytes = tenantmod.dumps(self.tenant).encode()
        return self._tenant_bytes

    # --- public helpers -------------------------------------------------------------
    def configure(self, **switches):
        """Change switches at runtime; ``faults=`` replaces the rules and resets their counters."""
        with self._lock:
            new = cfgmod.apply(self.cfg, switches)
            if "faults" in switches:
                self.faults.set_rules(new["faults"])
            self.cfg = new
            return new

    def change_tenant(self, changes):
        """Apply tenant changes (see ``dc1sim.changes``) while serving; returns what was created or touched.

        The store is rebuilt and swapped in one step: a request sees the tenant before or after the change.
        """
        with self._lock:
            done = changemod.apply(self.tenant, changes)
            self.api.reload()
            self._tenant_bytes = None
            return done

    def append_audit(self, entries=None, count=None):
        """Add audit-log entries (partial dicts; defaults fill the rest, timestamp = now); returns their ids."""
        change = {"op": "append_audit", "entries": entries} if entries is not None else {
            "op": "append_audit", "count": count or 1}
        return [d["id"] for d in self.change_tenant([change])]

    def served_fields(self):
        """Every ``object.field`` the current switches serve (vocabulary of ``tenant["planted"][].requires``)."""
        return shapes.served_fields(self.cfg)

    def detectable_planted(self):
        """The planted offenders whose required fields the current switches serve: what a client can find."""
        return shapes.split_planted(self.tenant["planted"], self.cfg)[0]

    def hidden_planted(self):
        """The other planted offenders, each with ``missing`` fields and a ``reason`` naming the switch."""
        return shapes.split_planted(self.tenant["planted"], self.cfg)[1]

    def set_faults(self, rules):
        return self.configure(faults=list(rules))

    def reset(self):
        """Clear stats, the request log, fault counters and rate-limit windows."""
        self.stats_obj.reset()
        self.faults.reset()
        self.api.limiter.reset()

    def stats(self):
        return self.stats_obj.snapshot(self.faults.fired_list())

    def requests(self, settle=5.0):
        """The request log. A request is logged after its answer is sent, so a client may have every answer
        before the log has the last request: wait (up to ``settle`` seconds) until none is in flight."""
        deadline = time.monotonic() + settle
        while self.stats_obj.snapshot([])["in_flight"] and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.stats_obj.requests()

    def url(self, path):
        return self.base_url + path

    def info(self):
        return {"base_url": self.base_url, "api_key": self.api_key, "ca_path": self.ca_path,
                "client_cert": self.client_cert, "client_key": self.client_key, "pid": os.getpid()}
