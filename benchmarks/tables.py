# -*- coding: utf-8 -*-
"""The benchmark's tables (markdown) and the targets of issue 24, judged from the results (verdicts.py).

Every number printed here is read or computed from a results file, so ``run.py --report`` prints the same tables
from the same files, and docs/performance.md holds them as generated blocks (report.py) that a test regenerates.
"""

from verdicts import Measure, judge, judge_counts

MODES = ("localhost", "account_hosts")
ALL_MODES = MODES + ("stub",)
FLOOR_MAX = 1.3
PSS_MAX_MB = 400
GROWTH_MAX = 2.1
TARGET_SIZES = ("full", "double")  # 10,000 users / 50 accounts and 20,000 / 100


def _load(run):
    return "%.1f/%.1f" % (run["load_before"][0], run["load_after"][0])


def measure(cell, key, scale=1.0):
    return Measure.of(r[key] / scale for r in cell["runs"])


def _over(req):
    rows = sorted((p, r) for p, r in req["by_path"].items() if r["over"] > 0)
    return ", ".join("%s +%d (%d)" % (p, r["over"], r["allowed_over"]) for p, r in rows) or "none"


def mode_row(res, m):
    req = m["requests"]
    ident = req["identical"]
    contract, why = judge_counts([r["requests"] for r in m["runs"]])
    return "| %s | %d | %s | %.2f | %s | %s | %.1f | %.1f | %s | %d / %d / %d | %s | %d%s | %s%s | %s |" % (
        res["size"], len(m["runs"]), measure(m, "wall_s").text("%.1f"), m["floor_s"],
        measure(m, "wall_s", m["floor_s"]).text(), measure(m, "cpu_s").text("%.1f"),
        measure(m, "main_cpu_s").median, measure(m, "sim_cpu_s").median,
        measure(m, "peak_pss_mb").text("%.0f"), req["total"], req["minimum"], req["allowed"], _over(req),
        ident["total"], " (shared users %d)" % ident["shared_users"] if ident["shared_users"] else "", contract,
        "" if contract == "met" else ": " + why, "; ".join(_load(r) for r in m["runs"]))


MODE_HEAD = ("| size | runs | wall s | floor s | x floor | ansible CPU s | of it, main process (median) "
             "| simulator CPU s (median) | peak PSS MB | requests / minimum / allowed (last run) "
             "| over minimum by path (allowed) | identical (last run) | contract, every run "
             "| load 1-min before/after |\n|---|---:|---|---:|---|---|---:|---:|---|---|---|---|---|---|")


def mode_table(results, mode, shape):
    rows = [MODE_HEAD] + [mode_row(res, res["modes"][mode]) for res in results
                          if res["shape"] == shape and mode in res["modes"]]
    return "\n".join(rows)


def stub_table(results):
    """ansible-core alone (the stub) against the account-host gathering of the same cell."""
    lines = [("| size | shape | runs | stub wall s | stub sleeps per host s | account hosts wall s | minus stub s "
              "| stub CPU s | account hosts CPU s |"), "|---|---|---:|---|---:|---|---:|---|---|"]
    for res in results:
        stub, real = res["modes"].get("stub"), res["modes"].get("account_hosts")
        if not stub:
            continue
        sw = measure(stub, "wall_s")
        rw = measure(real, "wall_s") if real else None
        lines.append("| %s | %s | %d | %s | %.3f | %s | %s | %s | %s |" % (
            res["size"], res["shape"], len(stub["runs"]), sw.text("%.1f"), stub["sleep_s"],
            rw.text("%.1f") if rw else "-", "%.1f" % (rw.median - sw.median) if rw else "-",
            measure(stub, "cpu_s").text("%.1f"), measure(real, "cpu_s").text("%.1f") if real else "-"))
    return "\n".join(lines) if len(lines) > 2 else ""


def slices_table(results):
    lines = ["| size | shape | hosts per slice | requests (both) | equal | load before |", "|---|---|---|---:|---|---|"]
    for r in results:
        s = r.get("slices")
        if s:
            equal = "yes" if s["equal"] else "NO: %s" % s["differences"]
            lines.append("| %s | %s | %s | %d | %s | %.1f |"
                         % (r["size"], r["shape"], s["hosts"], s["requests"], equal, s["load_before"][0]))
    return "\n".join(lines) if len(lines) > 2 else ""


