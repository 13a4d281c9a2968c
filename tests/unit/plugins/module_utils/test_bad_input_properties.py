# -*- coding: utf-8 -*-
"""Property-based tests (hypothesis) of bad input: docs/reliability.md, "Bad input".

Arguments: whatever a user types -- malformed UUIDs, impossible dates, negative or huge limits, unknown enum
values, odd base URLs, unicode and very long strings -- gives a ``DC1ConfigError`` before any request, or a
request whose parameters are well formed; never another exception, never a request after a half check.

Responses: JSON of any shape at any level, through the real client (a scripted session), pagination, the
token and certificate normalisation and the facts gathering -- gives a result or a ``DC1Error``, never a
traceback.
"""

import datetime
import math
import re

import pytest
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.digicert.one.plugins.module_utils._listing import any_api as generic
from ansible_collections.digicert.one.plugins.plugin_utils import _lookup as lookup_data
from ansible_collections.digicert.one.plugins.module_utils import _validation as validation
from ansible_collections.digicert.one.plugins.module_utils._http.client import resolve_base_url
from ansible_collections.digicert.one.plugins.module_utils._listing.credentials import read_owned
from ansible_collections.digicert.one.plugins.module_utils._errors import DC1ConfigError, DC1Error
from ansible_collections.digicert.one.plugins.module_utils._facts.gatherer import gather
from ansible_collections.digicert.one.plugins.module_utils._listing.pager import extract_list, paginate
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

from dc1_fakes import TOKEN, make_client, response

PROPS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CONNECTION = {"base_url": "https://dc1.example.test", "api_key": TOKEN}

# -- strategies ---------------------------------------------------------------------------------------------


def _not_infinite(text):
    """ansible-core's own int check turns "inf" or "1e400" into float('inf') and raises OverflowError before any
    collection code runs (the same limitation as the float bound below), so such strings are not drawn."""
    try:
        return not math.isinf(float(text))
    except (ValueError, OverflowError):
        return True


texts = st.one_of(
    st.text(max_size=40),
    st.text(min_size=500, max_size=700),                      # very long
    st.sampled_from(["", " ", "me", "ME", "783a6a45-b74b-4635-bb4b-69855910ccd", "783a6a45b74b4635bb4b69855910ccd3",
                     "783a6a45-b74b-4635-bb4b-69855910ccd3\n", "{{ x }}", "../../etc/passwd", "a\x00b", "Zürich",
                     "2026-02-30", "2026-13-01", "0000-00-00", "26-1-1", "2026-02-28T00:00:00", "-1", "1e9",
                     "ACTIVE", "active ", "bogus", "account_manager", "-timestamp", "timestamp,sideways"]),
).filter(_not_infinite)
numbers = st.one_of(st.integers(min_value=-10, max_value=10), st.integers(min_value=2 ** 31, max_value=2 ** 70),
                    st.integers(max_value=-(2 ** 40)))
# Floats stay below 1e15: ansible-core's own int check raises OverflowError on inf and on 1e300 (before any code
# of the collection runs); huge integers are still drawn.
scalars = st.one_of(st.none(), st.booleans(), numbers, st.floats(min_value=-1e15, max_value=1e15), texts)
# Lists of small integers only: [2**70] overflows ansible-core's own validator (Decimal), before collection code.
values = st.one_of(scalars, st.lists(st.one_of(st.none(), texts, st.integers(-10, 10)), max_size=3),
                   st.dictionaries(st.text(max_size=5), scalars, max_size=2))
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
              st.text(max_size=12)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(max_size=8), children, max_size=4)),
    max_leaves=12,
)
FIELDS = ["id", "name", "status", "user_type", "applications", "accounts", "primary_account_id", "service_period",
          "account", "user", "user_id", "end_date", "expiration_date", "valid_to", "enabled", "created_at", "subject",
          "serial_number", "state", "roles", "active", "timestamp", "items", "records", "total", "limit"]
dates = st.one_of(st.dates().map(lambda d: d.isoformat()),
                  st.datetimes(timezones=st.sampled_from([None, datetime.timezone.utc,
                                                          datetime.timezone(datetime.timedelta(hours=-5))]))
                  .map(lambda d: d.isoformat()),
                  st.sampled_from(["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00", "2026-02-30",
                                   "2026-06-15T10:00:00Z", "9999-12-31", "0001-01-01"]))
