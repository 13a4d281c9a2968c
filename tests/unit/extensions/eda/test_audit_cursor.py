# -*- coding: utf-8 -*-
"""The audit-log cursor: nothing emitted twice, nothing lost across restarts, late entries, page shifts."""

import datetime
import json
import os
import stat

import pytest
from audit_log_fakes import PATH, T0, AuditLog, at, entry
from dc1_fakes import make_client

from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError
from ansible_collections.digicert.one.plugins.plugin_utils._eda.cursor import (
    Cursor,
    PageSize,
    load_state,
    read_new,
    save_state,
    start_instant,
)

NOW = T0 + datetime.timedelta(hours=1)


def seconds(n):
    return T0 + datetime.timedelta(seconds=n)


def poll(log, cursor, sizes=None, page_size=100):
    """One read plus what the source does after putting the events on the queue."""
    client = make_client(log, page_size=page_size)
    found = read_new(client, PATH, {}, cursor, sizes or PageSize())
    for _entry, key, moment in found:
        cursor.mark(key, moment)
    cursor.prune()
    return [e["id"] for e, _k, _m in found]


def restart(cursor, tmp_path):
    """Save and load the cursor as a restart of the source would."""
    path = str(tmp_path / "state.json")
    save_state(path, cursor, {"base_url": "https://dc1.example.test"})
    loaded, identity = load_state(path, cursor.overlap.total_seconds(), cursor.max_ids)
    assert identity == {"base_url": "https://dc1.example.test"}
    return loaded


# -- start_at -----------------------------------------------------------------------------------
@pytest.mark.parametrize("value, expected", [
    ("now", NOW), ("NOW", NOW), ("30m", NOW - datetime.timedelta(minutes=30)),
    ("12h", NOW - datetime.timedelta(hours=12)), ("7d", NOW - datetime.timedelta(days=7)),
    ("45s", NOW - datetime.timedelta(seconds=45)), ("2026-06-01", datetime.datetime(2026, 6, 1, tzinfo=datetime.timezone.utc)),
    ("2026-06-15T09:30:00Z", seconds(-1800)), ("2026-06-15T11:30:00+02:00", seconds(-1800)),
])
def test_start_at_forms(value, expected):
    assert start_instant(value, NOW) == expected


@pytest.mark.parametrize("value", ["yesterday", "-5m", "5 weeks", "2026-13-01", "", "10x"])
def test_start_at_rejects_what_it_cannot_read(value):
    with pytest.raises(DC1ConfigError, match="start_at must be 'now', an ISO 8601 date"):
        start_instant(value, NOW)


# -- polls --------------------------------------------------------------------------------------
def test_first_poll_emits_from_start_oldest_first_and_nothing_older():
    log = AuditLog([entry(-7200, "old"), entry(-1, "before"), entry(0, "a"), entry(5, "b"), entry(9, "c")])
    cursor = Cursor(T0)
    assert poll(log, cursor) == ["a", "b", "c"]
    assert cursor.last == seconds(9)
    assert log.requests[0]["from"] == "2026-06-15"
    assert poll(log, cursor) == []


def test_restart_loses_nothing_and_repeats_nothing(tmp_path):
    log = AuditLog([entry(0, "a"), entry(10, "b")])
    cursor = Cursor(T0)
    assert poll(log, cursor) == ["a", "b"]
    cursor = restart(cursor, tmp_path)
    log.add(entry(20, "while-down-1"), entry(20, "while-down-2"), entry(30, "while-down-3"))
    cursor = restart(cursor, tmp_path)  # restarted twice while down: still the same cursor
    assert sorted(poll(log, cursor)) == ["while-down-1", "while-down-2", "while-down-3"]
    cursor = restart(cursor, tmp_path)
    assert poll(log, cursor) == []
    log.add(entry(31, "after"))
    assert poll(log, restart(cursor, tmp_path)) == ["after"]


