"""The control API's routing: each route answers its own method only; unknown ones are a 404 naming them."""
from conftest import Client


def test_planted_over_the_control_api(sim):
    body = Client(sim).get("/_sim/planted").json()
    assert body["detectable"] == sim.detectable_planted() and body["hidden"] == sim.hidden_planted()
    assert body["served"] == sim.served_fields()


def test_a_route_answers_only_its_method(sim):
    ctl = Client(sim)
    for method, path in (("POST", "/_sim/health"), ("GET", "/_sim/reset"), ("DELETE", "/_sim/config"),
                         ("GET", "/_sim/nope"), ("GET", "/_sim")):
        r = ctl.request(method, path)
        assert r.status_code == 404 and r.json() == {"error": f"no control endpoint {method} {path}"}


def test_a_bad_control_body_is_a_400(sim):
    ctl = Client(sim)
    for method, path, body in (("PUT", "/_sim/config", b"[1]"), ("PUT", "/_sim/config", b"{bad"),
                               ("POST", "/_sim/audit-log", b'{"count": "x"}')):
        r = ctl.request(method, path, data=body)
        assert r.status_code == 400 and r.json()["error"], (path, body)
