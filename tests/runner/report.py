# -*- coding: utf-8 -*-
"""What a step reports: one line per step, the log's tail on failure, the closing lines."""

import re
import threading
import time
from dataclasses import dataclass, field

from runner.common import LOG_DIR, SETUP_LOG, cpu_reset, cpu_seconds, in_ci, rel, say


@dataclass
class Result:
    """A step's outcome. ``counted`` steps report test cases; the others (lint tools) are one check."""

    ok: bool
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    counted: bool = True
    note: str = ""
    skip: bool = False  # the step did not run, on purpose (the line says SKIP and why)

    def add(self, other):
        """Fold a part (one pytest directory, sanity) into this result."""
        self.ok = self.ok and other.ok
        self.passed += other.passed
        self.failed += other.failed
        self.skipped += other.skipped
        if other.note:
            self.note = "; ".join(n for n in (self.note, other.note) if n)

    def settle(self):
        """A failed step counts at least one failure; a passed lint step counts one pass."""
        if not self.counted:
            self.passed, self.failed = (1, 0) if self.ok else (0, 1)
        elif not self.ok and self.failed == 0:
            self.failed = 1


def log_path(label):
    return LOG_DIR / (re.sub(r"[^A-Za-z0-9_.-]", "_", label) + ".log")


def fmt_time(seconds):
    ms = int(seconds * 1000)
    if ms >= 60000:
        return "%dm%02ds" % (ms // 60000, ms // 1000 % 60)
    return "%d.%ds" % (ms // 1000, ms // 100 % 10)


@dataclass
class Report:
    """Runs steps, prints their lines and keeps the totals for the closing lines.

    Steps may run in two threads at once (the lanes of ``./run test``): a lock keeps each step's lines together.
    """

    passed: int = 0
    failed: int = 0
    cpu: float = 0.0
    failed_steps: list = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def step(self, label, func, *args):
        """``func(log, *args) -> Result``; prints ``PASS  <label>  <counts>  <time>  <cpu>`` (or FAIL/SKIP)."""
        log = log_path(label)
        log.write_text("", encoding="utf-8")
        start = time.monotonic()
        cpu_reset()
        result = func(log, *args)
        result.settle()
        with self.lock:
            self.line(label, result, time.monotonic() - start, cpu_seconds())
            if not result.ok:
                self.failed_steps.append(label)
                show_failure(label, log)
        return result

    def line(self, label, result, seconds, cpu):
        self.passed += result.passed
        self.failed += result.failed
        self.cpu += cpu
        if result.counted:
            counts = "%d passed, %d failed" % (result.passed, result.failed)
            if result.skipped:
                counts += ", %d skipped" % result.skipped
        else:
            counts = "1 check"
        status = "SKIP" if result.skip else ("PASS" if result.ok else "FAIL")
        note = "  (%s)" % result.note if result.note else ""
        say("%-4s  %-26s %-34s %8s  cpu %7s%s" % (status, label, counts, fmt_time(seconds), fmt_time(cpu), note))

    def close(self, coverage_lines):
        """The closing lines; the last one is ``tests: N passed, M failed``. Returns the exit code."""
        say("test: %d s, %d CPU-s; logs in %s/" % (time.monotonic() - self.started, self.cpu, rel(LOG_DIR)))
        for text in coverage_lines:
            say(text)
        if self.failed_steps:
            say("failed steps: " + " ".join(self.failed_steps))
            if in_ci() and SETUP_LOG.is_file():
                say("----- setup log (%s) -----" % rel(SETUP_LOG))
                say(SETUP_LOG.read_text(encoding="utf-8", errors="replace").rstrip("\n"))
        say("tests: %d passed, %d failed" % (self.passed, self.failed))
        return 1 if self.failed_steps else 0


# Steps whose log holds several tools' output (its tail may be a part that passed): on failure they
# show the lines that name a failure (ansible-test's ERROR/FATAL, pytest's -rfE summary) instead.
GREP_STEPS = ("sanity", "units", "integration", "clock-shift", "oldest")


def show_failure(label, log):
    """The whole log in CI; else the failure lines of a GREP_STEPS step, or the last 40 lines."""
    say("----- %s (full log: %s) -----" % (label, rel(log)))
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    if in_ci():
        shown = lines
    else:
        grep = label.startswith(GREP_STEPS)
        errors = [x for x in lines if x.startswith(("ERROR", "FATAL", "FAILED "))] if grep else []
        shown = list(dict.fromkeys(errors))[:60] or lines[-40:]  # ansible-test repeats its errors
    for text in shown:
        say(text)
    say("-----")
