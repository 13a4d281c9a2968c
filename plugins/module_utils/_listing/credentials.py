# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""API tokens and client-auth certificates: fetch per user, fan out, normalise.

The API leaves the JSON names of a token's end date and state open (docs/api-notes.md,
"API tokens and client certificates"), so every plausible spelling is accepted
and the object is returned as the API sent it **plus** normalised fields that playbooks and the compliance checks
rely on: ``expires_at``, ``days_to_expiry``, ``enabled``, ``user_id``,
``created_at``. Nothing that looks like a secret is ever returned.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.digicert.one.plugins.module_utils import _validation as validation
from ansible_collections.digicert.one.plugins.module_utils._dates import days_between, iso, now_utc, parse_instant
from ansible_collections.digicert.one.plugins.module_utils._listing.endpoints import ENDPOINTS, read
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ApiError
from ansible_collections.digicert.one.plugins.module_utils._listing.pager import paginate

END_FIELDS = ("end_date", "expiration_date", "expiry_date", "expires_at", "valid_to", "valid_until", "not_after")
START_FIELDS = ("created_at", "created_on", "creation_date", "valid_from", "not_before")
# Names under which an API could send a secret. The API is documented to return none
# (the token is shown once, at creation); these are dropped anyway, never returned.
SECRET_FIELDS = frozenset(("token", "api_key", "api_token", "secret", "token_value", "key", "private_key",
                           "password", "pkcs12", "p12"))
ENABLED_STATES = frozenset(("ACTIVE", "ENABLED", "VALID", "ISSUED"))


def _first(obj, names):
    for name in names:
        if obj.get(name) not in (None, ""):
            return obj[name]
    return None


def _enabled(obj):
    if isinstance(obj.get("enabled"), bool):
        return obj["enabled"]
    if isinstance(obj.get("disabled"), bool):
        return not obj["disabled"]
    state = obj.get("status") or obj.get("state")
    if isinstance(state, str):
        return state.upper() in ENABLED_STATES
    return None


def _sent(obj, names):
    """True when the API sent one of ``names``, even as null: the field is then known (null is a value)."""
    return any(name in obj for name in names)


def normalise(obj, now, user_id=None):
    """A copy of ``obj`` without secret fields, plus the normalised fields.

    A normalised field is present only when the API sent one of its source fields: ``expires_at`` and
    ``days_to_expiry`` (null = no end date) from an end-date field, ``enabled`` from enabled/disabled/status/
    state, ``created_at`` from a creation field. A field the API did not send stays absent, so nothing
    downstream mistakes "not sent" for "no end date" (docs/compliance.md, "Absent is not null").
    """
    out = dict((k, v) for k, v in obj.items() if k.lower() not in SECRET_FIELDS)
    if _sent(obj, END_FIELDS):
        expires = parse_instant(_first(obj, END_FIELDS), end_of_day=True)
        out["expires_at"] = iso(expires)
        out["days_to_expiry"] = days_between(expires, now) if expires else None
    if _sent(obj, ("enabled", "disabled", "status", "state")):
        out["enabled"] = _enabled(obj)
    if _sent(obj, START_FIELDS):
        created = parse_instant(_first(obj, START_FIELDS))
        out["created_at"] = iso(created) if created else obj.get("created_at")
    owner = obj.get("user_id")
    if owner is None and isinstance(obj.get("user"), dict):
        owner = obj["user"].get("id")
    out["user_id"] = owner or user_id
    return out


def normalise_certificate(cert, now, user_id=None):
    out = normalise(cert, now, user_id)
    subject = cert.get("subject")
    if isinstance(subject, dict):
        subject = subject.get("common_name") or subject.get("cn") or ", ".join("%s=%s" % kv for kv in sorted(subject.items()))
    out["subject"] = subject or cert.get("common_name")
    out["serial_number"] = cert.get("serial_number") or cert.get("serial")
    state = cert.get("status") or cert.get("state")
    if state:
        out["state"] = ("%s" % state).upper()
    elif out.get("enabled") is not None:
        out["state"] = "VALID" if out["enabled"] else "DISABLED"
    return out


def listed(client, name, user_id):
    """The items of endpoint ``name`` for one user as the API sent them: handed over by the play's tenant-wide
    read when it asked this user already (knowledge.py), else read."""
    ep = ENDPOINTS[name]
    items = client.knowledge.answer(ep.path, user_id)
    if items is None:
        items = paginate(client, ep.path, {"user_id": user_id}, id_field="id", parallel=False).items
    return items


def owned_by(client, name, user_id, now=None):
    """Tokens or certificates (endpoint ``name``) of one user, normalised."""
    now = now or now_utc()
    fix = normalise_certificate if name == "client_certificate" else normalise
    owner = None if user_id == "me" else user_id
    return [fix(item, now, owner) for item in listed(client, name, user_id)]


