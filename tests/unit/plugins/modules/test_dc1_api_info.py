# -*- coding: utf-8 -*-
"""dc1_api_info through its real argument spec and main() (harness: conftest.py)."""

import pytest

from ansible_collections.digicert.one.plugins.modules import dc1_api_info


@pytest.mark.parametrize("args,word", [
    ({"product": "mpki", "path": "../account/api/v1/user"}, "path must be"),
    ({"product": "mpki", "path": "x", "max_results": 3}, "all_pages"),
])
def test_bad_input_fails_before_any_request(args, word, fails_before_any_request):
    fails_before_any_request(dc1_api_info, args, word)
