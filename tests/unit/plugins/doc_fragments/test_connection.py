# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The static ``digicert.one.connection`` doc fragment equals its rendering from the option table."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import yaml

from ansible_collections.digicert.one.plugins.doc_fragments.connection import ModuleDocFragment
from ansible_collections.digicert.one.plugins.module_utils._connection import (
    CONNECTION_OPTIONS,
    connection_doc_options,
)


class _IndentedDumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):
        return super(_IndentedDumper, self).increase_indent(flow, False)


def _render(plugin):
    return yaml.dump({"options": connection_doc_options(plugin)}, Dumper=_IndentedDumper,
                     sort_keys=False, width=110, default_flow_style=False)


@pytest.mark.parametrize("attr, plugin", [("DOCUMENTATION", False), ("PLUGINS", True)])
def test_fragment_matches_table(attr, plugin):
    text = getattr(ModuleDocFragment, attr)
    expected = {"options": connection_doc_options(plugin)}
    assert yaml.safe_load(text) == expected, (
        "plugins/doc_fragments/connection.py %s is out of date with CONNECTION_OPTIONS; "
        "replace its text with:\n%s" % (attr, _render(plugin))
    )


def test_fragment_lists_every_option_in_table_order():
    for attr in ("DOCUMENTATION", "PLUGINS"):
        assert list(yaml.safe_load(getattr(ModuleDocFragment, attr))["options"]) == list(CONNECTION_OPTIONS)
