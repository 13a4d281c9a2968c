# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The benchmark's stub of ``dc1_facts`` (benchmarks/modes.py, ``stub`` mode): it only sleeps.

Run in place of the facts role's gathering on every account host, it leaves what ansible-core costs by itself for
that play (forks, a task per host, variables, results, the fact cache) with no request, no client and no large
fact. ``sleep_s``: the host's share of the floor's request time. It returns a small fact, as a gathering returns
one, so the fact cache is written as in the real run. Not part of the collection: found through
``ANSIBLE_ACTION_PLUGINS``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        sleep_s = float(self._task.args.get("sleep_s") or 0)
        time.sleep(sleep_s)
        result.update(changed=False, ansible_facts={"dc1_bench_stub": {"slept_s": sleep_s}})
        return result
