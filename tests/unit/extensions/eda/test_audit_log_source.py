# -*- coding: utf-8 -*-
"""The digicert.one.audit_log event source: options, main() with a queue and a scripted client, errors."""

import asyncio
import datetime
import json
import logging
import os
import runpy
import subprocess
import sys

import conftest
import pytest
import requests
import yaml
from audit_log_fakes import T0, AuditLog, entry
from dc1_fakes import TOKEN, FakeSession

from ansible_collections.digicert.one.plugins.module_utils._http.client import DC1Client
from ansible_collections.digicert.one.plugins.module_utils._connection import connection_doc_options
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ApiError, DC1ConfigError, DC1TLSError
from ansible_collections.digicert.one.plugins.plugin_utils._eda import source as audit_source
from ansible_collections.digicert.one.plugins.plugin_utils._eda.source import AuditLogSource, argument_spec

SOURCE = os.path.join("extensions", "eda", "plugins", "event_source", "audit_log.py")
NOW = T0 + datetime.timedelta(hours=1)
START = "2026-06-15T10:00:00Z"
BASE = "https://dc1.example.test"


class Stop(Exception):
    """Ends the source's endless loop from its sleep."""


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in list(os.environ):
        if name.startswith("DC_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("DC_BASE", BASE)
    monkeypatch.setenv("DC_API_TOKEN", TOKEN)


class Harness:
    """A source over a scripted AuditLog; ``run(polls)`` lets it poll that often and collects the events."""

    def __init__(self, log, args=None):
        self.log = log
        self.args = dict({"start_at": START, "interval": 5}, **(args or {}))
        self.settings = []
        self.delays = []
        self.client_waits = []
        self.events = []

    def client(self, settings, warn=None, debug=None):
        self.settings.append(settings)
        now = [0.0]

        def sleep(seconds):
            self.client_waits.append(seconds)
            now[0] += seconds
        return DC1Client(settings, warn=warn, debug=debug, session=FakeSession(self.log), sleep=sleep,
                         clock=lambda: now[0])

    def source(self, polls):
        async def sleep(seconds):
            self.delays.append(seconds)
            if len(self.delays) >= polls:
                raise Stop()
        return AuditLogSource(self.args, now=lambda: NOW, sleep=sleep, client_factory=self.client)

    def run(self, polls=1):
        source = self.source(polls)

        events = self.events

        class Queue:
            async def put(self, event):
                events.append(event)
        with pytest.raises(Stop):
            asyncio.run(source.run(Queue()))
        return [e["dc1_audit"]["id"] for e in self.events]


def test_events_are_entries_oldest_first_with_meta():
    log = AuditLog([entry(-60, "before"), entry(0, "a"), entry(30, "b")])
    h = Harness(log)
    assert h.run(polls=2) == ["a", "b"]
    assert h.events[0] == {"dc1_audit": log.entries[1], "meta": {"dc1": {"base_url": BASE, "late": False}}}
    assert h.delays == [5, 5]


def test_connection_options_fall_back_to_the_environment_like_the_modules(monkeypatch):
    monkeypatch.setenv("DC_TIMEOUT", "7.5")
    monkeypatch.setenv("DC_VALIDATE_CERTS", "false")
    h = Harness(AuditLog(), {"retries": "2"})
    h.run()
    settings = h.settings[0]
    assert (settings["base_url"], settings["api_key"], settings["timeout"]) == (BASE, TOKEN, 7.5)
    assert (settings["validate_certs"], settings["retries"], settings["page_size"]) == (False, 2, 100)
    h = Harness(AuditLog(), {"base_url": "https://other.example.test", "api_token": "alias-token-1234"})
    h.run()
    assert (h.settings[0]["base_url"], h.settings[0]["api_key"]) == ("https://other.example.test", "alias-token-1234")


def test_filters_are_validated_and_sent():
    log = AuditLog()
    Harness(log, {"account_id": "88DD63D3-AF43-4517-8222-70511968AED8", "action": "create", "status": "success",
                  "resource_types": ["api_access_token", "user"], "user_name": "ann"}).run()
    assert log.requests[0] == {"account_id": "88dd63d3-af43-4517-8222-70511968aed8", "action": "create",
                               "status": "success", "resource_types": "api_access_token,user", "user_name": "ann",
                               "from": "2026-06-15", "offset": 0, "limit": 100}


@pytest.mark.parametrize("args, message", [
    ({"interval": -1}, "interval must be a number greater than 0"),
    ({"interval": 0}, "interval must be a number greater than 0"),
    ({"overlap": -5}, "overlap must be a number of seconds, not negative"),
    ({"max_ids": 0}, "max_ids must be a number greater than 0"),
    ({"start_at": "yesterday"}, "start_at must be 'now', an ISO 8601 date"),
    ({"account_id": "acme"}, "account_id must be a UUID"),
    ({"status": "bad"}, "status must be one of"),
    ({"timeout": "soon"}, "argument 'timeout' is of type str"),
    ({"intervall": 5}, "digicert.one.audit_log: unsupported parameter intervall; supported parameters: account_id,"),
    ({"feedback": True}, "does not take 'feedback'"),
    ({"base_url": "http://plain.example.test"}, "base_url must be an https:// URL"),
])
def test_bad_input_fails_before_any_request(args, message):
    log = AuditLog()
    with pytest.raises(DC1ConfigError) as err:
        Harness(log, args).source(1)
    assert message in str(err.value)
    assert log.requests == []


def test_no_host_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("DC_BASE")
    with pytest.raises(DC1ConfigError, match="No DigiCert ONE host given"):
        Harness(AuditLog()).source(1)


def test_401_at_start_fails_fast_with_the_clients_message(tmp_path):
    log = AuditLog([entry(1, "a")])
    log.failures = [401]
    h = Harness(log, {"state_file": str(tmp_path / "s.json")})
    with pytest.raises(DC1ApiError) as err:
        asyncio.run(h.source(5).run(asyncio.Queue()))
    assert "GET /account/api/v1/audit-log" in str(err.value) and "HTTP 401" in str(err.value)
    assert TOKEN not in str(err.value)
    assert h.delays == [] and h.events == []


def test_a_wrong_path_at_start_fails_but_a_down_server_is_waited_for():
    log = AuditLog()
    log.failures = [404]
    with pytest.raises(DC1ApiError, match="HTTP 404"):
        asyncio.run(Harness(log).source(5).run(asyncio.Queue()))
    log = AuditLog([entry(1, "a")])
    log.failures = [requests.exceptions.ConnectionError("refused")]
    h = Harness(log, {"retries": 0})
    assert h.run(polls=2) == ["a"]


def test_an_untrusted_server_certificate_at_start_fails():
    log = AuditLog()
    log.failures = [requests.exceptions.SSLError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")]
    with pytest.raises(DC1TLSError, match="set ca_path"):
        asyncio.run(Harness(log).source(5).run(asyncio.Queue()))


def test_transient_errors_back_off_with_a_warning_and_lose_nothing(caplog):
    caplog.set_level(logging.WARNING)
    log = AuditLog([entry(1, "a")])
    log.failures = [503, 502, (429, {"Retry-After": "1"}), requests.exceptions.ConnectionError("reset"), 500]
    h = Harness(log, {"retries": 0, "interval": 10, "max_backoff": 60})
    assert h.run(polls=7) == ["a"]
    assert h.delays == [10, 20, 40, 60, 60, 10, 10]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 5
    assert "poll 1 failed: GET /account/api/v1/audit-log?" in warnings[0] and "HTTP 503" in warnings[0]
    assert "nothing is lost" in warnings[0]
    assert TOKEN not in caplog.text


def test_the_backoff_stays_at_max_backoff_however_long_the_outage():
    source = Harness(AuditLog(), {"interval": 10, "max_backoff": 60}).source(1)
    error = DC1ApiError("GET /x failed: HTTP 503", status=503)
    assert source._failed(error, True, 5000) == 60


def test_retries_inside_a_poll_honour_retry_after_and_warn(caplog):
    caplog.set_level(logging.WARNING)
    log = AuditLog([entry(1, "a")])
    log.failures = [(429, {"Retry-After": "7"})]
    h = Harness(log, {"retries": 2})
    assert h.run() == ["a"]
    assert 7 <= h.client_waits[0] <= 8
    assert "the poll succeeded after 1 retried request(s) (HTTP 429 x1)" in caplog.text


def test_401_later_stops_the_source_after_three_polls_in_a_row(caplog):
    log = AuditLog([entry(1, "a")])
    h = Harness(log, {"interval": 1})
    script = {2: [401], 4: [403, 401, 401]}  # request 3 succeeds in between

    def between(n):
        if n in script:
            log.failures = list(script[n])
    log.between_pages = between
    with pytest.raises(DC1ApiError, match="HTTP 401"):
        asyncio.run(h.source(20).run(asyncio.Queue()))
    statuses = [r.getMessage() for r in caplog.records if "failed" in r.getMessage()]
    assert len(statuses) == 3  # 401 (then a good poll), 403, 401: the third in a row stops the source
    assert h.delays == [1, 1, 1, 1, 2]


def test_state_file_fixes_the_start_before_the_first_poll_and_wins_over_start_at(tmp_path):
    state = str(tmp_path / "state.json")
    log = AuditLog([entry(-10, "old"), entry(1, "a")])
    log.failures = [503, 503]
    h = Harness(log, {"state_file": state, "retries": 0})
    h.run(polls=1)  # the first poll failed: no event, but the start is on disk
    assert json.loads(open(state).read())["not_before"] == START
    h = Harness(log, {"state_file": state, "start_at": "now"})  # "now" would skip "a": the state wins
    assert h.run() == ["a"]
    assert os.stat(state).st_mode & 0o777 == 0o600


def test_the_token_never_reaches_events_logs_or_the_state_file(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    state = tmp_path / "state.json"
    log = AuditLog([entry(1, "a", description="token %s was pasted here" % TOKEN)])
    log.failures = [503]
    h = Harness(log, {"state_file": str(state), "retries": 1})
    h.run()
    assert h.events[0]["dc1_audit"]["description"] == "token ******** was pasted here"
    assert TOKEN not in caplog.text and TOKEN not in state.read_text()


def test_an_entry_appearing_late_is_marked_late():
    log = AuditLog([entry(0, "a"), entry(100, "b")])
    h = Harness(log)

    def between(n):
        if n == 2:
            log.add(entry(40, "late"))
    log.between_pages = between
    assert h.run(polls=2) == ["a", "b", "late"]
    assert [e["meta"]["dc1"]["late"] for e in h.events] == [False, False, True]


def test_cancelled_while_putting_keeps_what_was_put_and_resumes_exactly_after_it(tmp_path):
    state = str(tmp_path / "state.json")
    log = AuditLog([entry(1, "a"), entry(2, "b"), entry(3, "c")])
    h = Harness(log, {"state_file": state})

    async def scenario():
        got, blocked = [], asyncio.Event()

        class SlowQueue:
            async def put(self, event):
                if got:
                    blocked.set()
                    await asyncio.Event().wait()  # the engine never takes the second event
                got.append(event["dc1_audit"]["id"])
        task = asyncio.ensure_future(h.source(5).run(SlowQueue()))
        await blocked.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return got
    assert asyncio.run(scenario()) == ["a"]
    assert list(json.loads(open(state).read())["seen"]) == ["a"]
    assert Harness(log, {"state_file": state}).run() == ["b", "c"]


def run_source():
    """The source file run as ansible-rulebook runs it, with runpy.run_path. Under ansible-test units the collection
    loader's path hook claims the file's path and run_path would look for a __main__ module inside it, so the path
    hooks are set aside while it runs (ansible-rulebook's process has none of them)."""
    path = os.path.join(conftest.ROOT, SOURCE)
    hooks = sys.path_hooks[:]
    sys.path_hooks[:] = []
    sys.path_importer_cache.pop(path, None)
    try:
        return runpy.run_path(path)
    finally:
        sys.path_hooks[:] = hooks
        sys.path_importer_cache.pop(path, None)


def test_main_is_the_ansible_rulebook_entry_point(monkeypatch):
    """Loaded with runpy as ansible-rulebook does; main() polls until cancelled."""
    module = run_source()
    assert asyncio.iscoroutinefunction(module["main"])
    log = AuditLog([entry(1, "a"), entry(2, "b")])
    h = Harness(log)
    monkeypatch.setattr(audit_source, "DC1Client", h.client)

    async def scenario():
        queue = asyncio.Queue()
        task = asyncio.ensure_future(module["main"](queue, {"start_at": START, "interval": 0.01}))
        events = [await asyncio.wait_for(queue.get(), 30), await asyncio.wait_for(queue.get(), 30)]
        task.cancel()
        return events
    events = asyncio.run(scenario())
    assert [e["dc1_audit"]["id"] for e in events] == ["a", "b"]


def test_the_source_imports_the_collection_from_where_it_was_found():
    """A fresh interpreter with no collection path: the file itself finds ansible_collections/."""
    path = os.path.join(conftest.COLLECTIONS_ROOT, "ansible_collections", "digicert", "one", SOURCE)
    env = dict((k, v) for k, v in os.environ.items() if k not in ("PYTHONPATH", "ANSIBLE_COLLECTIONS_PATH"))
    # ansible-test puts ansible itself on PYTHONPATH: keep what holds no collections.
    kept = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep)
            if p and not os.path.isdir(os.path.join(p, "ansible_collections"))]
    if kept:
        env["PYTHONPATH"] = os.pathsep.join(kept)
    code = "import runpy, sys; m = runpy.run_path(sys.argv[1]); print(m['main'].__name__)"
    proc = subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, env=env,
                          cwd=os.path.dirname(conftest.COLLECTIONS_ROOT), check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "main"
    module = run_source()
    assert module["_collections_root"]("/x/ansible_collections/digicert/one/" + SOURCE) == "/x"
    assert module["_collections_root"]("/x/one/" + SOURCE) is None


def test_documentation_matches_the_options():
    module = run_source()
    documented = yaml.safe_load(module["DOCUMENTATION"])["options"]
    spec = argument_spec()
    assert set(documented) == set(spec)
    for name, opt in spec.items():
        doc = documented[name]
        for key in ("type", "default", "choices", "elements", "aliases"):
            assert doc.get(key) == opt.get(key), (name, key)
    for name, opt in connection_doc_options(plugin=False).items():
        assert documented[name] == opt, name
    assert yaml.safe_load(module["EXAMPLES"])


def test_a_state_file_of_another_host_or_filters_is_resumed_with_a_warning(tmp_path, caplog):
    state = str(tmp_path / "state.json")
    log = AuditLog([entry(1, "a")])
    Harness(log, {"state_file": state}).run()
    log.add(entry(2, "b"))
    h = Harness(log, {"state_file": state, "action": "login"})
    assert h.run() == ["b"]
    assert "was written for {'base_url': '%s', 'filters': {}}" % BASE in caplog.text
