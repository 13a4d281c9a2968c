# -*- coding: utf-8 -*-
"""Where a cursor lives: a bare file name in the per-user state directory, a path where it says."""

import os
import stat

import pytest

from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError
from ansible_collections.digicert.one.plugins.plugin_utils._eda.cursor import resolve_state_file, state_directory


def test_a_bare_name_lives_in_the_xdg_state_directory_created_for_its_owner_only(tmp_path):
    env = {"XDG_STATE_HOME": str(tmp_path / "state")}
    path = resolve_state_file("dc1-new-api-tokens.json", env)
    assert path == str(tmp_path / "state" / "digicert.one" / "dc1-new-api-tokens.json")
    assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700


def test_without_xdg_state_home_it_is_under_home(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert state_directory({}) == str(tmp_path / ".local" / "state" / "digicert.one")


@pytest.mark.parametrize("given", ["/var/lib/eda/cursor.json", "./cursor.json", "state/cursor.json", None, ""])
def test_a_path_with_a_directory_is_used_as_given(given, tmp_path):
    assert resolve_state_file(given, {"XDG_STATE_HOME": str(tmp_path)}) == given
    assert not (tmp_path / "digicert.one").exists()


def test_a_state_directory_that_cannot_be_made_is_named(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(DC1ConfigError, match="cannot create the state directory"):
        resolve_state_file("cursor.json", {"XDG_STATE_HOME": str(blocker)})
