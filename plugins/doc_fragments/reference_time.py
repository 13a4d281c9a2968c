# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Modules that compute day counts (days_to_expiry and friends) take the instant they count from.
    DOCUMENTATION = r"""
options:
  reference_time:
    description:
      - The instant day counts such as C(days_to_expiry) are computed from, a date V(YYYY-MM-DD) (midnight UTC)
        or an ISO 8601 date-time such as V(2026-11-30T12:00:00Z).
      - By default the current time. Fix it for a reproducible result, or to ask what will have expired by a
        date ("which tokens end before the change freeze?").
    type: str
"""
