"""``dc1-sim serve`` / ``dc1-sim generate``: one command for demos and CI pipelines.

Switch precedence: built-in defaults < ``--config`` file < command-line flags.
``--info-json`` and ``--env-file`` are written (atomically) only once the server
listens, so a script can simply wait for the file to appear.
"""
import argparse
import json
import os
import shlex
import signal
import sys
import threading

from . import __version__
from . import config as cfgmod
from . import mpki
from . import tenant as tenantmod
from .sim import Simulator


def _sizes(p):
    g = p.add_argument_group("tenant")
    g.add_argument("--seed", type=int, default=1)
    g.add_argument("--now", help="reference date YYYY-MM-DD[THH:MM:SSZ] (default: today 00:00 UTC)")
    g.add_argument("--accounts", type=int, default=3)
    g.add_argument("--users", type=int, default=24, help="standard users")
    g.add_argument("--service-users", type=int, default=8)
    g.add_argument("--organizations", type=int, default=6)
    g.add_argument("--audit-events", type=int, default=300)
    g.add_argument("--mpki-certificates", type=int, default=300)


def build_parser():
    p = argparse.ArgumentParser(prog="dc1-sim", description="Offline DigiCert ONE Account Manager API simulator")
    p.add_argument("--version", action="version", version=__version__)
    sub = p.add_subparsers(dest="cmd")
    gen = sub.add_parser("generate", help="write a tenant JSON file")
    _sizes(gen)
    gen.add_argument("-o", "--output", default="-", help="file (default: stdout)")

    s = sub.add_parser("serve", help="start the simulator")
    _sizes(s)
    s.add_argument("--tenant", help="load the tenant from this JSON file instead of generating it")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=0, help="0 = any free port")
    s.add_argument("--api-key", help="admin key (default: random)")
    s.add_argument("--extra-key", action="append", default=[], metavar="KEY=ROLE",
                   help="extra key; ROLE: viewer | no-audit | expired | admin")
    s.add_argument("--mtls", action="store_true", help="require a client certificate")
    s.add_argument("--plain-http", action="store_true", help="no TLS (debugging only)")
    s.add_argument("--state-dir", help="CA, certs (default: a fresh temp dir, removed at exit)")
    s.add_argument("--info-json", help="write {base_url, api_key, ca_path, client_cert, client_key, pid}")
    s.add_argument("--env-file", help="write the export lines")
    s.add_argument("--config", help="JSON file of switches and fault rules")
    s.add_argument("-v", "--verbose", action="store_true", help="log every request to stderr")
    w = s.add_argument_group("switches (shapes docs/api-notes.md leaves unknown)")
    w.add_argument("--profile", choices=list(cfgmod.PROFILES),
                   help=f"bundle of shape switches, the base for the others (default: {cfgmod.DEFAULT_PROFILE})")
    for shape in ("user_shape", "account_shape", "audit_shape"):
        w.add_argument("--" + shape.replace("_", "-"), choices=cfgmod.CHOICES[shape])
    w.add_argument("--envelope", action="append", metavar="ENDPOINT=SHAPE",
                   help=f"SHAPE: {' | '.join(cfgmod.ENVELOPES)}")
    w.add_argument("--bare-paging", action="append", metavar="honour|ignore|ENDPOINT=honour|ignore")
    w.add_argument("--absent-endpoints", action="append", metavar="ENDPOINT[,ENDPOINT]",
                   help="endpoints that answer 404 as on a tenant that does not serve them")
    w.add_argument("--page-default", type=int)
    w.add_argument("--page-cap", action="append", metavar="N|ENDPOINT=N")
    w.add_argument("--page-cap-mode", choices=cfgmod.CHOICES["page_cap_mode"])
    w.add_argument("--error-shape", choices=cfgmod.CHOICES["error_shape"])
    w.add_argument("--role-shape", choices=cfgmod.CHOICES["role_shape"])
    w.add_argument("--token-end-field", choices=cfgmod.END_FIELDS)
    w.add_argument("--token-state-field", choices=cfgmod.CHOICES["token_state_field"])
    w.add_argument("--cert-end-field", choices=cfgmod.END_FIELDS)
    for switch, values in mpki.SWITCHES.items():
        w.add_argument("--" + switch.replace("_", "-"), choices=values)
    w.add_argument("--" + mpki.BULK_SWITCH.replace("_", "-"), type=int, metavar="N",
                   help="serve N Trust Lifecycle certificates in all, built on demand after the tenant's (0 = off)")
    w.add_argument("--latency-ms", type=int)
    w.add_argument("--rate-limit", metavar="N/SECONDS")
    w.add_argument("--fault", action="append", metavar="key=value,...",
                   help="e.g. path=/account/api/v1/audit-log,nth=2,kind=429,retry_after=3")
    return p


