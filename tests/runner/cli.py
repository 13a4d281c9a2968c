# -*- coding: utf-8 -*-
"""The commands of ``./run`` and the order of the test steps."""

import os
import sys

from runner.chromium import ensure_chromium
from runner.clock import SHIFT, clock_shift
from runner.common import LOG_DIR, ROOT, describe, e2e_workers, python_versions, run_logged, say
from runner.demo import DemoError, demo
from runner.oldest import Leg
from runner.pytest_runs import pytest_dir
from runner.report import Report, Result
from runner.sanity import sanity

# Step names for ``./run test STEP...``, in the order they run.
STEPS = ("pytest", "clock-shift", "sanity", "ansible-lint", "yamllint", "ruff", "docs", "oldest")
PYTEST_DIRS = ("tests/unit", "simulator/tests", "tests/e2e")
LINTERS = {
    # step: (label, command)
    "ansible-lint": ("ansible-lint", ["ansible-lint", "--offline", "--nocolor"]),
    "yamllint": ("yamllint", ["yamllint", "--strict", "."]),
    "ruff": ("ruff", ["ruff", "check", "--no-cache", "."]),
    "docs": ("antsibull-docs", ["antsibull-docs", "lint-collection-docs", "--plugin-docs",
                                "--validate-collection-refs=all", "--disallow-unknown-collection-refs", "."]),
}

USAGE = """\
Usage: ./run COMMAND [ARGS]

Commands:
  demo [ARGS]      Set up, start the DigiCert ONE simulator (unless DC_API_TOKEN
                   is set: then DC_BASE is used), run playbooks/users_by_account.yml
                   and playbooks/audit.yml (reports in ./dc1-reports or $DC1_REPORT_DIR).
                   ARGS go to ansible-playbook (for example -v, --check).
  test [STEP...]   Set up, run every check (or only the STEPs named), print one line
                   per step and a final "tests: N passed, M failed" line.
                   Steps, in order:
                     pytest        tests/unit, simulator/tests, tests/e2e (e2e with xdist)
                     clock-shift   the same three with the clock 400 days ahead (libfaketime)
                     sanity        ansible-test sanity --local on a copy of the tree
                     ansible-lint  offline, production profile
                     yamllint      --strict
                     ruff          ruff check
                     docs          antsibull-docs lint-collection-docs
                     oldest        unit, e2e and sanity on ansible-core 2.19 (.venv-oldest,
                                   Python 3.10/3.11: $PYTHON_OLDEST); skipped when the
                                   main leg already runs 2.19
  setup            Only create or refresh .venv (Python: $PYTHON, else pyenv 3.12,
                   else python3.12, else python3) and .cache/.
  help             This text.

Environment: CI=true prints whole logs on failure; CI=true or DC1_INSTALL_CHROMIUM=1
lets ./run install Debian's chromium (as root, with apt-get) for the HTML render test.
Logs: .cache/setup.log, .cache/test-logs/<step>.log. ./run itself only bootstraps
.venv; the steps live in tests/runner/ (see docs/development.md).
"""


def lint(log, command):
    return Result(ok=run_logged(command, log, cwd=ROOT) == 0, counted=False)


def pytest_step(log, directory):
    workers = e2e_workers() if directory == "tests/e2e" else 1
    return pytest_dir(directory, "pytest-" + directory.replace("/", "-"), workers, log)


def run_tests(selected):
    """Run the selected steps (all when none), print the closing lines; returns the exit code."""
    wanted = set(selected or STEPS)
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    main_versions = python_versions()
    say("test: %s" % describe(main_versions))
    report, oldest = Report(), Leg()
    if "pytest" in wanted:
        ensure_chromium()
        for directory in PYTEST_DIRS:
            if not (ROOT / directory).is_dir():
                say("skip  pytest %s (no such directory)" % directory)
                continue
            report.step("pytest " + directory, pytest_step, directory)
    if "clock-shift" in wanted:
        report.step("clock-shift " + SHIFT, clock_shift)
    if "sanity" in wanted:
        report.step("sanity", sanity)
    for step, (label, command) in LINTERS.items():
        if step in wanted:
            report.step(label, lint, command)
    if "oldest" in wanted:
        report.step("oldest ansible-core", oldest.run, main_versions)
    return report.close([oldest.summary(main_versions)] if {"pytest", "sanity", "oldest"} & wanted else [])


def main(argv):
    os.chdir(ROOT)
    command, args = (argv[0], argv[1:]) if argv else ("help", [])
    if command in ("help", "-h", "--help"):
        sys.stdout.write(USAGE)
        return 0
    if command == "setup":
        say("setup: ready (%s)" % describe(python_versions()))
        return 0
    if command == "test":
        unknown = [s for s in args if s not in STEPS]
        if unknown:
            say("run: unknown test step '%s' (steps: %s)" % (unknown[0], " ".join(STEPS)))
            return 1
        return run_tests(args)
    if command == "demo":
        try:
            return demo(args)
        except DemoError as exc:
            say("run: %s" % exc)
            return 1
    sys.stderr.write(USAGE)
    return 2
