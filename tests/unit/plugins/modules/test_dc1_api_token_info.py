# -*- coding: utf-8 -*-
"""dc1_api_token_info through its real argument spec and main() (harness: conftest.py)."""

import pytest

from ansible_collections.digicert.one.plugins.modules import dc1_api_token_info

from dc1_fakes import paged

UUID = "783a6a45-b74b-4635-bb4b-69855910ccd3"


@pytest.mark.parametrize("args,word", [
    ({"user_id": "bob"}, "user_id must be a UUID"),
    ({"reference_time": "next week"}, "reference_time must be a date"),
])
def test_bad_input_fails_before_any_request(args, word, fails_before_any_request):
    fails_before_any_request(dc1_api_token_info, args, word)


def test_reference_time_fixes_the_day_counts(harness):
    tokens = [{"id": "t1", "name": "ci", "user_id": UUID, "end_date": "2026-12-01", "enabled": True}]
    for reference, days in (("2026-11-21", 10), ("2026-12-02T00:00:00Z", -1)):
        kind, result, _client = harness(dc1_api_token_info, {"user_id": UUID, "reference_time": reference},
                                        paged(tokens, "envelope"))
        assert kind == "exit" and result["api_tokens"][0]["days_to_expiry"] == days
