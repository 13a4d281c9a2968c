# -*- coding: utf-8 -*-
"""The artifact is the collection: ``ansible-galaxy collection build`` holds exactly what galaxy.yml promises.

Built into a temporary directory from the checkout; every member must be under ALLOWED, every plugin, role,
playbook and meta file of the repository must be in it, and none of the workshop (simulator, benchmarks, runner,
tests, CI) or of the third-party OpenAPI copy may be.
"""

import os
import subprocess
import sys
import tarfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# What the artifact may hold: files, or directories (ending in /) with everything under them.
ALLOWED = ("MANIFEST.json", "FILES.json", "README.md", "LICENSE", "CHANGELOG.rst", "changelogs/changelog.yaml",
           "changelogs/config.yaml", "docs/", "extensions/eda/", "meta/", "playbooks/", "plugins/", "roles/",
           "tests/config.yml")
SHIPPED_TREES = ("plugins/", "roles/", "playbooks/", "meta/", "extensions/", "docs/")


def allowed(name):
    return any(name == a or name.startswith(a) or a == name + "/" for a in ALLOWED)


@pytest.fixture(scope="module")
def members(tmp_path_factory):
    out = tmp_path_factory.mktemp("artifact")
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith("ANSIBLE_"))
    env["ANSIBLE_CONFIG"] = str(out / "none.cfg")
    galaxy = os.path.join(os.path.dirname(sys.executable), "ansible-galaxy")
    proc = subprocess.run([galaxy, "collection", "build", ROOT, "--output-path", str(out), "--force"], env=env,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (artifact,) = [p for p in os.listdir(str(out)) if p.endswith(".tar.gz")]
    with tarfile.open(str(out / artifact)) as tar:
        return [m.name for m in tar.getmembers() if m.isfile()]


def repository_files():
    proc = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        pytest.skip("not a git checkout")
    return proc.stdout.split()


def test_the_artifact_holds_only_the_collection(members):
    assert [m for m in members if not allowed(m)] == []
    for workshop in ("simulator/", "benchmarks/", "tests/runner/", "tests/e2e/", "tests/unit/", "tests/integration/",
                     ".github/", ".ci/"):
        assert not [m for m in members if m.startswith(workshop)], workshop
    assert "run" not in members and not [m for m in members if "openapi" in m.lower()]
    assert not [m for m in members if "__pycache__" in m or m.endswith((".pyc", ".tar.gz"))]


def test_the_artifact_holds_every_file_of_the_collection(members):
    wanted = [f for f in repository_files() if f.startswith(SHIPPED_TREES) or f in ("README.md", "LICENSE")]
    assert wanted and sorted(set(wanted) - set(members)) == []
    assert "meta/runtime.yml" in members and "tests/config.yml" in members
