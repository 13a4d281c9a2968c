# -*- coding: utf-8 -*-
"""Every module, plugin and role has its ansible-test integration target, and every target runs against the
simulator the way docs/development.md ("Adding an integration target") says."""

import os

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGETS = os.path.join(ROOT, "tests", "integration", "targets")


def names(directory, suffix=".py"):
    return sorted(f[:-len(suffix)] for f in os.listdir(os.path.join(ROOT, directory))
                  if f.endswith(suffix) and not f.startswith("_"))


def expected_targets():
    wanted = names("plugins/modules")
    for kind in ("inventory", "lookup"):
        wanted += ["%s_%s" % (kind, n) for n in names("plugins/" + kind)]
    wanted += ["filter_%s" % n for n in names("plugins/filter", ".yml")]
    wanted += ["role_%s" % n for n in sorted(os.listdir(os.path.join(ROOT, "roles")))]
    return wanted


def targets():
    return sorted(t for t in os.listdir(TARGETS) if not t.startswith("setup_"))


def test_every_module_plugin_and_role_has_a_target():
    assert sorted(set(expected_targets()) - set(targets())) == []


@pytest.mark.parametrize("target", targets())
def test_each_target_starts_the_simulator_and_imports_no_module_utils(target):
    path = os.path.join(TARGETS, target)
    with open(os.path.join(path, "aliases"), encoding="utf-8") as handle:
        aliases = handle.read().split()
    if os.path.exists(os.path.join(path, "runme.sh")):
        assert "needs/target/setup_dc1_sim" in aliases
    else:
        with open(os.path.join(path, "meta", "main.yml"), encoding="utf-8") as handle:
            deps = yaml.safe_load(handle)["dependencies"]
        assert "setup_dc1_sim" in [d if isinstance(d, str) else d["role"] for d in deps]
    for parent, _dirs, files in os.walk(path):
        for name in files:
            with open(os.path.join(parent, name), encoding="utf-8") as handle:
                assert "module_utils" not in handle.read(), os.path.join(parent, name)
