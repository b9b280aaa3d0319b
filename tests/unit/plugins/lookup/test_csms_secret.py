# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The csms_secret lookup against a scripted loopback server: what it asks for, what it returns, and that no value
ever appears in a message."""

from __future__ import annotations

import json
import sys

import pytest

from ansible.errors import AnsibleError
from ansible.plugins.loader import lookup_loader

from ansible_collections.hwcloud.connections.plugins.module_utils.endpoints import resolve_endpoint

PROJECT = "0123456789abcdef0123456789abcdef"
VALUE = "CANARY-lookup-9d41c2"
ENVIRONMENT = ("HW_REGION_NAME", "HW_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID", "HW_ACCESS_KEY", "HUAWEICLOUD_SDK_AK", "HW_SECRET_KEY",
               "HUAWEICLOUD_SDK_SK", "HW_SECURITY_TOKEN", "HUAWEICLOUD_SDK_SECURITY_TOKEN", "HW_DOMAIN_NAME", "HW_USER_NAME",
               "HW_PASSWORD", "HUAWEICLOUD_ENDPOINT_URL", "HUAWEICLOUD_CA_BUNDLE", "HW_CLOUD", "HUAWEICLOUD_TOKEN_CACHE")


@pytest.fixture(scope="module")
def lookup():
    return lookup_loader.get("hwcloud.connections.csms_secret")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


def options(server, **extra):
    return dict({"region": "cn-north-4", "project_id": PROJECT, "access_key": "AK", "secret_key": "SK-unit",
                 "endpoint_url": server.url, "max_retries": 0}, **extra)


def version(value, field="secret_string", version_id="v3"):
    return {"version": {"version_metadata": {"id": version_id, "secret_name": "s", "version_stages": ["SYSCURRENT"]}, field: value}}


def test_the_latest_value_of_a_secret(lookup, server):
    server.queue(200, version(VALUE))
    assert lookup.run(["orders-db"], variables={}, **options(server)) == [VALUE]
    assert [request["path"] for request in server.requests] == ["/v1/%s/secrets/orders-db/versions/latest" % PROJECT]
    assert server.requests[0]["method"] == "GET" and server.requests[0]["headers"]["Authorization"].startswith("SDK-HMAC-SHA256")


def test_a_version_and_a_field_of_a_json_secret_for_several_terms(lookup, server):
    server.queue(200, version(json.dumps({"user": "app", "password": VALUE + "-1", "port": 3306})))
    server.queue(200, version(json.dumps({"password": VALUE + "-2"})))
    assert lookup.run(["a.db", "b_db"], variables={}, version_id="v2", key="password", **options(server)) == [VALUE + "-1", VALUE + "-2"]
    assert [request["path"].rsplit("/", 3)[1:] for request in server.requests] == [["a.db", "versions", "v2"], ["b_db", "versions", "v2"]]
    server.queue(200, version(json.dumps({"port": 3306})))
    assert lookup.run(["a"], variables={}, key="port", **options(server)) == ["3306"]


def test_a_binary_secret_is_returned_as_its_base64_text(lookup, server):
    server.queue(200, version("Q0FOQVJZ", field="secret_binary"))
    assert lookup.run(["cert"], variables={}, **options(server)) == ["Q0FOQVJZ"]


@pytest.mark.parametrize("stored, key, expected", [
    ("not json " + VALUE, "password", "key=password needs a secret that holds a JSON object"),
    (json.dumps(["x", VALUE]), "password", "key=password needs a secret that holds a JSON object"),
    (json.dumps({"user": VALUE}), "password", "the JSON secret has no field 'password'"),
])
def test_a_key_the_secret_cannot_give_fails_without_showing_the_value(lookup, server, stored, key, expected):
    server.queue(200, version(stored))
    with pytest.raises(AnsibleError) as raised:
        lookup.run(["orders-db"], variables={}, key=key, **options(server))
    assert expected in str(raised.value) and "secret orders-db version latest" in str(raised.value)
    assert VALUE not in str(raised.value) and "user" not in str(raised.value)


MISSING = [(400, {"error_code": "CSMS.0106", "error_msg": "The secret name not found int the db."}),
           (400, {"error_code": "CSMS.0005", "error_msg": "The resource does not exist."}),
           (404, {"error_code": "CSMS.0404", "error_msg": "not found"})]


@pytest.mark.parametrize("status, body", MISSING)
def test_on_missing_error_names_the_call_and_the_code(lookup, server, status, body):
    server.queue(status, body)
    with pytest.raises(AnsibleError, match=r"csms_secret: GET /v1/%s/secrets/gone/versions/latest failed: HTTP %d %s" % (
            PROJECT, status, body["error_code"])):
        lookup.run(["gone"], variables={}, **options(server))


@pytest.mark.parametrize("status, body", MISSING)
def test_on_missing_skip_and_warn_leave_the_term_out(lookup, server, status, body, monkeypatch):
    warnings = []
    monkeypatch.setattr(sys.modules[type(lookup).__module__].display, "warning", warnings.append)
    for on_missing in ("skip", "warn"):
        server.queue(200, version(VALUE))
        server.queue(status, body)
        assert lookup.run(["here", "gone"], variables={}, on_missing=on_missing, **options(server)) == [VALUE]
    assert warnings == ["hwcloud.connections.csms_secret: secret gone version latest not found (%s); left out" % body["error_code"]]


@pytest.mark.parametrize("status, body", [(400, {"error_code": "CSMS.0103", "error_msg": "The secret is in the scheduled deletion state."}),
                                          (404, {"error_code": "APIGW.0101", "error_msg": "The API does not exist"}),
                                          (403, {"error_code": "APIGW.0302", "error_msg": "not authorized"})])
def test_other_failures_are_errors_even_with_on_missing_skip(lookup, server, status, body):
    server.queue(status, body)
    with pytest.raises(AnsibleError, match="HTTP %d %s" % (status, body["error_code"])):
        lookup.run(["x"], variables={}, on_missing="skip", **options(server))


def test_a_server_echoing_a_value_already_read_is_masked(lookup, server):
    server.queue(200, version(json.dumps({"password": VALUE})))
    server.queue(400, {"error_code": "CSMS.0002", "error_msg": "bad request echo %s and %s" % (VALUE, json.dumps({"password": VALUE}))})
    with pytest.raises(AnsibleError) as raised:
        lookup.run(["first", "second"], variables={}, key="password", **options(server))
    assert "HTTP 400 CSMS.0002" in str(raised.value) and VALUE not in str(raised.value)


@pytest.mark.parametrize("terms, extra, named", [
    (["../etc"], {}, "term '../etc': must be a CSMS secret name"),
    (["a" * 65], {}, "must be a CSMS secret name"),
    (["ok"], {"version": "v1/../v2"}, "version: must be a version ID"),
    (["ok"], {"region": "cn-north-4/.."}, "region: must be a region ID"),
    (["ok"], {"api_timeout": 0}, "api_timeout: must be a finite number > 0"),
])
def test_invalid_input_fails_before_any_request(lookup, server, terms, extra, named):
    with pytest.raises(AnsibleError, match="csms_secret: Invalid input: .*" + named.replace(".", r"\.")):
        lookup.run(terms, variables={}, **options(server, **extra))
    assert server.requests == []


def test_region_credentials_and_endpoint_come_from_the_environment(lookup, server, monkeypatch):
    for name, value in (("HW_REGION_NAME", "cn-north-4"), ("HW_PROJECT_ID", PROJECT), ("HW_ACCESS_KEY", "AK"),
                        ("HW_SECRET_KEY", "SK-env"), ("HUAWEICLOUD_ENDPOINT_URL", server.url)):
        monkeypatch.setenv(name, value)
    server.queue(200, version(VALUE))
    assert lookup.run(["orders-db"], variables={}) == [VALUE]
    assert "Access=AK" in server.requests[0]["headers"]["Authorization"]


def test_csms_lives_on_the_kms_host_and_can_be_overridden(lookup, server):
    assert resolve_endpoint("csms", "cn-north-4") == "https://kms.cn-north-4.myhuaweicloud.com"
    assert resolve_endpoint("csms", "eu-west-101") == "https://kms.eu-west-101.myhuaweicloud.eu"
    server.queue(200, version(VALUE))
    given = dict(options(server), endpoint_url="http://127.0.0.1:9", endpoints={"csms": server.url})
    assert lookup.run(["orders-db"], variables={}, **given) == [VALUE]
