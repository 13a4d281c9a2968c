# -*- coding: utf-8 -*-
"""The task runner behind ``./run``: the demo and the test steps, in Python.

``./run`` (bash) only makes .venv and execs ``python tests/runner``. One module per concern:
cli (commands, step order, summary), report (one line per step, failure output), junit (counts),
pytest_runs, sanity, clock (the clock-shifted step), oldest (the oldest-ansible-core leg),
chromium (the render test's browser, with consent), demo, common (paths and subprocess helpers).
Only the standard library is used, so ``./run help`` works before .venv exists.
"""
