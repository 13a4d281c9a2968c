# -*- coding: utf-8 -*-
"""The pager's rules over a model of every server the API documents leave possible (docs/api-notes.md).

Table-driven over shape x paging x cap x page size x ``max_results``, and a property: whatever a run learned
before, on whichever page size, no listing ever returns fewer items than the server holds, and none sends the
same request twice.
"""

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.digicert.one.plugins.module_utils._listing.pager import learn, paginate

from dc1_fakes import make_client, response

PATH = "/account/api/v1/organization"
SHAPES = ("envelope", "records", "items", "bare")
PAGING = ("honour", "whole", "own-size")


class Server:
    """One path of a server: ``lists[key]`` are the items a filter (``key`` param) selects.

    ``paging``: ``honour`` (limit and offset), ``whole`` (every answer is the whole list), ``own-size`` (ignores
    ``limit``, serves pages of ``own`` items, honours ``offset``). ``cap``: pages of at most this many items,
    clamped silently (``clamp``) or a 400 naming the cap for a larger limit (``reject``).
    """

    def __init__(self, shape="bare", paging="honour", cap=None, mode="clamp", own=7):
        self.shape, self.paging, self.cap, self.mode, self.own = shape, paging, cap, mode, own
        self.lists = {}
        self.asked = []

    def items(self, key, n):
        self.lists[key] = [{"id": "%s-%04d" % (key, i)} for i in range(n)]
        return self.lists[key]

    def handler(self, method, path, params, n):
        self.asked.append(tuple(sorted(params.items())))
        data = self.lists[params.get("key", "k")]
        offset, limit = int(params["offset"]), int(params["limit"])
        if self.cap and limit > self.cap:
            if self.mode == "reject":
                return response(400, {"errors": [{"code": "invalid_request",
                                                  "message": "limit must be between 1 and %d" % self.cap}]})
            limit = self.cap
        if self.paging == "whole":
            page, offset, limit = data, 0, len(data)
        elif self.paging == "own-size":
            page, limit = data[offset:offset + self.own], self.own
        else:
            page = data[offset:offset + limit]
        return response(body=self.body(page, len(data), offset, limit))

    def body(self, page, total, offset, limit):
        if self.shape == "envelope":
            return {"total": total, "offset": offset, "limit": limit, "items": page}
        if self.shape == "records":
            return {"records": page, "total": total}
        if self.shape == "items":
            return {"items": page}
        return page


def pages_needed(server, n, page_size):
    """What a client that knew the server would send: its page size, and one page for an empty list."""
    if server.paging == "whole":
        return 1
    size = server.own if server.paging == "own-size" else min(page_size, server.cap or page_size)
    return max(1, math.ceil(n / size))


def check(server, client, key, n, max_results=None):
    before = len(server.asked)
    wanted = server.items(key, n)
    result = paginate(client, PATH, {"key": key}, max_results=max_results)
    expected = wanted if max_results is None else wanted[:max_results]
    assert [i["id"] for i in result.items] == [i["id"] for i in expected]
    assert result.truncated is (max_results is not None and n > max_results)
    asked = server.asked[before:]
    assert len(asked) == len(set(asked)), "a request was sent twice: %s" % asked
    return asked


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("paging", PAGING)
@pytest.mark.parametrize("cap,mode", [(None, "clamp"), (5, "clamp"), (50, "clamp"), (5, "reject")])
@pytest.mark.parametrize("page_size", [6, 100])
@pytest.mark.parametrize("max_results", [None, 5, 40])
@pytest.mark.parametrize("n", [0, 5, 6, 49, 50, 237])
def test_every_shape_limit_and_max_results_returns_exactly_the_server_list(shape, paging, cap, mode, page_size,
                                                                           max_results, n):
    server = Server(shape, paging, cap, mode)
    client = make_client(server.handler, page_size=page_size)
    asked = check(server, client, "k", n, max_results)
    # at most one probe and one confirming request over the pages needed, plus a refused limit
    extra = 2 + (1 if mode == "reject" and page_size > (cap or page_size) else 0)
    assert len(asked) <= pages_needed(server, n, page_size) + extra


