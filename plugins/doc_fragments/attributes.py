# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Every module of the collection is a read-only _info module in action group dc1.
    DOCUMENTATION = r"""
attributes:
  check_mode:
    description: Can run in C(check_mode) and return changed status prediction without modifying target.
    support: full
    details: The module only reads, so check mode runs it in full and it returns the same data.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in C(diff_mode)).
    support: none
  action_group:
    description: Use C(group/digicert.one.dc1) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - digicert.one.dc1
"""
