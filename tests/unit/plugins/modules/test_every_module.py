# -*- coding: utf-8 -*-
"""What holds for every read-only _info module: check mode, no_log, documentation equal to the spec."""

import pytest

from ansible_collections.digicert.one.plugins.modules import (
    dc1_account_info,
    dc1_api_info,
    dc1_api_token_info,
    dc1_audit_log_info,
    dc1_certificate_info,
    dc1_certificate_profile_info,
    dc1_client_certificate_info,
    dc1_organization_info,
    dc1_role_info,
    dc1_user_info,
)

from dc1_fakes import paged

MODULES = [dc1_user_info, dc1_account_info, dc1_organization_info, dc1_role_info, dc1_audit_log_info,
           dc1_api_token_info, dc1_client_certificate_info, dc1_api_info, dc1_certificate_info,
           dc1_certificate_profile_info]
REQUIRED = {dc1_api_info: {"product": "mpki", "path": "certificate-search"}}


@pytest.mark.parametrize("mod", MODULES)
def test_every_module_is_read_only_and_check_mode_safe(mod, harness):
    args = dict(REQUIRED.get(mod, {}), _ansible_check_mode=True)
    kind, result, client = harness(mod, args, paged([], "envelope"))
    assert kind == "exit" and result["changed"] is False
    assert len(client.session.calls) == 1


@pytest.mark.parametrize("mod", MODULES)
def test_api_key_is_no_log_and_documented_options_match_the_spec(mod):
    spec = mod.SPEC
    assert spec["api_key"]["no_log"] is True and spec["client_key"]["no_log"] is True
    from ansible.utils.plugin_docs import get_docstring  # noqa: PLC0415 - controller-side helper
    from ansible.plugins.loader import fragment_loader  # noqa: PLC0415
    doc = get_docstring(mod.__file__, fragment_loader)[0]
    assert set(doc["options"]) == set(spec)
    for name, opt in doc["options"].items():
        assert opt.get("type", "str") == spec[name].get("type", "str"), name
        assert opt.get("choices") == spec[name].get("choices"), name
        assert opt.get("default") == spec[name].get("default"), name
        assert bool(opt.get("required")) == bool(spec[name].get("required")), name
