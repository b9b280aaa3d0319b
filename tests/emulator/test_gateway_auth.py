# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Gateway: AK/SK (permanent and temporary), tampering, clock skew, tokens, request ids, unknown projects."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import pytest
import requests
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkdrs.v5 import DrsClient, ListConnectionsRequest

from emulator_testlib import OTHER_PROJECT, PROJECT, TEMP, iam_token, sdk_client, sign_headers, signed_call


def _list_url(base_url: str, project: str = PROJECT) -> str:
    return "%s/v5/%s/connections?limit=10&offset=0" % (base_url, project)


def _assert_apigw_0301(response: requests.Response, detail: str) -> None:
    assert response.status_code == 401
    body = response.json()
    assert body["error_code"] == "APIGW.0301"
    assert body["error_msg"] == "Incorrect IAM authentication information: " + detail
    assert body["request_id"] == response.headers["X-Request-Id"]


def test_sdk_permanent_credentials_are_accepted(emulator) -> None:
    client = sdk_client(DrsClient, emulator.base_url)
    response = client.list_connections(ListConnectionsRequest(name="a b", limit=5, fetch_all=False))
    assert response.count == 0
    assert [r["auth"] for r in emulator.admin.requests()] == ["aksk"]


def test_sdk_temporary_credentials_with_security_token(emulator) -> None:
    client = sdk_client(DrsClient, emulator.base_url, ak=TEMP["ak"], sk=TEMP["sk"], security_token=TEMP["security_token"])
    assert client.list_connections(ListConnectionsRequest()).count == 0


def test_temporary_ak_without_or_with_wrong_security_token_is_rejected(emulator) -> None:
    url = _list_url(emulator.base_url)
    missing = signed_call("GET", url, ak=TEMP["ak"], sk=TEMP["sk"])
    wrong = signed_call("GET", url, ak=TEMP["ak"], sk=TEMP["sk"], headers={"X-Security-Token": "not-the-token"})
    for response in (missing, wrong):
        assert response.status_code == 401
        assert "X-Security-Token" in response.json()["error_msg"]


def test_tampered_authorization_header_is_rejected(emulator) -> None:
    url = _list_url(emulator.base_url)
    headers = sign_headers("GET", url)
    last = headers["Authorization"][-1]
    headers["Authorization"] = headers["Authorization"][:-1] + ("0" if last != "0" else "1")
    _assert_apigw_0301(requests.get(url, headers=headers, timeout=10), "verify aksk signature fail")


def test_body_changed_after_signing_is_rejected(emulator) -> None:
    url = "%s/v5/%s/connections" % (emulator.base_url, PROJECT)
    signed_body = json.dumps({"name": "conn-a", "db_type": "mysql"}).encode()
    headers = sign_headers("POST", url, signed_body)
    sent = signed_body.replace(b"conn-a", b"conn-b")
    _assert_apigw_0301(requests.post(url, data=sent, headers=headers, timeout=10), "verify aksk signature fail")
    assert emulator.admin.state()["counts"]["drs_connections"] == 0


def test_query_changed_after_signing_is_rejected(emulator) -> None:
    url = _list_url(emulator.base_url)
    headers = sign_headers("GET", url)
    response = requests.get(url.replace("limit=10", "limit=11"), headers=headers, timeout=10)
    _assert_apigw_0301(response, "verify aksk signature fail")


def test_unknown_access_key(emulator) -> None:
    response = signed_call("GET", _list_url(emulator.base_url), ak="UNKNOWNAK00000000000")
    _assert_apigw_0301(response, "Get secretKey failed, ak not exist")


@pytest.mark.parametrize("skew", [timedelta(minutes=16), -timedelta(minutes=16)])
def test_clock_skew_names_the_time_range(emulator, skew: timedelta) -> None:
    date = (datetime.now(timezone.utc) + skew).strftime("%Y%m%dT%H%M%SZ")
    response = signed_call("GET", _list_url(emulator.base_url), sdk_date=date)
    assert response.status_code == 401
    message = response.json()["error_msg"]
    assert "X-Sdk-Date is out of range (15 minutes)" in message
    assert re.search(r"server time: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", message)


