# -*- coding: utf-8 -*-
"""plugins/module_utils/_connection.py: what repeats its values elsewhere stays equal to them.

COLLECTION_VERSION repeats galaxy.yml's version (module_utils cannot read galaxy.yml where a module
runs), and roles/facts/meta/argument_specs.yml offers the connection options as dc1_* variables.
"""

import os
import re

import yaml

from ansible_collections.digicert.one.plugins.module_utils._connection import COLLECTION_VERSION, CONNECTION_OPTIONS

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
PREFIX = "dc1_"

# Table options the facts role does not offer as dc1_* variables. They still reach dc1_facts through
# module_defaults (group/digicert.one.dc1) and the DC_* environment; the role keeps to what a play sets
# per tenant or per account host.
NOT_IN_ROLE = {
    "timeout",  # DC_TIMEOUT / module_defaults: tuning, not tenant data
    "retries",  # DC_RETRIES / module_defaults
    "retry_max_wait",  # DC_RETRY_MAX_WAIT / module_defaults
    "page_size",  # DC_PAGE_SIZE / module_defaults
}


def _load(*path):
    with open(os.path.join(ROOT, *path), encoding="utf-8") as f:
        return yaml.safe_load(f)


def _role_connection_options():
    options = _load("roles", "facts", "meta", "argument_specs.yml")["argument_specs"]["main"]["options"]
    return dict((name[len(PREFIX):], opt) for name, opt in options.items()
                if name.startswith(PREFIX) and name[len(PREFIX):] in CONNECTION_OPTIONS)


def test_collection_version_is_galaxy_yml_version():
    assert COLLECTION_VERSION == _load("galaxy.yml")["version"]


def test_allow_list_names_table_options():
    assert NOT_IN_ROLE <= set(CONNECTION_OPTIONS)


def test_facts_role_offers_every_connection_option_but_the_allow_listed():
    assert set(_role_connection_options()) == set(CONNECTION_OPTIONS) - NOT_IN_ROLE


def test_facts_role_options_have_the_table_types_and_choices():
    for name, opt in _role_connection_options().items():
        assert opt["type"] == CONNECTION_OPTIONS[name]["type"], name
        assert opt.get("choices") == CONNECTION_OPTIONS[name].get("choices"), name
        # A role default would always be passed and so override module_defaults and DC_* variables.
        assert "default" not in opt, name


def test_facts_role_passes_each_option_to_the_module_or_omits_it():
    with open(os.path.join(ROOT, "roles", "facts", "tasks", "main.yml"), encoding="utf-8") as f:
        tasks = f.read()
    for name in _role_connection_options():
        pattern = r"^\s+%s: \"\{\{ %s%s \| default\(omit\) \}\}\"$" % (name, PREFIX, name)
        assert re.search(pattern, tasks, re.M), name
