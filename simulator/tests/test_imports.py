"""The package's import graph is acyclic, function-level imports included (a deferred import only hides a cycle).

Read from the source with ``ast``, so the test sees every ``from . import x`` / ``from .x import y`` wherever it sits.
"""
import ast
import os

import dc1sim

PACKAGE = os.path.dirname(dc1sim.__file__)
LEAVES = ("dates", "ids", "errors", "names", "catalog")  # imported by many, importing nothing of the package


def modules():
    return sorted(name[:-3] for name in os.listdir(PACKAGE) if name.endswith(".py"))


def imports_of(module):
    """The package modules ``module`` imports, at any depth of its code."""
    with open(os.path.join(PACKAGE, module + ".py"), encoding="utf-8") as f:
        tree = ast.parse(f.read())
    known, out = set(modules()), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:  # from .x import y
                out.add(node.module.split(".")[0])
            else:  # from . import x, y
                out.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("dc1sim."):
            out.add(node.module.split(".")[1])
    return out - {"__init__"} if module != "__init__" else out


def graph():
    return {m: imports_of(m) for m in modules()}


def cycle(g):
    """One cycle of ``g`` as a list of modules, or None (depth-first search with colours)."""
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
    assert cycle(graph()) is None, " -> ".join(cycle(graph()))


def test_the_leaf_modules_import_nothing_of_the_package():
    g = graph()
    assert {m: g[m] for m in LEAVES} == {m: set() for m in LEAVES}


def test_the_cycle_finder_finds_a_cycle():
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) is None
