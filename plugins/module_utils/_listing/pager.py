# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one pagination routine (``limit``/``offset``) for every list endpoint, at the request minimum.

The API leaves the list shape open (bare list, ``{items}``, ``{records}`` or ``{total, offset, limit, items}``)
as well as page caps (docs/api-notes.md), so this routine trusts what the server returns, by these rules:

1. **Total.** With a ``total``, the pages left are planned at once (concurrently when allowed) up to the largest
   total seen (a total that shrinks mid-read does not end it early); a listing that ends with fewer items than
   the last total is an error, never a silently short list.
2. **First page without a total.** Empty: the answer. As long as the page size in effect (the ``limit`` asked,
   or the smaller ``limit`` the server said it applied): read on. Shorter: the end when the path's lessons say so
   (knowledge.py), read on when it is as long as the path's cap; otherwise, and for a page longer than asked,
   the next offset tells (*the probe*): empty, the end; the same items, the path ignores paging; more, the path
   serves pages of that size.
3. **Later pages without a total.** A page shorter than the page size the listing has seen is the end; an empty
   page after a full one is confirmed once from the last item's offset (a glitch cannot cut the list short, and
   no request is sent twice); a page of items all read before ends it (the server ignores ``offset``).
4. **Items** are returned once, in server order. ``max_results`` asks for one item more than wanted: receiving
   it proves the result ``truncated``.
5. **Page size.** A 400 that blames ``limit`` lowers it (to the number the message names, else by half).

What a path shows (rules 2 and 5) is kept in the client's ``knowledge`` as facts that hold at every limit, so a
lesson from one listing never ends another one early, and a run learns each path once.
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


class Page:
    """One answer: its items, the server's ``total`` and ``limit`` when sent, and the ``limit`` that was asked."""

    def __init__(self, items, total, server_limit, limit):
        self.items, self.total, self.server_limit, self.limit = items, total, server_limit, limit

    def size(self):
        """The page length in effect: the limit asked, or the smaller one the server said it applied."""
        return self.server_limit if self.server_limit and self.server_limit < self.limit else self.limit


class PageResult:
    """What a listing returned: the items (none when streamed), whether ``max_results`` cut it, the server's total
    and how many items were read."""

    def __init__(self, items, truncated, total, pages, count=None):
        self.items = items if isinstance(items, list) else []
        self.count = len(items) if count is None else count
        self.truncated = truncated
        self.total = total
        self.pages = pages


# -- rule 2: the first page without a total ---------------------------------------------------------------------
ENDS, MORE, PROBE = "ends", "more", "probe"


def first_page_verdict(page, lessons):
    """ENDS, MORE or PROBE for a first page that came without a total."""
    received = len(page.items)
    if received == 0:
        return ENDS
    if received > page.limit:
        return ENDS if lessons.whole else PROBE  # more than asked: the whole list, once the path has shown it
    if received >= page.size():
        return MORE
    ends = lessons.short_page_ends(received)
    return PROBE if ends is None else (ENDS if ends else MORE)


def learn_from_first_page(page, lessons):
    """What any first page teaches: how many items the path serves at least, and a cap the server named."""
    lessons.served(len(page.items))
    if page.server_limit and page.server_limit < page.limit and len(page.items) >= page.server_limit:
        lessons.capped_at(page.server_limit)


def learn_from_probe(first_received, probe_received, probe_new, lessons):
    """The probe's outcome for the path: the path ignores paging, or serves pages of the first page's size."""
    if probe_received and not probe_new:
        lessons.ignores_paging()
    elif probe_new:
        lessons.capped_at(first_received)


# -- rule 3: later pages without a total ------------------------------------------------------------------------
def later_page_ends(received, new, size):
    """A later page ends the list when it is shorter than the page size seen, or repeats only what was read."""
    return new == 0 or received < size


