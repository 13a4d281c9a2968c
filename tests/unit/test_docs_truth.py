# -*- coding: utf-8 -*-
"""What the docs promise about secrets and where they point readers, checked against the tree."""

import glob
import os
import re

import pytest

import conftest

DOCS = [os.path.join(conftest.ROOT, "README.md")] + sorted(glob.glob(os.path.join(conftest.ROOT, "docs", "*.md")))


def read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


@pytest.mark.parametrize("path", DOCS, ids=os.path.basename)
def test_no_machine_path_in_the_docs(path):
    found = re.findall(r"(?:/work/|/root/|/home/[a-z]+/|/Users/[A-Za-z]+/|pytest-of-)\S*", read(path))
    assert not found, found


@pytest.mark.parametrize("name", ["README.md", os.path.join("docs", "guide.md")])
def test_where_the_token_is_introduced_the_docs_warn_against_ad_hoc_arguments(name):
    text = " ".join(read(os.path.join(conftest.ROOT, name)).split())
    assert "-a api_key=" in text and "2.19" in text, name  # ansible-core 2.19+ prints ad-hoc arguments on failure
    assert re.search(r"environment.{0,80}vault", text), name


def test_the_guide_promises_no_more_than_the_collection_can_keep():
    text = " ".join(read(os.path.join(conftest.ROOT, "docs", "guide.md")).split())
    assert "they appear in no result, warning, error message or `-vvvv` output" not in text
    assert "What neither can mask is the text of a task as you wrote it" in text


def test_the_docs_point_at_rulebooks_that_exist():
    eda = read(os.path.join(conftest.ROOT, "docs", "eda.md"))
    pattern = os.path.join(conftest.ROOT, "extensions", "eda", "rulebooks", "*.yml")
    shipped = set(os.path.basename(p)[:-4] for p in glob.glob(pattern))
    named = set(re.findall(r"digicert\.one\.(dc1_[a-z_]+)", eda)) - {"dc1_facts", "dc1_compliance", "dc1_facts_diff"}
    assert named and named <= shipped, named - shipped
