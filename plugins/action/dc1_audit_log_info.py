# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin of dc1_audit_log_info: runs the module; "could not check" marks the host unreachable (exit code 4)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.digicert.one.plugins.plugin_utils._unreachable import ModuleAction as ActionModule

__all__ = ["ActionModule"]