def next_offset(offset, received, new):
    """Advance by what the server returned; a page that repeats some items (shifted back, or the list grew at its
    head) advances by its new items only, so nothing after the window is skipped."""
    return offset + (new if 0 < new < received else received)


def paginate(client, path, params=None, id_field="id", max_results=None, extract=extract_list, parallel=True,
             on_items=None, key_of=None, keep=True):
    """Read every page of ``path`` through ``client`` and return a ``PageResult``.

    ``parallel=False`` keeps the pages sequential, for callers that already fan out over many listings (one
    pool, not a pool per listing). ``on_items(items)`` is called with each page's new items, in order, as soon
    as they arrive (the facts gatherer starts its per-user requests from it). ``key_of(item)`` is an item's
    identity (default: its ``id_field``, else its whole content).

    ``keep=False`` streams: items go to ``on_items`` only and the result holds none, so memory does not grow
    with the list (a million certificates). An item repeated on a later page is then recognised within the
    pages around it (repeats come from pages that shift while the list is read), and the count is still held
    against the server's total.
    """
    if not keep and (max_results is not None or on_items is None):
        raise ValueError("a streamed listing reads everything and hands it to on_items")
    listing = _Listing(client, path, params or {}, id_field, max_results, extract, parallel, on_items)
    listing.key_of = key_of or (lambda item: item_key(item, id_field, path))
    if not keep:
        listing.seen, listing.items = _RecentKeys(), _Counted()
    return listing.run()


class _RecentKeys:
    """The keys of the last few pages only: a streamed listing's memory stays flat."""

    PAGES = 3

    def __init__(self):
        self.pages = [set()]

    def __contains__(self, key):
        return any(key in page for page in self.pages)

    def add(self, key):
        self.pages[-1].add(key)

    def next_page(self):
        self.pages = self.pages[-(self.PAGES - 1):] + [set()]


class _Counted:
    """Stands in for the item list of a streamed listing: counts, keeps nothing."""

    def __init__(self):
        self.count = 0

    def append(self, _item):
        self.count += 1

    def __len__(self):
        return self.count


def learn(client, path, params=None, extract=extract_list, limit=None):
    """Read the first page of ``path`` (and probe it when needed) only to learn how the path pages; return the
    items read. The play's tenant-wide read calls it so that every account host knows the path in advance.
    ``limit`` asks a smaller first page (when only a few items are wanted)."""
    listing = _Listing(client, path, params or {}, "id", None, extract, False, None)
    listing.limit = min(listing.limit, limit or listing.limit)
    page = listing.first()
    if page.total is None:
        listing.decide(page)
    return listing.items