SWITCH_FLAGS = ("profile", "user_shape", "account_shape", "audit_shape", "envelope", "bare_paging",
                "absent_endpoints", "page_default", "page_cap", "page_cap_mode", "error_shape", "role_shape",
                "token_end_field", "token_state_field", "cert_end_field", "latency_ms", "rate_limit",
                *mpki.SWITCHES, mpki.BULK_SWITCH)


def _write_atomic(path, text):
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def _env_lines(info):
    pairs = [("DC_BASE", info["base_url"]), ("DC_API_TOKEN", info["api_key"])]
    if info["ca_path"]:
        pairs.append(("DC_CA_PATH", info["ca_path"]))
    if info["client_cert"]:
        pairs += [("DC_CLIENT_CERT", info["client_cert"]), ("DC_CLIENT_KEY", info["client_key"])]
    return "export " + " ".join(f"{k}={shlex.quote(str(v))}" for k, v in pairs)


def _sizes_of(a):
    return {"accounts": a.accounts, "users": a.users, "service_users": a.service_users,
            "organizations": a.organizations, "audit_events": a.audit_events,
            "mpki_certificates": a.mpki_certificates}


def _switches_of(a):
    """The switch flags given on the command line (argparse leaves the others None), and the fault rules."""
    switches = {k: getattr(a, k) for k in SWITCH_FLAGS if getattr(a, k) is not None}
    if a.fault:
        switches["faults"] = a.fault
    return switches


def _extra_keys(items):
    """--extra-key KEY=ROLE items -> {key: role}; the role is after the last '=', so a key may contain one."""
    extra = {}
    for item in items:
        if "=" not in item:
            raise cfgmod.ConfigError(f"--extra-key: expected KEY=ROLE, got {item!r}")
        k, role = item.rsplit("=", 1)
        extra[k] = role
    return extra


def _announce(info, extra):
    """What a person at the terminal needs: where the simulator listens, and the credentials it accepts."""
    print(f"dc1-sim listening on {info['base_url']}")
    print(f"API key:  {info['api_key']}")
    if info["ca_path"]:
        print(f"CA:       {info['ca_path']}")
    if info["client_cert"]:
        print(f"client:   {info['client_cert']} {info['client_key']}")
    for k, v in extra.items():
        print(f"extra key ({v}): {k}")
    print(_env_lines(info), flush=True)


def _publish(a, info):
    """The files a script waits for; written only now that the server listens."""
    if a.info_json:
        _write_atomic(a.info_json, json.dumps(info, indent=2) + "\n")
    if a.env_file:
        _write_atomic(a.env_file, _env_lines(info) + "\n")


def serve(a):
    extra = _extra_keys(a.extra_key)
    sim = Simulator(seed=a.seed, now=a.now, tenant=a.tenant, api_key=a.api_key, extra_keys=extra,
                    host=a.host, port=a.port, mtls=a.mtls, plain_http=a.plain_http,
                    state_dir=a.state_dir, verbose=a.verbose, config=a.config, **_sizes_of(a), **_switches_of(a))
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    sim.start()
    try:
        info = sim.info()
        _announce(info, extra)
        _publish(a, info)
        while not stop.wait(0.5):
            pass
    finally:
        sim.stop()
    return 0


def generate(a):
    t = tenantmod.generate(seed=a.seed, now=a.now, **_sizes_of(a))
    text = tenantmod.dumps(t)
    if a.output == "-":
        sys.stdout.write(text)
    else:
        _write_atomic(a.output, text)
    return 0


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "serve")
    a = build_parser().parse_args(argv)
    try:
        return serve(a) if a.cmd == "serve" else generate(a)
    except (cfgmod.ConfigError, ValueError, OSError) as e:
        print(f"dc1-sim: error: {e}", file=sys.stderr)
        return 2
