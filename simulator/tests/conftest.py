import sys
import time

import pytest
import requests

from dc1sim import Simulator
from dc1sim import config as cfgmod

NOW = "2026-06-15"
AM = "/account/api/v1"
VIEWER, NOAUDIT, EXPIRED = "viewer-key-0001", "no-audit-key-0002", "expired-key-0003"

_SELF = sys.modules[__name__]


def pytest_collectstart():
    """The tests here import this file as ``conftest``; in one pytest run with tests/ another conftest.py may
    hold that module name by now, so point it back here before each of these test modules is imported."""
    sys.modules["conftest"] = _SELF


class Client:
    def __init__(self, sim, key=None):
        self.sim = sim
        self.s = requests.Session()
        # pass verify= per request: REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE override Session.verify
        self.kw = {"verify": sim.ca_path, "timeout": 10}
        if key is not None:
            self.s.headers["x-api-key"] = key

    def get(self, path, **params):
        return self.s.get(self.sim.base_url + path, params=params, **self.kw)

    def request(self, method, path, **kw):
        return self.s.request(method, self.sim.base_url + path, **self.kw, **kw)

    def am(self, path, **params):
        return self.get(AM + path, **params)


@pytest.fixture(scope="session")
def sim():
    # the rich profile, pinned: these tests read fields the documented one leaves out (test_profiles.py covers it)
    with Simulator(seed=7, now=NOW, profile="rich", extra_keys={VIEWER: "viewer", NOAUDIT: "no-audit",
                                                                EXPIRED: "expired"}) as s:
        yield s


@pytest.fixture
def client(sim):
    yield Client(sim, sim.api_key)
    sim.configure(**cfgmod.defaults("rich"))
    deadline = time.monotonic() + 5  # let e.g. a timeout fault's sleeping thread finish first
    while sim.stats()["in_flight"] and time.monotonic() < deadline:
        time.sleep(0.02)
    sim.reset()


@pytest.fixture
def anon(sim):
    return Client(sim)
