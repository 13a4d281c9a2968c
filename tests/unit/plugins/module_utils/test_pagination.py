# -*- coding: utf-8 -*-
"""The one pagination routine over every list shape the API may use."""

import pytest

from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ResponseError
from ansible_collections.digicert.one.plugins.module_utils._listing.pager import paginate

from dc1_fakes import make_client, paged, response

ITEMS = [{"id": "id-%03d" % i, "n": i} for i in range(237)]
PATH = "/account/api/v1/audit-log"


def ids(result):
    return [item["id"] for item in result.items]


@pytest.mark.parametrize("envelope", ["envelope", "records", "items", "bare"])
@pytest.mark.parametrize("cap", [None, 20, 100])
@pytest.mark.parametrize("concurrency", [1, 4])
def test_every_shape_and_clamp_returns_every_item_once(envelope, cap, concurrency):
    client = make_client(paged(ITEMS, envelope, cap), max_concurrency=concurrency)
    result = paginate(client, PATH)
    assert ids(result) == [i["id"] for i in ITEMS]
    assert result.truncated is False
    page = min(100, cap or 100)
    needed = -(-len(ITEMS) // page)
    calls = len(client.session.calls)
    if envelope in ("envelope", "records"):
        assert calls == needed  # total known: not one request more
    else:
        assert calls <= needed + 1  # no metadata: at most one request to see the end


def test_offsets_follow_what_the_server_returned():
    client = make_client(paged(ITEMS, "envelope", cap=20))
    paginate(client, PATH)
    offsets = [c["params"]["offset"] for c in client.session.calls]
    assert offsets == list(range(0, 237, 20))
    assert all(c["params"]["limit"] == 100 for c in client.session.calls)


def test_bare_list_that_ignores_paging_is_read_in_one_request_once_the_path_has_shown_it():
    client = make_client(paged(ITEMS, "bare-ignore"))
    result = paginate(client, PATH)
    assert ids(result) == [i["id"] for i in ITEMS]
    # longer than asked: the whole list, or pages of the server's own size? The next offset tells, once a run
    assert [c["params"]["offset"] for c in client.session.calls] == [0, 237]
    assert client.knowledge.path(PATH).whole
    again = paginate(client, PATH)
    assert len(again.items) == 237 and len(client.session.calls) == 3


def test_short_list_of_a_path_that_ignores_paging_is_learned_once():
    client = make_client(paged(ITEMS[:7], "bare-ignore"))
    assert len(paginate(client, PATH).items) == 7
    assert len(client.session.calls) == 2  # the probe got the same items again: the path ignores paging
    for n in (3, 0, 7):
        other = make_client(paged(ITEMS[:n], "bare-ignore"))
        other.knowledge = client.knowledge
        assert len(paginate(other, PATH).items) == n and len(other.session.calls) == 1


def test_short_bare_list_costs_one_probe_at_most():
    client = make_client(paged(ITEMS[:7], "bare"))
    assert len(paginate(client, PATH).items) == 7
    assert len(client.session.calls) == 2


def test_filters_are_sent_on_every_page():
    client = make_client(paged(ITEMS, "envelope", cap=50))
    paginate(client, PATH, {"status": "failure"})
    assert all(c["params"]["status"] == "failure" for c in client.session.calls)


def test_duplicates_across_pages_are_returned_once():
    def handler(method, path, params, n):
        offset = int(params["offset"])
        page = ITEMS[offset:offset + 20]
        if offset:
            page = [ITEMS[offset - 1]] + page  # the previous page's last item again
        return response(body={"total": len(ITEMS), "offset": offset, "limit": 20, "items": page})
    client = make_client(handler)
    result = paginate(client, PATH)
    assert ids(result) == [i["id"] for i in ITEMS]


def test_first_page_larger_than_asked_is_the_whole_list_and_a_later_one_is_used_whole():
    def ignores_limit(method, path, params, n):
        return response(body=ITEMS[:150])  # ignores limit=100: what it returns is everything
    client = make_client(ignores_limit)
    assert len(paginate(client, PATH).items) == 150 and len(client.session.calls) == 2  # the probe repeats them

    def oversize_second(method, path, params, n):
        offset = int(params["offset"])
        return response(body=ITEMS[offset:offset + (150 if offset else 100)])
    assert ids(paginate(make_client(oversize_second), PATH)) == [i["id"] for i in ITEMS]


def test_max_results_marks_truncated_instead_of_cutting_silently():
    client = make_client(paged(ITEMS, "items", cap=20))
    result = paginate(client, PATH, max_results=30)
    assert ids(result) == [i["id"] for i in ITEMS[:30]]
    assert result.truncated is True
    exact = paginate(make_client(paged(ITEMS[:30], "bare")), PATH, max_results=30)
    assert len(exact.items) == 30 and exact.truncated is False


def test_max_results_with_total_known():
    result = paginate(make_client(paged(ITEMS, "envelope")), PATH, max_results=237)
    assert result.truncated is False and len(result.items) == 237
    result = paginate(make_client(paged(ITEMS, "envelope")), PATH, max_results=236)
    assert result.truncated is True and len(result.items) == 236


def test_empty_page_before_total_is_an_error_not_a_short_list():
    def handler(method, path, params, n):
        offset = int(params["offset"])
        page = [] if offset >= 40 else ITEMS[offset:offset + 20]
        return response(body={"total": len(ITEMS), "offset": offset, "limit": 20, "items": page})
    with pytest.raises(DC1ResponseError) as err:
        paginate(make_client(handler), PATH)
    assert "total of 237" in str(err.value) and PATH in str(err.value)


def test_server_ignoring_offset_with_total_is_an_error():
    def handler(method, path, params, n):
        return response(body={"total": len(ITEMS), "offset": 0, "limit": 20, "items": ITEMS[:20]})
    client = make_client(handler)
    with pytest.raises(DC1ResponseError):
        paginate(client, PATH)
    assert len(client.session.calls) == 2


def test_total_growing_during_paging_is_followed():
    grown = ITEMS + [{"id": "late-%d" % i} for i in range(5)]

    def handler(method, path, params, n):
        offset = int(params["offset"])
        data = ITEMS if n == 1 else grown
        return response(body={"total": len(data), "offset": offset, "limit": 50, "items": data[offset:offset + 50]})
    result = paginate(make_client(handler), PATH)
    assert len(result.items) == len(grown)


@pytest.mark.parametrize("body", [{"unexpected": 1}, "text", 42, {"items": "nope"}, {"items": [1, 2]}, [None]])
def test_wrong_shapes_fail_clearly(body):
    client = make_client(lambda *a: response(body=body))
    with pytest.raises(DC1ResponseError) as err:
        paginate(client, PATH)
    assert PATH in str(err.value)


def test_items_without_id_are_kept_and_deduplicated_by_content():
    rows = [{"name": "a"}, {"name": "b"}, {"name": "a"}]  # no total: a repeat is not a lost item
    result = paginate(make_client(lambda *a: response(body={"items": rows})), PATH)
    assert result.items == [{"name": "a"}, {"name": "b"}]


def rejecting(items, cap, message="limit must be between 1 and %d"):
    """A server that answers 400 to a limit above its cap (the simulator's reject mode)."""
    def handler(method, path, params, n):
        limit, offset = int(params["limit"]), int(params["offset"])
        if limit > cap:
            text = message % cap if "%d" in message else message
            return response(400, {"errors": [{"code": "invalid_request", "message": text}]})
        return response(body={"total": len(items), "offset": offset, "limit": limit, "items": items[offset:offset + limit]})
    return handler


def test_rejected_page_size_is_lowered_to_the_cap_the_server_names():
    client = make_client(rejecting(ITEMS, 20))
    result = paginate(client, PATH)
    assert ids(result) == [i["id"] for i in ITEMS]
    limits = [c["params"]["limit"] for c in client.session.calls]
    assert limits[0] == 100 and set(limits[1:]) == {20}
    assert len(limits) == 1 + 12  # one refused request, then the pages


def test_rejected_page_size_without_a_number_is_halved():
    client = make_client(rejecting(ITEMS, 30, "limit is too large"))
    assert len(paginate(client, PATH).items) == len(ITEMS)
    assert [c["params"]["limit"] for c in client.session.calls][:3] == [100, 50, 25]


def test_other_400s_are_not_retried():
    client = make_client(lambda *a: response(400, {"errors": [{"code": "invalid_request", "message": "bad status"}]}))
    with pytest.raises(Exception) as err:
        paginate(client, PATH)
    assert "bad status" in str(err.value) and len(client.session.calls) == 1


def test_what_a_path_showed_is_shared_by_its_later_listings():
    """Per-user listings share a path: a page shorter than the most the path served in one page is the end; a
    page as long as that or longer may be a cap, so only the next offset can tell (5 items after 3)."""
    def handler(method, path, params, n):
        items = ITEMS[:int(params["user_id"][1:])]
        offset = int(params["offset"])
        return response(body=items[offset:offset + int(params["limit"])])
    client = make_client(handler)
    for n, requests in ((3, 2), (2, 1), (0, 1), (5, 2), (1, 1), (4, 1)):
        before = len(client.session.calls)
        assert len(paginate(client, PATH, {"user_id": "u%d" % n}).items) == n
        assert len(client.session.calls) - before == requests
    params = [tuple(sorted(c["params"].items())) for c in client.session.calls]
    assert len(params) == len(set(params))  # no request was sent twice


def test_a_capping_path_is_learned_by_its_probe():
    client = make_client(paged(ITEMS, "bare", cap=20))
    assert len(paginate(client, PATH).items) == len(ITEMS)
    assert client.knowledge.path(PATH).cap == 20
    short = make_client(paged(ITEMS[:20], "bare", cap=20))
    short.knowledge = client.knowledge
    # a page of the cap's size goes on; the empty page after it is confirmed from the last item's offset
    assert len(paginate(short, PATH).items) == 20 and len(short.session.calls) == 3
    tiny = make_client(paged(ITEMS[:7], "bare", cap=20))
    tiny.knowledge = client.knowledge
    assert len(paginate(tiny, PATH).items) == 7 and len(tiny.session.calls) == 1  # shorter than the cap: the end


def test_concurrent_listings_wait_for_one_probe():
    import threading
    started = threading.Event()

    def handler(method, path, params, n):
        offset = int(params["offset"])
        if offset:
            started.wait(5)  # hold the probe until every listing has read its first page
        return response(body=ITEMS[:4][offset:offset + 100] if params["user_id"] == "a" else ITEMS[:2][offset:])
    client = make_client(handler, max_concurrency=8)
    results = {}

    def one(user):
        results[user] = paginate(client, PATH, {"user_id": user}, parallel=False).items
    threads = [threading.Thread(target=one, args=(u,)) for u in ("a", "b", "b2", "b3")]
    for t in threads:
        t.start()
    while len(client.session.calls) < 4:
        threading.Event().wait(0.01)
    started.set()
    for t in threads:
        t.join()
    assert len(results["a"]) == 4 and len(results["b3"]) == 2
    assert len(client.session.calls) == 5  # four first pages and one probe for the path
