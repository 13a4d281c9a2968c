# -*- coding: utf-8 -*-
"""galaxy.yml's links agree with each other and with the README, and the README says where to get help and
where the release notes are."""

import os
import re

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def galaxy():
    with open(os.path.join(ROOT, "galaxy.yml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def readme():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as handle:
        return handle.read()


def test_the_links_are_one_repository():
    meta = galaxy()
    repository = meta["repository"]
    assert re.match(r"^https://github\.com/[\w.-]+/[\w.-]+$", repository), repository
    assert meta["homepage"] == repository
    assert meta["issues"] == repository + "/issues"
    assert meta["documentation"] == repository + "/tree/main/docs"
    assert os.path.isdir(os.path.join(ROOT, "docs"))


def test_the_readme_installs_from_that_repository_and_sends_issues_there():
    meta, text = galaxy(), readme()
    assert "git+%s.git" % meta["repository"] in text
    support = text[text.index("\n## Support\n"):]
    assert meta["issues"] in support.split("\n## ")[1]


def test_the_readme_has_support_and_release_notes_sections():
    headings = re.findall(r"^## (.+)$", readme(), re.M)
    assert "Support" in headings and "Release notes" in headings
    notes = readme().split("\n## Release notes\n")[1].split("\n## ")[0]
    assert "changelogs/changelog.yaml" in notes and "CHANGELOG.rst" in notes


def test_the_description_promises_nothing_the_artifact_leaves_out():
    assert "simulator" not in galaxy()["description"]
