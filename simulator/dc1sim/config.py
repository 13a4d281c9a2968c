"""Switches for every response shape docs/api-notes.md leaves unknown, plus fault-rule parsing.

One plain dict holds all switches so the same validation serves CLI flags, the
``--config`` JSON file, ``PUT /_sim/config`` and ``Simulator(**switches)``.
A *profile* is a named bundle of the shape switches (``PROFILES``): it is applied
first, as a base, and any switch given explicitly overrides it.
"""
import copy
import json

from . import mpki

ENDPOINTS = ("user", "account", "organization", "audit-log", "api-access-token",
             "client-auth-certificate", "certificate-search", "profile")
ENVELOPES = ("bare", "items", "records", "envelope", "envelope-records")
END_FIELDS = ("end_date", "expiration_date", "expiry_date", "valid_to")
FAULT_KINDS = ("status", "reset", "reset_mid_body", "timeout", "slow_body", "truncate",
               "truncated_json", "html", "content_type", "total_drift", "duplicate",
               "oversize", "empty")
CHOICES = {
    "bare_paging": ("honour", "ignore"),
    "page_cap_mode": ("clamp", "reject"),
    "error_shape": ("errors", "error-code", "error-status"),
    "role_shape": ("grouped", "list"),
    "token_end_field": END_FIELDS,
    "token_state_field": ("enabled", "status"),
    "cert_end_field": END_FIELDS,
    "user_shape": ("documented", "rich"),
    "audit_shape": ("documented", "rich"),
    "account_shape": ("documented", "rich"),
}
CHOICES.update(mpki.SWITCHES)  # Trust Lifecycle quirks of DigiCert's mpki OpenAPI; first value = default
ENVELOPE_DEFAULT = {"user": "bare", "account": "bare", "organization": "bare", "audit-log": "envelope",
                    "api-access-token": "envelope", "client-auth-certificate": "envelope"}
_SEED_SHAPES = {"user_shape": "documented", "audit_shape": "documented", "account_shape": "documented"}
# Every profile sets the same switches, so switching profiles at runtime is complete. Envelopes follow the seeds
# (bare user/account/organization lists, an enveloped audit log); tokens and certificates have no seed example.
PROFILES = {
    # everything the simulator generates: roles, end_date, user_name, last_login_at, ip_address, created_at
    "rich": {"user_shape": "rich", "audit_shape": "rich", "account_shape": "rich", "envelope": ENVELOPE_DEFAULT,
             "bare_paging": "honour", "absent_endpoints": []},
    # exactly the seed documents' examples; "/user: each call returns the complete filtered set"
    "documented": dict(_SEED_SHAPES, envelope=ENVELOPE_DEFAULT, bare_paging=["honour", "user=ignore"],
                       absent_endpoints=[]),
    # the independent trial server built from the seeds alone: also bare per-user lists that ignore paging,
    # and no client-certificate endpoint
    "seed-server": dict(_SEED_SHAPES, envelope=dict(ENVELOPE_DEFAULT, **{"api-access-token": "bare",
                                                                         "client-auth-certificate": "bare"}),
                        bare_paging=["honour", "user=ignore", "api-access-token=ignore",
                                     "client-auth-certificate=ignore"],
                        absent_endpoints=["client-auth-certificate"]),
}
# The profile every simulator starts from: the documents' own examples (a field the seed lacks is absent).
DEFAULT_PROFILE = "documented"
DEFAULTS = {
    "profile": None,
    "envelope": dict(ENVELOPE_DEFAULT),
    "bare_paging": dict.fromkeys(ENVELOPE_DEFAULT, "honour"),
    "absent_endpoints": [],
    "user_shape": "rich",
    "audit_shape": "rich",
    "account_shape": "rich",
    "page_default": 50,
    "page_cap": 100,
    "page_cap_by_endpoint": {},
    "page_cap_mode": "clamp",
    "error_shape": "errors",
    "role_shape": "grouped",
    "token_end_field": "end_date",
    "token_state_field": "enabled",
    "cert_end_field": "valid_to",
    "latency_ms": 0,
    "rate_limit": None,
    "faults": [],
}
DEFAULTS.update((name, values[0]) for name, values in mpki.SWITCHES.items())
DEFAULTS[mpki.BULK_SWITCH] = 0


class ConfigError(ValueError):
    pass


def defaults(profile=None):
    """The switches of ``profile`` (default: ``DEFAULT_PROFILE``, read at call time) on the built-in defaults."""
    return apply(copy.deepcopy(DEFAULTS), {"profile": profile or DEFAULT_PROFILE})


