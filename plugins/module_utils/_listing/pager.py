# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one pagination routine (``limit``/``offset``) for every list endpoint, at the request minimum.

The API leaves the list shape open (bare list, ``{items}``, ``{records}`` or ``{total, offset, limit,
items}``) as well as page caps (docs/api-notes.md), so this routine trusts what the server returns:

* the next offset advances by the items *received* (a server may clamp ``limit``);
* with a ``total``, the remaining pages are asked concurrently and a list shorter than the largest total seen
  is an error, never a silent result;
* an empty first page is the answer, and a first page longer than the ``limit`` asked is the whole list (a
  server that ignores ``limit`` returns everything: DigiCert's /user "returns the complete filtered set");
* a short page is the end once the endpoint has shown how it pages. What an endpoint has shown is learned once
  per run and shared by every listing of that path (``PathKnowledge``): a full page, a page longer than asked,
  or one confirming request after its first short page (the next offset: empty, the same items again — the
  endpoint ignores paging —, or more items — it caps pages at that size);
* without a total, an empty page after a full one is confirmed once with the last item's offset (not the same
  request again): a glitching server cannot cut the list short, an honest one costs one request;
* items are returned once, in server order, even if a page repeats one; ``max_results`` sets ``truncated``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
import threading

from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ApiError, DC1ResponseError
from ansible_collections.digicert.one.plugins.module_utils._validation import check_max_results

MAX_PAGES = 100000
LIST_KEYS = ("items", "records")
MAX_LIMIT_STEPS = 6
_NUMBER = re.compile(r"\d+")


def _count(value):
    """An integer count from a metadata field, or None (bools and junk ignored)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _describe(value):
    return type(value).__name__ if not isinstance(value, dict) else "object with keys %s" % sorted(value)[:8]


def extract_list(data, path):
    """``(items, total, limit)`` from any of the list shapes."""
    if isinstance(data, list):
        return data, None, None
    if isinstance(data, dict):
        for key in LIST_KEYS:
            if key in data:
                items = data[key] if data[key] is not None else []
                if not isinstance(items, list):
                    raise DC1ResponseError("GET %s: '%s' is a %s, not a list" % (path, key, _describe(items)), path=path)
                return items, _count(data.get("total")), _count(data.get("limit"))
    raise DC1ResponseError(
        "GET %s: expected a JSON list or an object with 'items' or 'records', got %s" % (path, _describe(data)),
        path=path,
    )


def item_key(item, id_field, path):
    """The identity used to return each item once."""
    if not isinstance(item, dict):
        raise DC1ResponseError("GET %s: list item is a %s, not an object" % (path, _describe(item)), path=path)
    value = item.get(id_field)
    if value is None or isinstance(value, (dict, list)):
        return json.dumps(item, sort_keys=True, default=str)
    return "%s" % (value,)


class PathKnowledge:
    """How one endpoint path pages, learned once per run and shared by all its listings.

    ``short_is_end``: a page shorter than asked ends a list (the path served a full page, a page longer than
    asked, or a confirmed short list). ``complete``: every answer is the whole list (the path ignores paging).
    ``cap``: the path serves pages of at most this many items although more were asked.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.probe_done = threading.Event()
        self.prober = None
        self.short_is_end = False
        self.complete = False
        self.cap = None

    def decided(self):
        return self.short_is_end or self.complete or self.cap is not None


def knowledge(client, path):
    """The ``PathKnowledge`` of ``path`` for this client (one per run of a module or plugin)."""
    with client._lock:  # pylint: disable=protected-access
        table = client.__dict__.setdefault("paging_knowledge", {})
        return table.setdefault(path, PathKnowledge())


class PageResult:
    """What a listing returned: the items, whether ``max_results`` cut it, and the server's total."""

    def __init__(self, items, truncated, total, pages):
        self.items = items
        self.truncated = truncated
        self.total = total
        self.pages = pages


def paginate(client, path, params=None, id_field="id", max_results=None, extract=extract_list, parallel=True,
             on_items=None):
    """Read every page of ``path`` through ``client`` and return a ``PageResult``.

    ``parallel=False`` keeps the pages sequential, for callers that already fan out over many listings (one
    pool, not a pool per listing). ``on_items(items)`` is called with each page's new items, in order, as soon
    as they arrive (the facts gatherer starts its per-user requests from it).
    """
    return _Pager(client, path, params or {}, id_field, max_results, extract, parallel, on_items).run()


