# -*- coding: utf-8 -*-
"""The certificate stream over worker processes (workers.py) says exactly what the stream says in one process."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json
import os

import pytest

from ansible_collections.digicert.one.plugins.module_utils._dates import parse_instant
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError
from ansible_collections.digicert.one.plugins.module_utils._facts.gatherer import gather
from ansible_collections.digicert.one.plugins.module_utils._lifecycle import stream, workers

from compliance_fixture import APPROVED, LIFECYCLE, NOW
from dc1_fakes import make_client

pytestmark = pytest.mark.skipif(not workers.HAS_FORK, reason="no fork on this platform")
OPTIONS = stream.check_options({"approved_issuers": APPROVED, "exceptions": {"DC1-TLM-007": ["7B06"]}})
# Every planted case and its twins, twice over under other serial numbers: duplicates across pages and workers
# (each issued, unexpired one is a duplicate of its copy).
ITEMS = copy.deepcopy(LIFECYCLE) + [dict(copy.deepcopy(c), serial_number="E" + c["serial_number"],
                                         thumbprint="EE" + c["thumbprint"][2:]) for c in LIFECYCLE]


def pages(items, size=3):
    return [items[i:i + size] for i in range(0, len(items), size)]


def run(count, tmp_path, name):
    """``(kept, digest, JSON Lines)`` of ITEMS streamed in pages of 3, with ``count`` workers (0: in process)."""
    now, dest = parse_instant(NOW), str(tmp_path / ("%s.jsonl" % name))
    pool = None
    if count:
        pool = workers.Pool(count, lambda directory: stream.CertificateStream(
            now, 30, OPTIONS, os.path.join(directory, "part.jsonl"), directory))
    digest = stream.CertificateStream(now, 30, OPTIONS, dest, pool=pool)
    try:
        for page in pages(copy.deepcopy(ITEMS)):
            (pool.submit(page, None) if pool else digest.add(page))
        kept, posture = digest.finish()
    finally:
        digest.close()
        if pool:
            pool.close()
    with open(dest) as handle:
        lines = sorted(handle.read().splitlines())
    return sorted(kept, key=lambda c: c["serial_number"]), posture, lines


@pytest.mark.parametrize("count", [1, 2, 3])
def test_workers_count_list_and_write_what_one_process_does(tmp_path, count):
    alone = run(0, tmp_path, "alone")
    assert alone[1]["certificates"] == len(ITEMS) and alone[1]["checks"]["DC1-TLM-008"]["findings"] > 4
    assert run(count, tmp_path, "pooled") == alone


def test_the_lists_keep_their_cap_when_workers_merge(tmp_path, monkeypatch):
    monkeypatch.setattr(stream, "LISTED", 1)
    _kept, alone, _lines = run(0, tmp_path, "alone")
    kept, pooled, _lines = run(2, tmp_path, "pooled")
    for cid, tally in pooled["checks"].items():
        assert tally["listed"]["findings"] <= 1 and tally["listed"]["unknown"] <= 1, cid
        assert dict(tally, listed=None) == dict(alone["checks"][cid], listed=None), cid  # the counts stay exact
    assert dict(pooled, checks=None) == dict(alone, checks=None)
    assert {cid for c in kept for cid in c["posture"]} <= set(pooled["checks"])


def test_a_worker_that_fails_fails_the_stream_with_its_traceback_and_leaves_no_file(tmp_path):
    pool = workers.Pool(2, lambda directory: stream.CertificateStream(parse_instant(NOW), 30, OPTIONS, None, directory))
    directory = pool.directory
    try:
        pool.submit([{"serial_number": "01", "status": "issued"}], None)
        pool.submit(42, None)  # not a list: the worker raises
        with pytest.raises(workers.WorkerError) as err:
            pool.collect()
    finally:
        pool.close()
    assert "a certificate worker failed" in str(err.value) and "Traceback" in str(err.value)
    assert not os.path.exists(directory)


@pytest.mark.parametrize("cpus,busy,expected", [(1, 1, 0), (2, 1, 2), (2, 4, 0), (8, 1, 4), (8, 4, 4), (8, 6, 3),
                                                (16, 16, 1), (16, 17, 0)])
def test_one_worker_per_cpu_less_one_per_other_host_gathering(monkeypatch, cpus, busy, expected):
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(cpus)), raising=False)
    assert workers.default_count(busy) == expected


def test_without_fork_there_is_no_worker(monkeypatch):
    monkeypatch.setattr(workers, "HAS_FORK", False)
    assert workers.default_count(1) == 0


@pytest.mark.parametrize("value", [-1, 5, True, "2", 1.5])
def test_a_worker_count_out_of_range_is_refused_before_any_request(value):
    client = make_client(lambda *a: pytest.fail("no request"))
    with pytest.raises(DC1ConfigError) as err:
        gather(client, certificate_workers=value)
    assert "certificate_workers must be between 0 and 4" in str(err.value)


def test_the_gathering_with_workers_returns_the_facts_of_one_process(tmp_path):
    from gatherer_fixture import NOW as GATHER_NOW, handler  # the gatherer's fake tenant

    def facts(count):
        out = gather(make_client(handler(), max_concurrency=4), now=GATHER_NOW, certificate_workers=count,
                     certificates_dest=str(tmp_path / ("%d.jsonl" % count)))
        out.pop("collected_at")
        return json.loads(json.dumps(out, sort_keys=True, default=str))
    assert facts(2) == facts(0)
    assert sorted((tmp_path / "2.jsonl").read_text().splitlines()) == \
        sorted((tmp_path / "0.jsonl").read_text().splitlines())