objects = st.dictionaries(st.sampled_from(FIELDS), st.one_of(json_values, dates), max_size=8)
responses = st.one_of(json_values, st.lists(objects, max_size=5),
                      st.fixed_dictionaries({"items": st.lists(objects, max_size=5)},
                                            optional={"total": json_values, "limit": json_values}))


class Sent(Exception):
    """Raised by the fake session: the code under test sent a request."""


def sending_client(**settings):
    def handler(method, path, params, n):
        return Sent(path, params)
    return make_client(handler, **dict(CONNECTION, **settings))


def check_sent(params):
    """What a request that got through validation may carry."""
    for key, value in params.items():
        assert isinstance(value, (str, int)) and not isinstance(value, bool), (key, value)
        if key in ("account_id", "user_id") and value != "me":
            assert UUID.match(value), (key, value)
        if key in ("from", "to"):
            assert DATE.match(value)
            datetime.date.fromisoformat(value)
        if key in ("limit", "offset"):
            assert isinstance(value, int) and value >= (1 if key == "limit" else 0)
        if isinstance(value, str):
            assert len(value) <= validation.MAX_TEXT * 40 and not any(ord(c) < 32 for c in value)


# -- arguments ----------------------------------------------------------------------------------------------
MODULES = {
    dc1_user_info: ["id", "status", "user_type", "user_name", "email", "account_id", "max_results"],
    dc1_account_info: ["id", "max_results"],
    dc1_organization_info: ["id", "account_id", "max_results"],
    dc1_role_info: ["manager", "max_results"],
    dc1_audit_log_info: ["id", "user_name", "action", "resource_types", "resource_id", "status", "account_id",
                         "from_date", "to_date", "sort", "max_results"],
    dc1_api_token_info: ["user_id"],
    dc1_client_certificate_info: ["user_id"],
    dc1_certificate_info: ["serial_number", "status", "seat_type_id", "account_id", "valid_from", "valid_to",
                           "thumbprint", "common_name", "expires_within_days", "reference_time", "max_results"],
    dc1_api_info: ["product", "path", "api_version", "params", "all_pages", "max_results"],
    dc1_certificate_profile_info: ["id", "api_token_id", "max_results"],
}


class FakeModule:
    check_mode = False

    def __init__(self, params):
        self.params = params

    def warn(self, msg):
        pass


@pytest.mark.parametrize("mod", list(MODULES), ids=lambda m: m.__name__.rsplit(".", 1)[-1])
@PROPS
@given(data=st.data())
def test_module_arguments_fail_before_any_request_or_send_well_formed_ones(mod, data):
    names = MODULES[mod]
    args = data.draw(st.dictionaries(st.sampled_from(names), values, max_size=4))
    if mod is dc1_api_info:
        args.setdefault("product", "mpki")
        args.setdefault("path", "certificate-search")
    spec = dict((k, v) for k, v in mod.SPEC.items() if k in names)
    result = ArgumentSpecValidator(spec).validate(args)
    if result.error_messages:
        return  # AnsibleModule refuses it before the module's code runs
    client = sending_client()
    try:
        mod.run(FakeModule(result.validated_parameters), client)
    except DC1ConfigError as exc:
        assert not client.session.calls, "a request was sent before the error: %s" % exc
        assert "Traceback" not in str(exc)
    except Sent:
        assert len(client.session.calls) == 1
        call = client.session.calls[0]
        assert not re.search(r"/(None|\.\.?)(/|$)", call["path"]), call["path"]
        if mod is not dc1_api_info:
            check_sent(call["params"])


@PROPS
@given(terms=st.lists(st.one_of(st.sampled_from(lookup_data.RESOURCES), texts, numbers), min_size=0, max_size=3),
       filters=st.dictionaries(st.sampled_from(sorted(lookup_data.all_filters()) + ["stauts", "limit"]), values,
                               max_size=3))
def test_lookup_terms_and_filters_are_checked_for_every_term_first(terms, filters):
    try:
        steps = lookup_data.plan(terms, filters)
    except DC1ConfigError:
        return
    client = sending_client()
    try:
        lookup_data.run_plan(client, steps)
    except DC1ConfigError as exc:
        pytest.fail("plan() accepted what run_plan() refused: %s" % exc)
    except Sent:
        check_sent(client.session.calls[0]["params"])


