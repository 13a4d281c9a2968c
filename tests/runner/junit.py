# -*- coding: utf-8 -*-
"""Test counts from JUnit XML, as pytest and ansible-test write it."""

import xml.etree.ElementTree as ET


def counts(paths):
    """Sum the testsuite counters of JUnit XML files: ``(passed, failed, skipped)``.

    A file that cannot be read or parsed counts as one failure: the tool crashed.
    """
    passed = failed = skipped = 0
    for path in paths:
        try:
            root = ET.parse(path).getroot()
        except (OSError, ET.ParseError):
            failed += 1
            continue
        suites = [root] if root.tag == "testsuite" else root.iter("testsuite")
        for suite in suites:
            tests = int(suite.get("tests", 0))
            bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            skip = int(suite.get("skipped", 0) or suite.get("disabled", 0) or 0)
            failed += bad
            skipped += skip
            passed += tests - bad - skip
    return passed, failed, skipped