def peers_table(results):
    """The peers at the collection's concurrency, against both modes of the same cell."""
    lines = ["| size | peer | in flight | runs | wall s | requests | x localhost | x account hosts | note |",
             "|---|---|---:|---:|---|---:|---|---|---|"]
    for res in results:
        p = res.get("peers")
        if not p:
            continue
        for name in ("uri_loop", "plain_script"):
            peer = p[name]
            wall = measure(peer, "wall_s")
            ratios = [Measure.ratio(wall, measure(res["modes"][m], "wall_s")).text("%.1f")
                      if m in res["modes"] else "-" for m in MODES]
            last = peer["runs"][-1]
            note = "run to its end"
            if last.get("extrapolated"):
                note = "extrapolated from %d requests in %.1f s (last run)" % (last["measured_requests"],
                                                                               last["measured_wall_s"])
            lines.append("| %s | %s | %d | %d | %s | %d | %s | %s | %s |" % (
                res["size"], name.replace("_", " "), peer["in_flight"], len(peer["runs"]), wall.text("%.1f"),
                last["requests"], ratios[0], ratios[1], note))
        ad = p["adhoc"]
        lines.append("| %s | ad hoc dc1_user_info id=me | 1 | %d | %.2f | %d | - | - | ping %.2f s; budget %.2f s: "
                     "%s |" % (res["size"], len(ad["user_info"]["walls"]), ad["user_info"]["wall_s"],
                               ad["user_info"]["requests"], ad["ping"]["wall_s"], ad["budget_s"],
                               "met" if ad["met"] else "missed"))
    return "\n".join(lines) if len(lines) > 2 else ""


def _by(results, shape, size):
    return next((r for r in results if r["shape"] == shape and r["size"] == size), None)


def _cell(results, shape, size, mode):
    res = _by(results, shape, size)
    return res["modes"].get(mode) if res else None


def _label(results, size):
    res = next((r for r in results if r["size"] == size), None)
    if not res:
        return size
    t = res["tenant"]
    return "%s: %s users / %s accounts" % (size, "{:,}".format(t["users"]), t["accounts"])


def target_rows(results):
    """``(target, shape, value, runs, verdict, reason)`` for each target of issue 24 and each shape run."""
    rows = []
    for shape in dict.fromkeys(r["shape"] for r in results if r["size"] in TARGET_SIZES):
        for mode in MODES:
            name = "account hosts" if mode == "account_hosts" else "localhost"
            full = _cell(results, shape, "full", mode)
            what = "%s, %s" % (name, _label(results, "full"))
            rows.append(_row("%s: <= %.1f x floor" % (what, FLOOR_MAX), shape, full,
                             lambda c: measure(c, "wall_s", c["floor_s"]), FLOOR_MAX))
            rows.append(_contract_row("%s: requests within the contract" % what, shape, full))
            rows.append(_row("%s: peak PSS < %d MB" % (what, PSS_MAX_MB), shape, full,
                             lambda c: measure(c, "peak_pss_mb"), PSS_MAX_MB, "%.0f"))
            if mode == "account_hosts":
                double = _cell(results, shape, "double", mode)
                what = "%s, %s" % (name, _label(results, "double"))
                pair = (double, full) if double and full else None
                rows.append(_row("%s: <= %.1f x the time of full" % (what, GROWTH_MAX), shape, pair,
                                 lambda p: Measure.ratio(measure(p[0], "wall_s"), measure(p[1], "wall_s")),
                                 GROWTH_MAX))
                rows.append(_row("%s: peak PSS < %d MB" % (what, PSS_MAX_MB), shape, double,
                                 lambda c: measure(c, "peak_pss_mb"), PSS_MAX_MB, "%.0f"))
    return rows


def _row(target, shape, cell, value, limit, fmt="%.2f"):
    if not cell:
        return (target, shape, "-", 0, "not run", "")
    m = value(cell)
    word, why = judge(m, limit)
    return (target, shape, m.text(fmt), m.runs, word, why)


def _contract_row(target, shape, cell):
    if not cell:
        return (target, shape, "-", 0, "not run", "")
    runs = [r["requests"] for r in cell["runs"]]
    word, why = judge_counts(runs)
    totals = sorted(set(r["total"] for r in runs))
    value = "%s / %d allowed" % ("..".join("%d" % t for t in totals[::max(1, len(totals) - 1)]),
                                 cell["requests"]["allowed"])
    return (target, shape, value, len(runs), word, why)


def targets_table(results):
    rows = target_rows(results)
    if not rows:
        return "No full or double size in these results: no target of issue 24 is judged."
    lines = ["| target | shape | value: median (min..max) | runs | verdict |", "|---|---|---|---:|---|"]
    for target, shape, value, runs, word, why in rows:
        verdict = "**%s**" % word if word in ("met", "missed") else word
        lines.append("| %s | %s | %s | %d | %s%s |" % (target, shape, value, runs, verdict,
                                                       " (%s)" % why if why else ""))
    return "\n".join(lines)


def all_tables(results):
    parts = []
    for shape in dict.fromkeys(r["shape"] for r in results):
        for mode in MODES:
            if any(r["shape"] == shape and mode in r["modes"] for r in results):
                parts.append("#### %s, %s\n\n%s" % (mode.replace("_", " "), shape, mode_table(results, mode, shape)))
    for title, table in (("ansible-core alone: the stub", stub_table(results)),
                         ("Peers at the same concurrency (envelope)", peers_table(results)),
                         ("Two slices", slices_table(results))):
        if table:
            parts.append("#### %s\n\n%s" % (title, table))
    parts.append("#### Targets of issue 24\n\n" + targets_table(results))
    return "\n\n".join(parts)
