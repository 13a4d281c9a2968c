# -*- coding: utf-8 -*-
"""The task runner behind ``./run``: the demo and the test steps, in Python.

``./run`` (bash) only makes .venv and execs ``python tests/runner``. One module per concern:
cli (commands, steps and their lanes), report (one line per step, failure output), junit (counts),
pytest_runs, sessions (the CI workflow's ansible-test sessions, run offline), clock (the clock-shifted
step), oldest (the oldest-ansible-core leg), tools (Chromium and Java, looked for, never installed),
demo, common (paths and subprocess helpers).
Only the standard library is used (sessions reads the workflow with PyYAML, which ./run test finds in
.venv with ansible-core), so ``./run help`` works before .venv exists.
"""