class _Listing:
    def __init__(self, client, path, params, id_field, max_results, extract, parallel, on_items):
        check_max_results(max_results)
        self.client, self.path, self.params = client, path, params
        self.id_field, self.extract, self.parallel, self.on_items = id_field, extract, parallel, on_items
        self.max_results = max_results
        self.want = None if max_results is None else max_results + 1
        self.lessons = client.knowledge.path(path)
        self.limit = min(n for n in (client.page_size, self.want, self.lessons.max_limit) if n)
        self.lowered = False  # the server refused a limit (rule 5) and this listing asks a smaller one
        self._lock = threading.Lock()
        self.seen, self.items = set(), []
        self.total = None
        self.end = None  # the largest total seen: a total that shrinks mid-read is not trusted to end it
        self.pages = 0
        self.key_of = lambda item: item_key(item, id_field, path)
        self.asked = set()  # (offset, limit) of every answer: no request is sent twice

    def run(self):
        page = self.first()
        if page.total is not None:
            self._by_total(page.total, page.server_limit or len(page.items))
        else:
            offset, size = self.decide(page)
            if offset is not None:
                self._onwards(offset, size)
        return self._result()

    def first(self):
        page = self.fetch(0)
        self.add(page.items)
        if page.total is not None:
            self.lessons.sends_totals()
        return page

    def decide(self, page):
        """Rule 2 for a first page without a total: ``(offset, page size)`` to read on from, or ``(None, None)``."""
        learn_from_first_page(page, self.lessons)
        verdict = ENDS if self._enough() else first_page_verdict(page, self.lessons)
        if verdict == PROBE and not self.lessons.first_probe():
            verdict = first_page_verdict(page, self.lessons)  # another listing probed the path: decide again
        if verdict == MORE:
            return len(page.items), min(page.size(), len(page.items))
        if verdict == PROBE:
            return self._probe(len(page.items))
        return None, None

    def _probe(self, received):
        """The next offset after an undecided first page; ``(offset, page size)`` to read on from, or Nones."""
        try:
            page = self.fetch(received)
            new = self.add(page.items)
            learn_from_probe(received, len(page.items), new, self.lessons)
        finally:
            self.lessons.first_probe_done()
        if page.total is not None:
            self._by_total(page.total, page.server_limit or received, received + len(page.items))
            return None, None
        if not new or len(page.items) < received:
            return None, None  # empty, repeated, or a short second page: the end
        return received + len(page.items), received

    def _onwards(self, offset, size):
        """Rule 3: sequential pages without a total, from ``offset``, until one ends the list."""
        confirming = False
        while not self._enough():
            page = self.fetch(offset)
            received, new = len(page.items), self.add(page.items)
            if page.total is not None:
                self._by_total(page.total, page.server_limit or received, offset + received)
                return
            if received == 0:
                if confirming or (offset - 1, self.limit) in self.asked:
                    return  # confirmed, or the confirming request was already answered (pages of one item)
                confirming, offset = True, offset - 1  # confirm the end from the last item's offset
                continue
            if later_page_ends(received, new, size):
                return
            # a confirming page began with the item before the empty offset: it advances by all it returned
            offset = offset + received if confirming else next_offset(offset, received, new)
            confirming = False

    def _by_total(self, total, step, offset=None):
        """Rule 1: with a total, the remaining pages are planned at once and asked concurrently when allowed, each
        handed on in order as it arrives (a window of pages in memory, not the whole list)."""
        offset = len(self.items) if offset is None else offset
        self._note_total(total)
        while offset < self.end and not self._enough():
            batch = self._plan(offset, step)
            if self.pages + len(batch) > MAX_PAGES:
                raise DC1ResponseError("GET %s: still paging after %d pages; giving up" % (self.path, MAX_PAGES))
            pages = self.client.ordered(self.fetch, batch)
            try:
                for page_offset, page in zip(batch, pages):
                    if page_offset != offset:
                        break  # an earlier page of this batch was short: plan again from where it ended
                    if page.total is not None:
                        self._note_total(page.total)
                    if not self.add(page.items):
                        return  # empty or repeated before the total: the final count check speaks
                    offset += len(page.items)
                    step = page.server_limit or len(page.items)
            finally:
                pages.close()

    # -- steps -------------------------------------------------------------------------------------------
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
        """One page at ``offset``, as a ``Page``; a 400 that blames ``limit`` is tried again smaller (rule 5)."""
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
                self.asked.add((offset, limit))
            if self.lowered:
                self.lessons.accepts_at_most(limit)
            items, total, server_limit = self.extract(data, self.path)
            return Page(items, total, server_limit, limit)
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
            self.lowered = True
        return True

    def add(self, page):
        """Keep the page's items not seen before; returns how many were new."""
        fresh = []
        with self._lock:
            for item in page:
                key = self.key_of(item)
                if key not in self.seen:
                    self.seen.add(key)
                    self.items.append(item)
                    fresh.append(item)
            if hasattr(self.seen, "next_page"):
                self.seen.next_page()
        if fresh and self.on_items:
            self.on_items(fresh)
        return len(fresh)

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
        return PageResult(self.items, truncated, self.total, self.pages, len(self.items))
