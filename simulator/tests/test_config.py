"""Switch and fault-rule validation (dc1sim.config) without a server: every accepted form, every refusal."""
import pytest

from dc1sim import config as cfgmod
from dc1sim.config import ConfigError, apply, parse_fault


@pytest.mark.parametrize("value, cap, by_endpoint", [
    (7, 7, {}),
    ("8", 8, {}),
    (["user=3", "*=9"], 9, {"user": 3}),
    ({"audit_log": 4, "default": 12}, 12, {"audit-log": 4}),
    (("account=2", 11), 11, {"account": 2}),
])
def test_page_cap_forms(value, cap, by_endpoint):
    new = apply(cfgmod.DEFAULTS, {"page_cap": value})
    assert (new["page_cap"], new["page_cap_by_endpoint"]) == (cap, by_endpoint)
    assert cfgmod.DEFAULTS["page_cap_by_endpoint"] == {}  # the input is never changed


@pytest.mark.parametrize("changes, message", [
    ({"page_cap": 0}, "page_cap: must be >= 1"),
    ({"page_cap": "nope=3"}, "page_cap: unknown endpoint 'nope'"),
    ({"page_cap_by_endpoint": {"user": "x"}}, "page_cap_by_endpoint: expected an integer"),
    ({"envelope": {"user": "zzz"}}, "envelope: unknown shape 'zzz'"),
    ({"envelope": "user"}, "envelope: expected ENDPOINT=VALUE"),
    ({"latency_ms": -1}, "latency_ms: must be >= 0"),
    ({"error_shape": "nope"}, "error_shape: 'nope' is not one of errors, error-code, error-status"),
    ({"bare_paging": "maybe"}, "bare_paging: 'maybe' is not one of honour, ignore"),
    ({"profile": "nope"}, "profile: 'nope' is not one of rich, documented, seed-server"),
    ({"bogus": 1}, "unknown switch 'bogus'"),
])
def test_refused_switches_name_the_switch(changes, message):
    with pytest.raises(ConfigError, match=message):
        apply(cfgmod.DEFAULTS, changes)


def test_parsed_switches():
    new = apply(cfgmod.DEFAULTS, {"page-default": "5", "rate_limit": "3/2", "absent_endpoints": "user,account",
                                  "bare_paging": ["honour", "user=ignore"], "envelope": ["user=records"],
                                  "page_cap_by_endpoint": ["account=2"], "faults": ["kind=503"]})
    assert new["page_default"] == 5 and new["rate_limit"] == [3, 2.0]
    assert new["absent_endpoints"] == ["user", "account"]
    assert new["bare_paging"]["user"] == "ignore" and new["bare_paging"]["account"] == "honour"
    assert new["envelope"]["user"] == "records" and new["envelope"]["audit-log"] == "envelope"
    assert new["page_cap_by_endpoint"] == {"account": 2}
    assert new["faults"] == [{"path": "/", "kind": "status", "code": 503}]


@pytest.mark.parametrize("nth", ["1|2;3", "1,2,3", [1, "2", 3]])
def test_fault_nth_forms(nth):
    assert parse_fault({"nth": nth})["nth"] == [1, 2, 3]
    assert parse_fault({"nth": 2})["nth"] == [2]


def test_fault_rule_is_canonical_and_ordered():
    r = parse_fault("retry_after=http-date,seconds=2,first=1,method=get,nth=2,3,kind=429,path=/a,delta=-5")
    assert list(r) == ["path", "kind", "method", "nth", "first", "code", "delta", "seconds", "retry_after"]
    assert r == {"path": "/a", "kind": "status", "method": "GET", "nth": [2, 3], "first": 1, "code": 429,
                 "delta": -5, "seconds": 2.0, "retry_after": "http-date"}
    assert parse_fault("kind=timeout,retry_after_seconds=1.5") == {"path": "/", "kind": "timeout",
                                                                   "retry_after_seconds": 1.5}


@pytest.mark.parametrize("rule, message", [
    ("kind=nope", "fault: unknown kind 'nope'"),
    ("nth=0", "fault nth: must be >= 1"),
    ("first=0", "fault first: must be >= 1"),
    ("seconds=x", "fault seconds: expected a number"),
    ("retry_after=soon", "fault retry_after: seconds or 'http-date'"),
    ("zzz=1,kind=500", "fault: unknown keys zzz"),
    (",a=1", "expected key=value pairs"),
])
def test_refused_fault_rules(rule, message):
    with pytest.raises(ConfigError, match=message):
        parse_fault(rule)
