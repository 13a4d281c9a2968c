# -*- coding: utf-8 -*-
"""pytest over one directory, counted from its JUnit XML."""

import shutil
import sys

from runner import junit
from runner.common import LOG_DIR, run_logged
from runner.report import Result


def pytest_dir(directory, name, workers, log, python=None, env=None, paths=None):
    """``python -m pytest`` on ``directory`` (or only ``paths`` in it) into ``log``; JUnit XML in
    .cache/test-logs/<name>.xml; the 15 slowest tests at the end of the log (where the time goes).

    Exit code 5 (no tests collected) is a failure; so is a crash before any test ran.
    """
    xml = LOG_DIR / (name + ".xml")
    if xml.exists():
        xml.unlink()
    cmd = [python or sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rfEs", "--durations=15"]
    if workers > 1:
        cmd += ["-n", str(workers)]
    rc = run_logged(cmd + ["--junitxml=%s" % xml] + (paths or [directory]), log, env=env)
    if rc == 5:
        return Result(ok=False, failed=1, note="no tests collected in %s" % directory)
    result = Result(ok=rc == 0)
    if xml.exists():
        result.passed, result.failed, result.skipped = junit.counts([xml])
    result.settle()
    return result


def pytest_dirs(dirs, prefix, log, python=None, env=None, workers=None, paths=None):
    """pytest on each of ``dirs`` (one part log each, appended to ``log``); the summed result.
    ``paths`` maps a directory to the test files to run in it (default: all)."""
    total = Result(ok=True)
    for directory in dirs:
        part_name = "%s-%s" % (prefix, directory.replace("/", "-"))
        part = LOG_DIR / (part_name + ".log")
        part.write_text("", encoding="utf-8")
        n = (workers or {}).get(directory, 1)
        total.add(pytest_dir(directory, part_name, n, part, python=python, env=env, paths=(paths or {}).get(directory)))
        with open(log, "a", encoding="utf-8") as out, open(part, encoding="utf-8", errors="replace") as src:
            shutil.copyfileobj(src, out)
    return total