class _Pager:
    def __init__(self, client, path, params, id_field, max_results, extract, parallel, on_items=None):
        check_max_results(max_results)
        self.client, self.path, self.params = client, path, params
        self.id_field, self.extract, self.parallel, self.on_items = id_field, extract, parallel, on_items
        self.max_results = max_results
        # Ask for one item more than wanted: receiving it proves the result was truncated.
        self.want = None if max_results is None else max_results + 1
        self.limit = client.page_size if self.want is None else min(client.page_size, self.want)
        self.known = knowledge(client, path)
        self._lock = threading.Lock()
        self.seen, self.items = set(), []
        self.total = None
        self.end = None  # the largest total seen: a total that shrinks mid-read is not trusted to end it
        self.pages = 0

    # -- the policy, in the order the module docstring gives it -------------------------------------------
    def run(self):
        page, total, server_limit = self.fetch(0)
        new = self.add(page)
        if total is not None:
            self._read_by_total(total, server_limit or len(page))
        elif self._first_page_is_all(page, server_limit):
            pass
        else:
            self._read_on(len(page), new, server_limit or self._page_length(len(page)))
        return self._result()

    def _first_page_is_all(self, page, server_limit):
        """Without a total: is the first page the whole list?"""
        if not page or self._enough():
            return True  # an empty first page is the answer
        if server_limit and server_limit < self.limit and len(page) >= server_limit:
            return False  # the server said it clamped the page size: a full page of its size
        if len(page) > self.limit:
            self._learn(short_is_end=True, complete=True)  # the server ignores limit: this is everything
            return True
        if len(page) == self.limit:
            self._learn(short_is_end=True)  # a full page: no cap below the limit
            return False
        return self._short_first_page_is_all(page)

    def _short_first_page_is_all(self, page):
        """A short first page ends the list if the path has shown how it pages; else this listing asks once."""
        known = self._await_knowledge()
        if known.complete or (known.short_is_end and known.cap is None):
            return True
        if known.cap is not None:
            return len(page) < known.cap
        return self._probe(len(page))

    def _probe(self, received):
        """The next offset after a short first page tells how the path pages; the outcome is shared."""
        try:
            page, _total, _limit = self.fetch(received)
            new = self.add(page)
            if not page:
                self._learn(short_is_end=True)  # honest short list
                return True
            if not new:
                self._learn(short_is_end=True, complete=True)  # the same items again: the path ignores paging
                return True
            self._learn(cap=received)  # more items: pages are capped at the first page's size
            self._read_on(received + len(page), new, received)
            return True
        finally:
            self.known.probe_done.set()

    def _read_on(self, offset, new, page_len):
        """Sequential pages without a total, from ``offset``, until a short, empty or repeated page."""
        confirmed_empty = False
        while not self._enough():
            page, total, server_limit = self.fetch(offset)
            received, new = len(page), self.add(page)
            if total is not None:
                self._read_by_total(total, server_limit or received, offset + received)
                return
            if received == 0:
                if confirmed_empty or offset == 0:
                    return
                confirmed_empty = True
                offset -= 1  # confirm the end with the last item's offset: not the same request twice
                continue
            if new == 0:
                return  # the page repeats what was read: the server ignores offset
            if confirmed_empty:
                offset += received  # the confirming page overlaps by exactly the one item before it
            else:
                # A page that repeats some items may have been shifted back (or the list grew at its head):
                # advance by the new items only, so the items after the window are not skipped.
                offset += new if 0 < new < received else received
            if received < (server_limit or page_len or self.limit):
                return  # a short page: the end
            confirmed_empty = False

    def _read_by_total(self, total, step, offset=None):
        """With a total, the remaining pages are planned at once (concurrently when allowed)."""
        offset = len(self.items) if offset is None else offset
        self._note_total(total)
        while offset < self.end and not self._enough():
            batch = self._plan(offset, step)
            if self.pages + len(batch) > MAX_PAGES:
                raise DC1ResponseError("GET %s: still paging after %d pages; giving up" % (self.path, MAX_PAGES))
            results = [(o, self.fetch(o)) for o in batch] if len(batch) == 1 else \
                self.client.map(lambda o: (o, self.fetch(o)), batch)
            for page_offset, (page, page_total, server_limit) in results:
                if page_offset != offset:
                    break  # an earlier page of this batch was short: plan again from where it ended
                if page_total is not None:
                    self._note_total(page_total)
                new = self.add(page)
                if not page or not new:
                    return  # empty or repeated before the total: the final count check speaks
                offset += len(page)
                step = server_limit or len(page)

    # -- steps -------------------------------------------------------------------------------------------
    def _page_length(self, received):
        """Without metadata the first page's length is the page length the server serves."""
        return received if received < self.limit else None

    def _await_knowledge(self):
        """The path's knowledge; when another listing is probing the path, its outcome."""
        with self.known.lock:
            if self.known.decided() or self.known.prober is None:
                if not self.known.decided():
                    self.known.prober = self  # this listing probes; the others wait for it
                return self.known
        self.known.probe_done.wait()
        return self.known

    def _learn(self, short_is_end=False, complete=False, cap=None):
        with self.known.lock:
            self.known.short_is_end = self.known.short_is_end or short_is_end
            self.known.complete = self.known.complete or complete
            if cap is not None and self.known.cap is None:
                self.known.cap = cap

    def _note_total(self, total):
        self.total = total
        self.end = max(self.end or 0, total)

    def _plan(self, offset, step):
        """Offsets to fetch next: all remaining pages when allowed, else one."""
        if not step or not self.parallel or self.client.max_concurrency < 2:
            return [offset]
        end = self.end if self.want is None else min(self.end, offset + (self.want - len(self.items)))
        return list(range(offset, end, step)) or [offset]

    def _enough(self):
        return self.want is not None and len(self.items) >= self.want

    def fetch(self, offset):
        params = dict(self.params)
        params["offset"] = offset
        for _step in range(MAX_LIMIT_STEPS):
            params["limit"] = limit = self.limit
            try:
                data = self.client.get(self.path, params)
            except DC1ApiError as exc:
                if not self._smaller_limit(exc, limit):
                    raise
                continue
            with self._lock:
                self.pages += 1
            return self.extract(data, self.path)
        raise DC1ResponseError("GET %s: the server refused every page size tried, down to %d" % (self.path, self.limit))

    def _smaller_limit(self, exc, limit):
        """After a 400 that blames ``limit`` (a server that rejects sizes above its cap), pick a smaller one.

        The cap is read from the message when it names one ("limit must be between 1 and 20"), else the size
        is halved. Concurrent pages share the result, so it is learned once.
        """
        text = "%s %s" % (exc.api_message or "", exc.code or "")
        if exc.status != 400 or "limit" not in text.lower() or limit <= 1:
            return False
        with self._lock:
            if self.limit < limit:
                return True  # another worker already lowered it
            named = [int(n) for n in _NUMBER.findall(text) if 1 <= int(n) < limit]
            self.limit = max(named) if named else max(1, limit // 2)
            if self.want is not None:
                self.limit = min(self.limit, self.want)
        return True

    def add(self, page):
        """Keep the page's items not seen before; returns how many were new."""
        new = 0
        for item in page:
            key = item_key(item, self.id_field, self.path)
            if key not in self.seen:
                self.seen.add(key)
                self.items.append(item)
                new += 1
        if new and self.on_items:
            self.on_items(self.items[-new:])
        return new

    def _result(self):
        truncated = False
        if self.max_results is not None:
            truncated = len(self.items) > self.max_results or (self.total or 0) > self.max_results
            del self.items[self.max_results:]
        elif self.total is not None and len(self.items) < self.total:
            raise DC1ResponseError(
                "GET %s: paging ended after %d items but the server reported a total of %d; the list changed "
                "while it was read, or the server ignores offset. Nothing was returned rather than a short list: "
                "run again or narrow the filters." % (self.path, len(self.items), self.total),
                method="GET",
                path=self.path,
            )
        return PageResult(self.items, truncated, self.total, self.pages)
