# -*- coding: utf-8 -*-
"""Words that agree with the numbers: ages in calendar days, administrators counted as DC1-ACCT-002 counts them,
option names as the user wrote them."""

import datetime

import pytest

from ansible_collections.digicert.one.plugins.module_utils import _dates as dates
from ansible_collections.digicert.one.plugins.module_utils._listing.endpoints import ENDPOINTS, build_query
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError
from ansible_collections.digicert.one.plugins.module_utils._facts.summary import summarise
from ansible_collections.digicert.one.plugins.module_utils._lifecycle.posture import key_compromise
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.checks import token_old
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.engine import evaluate
from ansible_collections.digicert.one.plugins.plugin_utils._compliance.view import FactsView

UTC = datetime.timezone.utc


@pytest.mark.parametrize("then,now,days", [
    ("2026-06-02", "2026-06-07T10:00:00Z", 5),  # revoked on the 2nd: 5 days ago on the 7th, whatever the hour
    ("2026-06-02T18:00:00Z", "2026-06-07T09:00:00Z", 5),
    ("2024-07-12T00:13:12Z", "2026-06-15T23:30:00Z", 703),  # 703.97 days ago: 703 days old
    ("2026-06-07T00:00:01Z", "2026-06-07T23:59:59Z", 0),
    ("2025-06-15T12:00:00Z", "2026-06-15T11:00:00Z", 365),
])
def test_ages_are_calendar_days(then, now, days):
    moment = dates.parse_instant(now)
    assert dates.days_since(then, moment) == days
    view = FactsView({"reference_time": now})
    assert view.age_days(then) == days


def test_check_messages_count_calendar_days():
    facts = {"reference_time": "2026-06-07T10:00:00Z", "users": [{"id": "u1", "user_name": "ann", "accounts": []}]}
    view = FactsView(facts)
    cert = {"serial_number": "0A", "status": "revoked",
            "revocation": {"reason": "key_compromise", "revocation_date": "2026-06-02", "comments": ""}}
    assert "revoked for key compromise 5 day(s) ago" in key_compromise(view, cert, 30)[0]
    view = FactsView(dict(facts, reference_time="2026-06-15T23:30:00Z"))
    token = {"id": "t1", "name": "ci", "user_id": "u1", "enabled": True, "expires_at": None,
             "created_at": "2024-07-12T00:13:12Z"}
    assert token_old(view, token, 365)["message"] == "API token is 703 days old (rotate after 365)"


def admin_app():
    return [{"id": "am", "name": "Account Manager", "roles": ["AM_ACCOUNT_ADMIN"]}]


def test_the_summary_counts_administrators_as_dc1_acct_002_does():
    account = {"id": "a1", "name": "Acme", "active": True}
    service_admin = {"id": "s1", "user_type": "service", "status": "ACTIVE", "accounts": [{"id": "a1"}],
                     "applications": admin_app(), "friendly_name": "robot"}
    now = datetime.datetime(2026, 6, 15, tzinfo=UTC)
    rows = summarise([account], [service_admin], now, 30)
    assert rows["a1"]["active_admins"] == 0 and rows["a1"]["service_users"] == 1
    finding = [f for f in evaluate({"reference_time": "2026-06-15", "accounts": [account], "users": [service_admin],
                                    "api_tokens": [], "client_certificates": [], "certificates": [], "audit": {}})
               ["findings"] if f["check"] == "DC1-ACCT-002"]
    assert finding and finding[0]["message"] == "no ACTIVE administrator"
    standard = dict(service_admin, id="u1", user_type="standard", user_name="ann")
    assert summarise([account], [service_admin, standard], now, 30)["a1"]["active_admins"] == 1


@pytest.mark.parametrize("options,name", [({"from_date": "soon"}, "from"), ({"to_date": "later"}, "to")])
def test_a_bad_date_is_named_as_the_user_wrote_it(options, name):
    with pytest.raises(DC1ConfigError) as err:
        build_query(ENDPOINTS["audit_log"], options)
    assert str(err.value).startswith("%s must be a date" % name)
    with pytest.raises(DC1ConfigError) as err:
        build_query(ENDPOINTS["audit_log"], {"from_date": "2026-03-02", "to_date": "2026-03-01"})
    assert "from" in str(err.value) and "from_date" not in str(err.value)
