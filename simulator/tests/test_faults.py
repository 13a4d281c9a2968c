"""Every fault kind fires on the nth matching request only; Retry-After; rate limit."""
import email.utils
import json
import time

import pytest
import requests

from conftest import AM, VIEWER, Client

AUDIT = AM + "/audit-log"


def rule(kind, **kw):
    return {"path": AUDIT, "nth": [2], "kind": kind, **kw}


def three(client, **params):
    """Three requests; the middle one is the faulted one (returned as an exception or response)."""
    out = []
    for _i in range(3):
        try:
            out.append(client.get(AUDIT, **params))
        except requests.RequestException as e:
            out.append(e)
    assert out[0].status_code == 200 and out[2].status_code == 200
    return out


@pytest.mark.parametrize("kind", ["reset", "reset_mid_body", "truncate"])
def test_connection_faults(client, kind):
    client.sim.set_faults([rule(kind)])
    bad = three(client)[1]
    assert isinstance(bad, requests.RequestException)
    fired = client.sim.stats()["faults_fired"]
    assert [(f["kind"], f["n"]) for f in fired] == [(kind, 2)]


def test_status_fault_uses_error_shape(client):
    client.sim.configure(error_shape="error-status")
    client.sim.set_faults([rule("status", code=503)])
    bad = three(client)[1]
    assert bad.status_code == 503 and bad.json()["error"]["status"] == "service_unavailable"
    assert "Retry-After" not in bad.headers


def test_shorthand_from_text():
    from dc1sim.config import parse_fault
    r = parse_fault("path=/account/api/v1/user,nth=2,3,kind=429,retry_after=5")
    assert r == {"path": "/account/api/v1/user", "nth": [2, 3], "kind": "status", "code": 429,
                 "retry_after": "5"}


def test_retry_after_both_forms(client):
    client.sim.set_faults([rule("429", retry_after=7)])
    bad = three(client)[1]
    assert bad.status_code == 429 and bad.headers["Retry-After"] == "7"
    assert bad.json()["errors"][0]["code"] == "request_limit_exceeded"
    client.sim.set_faults([rule("503", retry_after="http-date", retry_after_seconds=30)])
    bad = three(client)[1]
    when = email.utils.parsedate_to_datetime(bad.headers["Retry-After"]).timestamp()
    assert 25 < when - time.time() < 35


def test_timeout_and_slow_body(client):
    client.sim.set_faults([rule("timeout", seconds=0.6)])
    assert client.get(AUDIT).status_code == 200
    with pytest.raises(requests.Timeout):
        client.s.get(client.sim.base_url + AUDIT, timeout=0.2, verify=client.sim.ca_path)
    client.sim.set_faults([rule("slow_body", chunks=3, delay=0.15)])
    client.get(AUDIT)
    t0 = time.monotonic()
    r = client.get(AUDIT)
    assert time.monotonic() - t0 >= 0.3 and r.json()["items"]


def test_body_label_faults(client):
    client.sim.set_faults([rule("truncated_json")])
    bad = three(client)[1]
    assert bad.status_code == 200
    with pytest.raises(ValueError):
        bad.json()
    client.sim.set_faults([rule("html", code=502)])
    bad = three(client)[1]
    assert bad.status_code == 502 and bad.headers["Content-Type"].startswith("text/html")
    client.sim.set_faults([rule("content_type")])
    bad = three(client)[1]
    assert bad.headers["Content-Type"].startswith("text/plain") and json.loads(bad.text)["items"]


def test_paging_faults(client):
    client.sim.set_faults([rule("total_drift", delta=5)])
    r = three(client, limit=2)
    assert r[1].json()["total"] == r[0].json()["total"] + 5 == r[2].json()["total"]  # sticky
    client.sim.set_faults([rule("duplicate")])
    p1 = client.get(AUDIT, limit=3).json()["items"]
    p2 = client.get(AUDIT, limit=3, offset=3).json()["items"]
    assert p2[0] == p1[-1] and len(p2) == 3
    client.sim.set_faults([rule("oversize", extra=2)])
    r = three(client, limit=3)
    assert len(r[1].json()["items"]) == 5 and len(r[2].json()["items"]) == 3
    client.sim.set_faults([rule("empty")])
    r = three(client, limit=3)
    assert r[1].json()["items"] == [] and r[1].json()["total"] > 0


def test_rule_conditions(client):
    client.sim.set_faults([{"path": "^/account/api/v1/(user|account)$", "every": 2, "times": 2,
                            "kind": "status", "code": 500}])
    codes = [client.am("/user").status_code for _i in range(7)]
    assert codes == [200, 500, 200, 500, 200, 200, 200]
    client.sim.set_faults([{"path": AM, "first": 2, "method": "GET", "kind": "status", "code": 502}])
    assert [client.am("/account").status_code for _i in range(3)] == [502, 502, 200]


def test_rate_limit_per_key(client, sim):
    client.sim.configure(rate_limit="3/60")
    codes = [client.am("/account").status_code for _i in range(4)]
    assert codes == [200, 200, 200, 429]
    r = client.am("/account")
    assert int(r.headers["Retry-After"]) >= 1 and r.json()["errors"][0]["code"] == "request_limit_exceeded"
    assert Client(sim, VIEWER).am("/account").status_code == 200
    client.sim.reset()
    assert client.am("/account").status_code == 200
