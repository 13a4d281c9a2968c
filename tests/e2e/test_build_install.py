# -*- coding: utf-8 -*-
"""The built artifact works: ansible-galaxy build, install into a clean path, run from there."""

import json
import os
import tarfile

import pytest

import dc1_e2e
import conftest

dc1sim = pytest.importorskip("dc1sim")


def test_built_collection_installs_and_runs(tmp_path):
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(("DC_", "ANSIBLE_")))
    env["ANSIBLE_CONFIG"] = str(tmp_path / "none.cfg")
    dc1_e2e.run("ansible-galaxy", ["collection", "build", conftest.ROOT, "--output-path", str(tmp_path), "--force"],
                env, tmp_path)
    (artifact,) = [p for p in os.listdir(str(tmp_path)) if p.endswith(".tar.gz")]
    with tarfile.open(str(tmp_path / artifact)) as tar:
        names = tar.getnames()
    assert "plugins/modules/dc1_user_info.py" in names and "roles/facts/tasks/main.yml" in names  # the whole list:
    # tests/release/test_artifact.py

    installed = tmp_path / "collections"
    dc1_e2e.run("ansible-galaxy", ["collection", "install", str(tmp_path / artifact), "-p", str(installed)], env,
                tmp_path)
    assert (installed / "ansible_collections" / "digicert" / "one" / "MANIFEST.json").exists()

    with dc1sim.Simulator(seed=4) as sim:
        run_env = dc1_e2e.ansible_env(sim, tmp_path, ANSIBLE_COLLECTIONS_PATH=str(installed))
        _status, result, _proc = dc1_e2e.adhoc("dc1_account_info", "", run_env, tmp_path)
        assert len(result["accounts"]) == len(sim.tenant["accounts"])
        # roles, the action plugin and the filter: the audit playbook from the installed artifact
        run_env["DC1_REPORT_DIR"] = str(tmp_path / "reports")
        proc = dc1_e2e.run("ansible-playbook", ["digicert.one.audit"], run_env, tmp_path)
        assert "failed=0" in proc.stdout and (tmp_path / "reports" / "compliance.html").exists()
        # the inventory and lookup plugins
        source = tmp_path / "tenant.dc1.yml"
        source.write_text("plugin: digicert.one.dc1\n")
        graph = dc1_e2e.run("ansible-inventory", ["-i", str(source), "--graph"], run_env, tmp_path).stdout
        assert "@dc1_active:" in graph
        looked_up = dc1_e2e.run("ansible", ["localhost", "-m", "ansible.builtin.debug", "-a",
                                            "msg={{ lookup('digicert.one.dc1', 'account') | length }}"],
                                run_env, tmp_path).stdout
        assert '"msg": "%d"' % len(sim.tenant["accounts"]) in looked_up or \
            '"msg": %d' % len(sim.tenant["accounts"]) in looked_up
        assert str(installed) in dc1_e2e.run("ansible-doc", ["digicert.one.dc1_facts"], run_env, tmp_path).stdout


def test_ansible_builder_sees_only_the_runtime_requirement(tmp_path):
    """meta/execution-environment.yml -> meta/ee-requirements.txt: requests, and no test package."""
    builder = os.path.join(dc1_e2e.BIN, "ansible-builder")
    if not os.path.exists(builder):
        pytest.skip("ansible-builder is not installed (tests/requirements.txt lists it)")
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith("ANSIBLE_"))
    proc = dc1_e2e.run("ansible-builder", ["introspect", "--sanitize", conftest.COLLECTIONS_ROOT], env, tmp_path)
    assert "requests" in proc.stdout and "digicert.one" in proc.stdout
    for test_only in ("pytest", "hypothesis", "trustme", "ansible-lint"):
        assert test_only not in proc.stdout


def test_every_plugin_renders_with_examples_and_return(tmp_path):
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(("DC_", "ANSIBLE_")))
    env.update({"ANSIBLE_COLLECTIONS_PATH": conftest.COLLECTIONS_ROOT, "ANSIBLE_CONFIG": str(tmp_path / "none.cfg")})
    modules = [f for f in os.listdir(os.path.join(conftest.ROOT, "plugins", "modules")) if f.startswith("dc1_")]
    expected = {"module": len(modules), "inventory": 1, "lookup": 1, "filter": 1}
    for kind, count in expected.items():
        listed = json.loads(dc1_e2e.run("ansible-doc", ["-t", kind, "-l", "digicert.one", "-j"], env, tmp_path).stdout)
        assert len(listed) == count, (kind, sorted(listed))
        docs = json.loads(dc1_e2e.run("ansible-doc", ["-t", kind, "-j"] + sorted(listed), env, tmp_path).stdout)
        for name, doc in docs.items():
            assert doc["doc"].get("description"), name
            assert doc.get("examples"), "%s has no EXAMPLES" % name
            if kind != "inventory":
                assert doc.get("return"), "%s has no RETURN" % name
