# -*- coding: utf-8 -*-
"""When a measured target counts as met: the margin must beat the spread.

A cell (mode x shape x size) runs at least ``MIN_RUNS`` times. A target "value <= limit" is judged on the
per-run values: their median ``m`` and their spread ``s = max - min``.

* **met**: ``limit - m > s`` -- the median is under the limit by more than the runs differ among themselves;
* **missed**: ``m - limit > s`` -- over it by more than that;
* **not shown**: anything else, and any cell with fewer than ``MIN_RUNS`` runs: the runs cannot tell.

A ratio of two cells (double's time over full's) has no per-run pairs: its median is the ratio of the medians and
its spread the width of ``[min_a / max_b, max_a / min_b]``, the widest the two cells' runs allow. Request counts
do not vary with the load and are judged on every run: met when every run keeps the contract (minimum.py).
"""

import statistics

MIN_RUNS = 3


class Measure:
    """A target's value: the median, the range it may take, how many runs stand behind it."""

    def __init__(self, median, lo, hi, runs):
        self.median, self.lo, self.hi, self.runs = median, lo, hi, runs

    @classmethod
    def of(cls, values):
        values = list(values)
        return cls(statistics.median(values), min(values), max(values), len(values))

    @classmethod
    def ratio(cls, a, b):
        """``a / b`` for two measures of separate runs."""
        return cls(a.median / b.median, a.lo / b.hi, a.hi / b.lo, min(a.runs, b.runs))

    @property
    def spread(self):
        return self.hi - self.lo

    def text(self, fmt="%.2f"):
        if self.runs < 2:
            return fmt % self.median
        return ("%s (%s..%s)" % (fmt, fmt, fmt)) % (self.median, self.lo, self.hi)


def judge(measure, limit):
    """``(word, reason)`` for "value <= limit": met, missed or not shown."""
    if measure.runs < MIN_RUNS:
        return "not shown", "%d run%s, %d needed" % (measure.runs, "" if measure.runs == 1 else "s", MIN_RUNS)
    margin = limit - measure.median
    if margin > measure.spread:
        return "met", "margin %.3g > spread %.3g" % (margin, measure.spread)
    if -margin > measure.spread:
        return "missed", "over by %.3g > spread %.3g" % (-margin, measure.spread)
    if margin < 0:
        return "not shown", "over by %.3g, within spread %.3g" % (-margin, measure.spread)
    return "not shown", "margin %.3g within spread %.3g" % (margin, measure.spread)


def judge_counts(runs):
    """``(word, reason)`` for the request contract over every run's summary (minimum.run_summary)."""
    if not runs:
        return "not shown", "no run"
    broken = [r for r in runs if not r["contract_met"]]
    if not broken:
        return "met", "every run of %d" % len(runs)
    worst = max(broken, key=lambda r: (r["identical_other"], sum(o for o, _a in r["beyond"].values())))
    parts = ["%s +%d (allowed %d)" % (p, o, a) for p, (o, a) in sorted(worst["beyond"].items())]
    if worst["identical_other"]:
        parts.append("%d asked twice" % worst["identical_other"])
    return "missed", "%d of %d runs; %s" % (len(broken), len(runs), ", ".join(parts))
