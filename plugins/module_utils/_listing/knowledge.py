# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a run has learned about the server, path by path, so that no process has to learn it again.

The API leaves page caps and list shapes open (docs/api-notes.md), so the pager learns them from answers. Each
lesson is a fact about the server that holds at every ``limit`` and for every filter, so a lesson learned by one
listing can never end another listing early:

* ``floor``: the most items the path served in one page; its pages are capped at no fewer;
* ``cap``: the path serves at most this many items per page although more were asked (seen: a full page of
  ``cap`` followed by more items, or the server's own ``limit`` field);
* ``whole``: the path answers every request with the whole list (it ignores ``limit`` and ``offset``);
* ``max_limit``: the largest ``limit`` the path accepted after refusing a larger one with a 400;
* ``totals``: the path sends a ``total``, which plans every page: nothing is left to learn.

Per-user paths (API tokens, client certificates) also learn whether the tenant serves them at all: refused
(403/404) for every user of a first wave, or served. The play's tenant-wide read (``dc1_facts`` with
``tenant_only``) learns all of this once and hands it, with the answers of its wave, to every account host
through ``dc1_tenant.knowledge`` (``export``/``load``): a refused endpoint then costs one wave per run.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

PLAIN_LESSONS = ("floor", "cap", "whole", "max_limit", "totals")
SAMPLE_USERS = 64  # user ids a run hands on for the per-user wave (tenant.py), at most


class PathLessons:
    """What one path has shown of how it pages. The pager reads and records through these methods only."""

    def __init__(self):
        self.lock = threading.Lock()
        self.floor = 0
        self.cap = None
        self.whole = False
        self.max_limit = None
        self.totals = False
        self._first_taken = False
        self._first_done = threading.Event()

    def served(self, count):
        with self.lock:
            self.floor = max(self.floor, count)

    def capped_at(self, count):
        with self.lock:
            self.cap = count if self.cap is None else min(self.cap, count)
            self.floor = max(self.floor, count)

    def ignores_paging(self):
        with self.lock:
            self.whole = True

    def sends_totals(self):
        with self.lock:
            self.totals = True

    def accepts_at_most(self, limit):
        with self.lock:
            self.max_limit = limit if self.max_limit is None else min(self.max_limit, limit)

    def known(self):
        """Whether the path has shown anything of how it pages."""
        with self.lock:
            return bool(self.floor or self.whole or self.cap or self.max_limit or self.totals)

    def short_page_ends(self, received):
        """For a page shorter than asked, without a total: True (the list ended), False (more follow: the page
        is as long as the path's cap) or None (unknown: only the next offset can tell)."""
        with self.lock:
            if self.whole:
                return True
            if self.cap is not None:
                return received < self.cap
            if received < self.floor:
                return True  # the path served more than this in one page before: this page is short
            return None

    def first_probe(self):
        """True when the caller is to make the path's first probe. Otherwise wait until that probe is done (its
        outcome, such as ``whole`` or ``cap``, usually decides for everyone) and return False."""
        with self.lock:
            if not self._first_taken:
                self._first_taken = True
                return True
        self._first_done.wait()
        return False

    def first_probe_done(self):
        self._first_done.set()

    def plain(self):
        with self.lock:
            return dict((name, getattr(self, name)) for name in PLAIN_LESSONS)


class RunKnowledge:
    """Every path's lessons, per-user endpoint verdicts and handed-over per-user answers, for one client."""

    def __init__(self, base_url=None):
        self.base_url = base_url  # lessons hold for one server: another's are not loaded
        self._lock = threading.Lock()
        self._paths = {}
        self.per_user = {}  # path -> {"served": bool, "status": int|None, "reason": str}
        self.answers = {}  # path -> {user_id: [items as the API sent them]}
        self.users = []  # some user ids the run has listed already, for the per-user wave

    def path(self, path):
        with self._lock:
            return self._paths.setdefault(path, PathLessons())

    def verdict(self, path):
        """The per-user verdict of ``path`` (``{"served": ...}``), or None when the run has not learned it."""
        return self.per_user.get(path)

    def decide_per_user(self, path, served, status=None, reason=None):
        """Record whether the tenant serves the per-user endpoint ``path`` (a whole first wave refused: not)."""
        self.per_user[path] = {"served": served, "status": status, "reason": reason}

    def remember_users(self, user_ids):
        """Keep the first ids of a user listing, so the per-user wave needs no listing of its own."""
        if not self.users:
            self.users = [u for u in user_ids if isinstance(u, str)][:SAMPLE_USERS]

    def hand_over(self, path, answers):
        """Keep ``{user_id: items}`` read on ``path`` for whoever lists those users next (another process)."""
        self.answers.setdefault(path, {}).update(answers)

    def answer(self, path, user_id):
        """The items of ``user_id`` on ``path`` as handed over, or None when they were not."""
        return (self.answers.get(path) or {}).get(user_id)

    def export(self, paths_only=False):
        """Plain, JSON-ready data for ``load`` in another process (``paths_only``: the paging lessons alone)."""
        with self._lock:
            paths = dict((p, lessons.plain()) for p, lessons in self._paths.items())
        plain = {"base_url": self.base_url, "paths": paths, "users": list(self.users)}
        if not paths_only:
            plain.update(per_user=dict(self.per_user), answers=dict(self.answers))
        return plain

    def load(self, data):
        """Take the lessons of ``data`` (from ``export``) of this server; anything malformed is ignored."""
        if not isinstance(data, dict) or data.get("base_url") not in (None, self.base_url):
            return
        for path, plain in (data.get("paths") or {}).items():
            if isinstance(path, str) and isinstance(plain, dict):
                _load_lessons(self.path(path), plain)
        for path, verdict in (data.get("per_user") or {}).items():
            if isinstance(verdict, dict) and isinstance(verdict.get("served"), bool):
                self.per_user[path] = verdict
        self.remember_users(data.get("users") or [])
        for path, answers in (data.get("answers") or {}).items():
            if isinstance(answers, dict):
                kept = dict((u, items) for u, items in answers.items() if isinstance(items, list))
                self.answers.setdefault(path, {}).update(kept)


def _count(value):
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _load_lessons(lessons, plain):
    if _count(plain.get("floor")):
        lessons.served(plain["floor"])
    if _count(plain.get("cap")):
        lessons.capped_at(plain["cap"])
    if plain.get("whole") is True:
        lessons.ignores_paging()
    if _count(plain.get("max_limit")):
        lessons.accepts_at_most(plain["max_limit"])
    if plain.get("totals") is True:
        lessons.sends_totals()
