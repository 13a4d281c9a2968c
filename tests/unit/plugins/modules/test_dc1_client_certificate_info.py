# -*- coding: utf-8 -*-
"""dc1_client_certificate_info through its real argument spec and main() (harness: conftest.py)."""

from ansible_collections.digicert.one.plugins.modules import dc1_client_certificate_info


def test_bad_input_fails_before_any_request(fails_before_any_request):
    fails_before_any_request(dc1_client_certificate_info, {"user_id": "12"}, "user_id must be a UUID")
