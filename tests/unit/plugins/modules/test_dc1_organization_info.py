# -*- coding: utf-8 -*-
"""dc1_organization_info through its real argument spec and main() (harness: conftest.py)."""

import pytest

from ansible_collections.digicert.one.plugins.modules import dc1_organization_info

from dc1_fakes import paged, response

UUID = "783a6a45-b74b-4635-bb4b-69855910ccd3"


def test_account_filter_goes_to_the_server(harness):
    orgs = [{"id": UUID, "name": "Example Org"}]
    kind, result, client = harness(dc1_organization_info, {"account_id": UUID}, paged(orgs, "bare"))
    assert kind == "exit" and result["organizations"] == orgs
    assert client.session.calls[0]["path"] == "/account/api/v1/organization"
    assert client.session.calls[0]["params"]["account_id"] == UUID


def test_one_organization_by_id(harness):
    kind, result, client = harness(dc1_organization_info, {"id": UUID}, lambda *a: response(body={"id": UUID}))
    assert kind == "exit" and result["organizations"] == [{"id": UUID}]
    assert client.session.calls[0]["path"] == "/account/api/v1/organization/" + UUID


@pytest.mark.parametrize("args,word", [
    ({"id": "acme"}, "id must be a UUID"),
    ({"account_id": "42"}, "account_id must be a UUID"),
])
def test_bad_input_fails_before_any_request(args, word, fails_before_any_request):
    fails_before_any_request(dc1_organization_info, args, word)
