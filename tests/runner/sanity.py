# -*- coding: utf-8 -*-
"""``ansible-test sanity --local`` on a copy of the tree, with a get-pip stand-in for offline machines."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from runner import junit
from runner.common import ROOT, run_logged
from runner.report import Result

# ansible-test builds its sanity venvs --without-pip and then downloads get-pip.py from
# ci-files.testing.ansible.com, which is not reachable here. It uses
# ~/.ansible/test/cache/get_pip_<ver>.py when present; this stand-in installs the requested pip
# from the package index with ensurepip's help.
GET_PIP_STANDIN = """\
# Stand-in for get-pip.py written by digicert.one's ./run (no access to ci-files.testing.ansible.com).
import subprocess
import sys

args = [a for a in sys.argv[1:] if a not in ('--no-setuptools', '--no-wheel')]
subprocess.check_call([sys.executable, '-m', 'ensurepip', '--default-pip'], stdout=subprocess.DEVNULL)
subprocess.check_call([sys.executable, '-m', 'pip', 'install', '-q'] + args)
if '--no-setuptools' in sys.argv:
    subprocess.call([sys.executable, '-m', 'pip', 'uninstall', '-y', '-q', 'setuptools'])
"""

_FIND_ANSIBLE_TEST = "import ansible_test, os; print(os.path.dirname(ansible_test.__file__))"


def write_get_pip_standin(python, log):
    """Write the stand-in for the pip version ``python``'s ansible-test asks for, unless it is there."""
    proc = subprocess.run([python, "-c", _FIND_ANSIBLE_TEST], capture_output=True, text=True, check=False)
    requirements = Path(proc.stdout.strip()) / "_internal" / "python_requirements.py"
    found = re.search(r"^ *pip='([0-9.]+)',*$", requirements.read_text(encoding="utf-8"), re.M) \
        if proc.returncode == 0 and requirements.is_file() else None
    if not found:
        with open(log, "a", encoding="utf-8") as out:
            out.write("  (could not read ansible-test's pip version; no get-pip stand-in written)\n")
        return
    target = Path.home() / ".ansible" / "test" / "cache" / ("get_pip_%s.py" % found.group(1).replace(".", "_"))
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(GET_PIP_STANDIN, encoding="utf-8")


def _tracked_files():
    """What git would commit (untracked files included, ignored ones not), or None outside git."""
    proc = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                          check=False)
    if proc.returncode != 0:
        return None
    return [p for p in proc.stdout.decode("utf-8", "surrogateescape").split("\0") if p]


def copy_tree(dest):
    """Copy the collection to ``dest``: ansible-test wants the *physical* cwd to be
    .../ansible_collections/digicert/one and, inside a git work tree, lists files with that
    repository's git, so the copy must live outside the work tree."""
    files = _tracked_files()
    if files is None:
        ignore = shutil.ignore_patterns(".git", ".venv", ".venv-oldest", ".cache", "output", "__pycache__",
                                        "*.egg-info")
        shutil.copytree(ROOT, dest, symlinks=True, ignore=ignore, dirs_exist_ok=True)
        return
    for name in files:
        src, dst = ROOT / name, Path(dest) / name
        if not os.path.lexists(src):  # deleted in the work tree but not yet in git
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink():
            os.symlink(os.readlink(src), dst)
        elif src.is_file():
            shutil.copy2(src, dst)


def sanity(log, python=None, env=None):
    """ansible-test sanity --local with ``python`` as controller; counts from its JUnit XML.

    --local: no container engine here, and --venv would build one more venv inside the throw-away
    copy on every run; the sanity tests' own venvs are cached in ~/.ansible/test/venv.
    """
    python = python or sys.executable
    write_get_pip_standin(python, log)
    tmp = tempfile.mkdtemp(prefix="dc1-sanity.")
    try:
        dest = Path(tmp) / "ansible_collections" / "digicert" / "one"
        dest.mkdir(parents=True)
        copy_tree(dest)
        pyver = subprocess.run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                               capture_output=True, text=True, check=True).stdout.strip()
        ansible_test = str(Path(python).parent / "ansible-test")
        rc = run_logged([ansible_test, "sanity", "--local", "--python", pyver, "--junit", "--color", "no"], log,
                        env=env, cwd=dest)
        result = Result(ok=rc == 0)
        xmls = sorted((dest / "tests" / "output" / "junit").glob("*.xml"))
        if xmls:
            result.passed, result.failed, result.skipped = junit.counts(xmls)
        result.settle()
        return result
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