def test_equal_timestamps_across_polls_are_each_emitted_once():
    log = AuditLog([entry(10, "x1"), entry(10, "x2")])
    cursor = Cursor(T0)
    assert sorted(poll(log, cursor)) == ["x1", "x2"]
    log.add(entry(10, "x3"))  # same second as the newest seen, arrives later
    assert poll(log, cursor) == ["x3"]
    assert poll(log, cursor) == []


def test_equal_timestamps_come_out_in_reverse_server_order():
    log = AuditLog([entry(10, "listed-first"), entry(10, "listed-second")])  # newest first: listed-first is newer
    assert [e["id"] for e in log.entries] == ["listed-first", "listed-second"]
    assert poll(log, Cursor(T0)) == ["listed-second", "listed-first"]


def test_an_entry_appearing_late_inside_the_overlap_is_emitted_once():
    log = AuditLog([entry(0, "a"), entry(600, "b")])
    cursor = Cursor(T0, overlap=300)
    assert poll(log, cursor) == ["a", "b"]
    log.add(entry(600 - 120, "late"))  # stamped two minutes before the newest seen, listed only now
    assert poll(log, cursor) == ["late"]
    assert poll(log, cursor) == []


def test_an_entry_later_than_the_overlap_is_not_emitted():
    log = AuditLog([entry(0, "a"), entry(600, "b")])
    cursor = Cursor(T0, overlap=300)
    poll(log, cursor)
    log.add(entry(600 - 301, "too-late"))
    assert poll(log, cursor) == []


def test_pages_that_shift_while_paging_repeat_nothing_and_lose_nothing():
    log = AuditLog([entry(i, "e%02d" % i) for i in range(25)], cap=10)
    cursor = Cursor(T0)

    def arrivals(n):
        if n in (2, 3):  # two entries arrive at the head before the 2nd and the 3rd page
            log.add(entry(100 + n, "new%d" % n))
    log.between_pages = arrivals
    first = poll(log, cursor, page_size=10)
    assert first == ["e%02d" % i for i in range(25)]
    log.between_pages = None
    assert poll(log, cursor, page_size=10) == ["new2", "new3"]
    assert poll(log, cursor, page_size=10) == []


def test_a_shift_of_a_whole_page_does_not_end_the_read():
    """More entries arrive between two page requests than a page holds: page 2 repeats page 1 entirely."""
    log = AuditLog([entry(i, "e%02d" % i) for i in range(25)], cap=10)
    cursor = Cursor(T0, overlap=300)

    def burst(n):
        if n == 2:
            log.add(*[entry(1000 + i, "burst%d" % i) for i in range(10)])
    log.between_pages = burst
    assert poll(log, cursor, page_size=10) == ["e%02d" % i for i in range(25)]
    log.between_pages = None
    assert poll(log, cursor, page_size=10) == ["burst%d" % i for i in range(10)]


def test_paging_stops_at_the_first_entry_older_than_the_window():
    old = [entry(-3600 + i, "old%03d" % i) for i in range(300)]  # same day, before the start
    log = AuditLog(old + [entry(1, "a"), entry(2, "b")])
    cursor = Cursor(T0)
    assert poll(log, cursor, page_size=50) == ["a", "b"]
    assert len(log.requests) == 1


def test_a_server_serving_oldest_first_is_read_to_the_end():
    log = AuditLog([entry(-60 + i, "old%d" % i) for i in range(5)] + [entry(i, "n%d" % i) for i in range(1, 8)],
                   order="asc")
    assert poll(log, Cursor(T0), page_size=4) == ["n%d" % i for i in range(1, 8)]


@pytest.mark.parametrize("shape", ["envelope", "items", "bare", "bare-ignore"])
def test_every_list_shape(shape):
    log = AuditLog([entry(i, "e%d" % i) for i in range(7)], shape=shape)
    cursor = Cursor(T0)
    assert poll(log, cursor, page_size=3) == ["e%d" % i for i in range(7)]
    log.add(entry(50, "next"))
    assert poll(log, cursor, page_size=3) == ["next"]


