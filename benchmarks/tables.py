# -*- coding: utf-8 -*-
"""The benchmark's tables (markdown) and the issue's targets, judged from the results."""

MODES = ("localhost", "account_hosts")
FLOOR_MAX = 1.3
PSS_MAX_MB = 400
GROWTH_MAX = 2.1


def _load(run):
    return "%.1f/%.1f" % (run["load_before"][0], run["load_after"][0])


def mode_table(results, mode, shape):
    """One row per size: time against the floor, memory, requests against the minimum, load."""
    rows = [("| size | wall s (runs) | CPU s | floor s | x floor | peak PSS MB | peak RSS MB | requests / minimum "
             "| over minimum by path (allowed) | identical | load 1-min before/after |"),
            "|---|---|---:|---:|---:|---:|---:|---:|---|---:|---|"]
    for res in results:
        m = res["modes"].get(mode)
        if res["shape"] != shape or not m:
            continue
        req = m["requests"]
        over = ", ".join("%s +%d (%d)" % (p, r["over"], r["allowed_over"]) for p, r in sorted(req["by_path"].items())
                         if r["over"] > 0) or "none"
        ident = req["identical"]
        rows.append("| %s | %s (%s) | %s | %.2f | %.2f | %s | %s | %d / %d | %s | %d%s | %s |" % (
            res["size"], m["wall_s"], ", ".join("%s" % r["wall_s"] for r in m["runs"]), m["cpu_s"], m["floor_s"], m["over_floor"],
            m["peak_pss_mb"], m["peak_rss_mb"], req["total"], req["minimum"], over, ident["total"],
            " (shared users %d)" % ident["shared_users"] if ident["shared_users"] else "",
            "; ".join(_load(r) for r in m["runs"])))
    return "\n".join(rows)


def _by(results, shape, size):
    return next((r for r in results if r["shape"] == shape and r["size"] == size), None)


def judge(results):
    """Per mode and shape, each target: value, MET/MISSED, or '-' when the size it needs was not run."""
    out = []
    for shape in dict.fromkeys(r["shape"] for r in results):
        for mode in MODES:
            full, double = _by(results, shape, "full"), _by(results, shape, "double")
            ran = [r for r in results if r["shape"] == shape and mode in r["modes"]]
            if not ran:
                continue
            row = {"mode": mode, "shape": shape}
            if full and mode in full["modes"]:
                m = full["modes"][mode]
                row["floor"] = (m["over_floor"], m["over_floor"] <= FLOOR_MAX)
                row["memory"] = (m["peak_pss_mb"], m["peak_pss_mb"] < PSS_MAX_MB)
                if double and mode in double["modes"]:
                    growth = round(double["modes"][mode]["wall_s"] / m["wall_s"], 2)
                    row["growth"] = (growth, growth <= GROWTH_MAX)
            row["requests"] = _requests_verdict(ran, mode)
            ident = max((r["modes"][mode]["requests"]["identical"] for r in ran), key=lambda i: i["total"])
            row["identical"] = ("%d%s" % (ident["total"], " (tokens and certificates of users of several accounts)"
                                          if ident["total"] and not ident["other"] else ""), ident["total"] == 0)
            sliced = [r["slices"] for r in ran if r.get("slices") and mode == "account_hosts"]
            if sliced:
                row["slices"] = ("equal" if all(s["equal"] for s in sliced) else "differ", all(s["equal"] for s in sliced))
            out.append(row)
    return out


def _requests_verdict(ran, mode):
    """The paths over their allowance, each at its largest excess; else the largest excess within it."""
    beyond, within = {}, 0
    for res in ran:
        for path, row in res["modes"][mode]["requests"]["by_path"].items():
            within = max(within, row["over"])
            if row["over"] > row["allowed_over"] and row["over"] > beyond.get(path, (0,))[0]:
                beyond[path] = (row["over"], row["allowed_over"], res["size"])
    if not beyond:
        return ("at most +%d on a path, within the allowance" % within, True)
    return ("; ".join("%s +%d (allowed %d, %s)" % ((p,) + beyond[p]) for p in sorted(beyond)), False)


def targets_table(rows):
    head = ("| mode | shape | <= 1.3 x floor (full) | peak PSS < 400 MB (full) | double <= 2.1 x time "
            "| requests <= minimum + 1 per path and process | 0 identical requests | two slices = one run |")
    lines = [head, "|---|---|---|---|---|---|---|---|"]
    for row in rows:
        cells = []
        for key in ("floor", "memory", "growth", "requests", "identical", "slices"):
            if key not in row:
                cells.append("-")
            else:
                value, ok = row[key]
                cells.append("%s: %s" % (value, "MET" if ok else "**MISSED**"))
        lines.append("| %s | %s | %s |" % (row["mode"], row["shape"], " | ".join(cells)))
    return "\n".join(lines)


def all_tables(results):
    parts = []
    for shape in dict.fromkeys(r["shape"] for r in results):
        for mode in MODES:
            if any(r["shape"] == shape and mode in r["modes"] for r in results):
                parts.append("### %s, %s\n\n%s" % (mode, shape, mode_table(results, mode, shape)))
    slices = [r for r in results if r.get("slices")]
    if slices:
        lines = ["| size | shape | hosts per slice | requests (both) | equal | load before |", "|---|---|---|---:|---|---|"]
        for r in slices:
            s = r["slices"]
            equal = "yes" if s["equal"] else "NO: %s" % s["differences"]
            lines.append("| %s | %s | %s | %d | %s | %.1f |"
                         % (r["size"], r["shape"], s["hosts"], s["requests"], equal, s["load_before"][0]))
        parts.append("### Two slices\n\n" + "\n".join(lines))
    parts.append("### Targets\n\n" + targets_table(judge(results)))
    return "\n\n".join(parts)
