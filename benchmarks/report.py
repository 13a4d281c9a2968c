# -*- coding: utf-8 -*-
"""Results files merged into one report, and docs/performance.md's tables generated from them.

Every table of numbers in docs/performance.md sits in a block that names the results files it comes from:

    <!-- benchmark-report: benchmarks/results-a.json,benchmarks/results-b.json -->
    (the tables tables.py makes from those files, merged)
    <!-- /benchmark-report -->

    <!-- benchmark-table stored in: benchmarks/results-2026-11-23.json -->
    (the ``table`` an older benchmark wrote into that file, verbatim but for its headings, one level down: its
    code was another)
    <!-- /benchmark-table -->

``run.py --doc docs/performance.md`` rewrites every block from its files (``--report FILES --doc ...`` first points
the first report block at FILES); tests/e2e/test_benchmark_doc.py regenerates them and fails on any difference and
on any table row with a digit outside a block.
"""

import json
import os
import re

from simproc import SHAPES, SIZES
from tables import all_tables

FORMAT = 2  # results written by this benchmark; older files hold their own stored table only
# A block's body is every line between its markers (none when empty); a block closes with the marker of its kind.
BLOCK = re.compile(r"<!-- (?P<kind>benchmark-(?:report|table))(?P<stored> stored in)?: (?P<files>[^ ]+) -->\n"
                   r"(?P<body>.*?)<!-- /(?P=kind) -->", re.S)


def load(path):
    with open(path) as fh:
        return json.load(fh)


def merge(paths):
    """Results of several files, one per size and shape (the later file wins), and where each came from."""
    by, sources = {}, []
    for path in paths:
        report = load(path)
        if report.get("format") != FORMAT:
            raise SystemExit("%s: written by an older benchmark (no format %d): only its stored table can be shown"
                             % (path, FORMAT))
        offset = len(sources)  # a result's "source" indexes its own file's sources
        sources.extend(report["sources"])
        for res in report["results"]:
            res["source"] = offset + res.get("source", 0)
            by[(res["size"], res["shape"])] = res
    order = dict((s, i) for i, s in enumerate(SIZES))
    return sorted(by.values(), key=lambda r: (order[r["size"]], list(SHAPES).index(r["shape"]))), sources


def sources_table(sources):
    """Which command, machine and load produced the results (a result's ``source`` indexes these)."""
    lines = ["| source | command | machine | elapsed s | load 1-min at start / end |", "|---:|---|---|---:|---|"]
    for i, s in enumerate(sources):
        m = s["machine"]
        lines.append("| %d | `%s` | %s cores, %s, Python %s, ansible-core %s | %.0f | %.1f / %.1f |" % (
            i, s["command"], m["nproc"], m["cpu"], m["python"], m["ansible_core"], s["elapsed_s"],
            m["loadavg_at_start"][0], s["loadavg_at_end"][0]))
    return "\n".join(lines)


def report_text(paths):
    results, sources = merge(paths)
    return all_tables(results) + "\n\n#### Sources\n\n" + sources_table(sources)


def _render(kind, files, root):
    paths = [os.path.join(root, f) for f in files.split(",")]
    if kind == "benchmark-report":
        return report_text(paths)
    # The stored table verbatim, its headings one level down: they sit under the document's own.
    return re.sub(r"(?m)^(#+) ", r"#\1 ", load(paths[0])["table"])


def _opening(m):
    return "%s%s" % (m.group("kind"), m.group("stored") or "")


def blocks(text):
    """``(opening, files, body)`` of every block in a document (``opening``: what precedes the files)."""
    return [(_opening(m), m.group("files"), m.group("body").rstrip("\n")) for m in BLOCK.finditer(text)]


def regenerate(text, root, current=None):
    """The document with every block made again from its files; ``current`` (files) replaces the first report
    block's files first."""
    if current:
        text = re.sub(r"<!-- benchmark-report: [^ ]+ -->", lambda m: "<!-- benchmark-report: %s -->" % current,
                      text, count=1)

    def again(m):
        body = _render(m.group("kind"), m.group("files"), root).rstrip("\n")
        return "<!-- %s: %s -->\n%s\n<!-- /%s -->" % (_opening(m), m.group("files"), body, m.group("kind"))
    return BLOCK.sub(again, text)


def unbacked_rows(text):
    """Table rows holding a number outside every block: numbers no results file backs. A digit inside a name
    (``dc1_facts``, ``results-2026-11-23.json``) is not a number."""
    outside = BLOCK.sub("", text)
    return [line for line in outside.splitlines() if line.startswith("|") and re.search(r"(?<![\w-])[0-9]", line)]
