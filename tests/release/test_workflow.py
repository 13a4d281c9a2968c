# -*- coding: utf-8 -*-
"""The CI workflow (.github/workflows/ci.yml) runs the matrix the collection supports, the ecosystem's way.

The matrix must be every ansible-core that meta/runtime.yml admits and is maintained (2.19, 2.20, 2.21), each with
every controller Python it supports; its jobs run ansible-test sanity, units and integration; and ./run test reads
the same job (tests/runner/sessions.py), so the commands checked here are the ones it runs offline.
"""

import os
import re
import sys

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests"))

from runner import sessions  # pylint: disable=wrong-import-position

WORKFLOW = os.path.join(ROOT, ".github", "workflows", "ci.yml")
# Controller Pythons of each maintained ansible-core (its ansible_test/_util/target/common/constants.py,
# CONTROLLER_PYTHON_VERSIONS; the installed core's own row is checked against that file below).
SUPPORTED = {
    "2.19": ("3.11", "3.12", "3.13"),
    "2.20": ("3.12", "3.13", "3.14"),
    "2.21": ("3.12", "3.13", "3.14"),
}


@pytest.fixture(scope="module")
def workflow():
    with open(WORKFLOW, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="module")
def job():
    return sessions.load_job()


def test_the_matrix_is_every_supported_core_with_each_of_its_pythons(job):
    entries = sessions.matrix(job)
    pairs = sorted((e["ansible"], e["python"]) for e in entries)
    assert pairs == sorted((core, py) for core, pythons in SUPPORTED.items() for py in pythons)
    assert len(pairs) == len(set(pairs))


def test_the_oldest_core_of_the_matrix_is_the_one_runtime_yml_requires(job):
    with open(os.path.join(ROOT, "meta", "runtime.yml"), encoding="utf-8") as handle:
        requires = yaml.safe_load(handle)["requires_ansible"]
    lowest = re.match(r">=\s*(\d+\.\d+)", requires).group(1)
    assert min(sessions.matrix(job), key=lambda e: tuple(map(int, e["ansible"].split("."))))["ansible"] == lowest


def test_the_installed_core_row_matches_ansible_test(job):
    from ansible.release import __version__  # pylint: disable=import-outside-toplevel
    from ansible_test._util.target.common.constants import CONTROLLER_PYTHON_VERSIONS  # pylint: disable=import-outside-toplevel

    series = ".".join(__version__.split(".")[:2])
    assert SUPPORTED[series] == tuple(CONTROLLER_PYTHON_VERSIONS)


def test_each_job_installs_its_core_and_runs_sanity_units_and_integration(job):
    steps = job["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["path"] == "ansible_collections/digicert/one"
    assert job["defaults"]["run"]["working-directory"] == "ansible_collections/digicert/one"
    assert any('"ansible-core~=${{ matrix.ansible }}.0"' in s.get("run", "") for s in steps)
    assert job["strategy"]["fail-fast"] is False
    for entry in sessions.matrix(job):
        argvs = sessions.commands(job, entry)
        for name in sessions.SESSIONS:
            assert argvs[name][:3] == ["ansible-test", name, "--venv"], name
            assert argvs[name][argvs[name].index("--python") + 1] == entry["python"], name


def test_the_full_suite_job_runs_the_readme_command_with_chromium_and_java(workflow):
    steps = workflow["jobs"]["run-test"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert "./run test" in runs
    final = steps[runs.index("./run test")]
    assert set(final["env"]["DC1_REQUIRE"].split(",")) == {"chromium", "java"}
    assert any(s.get("uses", "").startswith("actions/setup-java@") and s["with"]["java-version"] == "17" for s in steps)
    assert any(s.get("uses", "").startswith("browser-actions/setup-chrome@") for s in steps)
    assert any("/usr/local/bin/chromium" in r for r in runs)
    with open(os.path.join(ROOT, ".ci", "run"), encoding="utf-8") as handle:
        assert handle.read().strip().splitlines()[-1] == "exec ./run test"


def test_the_integration_venv_gets_what_the_simulator_needs():
    """setup_dc1_sim runs the checkout's simulator from source in ansible-test's venv: its dependencies must be in
    tests/integration/requirements.txt, which ansible-test installs there."""
    tomllib = pytest.importorskip("tomllib")
    with open(os.path.join(ROOT, "simulator", "pyproject.toml"), "rb") as handle:
        needed = tomllib.load(handle)["project"]["dependencies"]
    with open(os.path.join(ROOT, "tests", "integration", "requirements.txt"), encoding="utf-8") as handle:
        listed = {re.split(r"[<>=!~\[; ]", line.strip())[0].lower() for line in handle
                  if line.strip() and not line.startswith("#")}
    assert {re.split(r"[<>=!~\[; ]", d)[0].lower() for d in needed} <= listed
