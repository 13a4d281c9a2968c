# -*- coding: utf-8 -*-
"""Chromium for tests/e2e/test_report_render.py, installed only with consent.

The test renders the HTML compliance report in headless Chromium and skips, with its reason, when
there is none. ./run installs Debian's ``chromium`` with apt-get only when CI=true or
DC1_INSTALL_CHROMIUM=1, and only as root with apt-get: never behind a developer's back.
"""

import os
import shutil
import subprocess

from runner.common import SETUP_LOG, in_ci, rel, say


def wanted():
    return in_ci() or os.environ.get("DC1_INSTALL_CHROMIUM") == "1"


def ensure_chromium():
    if shutil.which("chromium") or shutil.which("chromium-browser"):
        return
    if not wanted():
        say("setup: no chromium: the report render test will be skipped "
            "(DC1_INSTALL_CHROMIUM=1 lets ./run install Debian's chromium as root)")
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        say("setup: no chromium and no root with apt-get: the report render test will be skipped")
        return
    say("setup: installing Debian's chromium for the report render test (log: %s)" % rel(SETUP_LOG))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    with open(SETUP_LOG, "a", encoding="utf-8") as out:
        ok = all(subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                                check=False).returncode == 0
                 for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]))
    if not ok:
        say("setup: chromium could not be installed: the report render test will be skipped")
