# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The shared client against a scripted loopback server: retries, errors, auth, paging."""

from __future__ import annotations

import pytest

from ansible_collections.hwcloud.connections.plugins.module_utils.auth import AkSkAuth, PasswordAuth
from ansible_collections.hwcloud.connections.plugins.module_utils.client import HuaweiCloudClient
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import AmbiguousRequestError, HuaweiCloudError
from ansible_collections.hwcloud.connections.plugins.module_utils.retries import RetryPolicy, parse_retry_after

PROJECT = "0123456789abcdef0123456789abcdef"
THROTTLE = {"error_code": "APIGW.0308", "error_msg": "The throttling threshold has been reached", "request_id": "body-id"}


def make_client(server, sleeps=None, **kwargs):
    sleeps = sleeps if sleeps is not None else []
    kwargs.setdefault("auth", AkSkAuth("AK", "SK"))
    kwargs.setdefault("project_id", PROJECT)
    kwargs.setdefault("retry", RetryPolicy(max_retries=3, base_delay=0.01, max_delay=0.05))
    return HuaweiCloudClient(region="cn-north-4", endpoint_url=server.url, sleep=sleeps.append, **kwargs)


def test_throttled_then_ok(server):
    server.queue(429, THROTTLE)
    server.queue(200, {"connections": [], "count": 0})
    assert make_client(server).get("drs", "/v5/{project_id}/connections").body == {"connections": [], "count": 0}
    assert len(server.requests) == 2
    assert server.requests[0]["path"] == "/v5/%s/connections" % PROJECT


def test_throttling_is_bounded_by_the_deadline_not_the_retry_count(server):
    for _throttled in range(8):
        server.queue(429, THROTTLE)
    server.queue(200, {"done": True})
    assert make_client(server).get("drs", "/x").body == {"done": True}
    assert len(server.requests) == 9
    for _throttled in range(3):
        server.queue(429, THROTTLE, headers={"Retry-After": "50"})
    elapsed = [0.0]
    client = make_client(server, retry=RetryPolicy(max_retries=9, deadline=120), clock=lambda: elapsed[0])
    client._sleep = lambda seconds: elapsed.__setitem__(0, elapsed[0] + seconds)  # pylint: disable=protected-access
    with pytest.raises(HuaweiCloudError, match="gave up after 3 attempts"):
        client.get("drs", "/x")
    assert elapsed[0] == 100


def test_retry_after_is_respected(server):
    sleeps = []
    server.queue(429, THROTTLE, headers={"Retry-After": "3"})
    server.queue(200, {})
    make_client(server, sleeps, retry=RetryPolicy(max_retries=3, base_delay=0.01, max_delay=0.05, deadline=60)).get("drs", "/x")
    assert sleeps and sleeps[0] >= 3


def test_exhausted_retries_name_status_code_and_request_id(server):
    for _attempt in range(4):
        server.queue(503, {"error_code": "DRS.0500", "error_msg": "busy"}, headers={"X-Request-Id": "rid-503"})
    with pytest.raises(HuaweiCloudError) as err:
        make_client(server).get("drs", "/v5/{project_id}/connections")
    assert len(server.requests) == 4
    text = str(err.value)
    assert "HTTP 503" in text and "DRS.0500" in text and "rid-503" in text and "gave up after 4 attempts" in text
    assert err.value.to_result()["request_id"] == "rid-503"


def test_create_post_that_times_out_is_not_resent(server):
    server.queue(200, {}, delay=1.0)
    client = make_client(server, timeout=0.2)
    with pytest.raises(AmbiguousRequestError):
        client.request("drs", "POST", "/v5/{project_id}/connections", body={"name": "x"})
    assert len(server.requests) == 1


def test_create_post_with_5xx_is_not_resent_but_429_is(server):
    server.queue(500, {"error_code": "X", "error_msg": "oops"})
    with pytest.raises(AmbiguousRequestError):
        make_client(server).request("drs", "POST", "/p", body={})
    assert len(server.requests) == 1
    server.queue(429, THROTTLE)
    server.queue(200, {"ok": True})
    assert make_client(server).request("drs", "POST", "/p", body={}).body == {"ok": True}


def test_idempotent_read_retries_timeouts(server):
    server.queue(200, {}, delay=0.5)
    server.queue(200, {"second": True})
    assert make_client(server, timeout=0.2).get("drs", "/x").body == {"second": True}