def build(config=None, switches=None):
    """Switches from defaults < profile < ``config`` (a JSON file path or dict) < ``switches``.

    The profile (from ``switches``, else from ``config``) is applied first, so an explicit switch
    overrides it wherever it was given.
    """
    file_cfg = load_file(config) if isinstance(config, str) else dict(config or {})
    switches = dict(switches or {})
    profile = switches.pop("profile", None) or file_cfg.pop("profile", None)
    file_cfg.pop("profile", None)
    return apply(apply(defaults(profile), file_cfg), switches)


def _pairs(value, what):
    """'ep=x' strings, lists of them, or a dict -> dict."""
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, str):
        value = [value]
    out = {}
    for item in value or ():
        if "=" not in str(item):
            raise ConfigError(f"{what}: expected ENDPOINT=VALUE, got {item!r}")
        k, v = str(item).split("=", 1)
        out[k.strip()] = v.strip()
    return out


def _endpoint(name, what):
    name = name.strip().lstrip("/").replace("_", "-")
    if name not in ENDPOINTS:
        raise ConfigError(f"{what}: unknown endpoint {name!r} (one of {', '.join(ENDPOINTS)})")
    return name


def _int(value, what, lo=0):
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{what}: expected an integer, got {value!r}") from None
    if n < lo:
        raise ConfigError(f"{what}: must be >= {lo}")
    return n


def parse_rate_limit(value):
    """'N/SECONDS' (or [N, SECONDS]) -> [N, SECONDS]; None/''/'off' -> None."""
    if value in (None, "", "off", "none", 0):
        return None
    if isinstance(value, str):
        if "/" not in value:
            raise ConfigError(f"rate_limit: expected N/SECONDS, got {value!r}")
        value = value.split("/", 1)
    n, secs = value
    try:
        secs = float(secs)
    except ValueError:
        raise ConfigError(f"rate_limit: bad window {secs!r}") from None
    if secs <= 0:
        raise ConfigError("rate_limit: window must be > 0 seconds")
    return [_int(n, "rate_limit", 1), secs]


def _per_endpoint(current, value, allowed, what):
    """``bare_paging`` style: a plain value sets every endpoint, ENDPOINT=VALUE pairs (or a dict) one each."""
    out = dict(current)
    items = [f"{a}={b}" for a, b in value.items()] if isinstance(value, dict) else (
        [value] if isinstance(value, str) else list(value or ()))
    for item in items:
        ep, _eq, v = str(item).rpartition("=")
        v = v.strip()
        if v not in allowed:
            raise ConfigError(f"{what}: {v!r} is not one of {', '.join(allowed)}")
        if ep:
            out[_endpoint(ep, what)] = v
        else:
            out = dict.fromkeys(out, v)
    return out


def _endpoint_list(value, what):
    """['a', 'b,c'] or 'a,b' -> validated endpoint names, in order, once each."""
    items = [value] if isinstance(value, str) else list(value or ())
    out = []
    for item in items:
        for name in str(item).split(","):
            if name.strip() and _endpoint(name, what) not in out:
                out.append(_endpoint(name, what))
    return out


def _envelopes(value, cfg):
    out = dict(cfg["envelope"])
    for ep, shape in _pairs(value, "envelope").items():
        if shape not in ENVELOPES:
            raise ConfigError(f"envelope: unknown shape {shape!r} (one of {', '.join(ENVELOPES)})")
        out[_endpoint(ep, "envelope")] = shape
    return out


def _caps_by_endpoint(value, _cfg):
    what = "page_cap_by_endpoint"
    return {_endpoint(ep, what): _int(n, what, 1) for ep, n in _pairs(value, what).items()}


def _fault_rules(value, _cfg):
    return [parse_fault(f) for f in (value or [])]


def _apply_page_cap(new, value):
    """N or '*=N' / 'default=N' sets the cap of every endpoint; ENDPOINT=N one endpoint's. A list or dict of these."""
    if isinstance(value, dict):
        items = [f"{a}={b}" for a, b in value.items()]
    else:
        items = value if isinstance(value, (list, tuple)) else [value]
    for item in items:
        ep, n = item.split("=", 1) if isinstance(item, str) and "=" in item else ("*", item)
        if ep.strip() in ("*", "default"):
            new["page_cap"] = _int(n, "page_cap", 1)
        else:
            new["page_cap_by_endpoint"][_endpoint(ep, "page_cap")] = _int(n, "page_cap", 1)


# switch -> parse(value, switch dict so far) -> the switch's new value; other switches are one of CHOICES[switch]
_PARSERS = {
    "envelope": _envelopes,
    "page_cap_by_endpoint": _caps_by_endpoint,
    "page_default": lambda value, _cfg: _int(value, "page_default", 1),
    "latency_ms": lambda value, _cfg: _int(value, "latency_ms", 0),
    "rate_limit": lambda value, _cfg: parse_rate_limit(value),
    "faults": _fault_rules,
    "bare_paging": lambda value, cfg: _per_endpoint(cfg["bare_paging"], value, CHOICES["bare_paging"], "bare_paging"),
    "absent_endpoints": lambda value, _cfg: _endpoint_list(value, "absent_endpoints"),
    mpki.BULK_SWITCH: lambda value, _cfg: _int(value, mpki.BULK_SWITCH, 0),
}