def read_owned(client, name, user_id=None, now=None):
    """Endpoint ``name`` for ``user_id`` (UUID or ``me``), or for every visible user, concurrently."""
    now = now or now_utc()
    if user_id is not None:
        user_id = validation.check_uuid("user_id", user_id, allow_me=True)
        items = owned_by(client, name, user_id, now)
        if user_id == "me" and any(i.get("user_id") is None for i in items):
            me = read(client, "user", {"id": "me"})["users"]
            for item in items:
                item["user_id"] = item["user_id"] or (me[0].get("id") if me else None)
        return items
    users = read(client, "user", {})["users"]
    return for_users(client, name, [u.get("id") for u in users if isinstance(u, dict)], now)


def for_users(client, name, user_ids, now=None, skip=None):
    """Endpoint ``name`` of every user in ``user_ids``, concurrently, each object once.

    ``skip(user_id, error)`` may return True to pass over a user whose listing
    failed with a ``DC1ApiError`` (the facts gatherer records 403s that way);
    any other failure is raised.
    """
    fan = FanOut(client, [name], now, skip=(lambda _name, user_id, exc: skip(user_id, exc)) if skip else None)
    fan.add(user_ids)
    return fan.results()[name]


class _Wave:
    """The first ``size`` users of one per-user endpoint decide whether the rest are asked at all.

    An endpoint that refuses (403/404) every user of the first wave is one the tenant does not serve or the
    credential may not read: it is recorded as unavailable and the other users are not asked. Mixed answers
    go on, user by user.
    """

    def __init__(self, size, verdict=None):
        self.size, self.started, self.outcomes, self.refusals, self.skipped = size, 0, 0, 0, 0
        self.lock = threading.Lock()
        self.decided = threading.Event()
        self.refused_all = False
        self.verdict = verdict  # the run's verdict (knowledge.py): the wave is decided before it starts
        if verdict is not None:
            self.size, self.refused_all = 0, not verdict["served"]
            self.decided.set()

    def ticket(self):
        with self.lock:
            self.started += 1
            return self.started <= self.size

    def record(self, refused):
        with self.lock:
            self.outcomes += 1
            self.refusals += bool(refused)
            if self.outcomes == self.size:
                self.refused_all = self.refusals == self.size
                self.decided.set()

    def should_skip(self):
        self.decided.wait()
        with self.lock:
            if self.refused_all:
                self.skipped += 1
            return self.refused_all


class FanOut:
    """Tokens and/or certificates (``names``) of users, requested as soon as each user is known.

    ``add(user_ids)`` starts the requests (the facts gatherer calls it per page of users, so the fan-out
    overlaps the user listing); ``results()`` waits and returns ``{name: items}`` in user order, each object
    once. Requests in flight stay bounded by the client's ``max_concurrency``. ``skip(name, user_id, error)``
    may return True to pass over a user's ``DC1ApiError``; when it does for every user of the first wave,
    the endpoint is not asked for the others (``waves[name].refused_all``, ``.skipped``). When the run already
    knows whether the tenant serves an endpoint (``client.knowledge``), no wave is needed: a refused endpoint is
    not asked at all.
    """

    def __init__(self, client, names, now=None, skip=None):
        self.client, self.names, self.skip = client, list(names), skip
        self.now = now or now_utc()
        self.pool = ThreadPoolExecutor(max_workers=client.max_concurrency)
        self.waves = dict((name, _Wave(client.max_concurrency, client.knowledge.verdict(ENDPOINTS[name].path)))
                          for name in self.names)
        self.jobs = []

    def add(self, user_ids):
        for user_id in user_ids:
            if user_id and isinstance(user_id, str):
                self.jobs.append([self.pool.submit(self._one, name, user_id, self.waves[name].ticket())
                                  for name in self.names])

    def _one(self, name, user_id, first_wave):
        wave = self.waves[name]
        if not first_wave and wave.should_skip():
            return []
        refused = False
        try:
            return owned_by(self.client, name, user_id, self.now)
        except DC1ApiError as exc:
            if self.skip and self.skip(name, user_id, exc):
                refused = True
                return []
            raise
        finally:
            if first_wave:
                wave.record(refused)

    def results(self):
        """Wait for every request; the first failure (in user order) is raised."""
        try:
            return dict((name, _once(job[i].result() for job in self.jobs)) for i, name in enumerate(self.names))
        finally:
            self.close()

    def discard(self):
        """Forget every user added so far (their listing failed), cancelling what has not started."""
        self._cancel()
        self.jobs = []

    def close(self):
        """Cancel what has not started and wait for what has (idempotent)."""
        self._cancel()
        self.pool.shutdown(wait=True)

    def _cancel(self):
        for job in self.jobs:
            for future in job:
                future.cancel()
        for wave in self.waves.values():
            wave.decided.set()  # a cancelled first-wave job never reports: release whoever waits for it


def _once(batches):
    seen, items = set(), []
    for batch in batches:
        for item in batch:
            key = item.get("id")
            key = key if isinstance(key, (str, int)) and key != "" else id(item)
            if key not in seen:
                seen.add(key)
                items.append(item)
    return items