@PROPS
@given(url=st.one_of(texts, st.builds(
    lambda s, h, p: s + h + p,
    st.sampled_from(["", "https://", "http://", "HTTPS://", "ftp://", "//", "https:"]),
    st.sampled_from(["", "demo.one.digicert.com", "127.0.0.1:8443", "[::1]", "h\u00f6st.example", "user:pw@host"]),
    st.sampled_from(["", "/", "/account/api/v1", "/proxy/dc1", "?q=1", "#x", "/a b"]),
)))
def test_base_url_is_https_with_a_host_or_refused(url):
    try:
        base = resolve_base_url(url)
    except DC1ConfigError as exc:
        assert "base_url" in str(exc) or "host" in str(exc)
        return
    assert base.startswith("https://") and len(base) > len("https://")
    assert not base.endswith("/account/api/v1") and "?" not in base and "#" not in base


@pytest.mark.parametrize("url,fragment", [
    ("demo.one.digicert.com", "https:// URL"),
    ("http://demo.one.digicert.com", "Plain http:// is refused"),
    ("https://demo.one.digicert.com?x=1", "query string"),
])
def test_named_base_url_mistakes(url, fragment):
    with pytest.raises(DC1ConfigError) as err:
        resolve_base_url(url)
    assert fragment in str(err.value)


def test_base_url_with_a_path_keeps_it_as_a_prefix():
    assert resolve_base_url("https://proxy.example/dc1/") == "https://proxy.example/dc1"
    assert resolve_base_url("https://demo.one.digicert.com/account/api/v1/") == "https://demo.one.digicert.com"


@PROPS
@given(name=st.sampled_from(["timeout", "retries", "retry_max_wait", "page_size", "max_concurrency"]),
       value=st.one_of(st.none(), numbers, st.floats(allow_nan=False)))
def test_connection_numbers_are_checked_before_any_request(name, value):
    try:
        client = sending_client(**{name: value})
    except DC1ConfigError as exc:
        assert name in str(exc)
        return
    assert client.session.calls == []


@PROPS
@given(product=texts, version=texts, path=texts,
       params=st.dictionaries(st.text(max_size=10), values, max_size=4), all_pages=st.booleans())
def test_generic_path_and_params(product, version, path, params, all_pages):
    try:
        full = generic.api_path(product, version, path)
    except DC1ConfigError:
        full = None
    if full is not None:
        assert full.startswith("/%s/api/%s/" % (product, version))
        assert "/../" not in full and "/./" not in full and "?" not in full and "//" not in full
    try:
        query = generic.query_params(params, all_pages)
    except DC1ConfigError:
        return
    for value in query.values():
        assert value is None or isinstance(value, str) or all(isinstance(v, str) for v in value)


@PROPS
@given(name=st.sampled_from(["check_uuid", "check_date", "check_code", "check_sort", "check_text"]), value=texts)
def test_validators_return_or_raise_config_errors_only(name, value):
    try:
        getattr(validation, name)("field", value)
    except DC1ConfigError as exc:
        assert "field" in str(exc)


# -- responses ----------------------------------------------------------------------------------------------
def serving(body):
    return make_client(lambda method, path, params, n: response(body=body), retries=0)


@PROPS
@given(body=responses)
def test_extract_list_and_paginate_give_items_or_a_dc1_error(body):
    try:
        extract_list(body, "/x")
    except DC1Error:
        pass
    try:
        result = paginate(serving(body), "/account/api/v1/user")
    except DC1Error as exc:
        assert "/account/api/v1/user" in str(exc)
        return
    assert all(isinstance(i, dict) for i in result.items)


@PROPS
@given(body=responses, name=st.sampled_from(["api_token", "client_certificate"]),
       user_id=st.sampled_from([None, "me", "783a6a45-b74b-4635-bb4b-69855910ccd3"]))
def test_token_and_certificate_normalisation_never_crashes(body, name, user_id):
    try:
        items = read_owned(serving(body), name, user_id)
    except DC1Error:
        return
    for item in items:
        assert ("days_to_expiry" in item) == ("expires_at" in item)  # both or neither: absent when not sent
        assert not set(k.lower() for k in item) & {"token", "secret", "private_key", "password"}


