# -*- coding: utf-8 -*-
"""The oldest leg: the CI workflow's ansible-test sessions again on the oldest ansible-core the collection admits.

meta/runtime.yml's requires_ansible (>=2.19.0) admits 2.19, which runs on Python 3.11 while 2.20+ need Python 3.12;
so it gets a venv of its own, .venv-oldest, holding ansible-core alone: ansible-test builds the sessions' venvs
from tests/unit/requirements.txt and tests/integration/requirements.txt, as in CI. When the main leg already runs
2.19 (a machine whose only Python is 3.11), this leg would repeat it: it is skipped and the summary says that the
newest ansible-core was not tested.
"""

import glob
import hashlib
import os
import shutil
import subprocess

from runner.common import ROOT, describe, env_with_venv, python_versions, run_logged
from runner.report import Result

CORE = "ansible-core>=2.19,<2.20"
SERIES = "2.19"
VENV = ROOT / ".venv-oldest"
STAMP = VENV / ".dc1-stamp"
PACKAGES = [CORE]
_FITS = "import sys, venv, ssl; assert (3, 11) <= sys.version_info[:2] < (3, 12)"


def is_oldest(core_version):
    return core_version.split(".")[:2] == SERIES.split(".")


def choose_python():
    """$PYTHON_OLDEST, else pyenv's 3.11 (by absolute path), python3.11 or python3 if it is 3.11."""
    if os.environ.get("PYTHON_OLDEST"):
        return os.environ["PYTHON_OLDEST"]
    root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=False).stdout.strip() \
        if shutil.which("pyenv") else ""
    candidates = sorted(glob.glob(os.path.join(root, "versions", "3.11*", "bin", "python3.11"))) if root else []
    candidates += [shutil.which("python3.11"), shutil.which("python3")]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK) and \
                subprocess.run([candidate, "-c", _FITS], capture_output=True, check=False).returncode == 0:
            return candidate
    return None


def _fingerprint(python):
    digest = hashlib.sha256()
    version = subprocess.run([python, "-c", "import sys; print(sys.version)"], capture_output=True, text=True,
                             check=False).stdout
    for part in (" ".join(PACKAGES), python, version):
        digest.update(part.encode("utf-8") + b"\n")
    return digest.hexdigest()


def setup(python, log):
    """Create or refresh .venv-oldest when its fingerprint changed; False when that failed."""
    want = _fingerprint(python)
    if STAMP.is_file() and STAMP.read_text().strip() == want:
        return True
    shutil.rmtree(VENV, ignore_errors=True)
    pip = [str(VENV / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    for cmd in ([python, "-m", "venv", str(VENV)], pip + ["-U", "pip"], pip + PACKAGES):
        if run_logged(cmd, log, cwd=ROOT) != 0:
            return False
    STAMP.write_text(want + "\n")
    return True


class Leg:
    """What the oldest leg covered, for the summary; ``prepare`` makes its venv."""

    def __init__(self):
        self.versions = None
        self.note = "not selected"

    def prepare(self, log, main_versions):
        """The leg's versions, or a Result saying why it does not run (SKIP, or FAIL without a Python 3.11)."""
        if is_oldest(main_versions[1]):
            self.note = "the main leg already runs ansible-core %s" % main_versions[1]
            return Result(ok=True, skip=True, note=self.note)
        python = choose_python()
        if python is None:
            self.note = "failed: no Python 3.11 for ansible-core %s" % SERIES
            return Result(ok=False, note="no Python 3.11 for ansible-core %s (set PYTHON_OLDEST)" % SERIES)
        if not setup(python, log):
            self.note = "failed: .venv-oldest could not be set up"
            return Result(ok=False, note=".venv-oldest could not be set up")
        self.versions = python_versions(str(VENV / "bin" / "python"), env_with_venv(VENV))
        with open(log, "a", encoding="utf-8") as out:
            out.write("oldest: %s\n" % describe(self.versions))
        return None

    def summary(self, main_versions):
        """The closing line saying which cores each leg covered."""
        text = "test: %s" % describe(main_versions)
        if is_oldest(main_versions[1]):
            why = "$PYTHON chose Python %s" % main_versions[0] if os.environ.get("PYTHON") else \
                "no Python 3.12 was found (pyenv 3.12, python3.12)"
            return text + (", which is also the oldest leg (run once); the newest ansible-core was NOT tested: "
                           "2.20+ need Python >= 3.12 and %s: set PYTHON=/path/to/python3.12" % why)
        if self.versions:
            return text + "; oldest leg: %s" % describe(self.versions)
        return text + "; oldest leg: %s" % self.note
