# -*- coding: utf-8 -*-
"""The optional tools of three end-to-end tests: looked for and named, never installed.

tests/e2e/test_report_render.py renders the HTML report in Chromium; the EDA tests run ansible-rulebook, whose
rule engine needs Java 17 or later. Without them those tests are skipped with their reason (DC1_REQUIRE=chromium,java
turns the skips into failures: the CI workflow, which installs both, sets it). ./run test installs no system
package and needs no root.
"""

import re
import shutil
import subprocess

from runner.common import say

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


def java_major():
    """The major version of ``java`` on PATH, or None."""
    if not shutil.which("java"):
        return None
    proc = subprocess.run(["java", "-version"], capture_output=True, text=True, check=False)
    found = re.search(r'version "(\d+)', proc.stderr + proc.stdout)
    return int(found.group(1)) if found else None


def missing():
    """What is missing, each with the tests it costs."""
    gone = []
    if not any(shutil.which(name) for name in CHROMIUM_NAMES):
        gone.append("chromium (the HTML report's render test)")
    major = java_major()
    if major is None or major < 17:
        gone.append("Java 17+ (the EDA tests: ansible-rulebook%s)" % ("" if major is None else ", found Java %d" % major))
    return gone


def note_missing():
    """One line at the start of ./run test when an optional tool is missing."""
    gone = missing()
    if gone:
        say("setup: not found, so those tests are skipped: %s" % "; ".join(gone))
