# -*- coding: utf-8 -*-
"""Token and certificate normalisation over every field spelling, and the per-user fan-out."""

import datetime

import pytest

from ansible_collections.digicert.one.plugins.module_utils._listing.credentials import (
    SECRET_FIELDS,
    normalise,
    normalise_certificate,
    read_owned,
)
from ansible_collections.digicert.one.plugins.module_utils._dates import parse_instant
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError

from dc1_fakes import make_client, response

NOW = datetime.datetime(2026, 11, 23, 12, 0, 0, tzinfo=datetime.timezone.utc)
U1 = "11111111-1111-4111-8111-111111111111"
U2 = "22222222-2222-4222-8222-222222222222"


@pytest.mark.parametrize("field", ["end_date", "expiration_date", "expiry_date", "valid_to"])
def test_end_date_spellings_mean_end_of_that_utc_day(field):
    token = normalise({"id": "t", field: "2026-12-01", "created_at": "2025-01-02T03:04:05Z"}, NOW)
    assert token["expires_at"] == "2026-12-01T23:59:59Z"
    assert token["days_to_expiry"] == 8
    assert token["created_at"] == "2025-01-02T03:04:05Z"
    assert token[field] == "2026-12-01"  # what the API sent stays


def test_end_datetime_and_expired_and_none():
    assert normalise({"expiration_date": "2026-11-20T10:00:00Z"}, NOW)["days_to_expiry"] == -4
    assert normalise({"valid_to": "2026-11-23T13:00:00+01:00"}, NOW)["days_to_expiry"] == 0
    no_end = normalise({"id": "t", "end_date": None}, NOW)
    assert no_end["expires_at"] is None and no_end["days_to_expiry"] is None


@pytest.mark.parametrize("obj,enabled", [
    ({"enabled": True}, True), ({"enabled": False}, False), ({"status": "ACTIVE"}, True),
    ({"status": "active"}, True), ({"status": "DISABLED"}, False), ({"state": "REVOKED"}, False),
    ({"disabled": True}, False), ({"status": None}, None), ({}, "absent"),
])
def test_state_spellings(obj, enabled):
    # Not sent at all stays absent (unknown); sent as null is a value.
    assert normalise(obj, NOW).get("enabled", "absent") is enabled


def test_fields_the_api_did_not_send_stay_absent():
    token = normalise({"id": "t", "name": "ci"}, NOW, U1)
    assert not set(token) & {"expires_at", "days_to_expiry", "enabled", "created_at"}
    assert token["user_id"] == U1
    assert "state" not in normalise_certificate({"id": "c"}, NOW)


def test_secrets_are_never_returned():
    token = dict((name, "s3cr3t-%s" % name) for name in SECRET_FIELDS)
    token.update({"id": "t", "Token": "s3cr3t-upper"})
    out = normalise(token, NOW)
    assert not [v for v in out.values() if isinstance(v, str) and v.startswith("s3cr3t")]


def test_user_id_from_token_nested_user_or_query():
    assert normalise({"user_id": U1}, NOW, U2)["user_id"] == U1
    assert normalise({"user": {"id": U1}}, NOW, U2)["user_id"] == U1
    assert normalise({}, NOW, U2)["user_id"] == U2


def test_certificate_fields():
    cert = normalise_certificate({"id": "c", "subject": {"common_name": "ci-signer"}, "serial_number": "0A",
                                  "status": "valid", "valid_to": "2026-12-23T00:00:00Z"}, NOW, U1)
    assert (cert["subject"], cert["serial_number"], cert["state"], cert["enabled"], cert["days_to_expiry"]) == \
        ("ci-signer", "0A", "VALID", True, 29)
    assert normalise_certificate({"enabled": False, "subject": "CN=x"}, NOW)["state"] == "DISABLED"


def test_unparsable_dates_are_none_not_errors():
    for value in ("soon", "2026-13-01", "", 20261201, None):
        assert parse_instant(value) is None


def tokens_handler(tokens_by_user, users):
    def handler(method, path, params, n):
        if path == "/account/api/v1/user":
            return response(body=users)
        if path == "/account/api/v1/user/me":
            return response(body=users[0])
        assert path == "/account/api/v1/api-access-token"
        rows = tokens_by_user.get(params["user_id"] if params["user_id"] != "me" else users[0]["id"], [])
        return response(body={"total": len(rows), "offset": 0, "limit": 100, "items": rows})
    return handler


def test_every_users_tokens_concurrently_each_once():
    users = [{"id": U1}, {"id": U2}]
    tokens = {U1: [{"id": "t1", "end_date": "2026-12-01", "enabled": True}],
              U2: [{"id": "t2", "user_id": U2, "enabled": False}, {"id": "t1"}]}
    client = make_client(tokens_handler(tokens, users), max_concurrency=4)
    out = read_owned(client, "api_token", now=NOW)
    assert [(t["id"], t["user_id"]) for t in out] == [("t1", U1), ("t2", U2)]
    asked = sorted(c["params"]["user_id"] for c in client.session.calls if "user_id" in c["params"])
    assert asked == [U1, U2]


def test_me_is_resolved_to_an_id_when_tokens_do_not_say():
    users = [{"id": U1}]
    client = make_client(tokens_handler({U1: [{"id": "t1"}]}, users))
    assert read_owned(client, "api_token", "me", now=NOW)[0]["user_id"] == U1


def test_bad_user_id_fails_before_any_request():
    client = make_client(lambda *a: pytest.fail("no request expected"))
    with pytest.raises(DC1ConfigError):
        read_owned(client, "api_token", "bob")
