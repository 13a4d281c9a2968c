# -*- coding: utf-8 -*-
"""Every number table of docs/performance.md comes from a results file in benchmarks/, and the rules that judge
them (benchmarks/verdicts.py, minimum.py) say what the docs say. No simulator, no ansible run.

The document's tables sit in blocks naming their results files (benchmarks/report.py): made again from those
files by today's code, each must equal the document's text, so a number edited by hand, a results file changed
or removed, or a change of the tables' code without ``run.py --doc docs/performance.md`` fails here.
"""

import os
import sys

import pytest

import conftest

sys.path.insert(0, os.path.join(conftest.ROOT, "benchmarks"))

import minimum
import report
from verdicts import Measure, judge, judge_counts

DOC = os.path.join(conftest.ROOT, "docs", "performance.md")


def _doc():
    with open(DOC) as fh:
        return fh.read()


def test_every_table_block_names_results_files_that_exist():
    found = report.blocks(_doc())
    assert [k for k, _f, _b in found].count("benchmark-report") >= 1
    for _kind, files, _body in found:
        for name in files.split(","):
            assert name.startswith("benchmarks/results-") and os.path.isfile(os.path.join(conftest.ROOT, name)), name


def test_doc_tables_are_the_results_files_tables():
    text = _doc()
    again = report.regenerate(text, conftest.ROOT)
    if again != text:
        diff = [(a, b) for a, b in zip(text.splitlines(), again.splitlines()) if a != b][:3]
        pytest.fail("docs/performance.md differs from its results files; run benchmarks/run.py --doc "
                    "docs/performance.md (first differences, doc vs files: %s)" % diff)


def test_no_number_table_outside_a_block():
    assert report.unbacked_rows(_doc()) == []


def test_unbacked_rows_and_blocks_are_found():
    text = ("| a | 1 |\n<!-- benchmark-table stored in: benchmarks/x.json -->\n| b | 2 |\n<!-- /benchmark-table -->\n"
            "| name | what |\n| `dc1_facts` | benchmarks/results-2026-11-23.json |\n| 25 ms | x |\n")
    assert report.unbacked_rows(text) == ["| a | 1 |", "| 25 ms | x |"]
    assert report.blocks(text) == [("benchmark-table stored in", "benchmarks/x.json", "| b | 2 |")]


@pytest.mark.parametrize("values, limit, word", [
    ([1.10, 1.12, 1.15], 1.3, "met"),  # margin 0.18 > spread 0.05
    ([1.20, 1.25, 1.35], 1.3, "not shown"),  # margin 0.05 within spread 0.15
    ([1.25, 1.28, 1.29], 1.3, "not shown"),  # under the limit, but by less than the runs differ
    ([1.50, 1.52, 1.55], 1.3, "missed"),
    ([1.0, 1.0], 1.3, "not shown"),  # two runs cannot tell
])
def test_met_only_when_the_margin_beats_the_spread(values, limit, word):
    assert judge(Measure.of(values), limit)[0] == word


def test_ratio_of_two_cells_spans_their_runs():
    m = Measure.ratio(Measure.of([20.0, 21.0, 22.0]), Measure.of([10.0, 10.5, 11.0]))
    assert (m.median, round(m.lo, 4), m.hi, m.runs) == (2.0, round(20 / 11.0, 4), 2.2, 3)
    assert judge(m, 2.1)[0] == "not shown" and judge(m, 2.6)[0] == "met"


def test_request_counts_are_judged_on_every_run():
    ok = {"total": 10, "contract_met": True, "identical_other": 0, "beyond": {}}
    bad = {"total": 12, "contract_met": False, "identical_other": 1, "beyond": {"user": [2, 1]}}
    assert judge_counts([ok, ok, ok])[0] == "met"
    word, why = judge_counts([ok, bad, ok])
    assert word == "missed" and "user +2 (allowed 1)" in why and "1 asked twice" in why


def _tenant():
    """Two accounts; u1 (first in the user list) and u3 belong to both."""
    acc = [{"id": "a1"}, {"id": "a2"}]
    users = [{"id": "u1", "accounts": acc}, {"id": "u2", "accounts": acc[:1]}, {"id": "u3", "accounts": acc}]
    raw = {"accounts": acc, "users": users, "organizations": [], "audit_events": [], "mpki_certificates": [],
           "api_access_tokens": [], "client_auth_certificates": []}
    return minimum.Tenant(raw, "2026-01-01")


def test_account_hosts_minimum_reads_the_wave_once_and_other_shared_users_per_host():
    per = minimum.account_hosts_minimum(_tenant(), "envelope", wave=1)
    # memberships 2 + 1 + 2 = 5 per-user reads, less u1's second: the tenant-wide read's wave hands it over
    assert per["api-access-token"] == per["client-auth-certificate"] == 4
    assert per["user"] == 1 + 2 and per["role"] == 1
    absent = minimum.account_hosts_minimum(_tenant(), "seed-server", wave=1)
    assert absent["client-auth-certificate"] == 1  # one answer shows it, once per run


def test_contract_allows_one_per_path_and_one_refused_wave():
    assert minimum.allowance("envelope", 4) == dict.fromkeys(minimum.PATHS, 1)
    seed = minimum.allowance("seed-server", 4)
    assert seed["client-auth-certificate"] == 4 and seed["api-access-token"] == 1
