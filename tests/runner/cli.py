# -*- coding: utf-8 -*-
"""The commands of ``./run`` and the test steps, in three lanes that run at the same time."""

import os
import sys
import threading

from runner.clock import SHIFT, clock_shift
from runner.common import (LOG_DIR, ROOT, TOOL_HOME, VENV, contain_temporary_files, describe, e2e_workers,
                           python_versions, run_logged, say)
from runner.demo import DemoError, demo
from runner.oldest import VENV as OLDEST_VENV
from runner.oldest import Leg
from runner.pytest_runs import pytest_dir
from runner.report import Report, Result
from runner.tools import note_missing

# Step names for ``./run test STEP...``.
STEPS = ("pytest", "sanity", "units", "integration", "clock-shift", "ansible-lint", "yamllint", "ruff", "docs",
         "oldest")
SESSIONS = ("sanity", "units", "integration")
PYTEST_DIRS = ("simulator/tests", "tests/release", "tests/e2e")
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
                   Steps, in three lanes that run at the same time:
                     pytest        simulator/tests, tests/release, tests/e2e (xdist)
                     clock-shift   the tests that pin an instant, the clock 400 days ahead
                     sanity, units, integration
                                   ansible-test, as .github/workflows/ci.yml runs it,
                                   for this machine's newest ansible-core
                     ansible-lint, yamllint, ruff, docs (antsibull-docs)
                     oldest        sanity, units, integration on ansible-core 2.19
                                   (.venv-oldest, Python 3.11: $PYTHON_OLDEST); skipped
                                   when the main leg already runs 2.19
  setup            Only create or refresh .venv (Python: $PYTHON, else pyenv 3.12,
                   else python3.12, else python3) and .cache/.
  help             This text.

Environment: CI=true prints whole logs on failure. Chromium and Java 17 are used
when found (the HTML render test, the EDA tests), never installed; DC1_REQUIRE=
chromium,java fails those tests instead of skipping them.
Logs: .cache/setup.log, .cache/test-logs/<step>.log. ./run itself only bootstraps
.venv; the steps live in tests/runner/ (see docs/development.md).
"""


def lint(log, command):
    env = dict(os.environ, HOME=str(TOOL_HOME))  # see common.TOOL_HOME
    return Result(ok=run_logged(command, log, env=env, cwd=ROOT) == 0, counted=False)


def pytest_step(log, directory):
    workers = e2e_workers() if directory == "tests/e2e" else 1
    return pytest_dir(directory, "pytest-" + directory.replace("/", "-"), workers, log)


def failed_step(log, note):
    return Result(ok=False, note=note)


def session_steps(report, prefix, venv, versions, names):
    """The workflow's sessions ``names`` for one leg (its venv and versions), on one copy of the tree."""
    from runner import sessions  # pylint: disable=import-outside-toplevel  # needs PyYAML: .venv only

    try:
        job = sessions.load_job()
        entry = sessions.entry_for(job, versions[1], versions[0])
        if entry is None:
            raise sessions.WorkflowError("ansible-core %s on Python %s is not in the CI matrix"
                                         % (versions[1], versions[0]))
        argvs = sessions.commands(job, entry)
    except (OSError, sessions.WorkflowError) as exc:
        report.step(prefix + "ansible-test", failed_step, "%s: %s" % (sessions.WORKFLOW.name, exc))
        return
    with sessions.Copy() as copy:
        for name in names:
            report.step(prefix + name, sessions.run_session, name, argvs[name], venv, copy)


class Lanes:
    """Three threads of steps: pytest and the clock shift; this leg's ansible-test sessions and the lints; the
    oldest leg. Each lane runs its steps in order; the lanes share the two cores (docs/development.md)."""

    def __init__(self, wanted, report, main_versions):
        self.wanted, self.report, self.main_versions = wanted, report, main_versions
        self.oldest = Leg()

    def pytest_lane(self):
        if "pytest" in self.wanted:
            for directory in PYTEST_DIRS:
                if (ROOT / directory).is_dir():
                    self.report.step("pytest " + directory, pytest_step, directory)
        if "clock-shift" in self.wanted:
            self.report.step("clock-shift " + SHIFT, clock_shift)

    def session_lane(self):
        names = [s for s in SESSIONS if s in self.wanted]
        if names:
            session_steps(self.report, "", VENV, self.main_versions, names)
        for step, (label, command) in LINTERS.items():
            if step in self.wanted:
                self.report.step(label, lint, command)

    def oldest_lane(self):
        if "oldest" not in self.wanted:
            return
        outcome = {}
        self.report.step("oldest setup", self._prepare_oldest, outcome)
        if outcome.get("ready"):
            session_steps(self.report, "oldest ", OLDEST_VENV, self.oldest.versions, SESSIONS)

    def _prepare_oldest(self, log, outcome):
        result = self.oldest.prepare(log, self.main_versions)
        outcome["ready"] = result is None
        return result or Result(ok=True, counted=False, note=describe(self.oldest.versions))

    def run(self):
        threads = [threading.Thread(target=lane, name=lane.__name__)
                   for lane in (self.pytest_lane, self.session_lane, self.oldest_lane)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


def run_tests(selected):
    """Run the selected steps (all when none), print the closing lines; returns the exit code."""
    wanted = set(selected or STEPS)
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    contain_temporary_files()
    main_versions = python_versions()
    say("test: %s" % describe(main_versions))
    if "pytest" in wanted:
        note_missing()
    report = Report()
    lanes = Lanes(wanted, report, main_versions)
    lanes.run()
    covered = {"pytest", "sanity", "units", "integration", "oldest"} & wanted
    return report.close([lanes.oldest.summary(main_versions)] if covered else [])


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
