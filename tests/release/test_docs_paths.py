# -*- coding: utf-8 -*-
"""Every file and path the docs name exists.

The docs are README.md, docs/*.md and the changelog fragments. A path is a relative Markdown link (``[text](docs/eda.md)``), or a code span that names
something in the repository: it starts with one of its top-level entries (``plugins/...``, ``tests/...``, ``run``)
or is a file name with one of the repository's file suffixes that sits next to the doc naming it. Spans with a
placeholder (``<module>``, ``*``, ``X.Y``) must match at least one path as a pattern. What ./run and the tools
generate (.cache/, .venv/, tests/output/, dc1-reports/) and what is outside the repository (``~/``, ``/tmp``,
URLs) are not checked.
"""

import fnmatch
import os
import re
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GENERATED = (".cache/", ".venv", "tests/output", "dc1-reports", "reports/", "dist/", "CHANGELOG.rst", ".hypothesis",
             "changelogs/.plugin-cache.yaml", "dc1_facts.json", "simulator/build")
LINK = re.compile(r"\]\(([^)\s]+)\)")
SPAN = re.compile(r"`([^`\s]+)`")
PLACEHOLDER = re.compile(r"<[^>]+>|\*|\{[^}]*\}|\bX\.Y\b")


def repository_files():
    proc = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    if proc.returncode != 0:
        pytest.skip("not a git checkout")
    return sorted(set(proc.stdout.split()))


FILES = repository_files()
DIRS = sorted({"/".join(f.split("/")[:i]) for f in FILES for i in range(1, f.count("/") + 1)})
TOP = sorted({f.split("/")[0] for f in FILES})
SUFFIXES = sorted({os.path.splitext(f)[1] for f in FILES if os.path.splitext(f)[1]})
DOCS = [f for f in FILES if f == "README.md" or (f.startswith("docs/") and f.endswith(".md"))
        or f.startswith("changelogs/fragments/")]


def resolve(path, doc):
    """The repository path ``path`` names: at the root, beside the doc, or the end of an existing path
    (``meta/argument_specs.yml`` in a sentence about a role); None when it names nothing."""
    path = os.path.normpath(path).rstrip("/")
    beside = os.path.normpath(os.path.join(os.path.dirname(doc), path))
    known = FILES + DIRS
    for candidate in (path, beside):
        if candidate in known:
            return candidate
    return next((k for k in known if k.endswith("/" + path)), None)


def candidates(doc, text):
    """``path`` for every relative link and every code span that names a repository path."""
    base = os.path.dirname(doc)
    for target in LINK.findall(text):
        target = target.split("#")[0]
        if target and "://" not in target and not target.startswith("mailto:"):
            yield os.path.relpath(os.path.normpath(os.path.join(base, target)), base)
    for span in SPAN.findall(text):
        span = span.lstrip("('\"").rstrip(".,;:)'\"")
        if not span or "://" in span or span.startswith(("~", "/", "$", "-")):
            continue
        head, suffix = span.split("/")[0], os.path.splitext(span.split("::")[0])[1]
        if head in TOP or ("/" in span and suffix in SUFFIXES) or suffix == ".py":
            yield span


def missing_paths(doc, text):
    for path in candidates(doc, text):
        path, _sep, test = path.partition("::")
        if path.startswith(GENERATED):
            continue
        if PLACEHOLDER.search(path):
            if not glob_matches(path):
                yield path
            continue
        found = resolve(path, doc)
        if found is None:
            yield path
        elif test and not defines(found, test.split("[")[0]):
            yield "%s::%s" % (path, test)


def defines(path, test):
    with open(os.path.join(ROOT, path), encoding="utf-8") as handle:
        return re.search(r"^def %s\(" % re.escape(test), handle.read(), re.M) is not None


def glob_matches(pattern):
    pattern = PLACEHOLDER.sub("*", pattern)
    return [f for f in FILES + DIRS if fnmatch.fnmatch(f, pattern) or fnmatch.fnmatch(f, "*/" + pattern)]


@pytest.mark.parametrize("doc", DOCS)
def test_every_path_the_doc_names_exists(doc):
    with open(os.path.join(ROOT, doc), encoding="utf-8") as handle:
        missing = sorted(set(missing_paths(doc, handle.read())))
    assert missing == [], "%s names paths that do not exist: %s" % (doc, ", ".join(missing))