@PROPS
@given(bodies=st.fixed_dictionaries(dict((p, responses) for p in (
    "account", "user", "organization", "role", "audit-log", "api-access-token", "client-auth-certificate",
    "certificate-search", "profile"))))
def test_facts_gathering_gives_facts_or_a_dc1_error(bodies):
    def handler(method, path, params, n):
        return response(body=bodies[path.rsplit("/", 1)[-1]])
    client = make_client(handler, retries=0)
    try:
        facts = gather(client, audit_window_days=30)
    except DC1Error:
        return
    ids = [a.get("id") for a in facts["accounts"]]
    assert all(key is None or key in ids for key in facts["summary"])


# -- regressions found by the properties above --------------------------------------------------------------
def test_trailing_newline_is_not_a_valid_uuid_code_sort_or_path():
    for check, value in ((validation.check_uuid, "783a6a45-b74b-4635-bb4b-69855910ccd3\n"),
                         (validation.check_code, "account_manager\n"), (validation.check_sort, "-timestamp\n"),
                         (validation.check_date, "2026-01-01\n")):
        with pytest.raises(DC1ConfigError):
            check("field", value)
    for args in (("mpki\n", "v1", "hello"), ("mpki", "v1\n", "hello"), ("mpki", "v1", "hello\n")):
        with pytest.raises(DC1ConfigError):
            generic.api_path(*args)


def test_me_without_an_id_leaves_user_id_unset():
    def handler(method, path, params, n):
        if path.endswith("/user/me"):
            return response(body={"user_name": "no-id"})
        return response(body={"total": 1, "items": [{"id": "t1", "end_date": "2030-01-01"}]})
    items = read_owned(make_client(handler), "api_token", "me")
    assert items[0]["user_id"] is None


def test_facts_summary_reads_fields_of_the_wrong_type_as_absent():
    bodies = {
        "account": [{"id": "a1", "service_period": "2027-01-01"}, {"id": ["x"]}],
        "user": [{"id": ["u"], "accounts": "a1", "primary_account_id": ["a1"], "applications": 5},
                 {"id": "u2", "accounts": [{"id": "a1"}], "applications": [{"roles": 7}], "status": "ACTIVE"}],
        "organization": [{"id": "o1", "account": "a1"}],
        "role": {"account_manager": []},
        "audit-log": {"total": 1, "items": [{"id": "e1", "account": ["a1"]}]},
        "api-access-token": {"total": 1, "items": [{"id": "t1", "user_id": {"id": "u2"}}]},
        "client-auth-certificate": {"total": 0, "items": []},
        "certificate-search": {"total": 3, "offset": 0, "limit": 100, "items": [
            {"serial_number": "01", "account": "a1", "status": 7, "valid_to": "2026-01-01"},
            {"serial_number": "02", "account": {"id": ["a1"]}, "status": "issued", "valid_to": 20260101},
            {"serial_number": "03", "account": {"id": "a1"}, "status": ["issued"], "valid_to": "2026-01-01"}]},
        "profile": [{"id": 7, "status": ["Active"], "private_key_attributes": {"key_size": "big"}, "certificate": 3}],
    }
    client = make_client(lambda m, path, p, n: response(body=bodies[path.rsplit("/", 1)[-1]]))
    facts = gather(client, audit_window_days=30)
    assert facts["summary"]["a1"]["users"] == 1 and facts["summary"]["a1"]["service_period_to"] is None
    assert facts["summary"]["a1"]["organizations"] == 0
    assert (facts["summary"]["a1"]["certificates"], facts["summary"]["a1"]["certificates_expiring"]) == (1, 0)


def test_end_dates_past_the_last_instant_and_odd_ids_are_read_safely():
    def handler(method, path, params, n):
        if path.endswith("/user"):
            return response(body=[{"id": "u1"}, {"id": ["u2"]}, {"id": 7}])
        return response(body={"total": 2, "items": [{"id": ["t"], "end_date": "9999-12-31T23:59:59-05:00"},
                                                    {"id": "t2", "end_date": "0001-01-01T00:00:00+05:00"}]})
    client = make_client(handler)
    items = read_owned(client, "api_token")
    assert [i["expires_at"] for i in items] == [None, None]
    assert [c["params"]["user_id"] for c in client.session.calls if "token" in c["path"]] == ["u1"]
