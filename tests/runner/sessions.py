# -*- coding: utf-8 -*-
"""The ansible-test sessions of the CI workflow, run offline for one local leg.

``.github/workflows/ci.yml`` is the one definition: its ``ansible-test`` job holds the matrix (ansible-core
series and controller Pythons) and one step per session (``sanity``, ``units``, ``integration``) whose ``run``
line is the command. Here those lines are read, ``${{ matrix.* }}`` filled in for the leg (the matrix entry of
its ansible-core series and Python), and run as they are, so CI and ``./run test`` cannot drift apart.

Run where ansible-test needs it: on a copy of the tree whose physical path is
``.../ansible_collections/digicert/one``, outside this git work tree (inside it, ansible-test would list files
with this repository's git, which ignores the copy). HOME is ``.cache/ansible-test-home`` in the checkout:
ansible-test keeps its venvs, the pip cache and the get-pip stand-in below under ``~``, so nothing of ours is
written outside the checkout.

PyYAML comes with ansible-core: this module is only imported by ``./run test``, which runs in .venv.
"""

import os
import re
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from runner import junit
from runner.common import CACHE, ROOT, SYSTEM_TMP, run_logged
from runner.report import Result

WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
JOB = "ansible-test"
SESSIONS = ("sanity", "units", "integration")
HOME = CACHE / "ansible-test-home"
_EXPRESSION = re.compile(r"\$\{\{\s*matrix\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}")

# ansible-test builds its venvs --without-pip and then downloads get-pip.py from ci-files.testing.ansible.com,
# which is not reachable offline. It uses ~/.ansible/test/cache/get_pip_<ver>.py when that file exists; this
# stand-in installs the requested pip from the package index with ensurepip's help.
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


class WorkflowError(Exception):
    """The workflow does not have the shape this module reads."""


def load_job(path=WORKFLOW):
    """The ``ansible-test`` job of the workflow, as parsed YAML."""
    import yaml  # pylint: disable=import-outside-toplevel  # .venv only, see the module docstring

    with open(path, encoding="utf-8") as handle:
        workflow = yaml.safe_load(handle)
    try:
        return workflow["jobs"][JOB]
    except (KeyError, TypeError):
        raise WorkflowError("%s has no job %r" % (path, JOB))


def matrix(job):
    """The matrix entries, ``[{"ansible": "2.19", "python": "3.11"}, ...]``."""
    entries = (job.get("strategy") or {}).get("matrix", {}).get("include")
    if not entries:
        raise WorkflowError("job %r has no strategy.matrix.include list" % JOB)
    return [dict((k, str(v)) for k, v in entry.items()) for entry in entries]


def commands(job, entry):
    """``{session: argv}`` of the job's session steps, with ``${{ matrix.X }}`` taken from ``entry``."""
    found = {}
    for step in job.get("steps", []):
        if step.get("name") in SESSIONS:
            line = _EXPRESSION.sub(lambda m: entry[m.group(1)], step["run"].strip())
            found[step["name"]] = shlex.split(line)
    missing = [s for s in SESSIONS if s not in found]
    if missing:
        raise WorkflowError("job %r has no step named %s" % (JOB, " or ".join(missing)))
    return found


def entry_for(job, core_version, python_version):
    """The matrix entry a local leg (its ansible-core and Python versions) runs, or None."""
    series = ".".join(core_version.split(".")[:2])
    pyver = ".".join(python_version.split(".")[:2])
    return next((e for e in matrix(job) if e.get("ansible") == series and e.get("python") == pyver), None)


def write_get_pip_standin(python, log):
    """Write the stand-in for the pip version ``python``'s ansible-test asks for, into HOME (the checkout's)."""
    proc = subprocess.run([python, "-c", _FIND_ANSIBLE_TEST], capture_output=True, text=True, check=False)
    requirements = Path(proc.stdout.strip()) / "_internal" / "python_requirements.py"
    found = re.search(r"^ *pip='([0-9.]+)',*$", requirements.read_text(encoding="utf-8"), re.M) \
        if proc.returncode == 0 and requirements.is_file() else None
    if not found:
        with open(log, "a", encoding="utf-8") as out:
            out.write("  (could not read ansible-test's pip version; no get-pip stand-in written)\n")
        return
    target = HOME / ".ansible" / "test" / "cache" / ("get_pip_%s.py" % found.group(1).replace(".", "_"))
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
    """Copy the collection to ``dest`` (see the module docstring for why a copy, and where)."""
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


def session_env(venv, base=None):
    """The environment of an ansible-test run: the leg's venv first on PATH, HOME in the checkout, and no
    collection path of ours (ansible-test sets its own to the copy)."""
    env = dict(os.environ if base is None else base)
    for name in ("ANSIBLE_COLLECTIONS_PATH", "PYTHONPATH", "VIRTUAL_ENV"):
        env.pop(name, None)
    env["PATH"] = os.pathsep.join([str(Path(venv) / "bin"), env.get("PATH", "")])
    env["HOME"] = str(HOME)
    env["TMPDIR"] = SYSTEM_TMP  # ansible-test removes what it makes there; our .cache/tmp is inside the work tree
    return env


class Copy:
    """A throw-away copy of the tree for one leg's sessions; removed on exit."""

    def __enter__(self):
        self.tmp = tempfile.mkdtemp(prefix="dc1-ansible-test.", dir=SYSTEM_TMP)
        self.root = Path(self.tmp) / "ansible_collections" / "digicert" / "one"
        self.root.mkdir(parents=True)
        copy_tree(self.root)
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.tmp, ignore_errors=True)


def run_session(log, session, argv, venv, copy, env=None):
    """One session's command in ``copy``; counts from the JUnit XML it wrote."""
    python = str(Path(venv) / "bin" / "python")
    HOME.mkdir(parents=True, exist_ok=True)
    write_get_pip_standin(python, log)
    results = copy.root / "tests" / "output" / "junit"
    shutil.rmtree(results, ignore_errors=True)
    argv = [str(Path(venv) / "bin" / argv[0])] + argv[1:] if argv[0] == "ansible-test" else argv
    with open(log, "a", encoding="utf-8") as out:
        out.write("$ %s\n" % " ".join(shlex.quote(a) for a in argv))
    start = os.path.getsize(log)
    rc = run_logged(argv, log, env=session_env(venv, env), cwd=copy.root)
    result = Result(ok=rc == 0)
    if session == "integration":
        with open(log, encoding="utf-8", errors="replace") as handle:
            handle.seek(start)
            result.passed, result.failed = integration_counts(handle.read())
    else:
        xmls = sorted(results.glob("*.xml"))
        if xmls:
            result.passed, result.failed, result.skipped = junit.counts(xmls)
    result.settle()
    return result


_TARGET = re.compile(r"^Running (\S+) integration test (?:role|script)$", re.M)
_FAILED_TARGETS = re.compile(r"^FATAL: The \d+ integration test\(s\) listed below .* failed.*\n((?:\S+\n?)+)", re.M)


def integration_counts(text):
    """``(passed, failed)`` targets of an ansible-test integration log. Its JUnit XML has a test case per task,
    and a target's expected failures (bad input refused, a gate) are failed tasks there: a target is the unit."""
    ran = _TARGET.findall(text)
    listed = _FAILED_TARGETS.search(text)
    failed = [t for t in listed.group(1).split() if t in ran] if listed else []
    return len(ran) - len(failed), len(failed)
