# -*- coding: utf-8 -*-
"""Paging lies that used to give a silently short list (found by tests/e2e/test_fault_matrix.py).

* a ``total`` that shrinks while the pages are read ended the read at the smaller total;
* without a total, one empty page after a full page was taken for the end of the list;
* without a total, a page shifted back by one (it repeats the previous page's last item) made the
  next offset skip the item after the window.
"""

from ansible_collections.digicert.one.plugins.module_utils._listing.pager import paginate

from dc1_fakes import make_client, response

ITEMS = [{"id": "id-%03d" % i} for i in range(30)]
PATH = "/account/api/v1/user"


def ids(result):
    return [item["id"] for item in result.items]


def test_total_shrinking_mid_read_does_not_end_the_read_early():
    def handler(method, path, params, n):
        offset, limit = int(params["offset"]), int(params["limit"])
        total = len(ITEMS) if n == 1 else len(ITEMS) - 12  # the server's total shrinks, its items do not
        return response(body={"total": total, "offset": offset, "limit": limit, "items": ITEMS[offset:offset + limit]})
    for concurrency in (1, 4):
        result = paginate(make_client(handler, page_size=5, max_concurrency=concurrency), PATH)
        assert ids(result) == [i["id"] for i in ITEMS]


def test_total_shrinking_because_items_were_deleted_still_reads_what_is_there():
    remaining = ITEMS[:18]

    def handler(method, path, params, n):
        offset, limit = int(params["offset"]), int(params["limit"])
        data = ITEMS if n == 1 else remaining
        return response(body={"total": len(data), "offset": offset, "limit": limit, "items": data[offset:offset + limit]})
    result = paginate(make_client(handler, page_size=5), PATH)
    assert ids(result) == [i["id"] for i in remaining]


def test_one_empty_page_without_total_is_asked_again():
    def handler(method, path, params, n):
        offset, limit = int(params["offset"]), int(params["limit"])
        if n == 2:
            return response(body=[])  # a glitch: items remain
        return response(body=ITEMS[offset:offset + limit])
    client = make_client(handler, page_size=5)
    assert ids(paginate(client, PATH)) == [i["id"] for i in ITEMS]
    offsets = [c["params"]["offset"] for c in client.session.calls]
    assert offsets[:4] == [0, 5, 4, 9]  # confirmed with the last item's offset, never the same request twice


def test_empty_page_confirmation_costs_one_request_only_after_a_full_page():
    def handler(method, path, params, n):
        offset, limit = int(params["offset"]), int(params["limit"])
        return response(body=ITEMS[offset:offset + limit])
    exact = make_client(handler, page_size=10)  # 30 items: the 4th page is empty, confirmed from the 30th item
    assert len(paginate(exact, PATH).items) == 30
    assert [c["params"]["offset"] for c in exact.session.calls] == [0, 10, 20, 30, 29]
    short = make_client(handler, page_size=7)  # full pages of 7, then a short 5th page: the end, no probe
    assert len(paginate(short, PATH).items) == 30
    assert len(short.session.calls) == 5
    first = make_client(handler, page_size=50)  # a short first page may be a server cap: one probe tells
    assert len(paginate(first, PATH).items) == 30
    assert [c["params"]["offset"] for c in first.session.calls] == [0, 30]
    empty = make_client(lambda *a: response(body=[]))
    assert paginate(empty, PATH).items == [] and len(empty.session.calls) == 1  # an empty first page is the answer


def test_page_shifted_back_without_total_skips_nothing():
    def handler(method, path, params, n):
        offset, limit = int(params["offset"]), int(params["limit"])
        start = offset - 1 if n == 2 else offset  # page 2 begins with page 1's last item
        return response(body=ITEMS[start:start + limit])
    client = make_client(handler, page_size=5)
    assert ids(paginate(client, PATH)) == [i["id"] for i in ITEMS]


def test_list_growing_at_its_head_without_total_loses_no_old_item():
    head = {"id": "new"}

    def handler(method, path, params, n):
        offset, limit = int(params["offset"]), int(params["limit"])
        data = [head] + ITEMS if n > 1 else ITEMS  # an item arrives at the head after page 1
        return response(body=data[offset:offset + limit])
    got = ids(paginate(make_client(handler, page_size=5), PATH))
    assert len(got) == len(set(got))
    assert set(i["id"] for i in ITEMS) <= set(got)
