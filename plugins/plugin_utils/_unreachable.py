# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A task that could not check anything marks its host unreachable, so a pipeline tells "could not check" apart.

``ansible-playbook`` (and ``ansible``) exit 4 when a host was unreachable and 2 when a task failed, such as the
compliance gate. A module process cannot mark its host unreachable; an action plugin can, by returning
``unreachable: true`` without ``failed`` (ansible-core reads ``failed`` first). Every action of the collection that
reads DigiCert ONE passes its result through ``as_unreachable``: ``ModuleAction`` below, the action of each
``dc1_*_info`` module (``plugins/action/<module>.py``, one line each: ansible-core finds an action by its module's
name, and ansible-test wants no action without its module), and ``dc1_facts`` on both of its paths.

Could not check, so unreachable:

* DigiCert ONE was not reached: a refused connection, a name that does not resolve, a timeout, a TLS handshake or
  certificate refused (``error_kind`` ``connection`` or ``tls``);
* the credential was refused: HTTP 401, or HTTP 403 on what the task reads (a module fails on its read);
* ``dc1_facts`` returned no object at all and each resource it could not read was refused (HTTP 403) or not
  served (404), one of them at least refused: a credential without rights, not a tenant with a resource missing.

Anything else stays a failure (exit 2): bad options, HTTP 5xx after the retries, an answer of the wrong shape.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.plugins.action import ActionBase
from ansible.utils.vars import merge_hash

UNREACHABLE_KINDS = ("connection", "tls")
REFUSED = (401, 403)


def _refused_everything(result):
    """The message when a successful ``dc1_facts`` result holds no object because its reads were refused, else None."""
    facts = (result.get("ansible_facts") or {}).get("dc1_facts")
    if not isinstance(facts, dict) or not isinstance(facts.get("unavailable"), dict):
        return None
    # Not requested: status None. Tokens and certificates of users who could not be listed: no entry, count 0.
    asked = dict((r, p) for r, p in facts["unavailable"].items() if isinstance(p, dict) and p.get("status"))
    statuses = set(p["status"] for p in asked.values())
    if any((result.get("counts") or {}).values()) or 403 not in statuses or not statuses <= {403, 404}:
        return None
    return "DigiCert ONE refused every read of this credential: %s" % "; ".join(
        "%s: HTTP %s" % (r, asked[r]["status"]) for r in sorted(asked))


def could_not_check(result):
    """Why the task's result says nothing about the tenant (see the module docstring), or None."""
    if result.get("unreachable"):
        return result.get("msg") or "unreachable"
    if result.get("failed"):
        if result.get("error_kind") in UNREACHABLE_KINDS or result.get("status") in REFUSED:
            return result.get("msg")
        return None
    return _refused_everything(result)


def as_unreachable(result):
    """``result`` as ansible-core's unreachable result when the task could not check anything, else unchanged.

    ``failed`` is dropped (ansible-core would count the host as failed), the fact is not set (it would hold
    nothing), and the message and the request's ``method``, ``path``, ``status`` and ``error_kind`` stay.
    """
    why = could_not_check(result)
    if why is None or (result.get("unreachable") and not result.get("failed")):
        return result
    out = dict((k, v) for k, v in result.items() if k not in ("failed", "ansible_facts", "counts"))
    out.update(unreachable=True, changed=False, msg=why)
    if "status" not in out and "HTTP 403" in why:
        out["status"] = 403
    return out


class ModuleAction(ActionBase):
    """Run the task's module as ``ansible.builtin.normal`` does, then ``as_unreachable`` its result."""

    _supports_check_mode = True
    _supports_async = True

    def run(self, tmp=None, task_vars=None):
        result = super(ModuleAction, self).run(tmp, task_vars)
        wrap_async = self._task.async_val
        result = merge_hash(result, self._execute_module(task_vars=task_vars, wrap_async=wrap_async))
        if not wrap_async:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return as_unreachable(result)
