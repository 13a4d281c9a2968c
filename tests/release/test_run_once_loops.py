# -*- coding: utf-8 -*-
"""A run_once task with a loop in a shipped role or playbook is delegated with its facts to localhost.

ansible-core applies each loop item's (empty) facts of a run_once task to every host of the play; with a
persistent fact cache (jsonfile, as on AWX/AAP) it reads and rewrites every host's whole cached entry per item,
hosts x hosts times. Measured over 53 account hosts: 2,863 fact-cache writes instead of 54, most of the main
process's CPU (docs/performance.md, "Where the time goes")."""

import glob
import os

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SECTIONS = ("tasks", "pre_tasks", "post_tasks", "handlers", "block", "rescue", "always")


def tasks(node):
    """Every task dict under a play, a task list or a block, recursively."""
    if isinstance(node, list):
        for item in node:
            yield from tasks(item)
    elif isinstance(node, dict):
        for key in SECTIONS:
            yield from tasks(node.get(key) or [])
        if "hosts" not in node:
            yield node


def shipped_task_files():
    return sorted(glob.glob(os.path.join(ROOT, "roles", "*", "tasks", "*.yml"))
                  + glob.glob(os.path.join(ROOT, "playbooks", "*.yml")))


def test_run_once_loops_are_delegated_with_their_facts():
    offenders, seen = [], 0
    for path in shipped_task_files():
        with open(path) as fh:
            doc = yaml.safe_load(fh) or []
        for task in tasks(doc):
            if task.get("run_once") is True and any(k == "loop" or k.startswith("with_") for k in task):
                seen += 1
                if task.get("delegate_to") != "localhost" or task.get("delegate_facts") is not True:
                    offenders.append("%s: %s" % (os.path.relpath(path, ROOT), task.get("name")))
    assert seen >= 2, "the facts role's and the audit playbook's summaries are run_once loops"
    assert not offenders, offenders