def test_client_error_is_not_retried_and_keeps_fields(server):
    server.queue(400, {"error_code": "DRS.10010069", "error_msg": "Connection manager not exists."}, headers={"X-Request-Id": "r1"})
    with pytest.raises(HuaweiCloudError) as err:
        make_client(server).request("drs", "DELETE", "/v5/{project_id}/connections/abc")
    assert len(server.requests) == 1
    assert (err.value.status, err.value.error_code, err.value.error_msg, err.value.request_id, err.value.method) == (
        400, "DRS.10010069", "Connection manager not exists.", "r1", "DELETE")


def test_dli_is_success_false_is_an_error(server):
    server.queue(200, {"is_success": False, "message": "queue q1 not found"})
    with pytest.raises(HuaweiCloudError, match="queue q1 not found"):
        make_client(server).get("dli", "/v2.0/{project_id}/datasource/enhanced-connections")


def test_aksk_requests_are_signed_with_project_header(server):
    server.queue(200, {})
    make_client(server, auth=AkSkAuth("AK", "SK", "STS-TOKEN")).get("drs", "/v5/{project_id}/connections", {"name": "a b"})
    headers = server.requests[0]["headers"]
    assert headers["Authorization"].startswith("SDK-HMAC-SHA256 Access=AK, SignedHeaders=")
    assert "x-security-token" in headers["Authorization"] and headers["X-Security-Token"] == "STS-TOKEN"
    assert headers["X-Project-Id"] == PROJECT
    assert server.requests[0]["path"].endswith("?name=a%20b")


def token_response(project_id=PROJECT):
    return {"token": {"expires_at": "2099-01-01T00:00:00.000000Z", "project": {"id": project_id, "name": "cn-north-4"}}}


def test_password_auth_gets_project_from_token_and_reauths_once_on_401(server):
    secrets = set()
    server.queue(201, token_response(PROJECT), headers={"X-Subject-Token": "tok-1"})
    server.queue(401, {"error_code": "APIGW.0301", "error_msg": "Incorrect IAM authentication information: token expires"})
    server.queue(201, token_response(PROJECT), headers={"X-Subject-Token": "tok-2"})
    server.queue(200, {"ok": 1})
    client = make_client(server, auth=PasswordAuth("dom", "usr", "pw"), project_id=None, secrets=secrets)
    assert client.get("drs", "/v5/{project_id}/connections").body == {"ok": 1}
    paths = [r["path"] for r in server.requests]
    assert paths == ["/v3/auth/tokens?nocatalog=true", "/v5/%s/connections" % PROJECT, "/v3/auth/tokens?nocatalog=true", "/v5/%s/connections" % PROJECT]
    assert server.requests[3]["headers"]["X-Auth-Token"] == "tok-2"
    assert {"tok-1", "tok-2"} <= secrets


def test_project_id_lookup_by_region(server):
    server.queue(200, {"projects": [{"id": "0123456789abcdef0123456789abcde1", "name": "cn-north-4"}]})
    server.queue(200, {})
    client = make_client(server, project_id=None)
    client.get("drs", "/v5/{project_id}/connections")
    assert server.requests[0]["path"] == "/v3/projects?name=cn-north-4"
    assert "X-Project-Id" not in server.requests[0]["headers"]
    assert server.requests[1]["path"] == "/v5/0123456789abcdef0123456789abcde1/connections"


def test_paginate_follows_offsets_until_short_page(server):
    server.queue(200, {"items": [{"id": 1}, {"id": 2}], "total": 5})
    server.queue(200, {"items": [{"id": 3}, {"id": 4}], "total": 5})
    server.queue(200, {"items": [{"id": 5}], "total": 5})
    items = make_client(server).paginate("eg", "/v1/{project_id}/connections", "items", limit=2, total_key="total")
    assert [i["id"] for i in items] == [1, 2, 3, 4, 5]
    assert [r["path"].split("?")[1] for r in server.requests] == ["limit=2&offset=0", "limit=2&offset=2", "limit=2&offset=4"]


@pytest.mark.parametrize("value, expected", [(None, None), ("2", 2.0), ("0.5", 0.5), ("garbage", None)])
def test_parse_retry_after(value, expected):
    assert parse_retry_after(value) == expected


def test_retry_policy_bounds():
    policy = RetryPolicy(max_retries=2, base_delay=1, max_delay=4, deadline=10)
    assert all(0 <= policy.delay(n) <= 4 for n in range(10))
    assert policy.delay(0, retry_after=7) >= 7
    assert policy.allows(1, 0, 1, 5) and not policy.allows(2, 0, 1, 5) and not policy.allows(0, 0, 6, 5)
