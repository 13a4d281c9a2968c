# FOR INTERNAL COLLECTION USE ONLY: private to digicert.one, not a public API; it may change in any release.
# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one pagination routine (``limit``/``offset``) for every list endpoint.

dc1-api.md leaves the list shape open (bare list, ``{items}``, ``{records}``
or ``{total, offset, limit, items}``) as well as page caps, so this routine
trusts what the server returns rather than what it asked for:

* the next offset advances by the number of items *received* (a server may
  clamp ``limit``);
* it stops when ``total`` is reached, on an empty page, on a page shorter than
  the page size the server has shown, or on a page that brings nothing new
  (a server that ignores ``offset`` is not asked forever);
* a short page with no metadata may be a clamp or the end: after a full page
  it is the end; as the first page, the next request tells (one request);
* items are returned once, in server order, even if a page repeats one;
* when ``total`` is known, the remaining pages are fetched concurrently;
* a list shorter than the server's own ``total`` is an error, never a silent
  result, and ``max_results`` sets ``truncated`` instead of cutting silently.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
import threading

from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ApiError, DC1ResponseError

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

    ``parallel=False`` keeps the pages sequential, for callers that already fan
    out over many listings (one pool, not a pool per listing). ``on_items(items)``
    is called with each page's new items, in order, as soon as they arrive (the
    facts gatherer starts its per-user requests from it).
    """
    return _Pager(client, path, params or {}, id_field, max_results, extract, parallel, on_items).run()


class _Pager:
    def __init__(self, client, path, params, id_field, max_results, extract, parallel, on_items=None):
        if max_results is not None and max_results < 1:
            raise DC1ResponseError("max_results must be at least 1, got %r" % (max_results,))
        self.client = client
        self.path = path
        self.params = params
        self.id_field = id_field
        self.extract = extract
        self.parallel = parallel
        self.max_results = max_results
        # Ask for one item more than wanted: receiving it proves the result was truncated.
        self.want = None if max_results is None else max_results + 1
        self.limit = client.page_size if self.want is None else min(client.page_size, self.want)
        self._lock = threading.Lock()
        self.seen = set()
        self.items = []
        self.total = None
        self.end = None  # the largest total seen: a total that shrinks mid-read is not trusted to end it
        self.pages = 0
        self.on_items = on_items

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
            return self.extract(data, self.path)
        raise DC1ResponseError("GET %s: the server refused every page size tried, down to %d" % (self.path, self.limit))

    def _smaller_limit(self, exc, limit):
        """After a 400 that blames ``limit`` (a server that rejects sizes above its cap), pick a smaller one.

        The cap is read from the message when it names one ("limit must be between 1 and 20"),
        else the size is halved. Concurrent pages share the result, so it is learned once.
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

    def plan(self, offset, step):
        """Offsets to fetch next: all remaining pages when ``total`` is known, else one."""
        if self.total is None or not step or not self.parallel or self.client.max_concurrency < 2:
            return [offset]
        end = self.end
        if self.want is not None:
            end = min(end, offset + (self.want - len(self.items)))
        return list(range(offset, end, step)) or [offset]

    def run(self):
        offset, step, page_len = 0, None, None
        stop_reason = None
        full = True  # the previous page was not short (or there was none)
        confirmed = None  # offset of an empty page already asked twice
        while stop_reason is None:
            batch = self.plan(offset, step)
            if self.pages + len(batch) > MAX_PAGES:
                raise DC1ResponseError("GET %s: still paging after %d pages; giving up" % (self.path, MAX_PAGES))
            if len(batch) == 1:
                results = [(offset, self.fetch(offset))]
            else:
                results = self.client.map(lambda o: (o, self.fetch(o)), batch)
            self.pages += len(results)
            for page_offset, (page, total, server_limit) in results:
                if page_offset != offset:
                    break  # an earlier page of this batch was short: plan again from where it ended
                if total is not None:
                    self.total = total
                    self.end = max(self.end or 0, total)
                received = len(page)
                new = self.add(page)
                if received == 0 and self.total is None and full and confirmed != offset:
                    # No total, and an empty page where the previous page was full: the end of a list
                    # whose length is a multiple of the page size, or a glitch. Asking again tells.
                    confirmed = offset
                    break
                if self.want is not None and len(self.items) >= self.want:
                    stop_reason = "max_results"
                elif received == 0:
                    stop_reason = "empty page at offset %d" % offset
                elif new == 0:
                    stop_reason = "page at offset %d repeated earlier items" % offset
                # Without a total, a page that repeats items may have been shifted back (or the list grew at
                # its head): advance by the new items only, so the items after the window are not skipped.
                # With a total, the final count check catches a skip, and the concurrent plan is kept.
                offset += new if self.total is None and 0 < new < received else received
                if stop_reason:
                    break
                if self.total is not None:
                    step = server_limit or received
                    if offset >= self.end:
                        stop_reason = "total"
                        break
                    continue
                known = server_limit or page_len
                full = received >= (known or self.limit)
                if full and not known:
                    page_len = received  # the server serves pages this long: a shorter one is the end
                if not full:
                    if known:
                        stop_reason = "short page"
                        break
                    # Short, no metadata: the end, or a server clamping the page size.
                    page_len = received
        return self._result(stop_reason)

    def _result(self, stop_reason):
        truncated = False
        if self.max_results is not None:
            truncated = len(self.items) > self.max_results or (self.total or 0) > self.max_results
            del self.items[self.max_results:]
        elif self.total is not None and len(self.items) < self.total:
            raise DC1ResponseError(
                "GET %s: paging ended after %d items but the server reported a total of %d (%s); "
                "the list changed while it was read, or the server ignores offset. Nothing was returned "
                "rather than a short list: run again or narrow the filters." % (
                    self.path, len(self.items), self.total, stop_reason),
                method="GET",
                path=self.path,
            )
        return PageResult(self.items, truncated, self.total, self.pages)