def test_small_skew_is_accepted(emulator) -> None:
    date = (datetime.now(timezone.utc) - timedelta(minutes=14)).strftime("%Y%m%dT%H%M%SZ")
    assert signed_call("GET", _list_url(emulator.base_url), sdk_date=date).status_code == 200


def test_host_header_with_port_and_underscore_headers(emulator) -> None:
    url = _list_url(emulator.base_url)
    headers = sign_headers("GET", url, headers={"X_Custom_Underscore": "ignored", "X-Language": "en-us"})
    assert "x-language" in headers["Authorization"] and "x_custom" not in headers["Authorization"]
    assert ":" in headers["Host"]
    assert requests.get(url, headers=headers, timeout=10).status_code == 200


def test_missing_credentials(emulator) -> None:
    response = requests.get(_list_url(emulator.base_url), timeout=10)
    _assert_apigw_0301(response, "x-auth-token not found")


def test_sdk_raises_typed_error_with_request_id(emulator) -> None:
    client = sdk_client(DrsClient, emulator.base_url, sk="WRONGSECRET")
    with pytest.raises(ClientRequestException) as caught:
        client.list_connections(ListConnectionsRequest())
    assert caught.value.status_code == 401
    assert caught.value.error_code == "APIGW.0301"
    assert re.fullmatch(r"[0-9a-f]{32}", caught.value.request_id)


def test_token_auth_and_expiry(emulator) -> None:
    token = iam_token(emulator.base_url).headers["X-Subject-Token"]
    url = _list_url(emulator.base_url)
    ok = requests.get(url, headers={"X-Auth-Token": token}, timeout=10)
    assert ok.status_code == 200 and ok.json() == {"connections": [], "count": 0}
    _assert_apigw_0301(requests.get(url, headers={"X-Auth-Token": "garbage"}, timeout=10), "decrypt token fail")
    emulator.admin.expire_tokens()
    expired = requests.get(url, headers={"X-Auth-Token": token}, timeout=10)
    assert expired.status_code == 401
    assert expired.json()["error_msg"].startswith("Incorrect IAM authentication information: token expires, expires_at: ")
    assert emulator.admin.requests()[1]["auth"] == "token"


def test_token_for_another_project_is_forbidden(emulator) -> None:
    token = iam_token(emulator.base_url, project_name="cn-east-3").headers["X-Subject-Token"]
    response = requests.get(_list_url(emulator.base_url), headers={"X-Auth-Token": token}, timeout=10)
    assert response.status_code == 403
    assert response.json()["error_code"] == "APIGW.0302"
    assert requests.get(_list_url(emulator.base_url, OTHER_PROJECT), headers={"X-Auth-Token": token},
                        timeout=10).status_code == 200


@pytest.mark.parametrize("path, code", [
    ("/v5/00000000000000000000000000000000/connections", "DRS.10000001"),
    ("/v2.0/00000000000000000000000000000000/datasource/enhanced-connections", "DLI.0023"),
    ("/v1/00000000000000000000000000000000/connections", "EG.00014040"),
])
def test_unknown_project_is_404_in_service_style(emulator, path: str, code: str) -> None:
    response = signed_call("GET", emulator.base_url + path)
    assert response.status_code == 404
    assert response.json()["error_code"] == code


def test_every_response_has_a_fresh_request_id(emulator) -> None:
    responses = [requests.get(emulator.base_url + "/nowhere", timeout=10),
                 requests.get(_list_url(emulator.base_url), timeout=10),
                 signed_call("GET", _list_url(emulator.base_url)),
                 iam_token(emulator.base_url)]
    ids = [r.headers["X-Request-Id"] for r in responses]
    assert all(re.fullmatch(r"[0-9a-f]{32}", request_id) for request_id in ids)
    assert len(set(ids)) == len(ids)
    assert responses[0].status_code == 404 and responses[0].json()["error_code"] == "APIGW.0101"