def _parse_switch(k, value, cfg):
    if k in _PARSERS:
        return _PARSERS[k](value, cfg)
    if k not in CHOICES:
        raise ConfigError(f"unknown switch {k!r}")
    if value not in CHOICES[k]:
        raise ConfigError(f"{k}: {value!r} is not one of {', '.join(CHOICES[k])}")
    return value


def apply(cfg, changes):
    """Return a new switch dict: ``cfg`` with ``changes`` validated and applied.

    ``profile`` is applied first (it sets every switch of its bundle); then each key given
    replaces that switch, except ``envelope``, ``page_cap`` and ``bare_paging`` given as
    ENDPOINT=VALUE pairs, which update per endpoint.
    """
    new = copy.deepcopy(cfg)
    changes = {key.replace("-", "_"): value for key, value in (changes or {}).items()}
    name = changes.pop("profile", None)
    if name is not None:
        if name not in PROFILES:
            raise ConfigError(f"profile: {name!r} is not one of {', '.join(PROFILES)}")
        new = apply(new, PROFILES[name])
        new["profile"] = name
    for k, value in changes.items():
        if k == "page_cap":  # sets page_cap, page_cap_by_endpoint or both
            _apply_page_cap(new, value)
        else:
            new[k] = _parse_switch(k, value, new)
    return new


def load_file(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a JSON object")
    return data


def page_cap(cfg, endpoint):
    return cfg["page_cap_by_endpoint"].get(endpoint, cfg["page_cap"])


# --- fault rules ----------------------------------------------------------------------

_INT_PARAMS = ("first", "every", "times", "code", "chunks", "delta", "extra")
_FLOAT_PARAMS = ("seconds", "delay", "retry_after_seconds")


def _split_rule(text):
    """'a=1,nth=2,3,kind=reset' -> dict; a piece without '=' continues the previous value."""
    out, last = {}, None
    for piece in text.split(","):
        if "=" in piece:
            k, v = piece.split("=", 1)
            last = k.strip()
            out[last] = v.strip()
        elif last is None:
            raise ConfigError(f"fault {text!r}: expected key=value pairs")
        else:
            out[last] += "," + piece.strip()
    return out


def _fault_kind(raw):
    """Pop ``kind`` from ``raw``; a bare number is shorthand for kind=status with that code."""
    kind = str(raw.pop("kind", "status"))
    if kind.isdigit():
        raw.setdefault("code", kind)
        kind = "status"
    if kind not in FAULT_KINDS:
        raise ConfigError(f"fault: unknown kind {kind!r} (one of {', '.join(FAULT_KINDS)})")
    return kind


def _nth(value):
    """'2,3' (or '2;3', '2|3'), 2 or [2, 3] -> [2, 3]: which matching requests the rule fires on."""
    if isinstance(value, str):
        value = [x for x in value.replace(";", ",").replace("|", ",").split(",") if x.strip()]
    elif isinstance(value, int):
        value = [value]
    return [_int(x, "fault nth", 1) for x in value]


def _number(k, value):
    """One numeric fault parameter: a float for _FLOAT_PARAMS, else an integer >= 1 (delta may be negative)."""
    if k not in _FLOAT_PARAMS:
        return _int(value, f"fault {k}", -10**9 if k == "delta" else 1)
    try:
        return float(value)
    except ValueError:
        raise ConfigError(f"fault {k}: expected a number") from None


def _retry_after(value):
    """Retry-After as the rule gives it: seconds, or 'http-date' for a date header."""
    ra = str(value)
    if ra != "http-date":
        try:
            float(ra)
        except ValueError:
            raise ConfigError("fault retry_after: seconds or 'http-date'") from None
    return ra


def parse_fault(rule):
    """Validate one fault rule (dict, or 'key=value,...' text) into a canonical dict."""
    raw = _split_rule(rule) if isinstance(rule, str) else dict(rule)
    r = {"path": str(raw.pop("path", "/")), "kind": _fault_kind(raw)}
    if "method" in raw:
        r["method"] = str(raw.pop("method")).upper()
    if "nth" in raw:
        r["nth"] = _nth(raw.pop("nth"))
    for k in _INT_PARAMS + _FLOAT_PARAMS:
        if k in raw:
            r[k] = _number(k, raw.pop(k))
    if "retry_after" in raw:
        r["retry_after"] = _retry_after(raw.pop("retry_after"))
    if raw:
        raise ConfigError(f"fault: unknown keys {', '.join(sorted(raw))}")
    if r["kind"] == "status":
        r.setdefault("code", 500)
    return r
