# -*- coding: utf-8 -*-
"""dc1_user_info through its real argument spec and main() (harness: conftest.py)."""

import pytest

from ansible_collections.digicert.one.plugins.modules import dc1_user_info

from dc1_fakes import paged, response

UUID = "783a6a45-b74b-4635-bb4b-69855910ccd3"


def test_user_filters_go_to_the_server(harness):
    users = [{"id": UUID, "status": "ACTIVE"}]
    kind, result, client = harness(dc1_user_info, {"status": "LOCKED", "user_type": "Service"}, paged(users, "bare"))
    assert client.session.calls[0]["params"]["status"] == "locked"  # any case accepted, sent as documented
    kind, result, client = harness(dc1_user_info, {"status": "active", "user_type": "service"}, paged(users, "bare"))
    assert result["users"] == users
    params = client.session.calls[0]["params"]
    assert params["status"] == "active" and params["user_type"] == "service"
    assert client.session.calls[0]["path"] == "/account/api/v1/user"


def test_user_me(harness):
    kind, result, client = harness(dc1_user_info, {"id": "me"}, lambda *a: response(body={"id": UUID}))
    assert result["users"] == [{"id": UUID}]
    assert client.session.calls[0]["path"] == "/account/api/v1/user/me"


@pytest.mark.parametrize("args,word", [
    ({"id": "not-a-uuid"}, "id must be a UUID"),
    ({"account_id": "123"}, "account_id must be a UUID"),
    ({"status": "sleeping"}, "status"),
    ({"id": "me", "status": "active"}, "cannot be combined"),
    ({"base_url": "http://dc1.example.test"}, "https://"),
])
def test_bad_input_fails_before_any_request(args, word, fails_before_any_request):
    fails_before_any_request(dc1_user_info, args, word)
