# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # The list modules built on endpoints.read(): they all take max_results and return truncated.
    DOCUMENTATION = r"""
options:
  max_results:
    description:
      - Return at most this many objects. RV(truncated) says whether more exist.
      - By default every object is returned, whatever the number of pages.
    type: int
"""