def test_a_lesson_learned_at_a_smaller_page_size_never_ends_a_listing_at_a_larger_one():
    """The issue's case: a full page at limit 6 shows no cap below 6; at limit 100 a page of 50 may be a cap."""
    server = Server("bare", "honour", cap=50)
    small = make_client(server.handler, page_size=6)
    check(server, small, "a", 20)
    large = make_client(server.handler, page_size=100)
    large.knowledge.load(small.knowledge.export())
    check(server, large, "b", 237)


def test_refuted_within_one_client_a_listing_cut_by_max_results_teaches_no_short_page_rule():
    server = Server("bare", "honour", cap=50)
    client = make_client(server.handler, page_size=100)
    check(server, client, "a", 237, max_results=5)  # limit 6: a full page, and enough
    check(server, client, "b", 237)


def test_an_honest_short_list_does_not_teach_that_every_short_page_ends():
    """3 items, probed: the list ended. A later page of 5 on a path that caps at 5 still reads on."""
    server = Server("bare", "honour", cap=5)
    client = make_client(server.handler, page_size=100)
    assert len(check(server, client, "a", 3)) == 2
    check(server, client, "b", 12)
    assert len(check(server, client, "c", 4)) == 1  # shorter than the cap now known: the end


def test_learn_reads_only_the_first_page_and_hands_the_lessons_over():
    server = Server("bare", "whole")
    server.items("k", 300)
    tenant = make_client(server.handler)
    assert len(learn(tenant, PATH, {"key": "k"})) == 300
    assert len(server.asked) == 2  # the first page and the probe that shows the path ignores paging
    host = make_client(server.handler)
    host.knowledge.load(tenant.knowledge.export())
    assert len(check(server, host, "x", 7)) == 1


def test_knowledge_load_ignores_malformed_data():
    client = make_client(Server().handler)
    client.knowledge.load({"paths": {PATH: {"floor": "many", "cap": -3, "whole": "yes"}, 7: {}}, "per_user": []})
    lessons = client.knowledge.path(PATH)
    assert (lessons.floor, lessons.cap, lessons.whole, lessons.max_limit) == (0, None, False, None)


LISTINGS = st.lists(st.tuples(st.integers(0, 130), st.sampled_from([None, 1, 4, 60]), st.sampled_from([6, 50, 100])),
                    min_size=1, max_size=6)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=st.sampled_from(SHAPES), paging=st.sampled_from(PAGING),
       cap=st.sampled_from([None, 1, 3, 5, 7, 50]), mode=st.sampled_from(["clamp", "reject"]),
       own=st.integers(1, 60), listings=LISTINGS)
def test_no_listing_ever_returns_fewer_items_than_the_server_holds(shape, paging, cap, mode, own, listings):
    """Listings of one path in a row, each on a client of its own page size holding what the run learned so far."""
    server = Server(shape, paging, cap, mode, own)
    learned = {}
    for number, (n, max_results, page_size) in enumerate(listings):
        client = make_client(server.handler, page_size=page_size)
        client.knowledge.load(learned)
        check(server, client, "k%d" % number, n, max_results)
        learned = client.knowledge.export()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=st.sampled_from(SHAPES), paging=st.sampled_from(PAGING), cap=st.sampled_from([None, 3, 50]),
       n=st.integers(0, 260), page_size=st.sampled_from([7, 100]))
def test_a_streamed_listing_hands_over_every_item_once_and_keeps_none(shape, paging, cap, n, page_size):
    server = Server(shape, paging, cap)
    wanted = server.items("k", n)
    client = make_client(server.handler, page_size=page_size, max_concurrency=4)
    got = []
    result = paginate(client, PATH, {"key": "k"}, on_items=got.extend, keep=False)
    assert [i["id"] for i in got] == [i["id"] for i in wanted]
    assert result.items == [] and result.count == n


def test_a_streamed_listing_drops_an_item_a_shifted_page_repeats():
    items = [{"id": "i-%03d" % i} for i in range(30)]

    def shifted(method, path, params, n):
        offset, limit = int(params["offset"]), int(params["limit"])
        start = offset - 1 if offset else 0  # every later page begins with the previous page's last item
        return response(body=items[start:start + limit])  # no total: the offset follows the new items
    got = []
    result = paginate(make_client(shifted, page_size=10), PATH, on_items=got.extend, keep=False)
    assert [i["id"] for i in got] == [i["id"] for i in items] and result.count == 30
