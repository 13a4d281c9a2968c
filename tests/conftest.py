# -*- coding: utf-8 -*-
"""Make ``ansible_collections.digicert.one`` importable under plain pytest.

ansible-test runs from a real ``ansible_collections/digicert/one`` tree; a git
checkout usually is not one. Then the repository is linked into a temporary
collections root and Ansible's own collection loader is installed on it, the
same loader ansible-playbook uses.
"""

import atexit
import os
import shutil
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "simulator"))
sys.path.insert(0, os.path.join(ROOT, "tests", "unit"))


def _helper_dirs(top):
    """Directories under ``top`` that hold helper modules beside their tests (``compliance_fixture.py``).

    Plain pytest puts a test's own directory on sys.path; ansible-test units imports the tests as modules of the
    ``ansible_collections`` package instead, so a test's ``import compliance_fixture`` needs its directory here.
    """
    for parent, _dirs, files in os.walk(top):
        if any(f.endswith(".py") and not f.startswith(("test_", "conftest", "__init__")) for f in files):
            yield parent


for _directory in _helper_dirs(os.path.join(ROOT, "tests", "unit")):
    if _directory not in sys.path:
        sys.path.append(_directory)


def _collections_root():
    parts = ROOT.split(os.sep)
    if len(parts) >= 3 and parts[-3] == "ansible_collections" and parts[-2:] == ["digicert", "one"]:
        return os.sep.join(parts[:-3])
    tmp = tempfile.mkdtemp(prefix="dc1-collections-")
    atexit.register(shutil.rmtree, tmp, True)
    os.makedirs(os.path.join(tmp, "ansible_collections", "digicert"))
    os.symlink(ROOT, os.path.join(tmp, "ansible_collections", "digicert", "one"))
    return tmp


COLLECTIONS_ROOT = _collections_root()

try:
    # Already importable under ansible-test; the import is the test.
    import ansible_collections.digicert.one  # noqa: F401  # pylint: disable=unused-import
except ImportError:
    from ansible.utils.collection_loader._collection_finder import _AnsibleCollectionFinder

    _AnsibleCollectionFinder(paths=[COLLECTIONS_ROOT])._install()

_SELF = sys.modules[__name__]


def pytest_collectstart():
    """Tests here import this file as ``conftest`` (COLLECTIONS_ROOT, ROOT). In one pytest run with
    simulator/tests, or with a conftest.py further down, another file may hold that module name by the time a
    test module here is imported: point it back here first."""
    sys.modules["conftest"] = _SELF
