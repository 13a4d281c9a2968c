# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the collection's three action plugins (dc1_facts, dc1_compliance, dc1_facts_diff) do alike.

* ``task_args``: the task's arguments checked against the module's spec with ansible-core's public
  ``ActionBase.validate_argument_spec``, and the values the spec marks ``no_log`` (the API token, the client key);
* ``finish``: every result the same way, whichever path made it: a task that could not check marks its host
  unreachable (_unreachable.py), a ``no_log`` value is masked wherever it occurs (also where JSON escaped it), and
  a result of more than ``CALLBACK_ITEM_LIMIT`` objects is not shown to callbacks, which would convert all of it
  for display (seconds on a large tenant; the fact and the files are complete either way).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.parameters import remove_values
from ansible.utils.display import Display

from ansible_collections.digicert.one.plugins.plugin_utils._unreachable import as_unreachable

CALLBACK_ITEM_LIMIT = 5000

display = Display()


def task_args(action, spec, name):
    """``(params, secrets, warnings)`` of ``action``'s task against ``spec``; a bad argument fails the task."""
    try:
        _validation, params = action.validate_argument_spec(argument_spec=spec)
    except Exception as exc:  # AnsibleArgumentValidationError (an AnsibleActionFail), whichever core raised it
        raise AnsibleActionFail("%s: %s" % (name, getattr(exc, "message", None) or exc))
    secrets = set("%s" % params[key] for key, option in spec.items() if option.get("no_log") and params.get(key))
    given = action._task.args  # pylint: disable=protected-access
    warnings = ["Both option %s and its alias %s are set." % (key, alias) for key, option in sorted(spec.items())
                for alias in option.get("aliases") or () if key in given and alias in given]
    return params, secrets, warnings


def masked(result, secrets):
    """``result`` with every ``no_log`` value masked, as AnsibleModule masks a module's; only walked when one occurs.

    Masking walks and copies the whole result; one JSON dump (far cheaper on tens of MB) tells whether any is
    there, looked for as it is and as JSON escapes it (a quote, a backslash, a non-ASCII character).
    """
    secrets = [s for s in secrets if s]
    if not secrets:
        return result
    text = json.dumps(result, default=str)
    if any(s in text or json.dumps(s)[1:-1] in text for s in secrets):
        return remove_values(result, set(secrets))
    return result


def finish(result, secrets=(), name=None):
    """The task result as every action of the collection returns it (see the module docstring)."""
    result = masked(as_unreachable(result), secrets)
    gathered = sum(n for n in (result.get("counts") or {}).values() if isinstance(n, int))
    if gathered > CALLBACK_ITEM_LIMIT:
        display.v("%s: %d objects gathered; the result is not shown to callbacks above %d objects: read the fact or "
                  "the files written" % (name or "digicert.one", gathered, CALLBACK_ITEM_LIMIT))
        result["_ansible_no_log"] = True
    return result
