# -*- coding: utf-8 -*-
"""The collection's own import graph (plugins/ and extensions/) is acyclic, deferred imports included.

A function-level import only hides a cycle, so the source is read with ``ast`` wherever an import sits.
"""

import ast
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PREFIX = "ansible_collections.digicert.one."
WRITERS = ("plugins.plugin_utils._compliance.reports", "plugins.plugin_utils._compliance.report_html",
           "plugins.plugin_utils._compliance.report_junit", "plugins.plugin_utils._compliance.report_timeline",
           "plugins.plugin_utils._drift.report", "plugins.plugin_utils._drift.output")


def modules():
    """``{dotted name: path}`` of every Python file under plugins/ and extensions/."""
    out = {}
    for top in ("plugins", "extensions"):
        for folder, _dirs, files in os.walk(os.path.join(ROOT, top)):
            for name in files:
                if name.endswith(".py"):
                    rel = os.path.relpath(os.path.join(folder, name), ROOT)[:-3].replace(os.sep, ".")
                    out[rel[:-len(".__init__")] if rel.endswith(".__init__") else rel] = os.path.join(folder, name)
    return out


def imports_of(path, known):
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(PREFIX):
            base = node.module[len(PREFIX):]
            for alias in node.names:  # from package import module, or from module import name
                out.add(base + "." + alias.name if base + "." + alias.name in known else base)
        elif isinstance(node, ast.Import):
            out.update(a.name[len(PREFIX):] for a in node.names if a.name.startswith(PREFIX))
    return set(name for name in out if name in known)


def graph():
    known = modules()
    return dict((name, imports_of(path, known) - {name}) for name, path in known.items())


def cycle(g):
    """One cycle of ``g`` as a list of modules, or None."""
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(g.get(node, ())):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(g):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_import_graph_is_acyclic():
    g = graph()
    assert len(g) > 50
    assert cycle(g) is None, " -> ".join(cycle(g))


def reached(g, start):
    seen, todo = set(), [start]
    while todo:
        for nxt in g.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_what_the_report_writers_share_reaches_no_writer():
    assert not reached(graph(), "plugins.plugin_utils._compliance.report_text") & set(WRITERS)


@pytest.mark.parametrize("leaf", ["plugins.module_utils._errors", "plugins.module_utils._listing.knowledge",
                                  "plugins.module_utils._files"])
def test_the_leaves_import_nothing_of_the_collection(leaf):
    assert graph()[leaf] == set()


def test_the_cycle_finder_finds_a_cycle():
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) is None