def test_a_short_page_without_metadata_ends_the_read_once_the_page_size_is_known():
    log = AuditLog([entry(i, "e%d" % i) for i in range(3)], shape="items", cap=5)
    sizes, cursor = PageSize(), Cursor(T0)
    poll(log, cursor, sizes, page_size=100)  # 3 of 100 asked: a cap or the end? one more request tells
    assert len(log.requests) == 2
    log.requests.clear()
    log.add(entry(10, "x"), entry(11, "y"))  # 5 now: as long as the longest page seen, so ask again
    assert poll(log, cursor, sizes, page_size=100) == ["x", "y"]
    log.requests.clear()
    log.add(entry(12, "z"))  # a full page of 5, then a page of 1: shorter than 5, so the end
    assert poll(log, cursor, sizes, page_size=100) == ["z"]
    assert len(log.requests) == 2
    assert PageSize().is_last(3, 100, 50) and not PageSize().is_last(50, 100, 50)


def test_entries_without_a_timestamp_are_emitted_once():
    log = AuditLog([entry(1, "a")])
    untimed = entry(0, "untimed")
    del untimed["timestamp"]
    log.entries.insert(0, untimed)
    cursor = Cursor(T0)
    assert poll(log, cursor) == ["a", "untimed"]
    assert poll(log, cursor) == []


# -- the bound on kept ids ---------------------------------------------------------------------------
def test_kept_ids_are_bounded_and_the_window_shrinks_instead_of_repeating():
    log = AuditLog([entry(i // 3, "e%02d" % i) for i in range(30)])  # 3 entries per second
    cursor = Cursor(T0, overlap=3600, max_ids=10)
    assert len(poll(log, cursor)) == 30
    assert len(cursor.seen) <= 10
    assert cursor.not_before > seconds(0)
    assert poll(log, cursor) == []  # the 20 forgotten ids are older than not_before: not repeated
    log.add(entry(9, "same-second-as-newest"), entry(10, "newer"))
    assert poll(log, cursor) == ["same-second-as-newest", "newer"]


def test_ids_older_than_the_window_are_forgotten():
    cursor = Cursor(T0, overlap=60)
    cursor.mark("a", seconds(0))
    cursor.mark("b", seconds(100))
    cursor.prune()
    assert set(cursor.seen) == {"b"}


# -- the state file ----------------------------------------------------------------------------
def test_state_file_is_private_atomic_and_round_trips(tmp_path):
    cursor = Cursor(T0, overlap=120, max_ids=50)
    cursor.mark("a", seconds(30))
    path = str(tmp_path / "state.json")
    save_state(path, cursor, {"base_url": "https://h"})
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert os.listdir(str(tmp_path)) == ["state.json"]
    loaded, _identity = load_state(path, 120, 50)
    assert (loaded.not_before, loaded.last, loaded.seen) == (T0, seconds(30), {"a": seconds(30)})
    data = json.loads(open(path).read())
    assert data["last"] == at(30) and data["version"] == 1


def test_no_state_file_yet(tmp_path):
    assert load_state(str(tmp_path / "absent.json"), 300, 10) == (None, None)


@pytest.mark.parametrize("text, why", [
    ("{not json", "Expecting property name"),
    ("[]", "not a version 1 state object"),
    ('{"version": 2}', "not a version 1 state object"),
    ('{"version": 1, "not_before": "x", "last": "2026-06-15T10:00:00Z", "seen": {}}', "'not_before' is not"),
    ('{"version": 1, "not_before": "2026-06-15", "last": "2026-06-15T10:00:00Z", "seen": []}', "'seen' is not"),
    ('{"version": 1, "not_before": "2026-06-15", "last": "2026-06-15", "seen": {"a": 5}}', "no valid time for 'a'"),
])
def test_a_corrupt_state_file_stops_with_a_clear_error(tmp_path, text, why):
    path = tmp_path / "state.json"
    path.write_text(text)
    with pytest.raises(DC1ConfigError) as err:
        load_state(str(path), 300, 10)
    assert why in str(err.value)
    assert "delete it to start again from start_at" in str(err.value)


def test_state_file_in_a_missing_directory(tmp_path):
    with pytest.raises(DC1ConfigError, match="does not exist"):
        save_state(str(tmp_path / "no" / "state.json"), Cursor(T0), {})
