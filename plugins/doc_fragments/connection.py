# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection options of every module and plugin, rendered from ``module_utils/connection.py``.

The text is generated from the one table (``CONNECTION_OPTIONS``) so that
documentation, argument specs and plugin option sources cannot drift apart.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import yaml

from ansible_collections.digicert.one.plugins.module_utils.connection import connection_doc_options


def _render(plugin):
    return yaml.safe_dump({"options": connection_doc_options(plugin)}, sort_keys=False, width=1000)


class ModuleDocFragment(object):
    # Modules: options with env_fallback, described in the text.
    DOCUMENTATION = _render(plugin=False)

    # Inventory and lookup plugins: the same options with ``env:`` sources.
    PLUGINS = _render(plugin=True)
