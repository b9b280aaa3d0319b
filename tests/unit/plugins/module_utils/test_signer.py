# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Signing vectors A-F of shared/reference/signing.md, produced by the official signer."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from ansible_collections.hwcloud.connections.plugins.module_utils import signer

AK = "AKEXAMPLE0000000000"
SK = "SKEXAMPLE0000000000000000000000000000000"
DATE = "20240101T000000Z"
PROJECT = "0123456789abcdef0123456789abcdef"


def _sign(method, base, path, params, headers, body, ak=AK, sk=SK):
    query = signer.canonical_query(signer.query_pairs(params))
    url = base + path + ("?" + query if query else "")
    signed = signer.sign(method, url, headers, body, ak, sk)
    canonical = signer.canonical_request(
        method, urlsplit(url).path, query, {k: v for k, v in signed.items() if k != "Authorization"}, body
    )
    return url, signed, canonical


def test_vector_a_documentation_example():
    url, signed, canonical = _sign(
        "GET",
        "https://service.region.example.com",
        "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
        {"limit": 2, "marker": "13551d6b-755d-4757-b956-536f674975c0"},
        {"Content-Type": "application/json", "X-Sdk-Date": "20191115T033655Z"},
        b"",
        ak="QTWAOYTTINDUT2QVKYUC",
        sk="MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc",
    )
    assert canonical == (
        "GET\n"
        "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/\n"
        "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0\n"
        "content-type:application/json\n"
        "host:service.region.example.com\n"
        "x-sdk-date:20191115T033655Z\n"
        "\n"
        "content-type;host;x-sdk-date\n"
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )
    assert signer.string_to_sign(canonical, "20191115T033655Z") == (
        "SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a"
    )
    assert signed["Authorization"] == (
        "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, "
        "Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe"
    )


def test_vector_b_drs_list_with_project_and_encoded_query():
    url, signed, canonical = _sign(
        "GET",
        "https://drs.cn-north-4.myhuaweicloud.com",
        "/v5/%s/connections" % PROJECT,
        {"name": "my conn", "limit": 10, "offset": 0, "fetch_all": False},
        {"Content-Type": "application/json", "X-Project-Id": PROJECT, "X-Sdk-Date": DATE},
        b"",
    )
    assert canonical == "\n".join(
        [
            "GET",
            "/v5/" + PROJECT + "/connections/",
            "fetch_all=false&limit=10&name=my%20conn&offset=0",
            "content-type:application/json",
            "host:drs.cn-north-4.myhuaweicloud.com",
            "x-project-id:" + PROJECT,
            "x-sdk-date:20240101T000000Z",
            "",
            "content-type;host;x-project-id;x-sdk-date",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ]
    )
    assert signer.string_to_sign(canonical, DATE).endswith("4b0d2294ba1f610013264e92b33426b3b84405eb1af088b7b06b12ffe240933a")
    assert signed["Authorization"] == (
        "SDK-HMAC-SHA256 Access=AKEXAMPLE0000000000, SignedHeaders=content-type;host;x-project-id;x-sdk-date, "
        "Signature=3c25970791b46aa3fc19632296fe66dcc2a384077e3b7729d8b09fdc62b17c8b"
    )
    assert url.endswith("/v5/" + PROJECT + "/connections?fetch_all=false&limit=10&name=my%20conn&offset=0")


def test_vector_c_post_body_with_security_token():
    body = b'{"name":"conn-1","vpc_id":"v","subnet_id":"s"}'
    headers = {
        "Content-Type": "application/json;charset=UTF-8",
        "X-Project-Id": PROJECT,
        "X-Security-Token": "TOKEN123",
        "X-Sdk-Date": DATE,
    }
    url, signed, canonical = _sign("POST", "https://eg.cn-north-4.myhuaweicloud.com", "/v1/%s/connections" % PROJECT, {}, headers, body)
    assert canonical.splitlines()[-1] == "6d182b03b8f40421498b4bed3dce2e574479781e9ab437f4b7c6578a570cc3c0"
    assert canonical.splitlines()[2] == ""
    assert signer.string_to_sign(canonical, DATE).endswith("e830c5d7169b04a0720982575730d953f4f521dbd8e2a23de768e73eca952167")
    assert signed["Authorization"] == (
        "SDK-HMAC-SHA256 Access=AKEXAMPLE0000000000, SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token, "
        "Signature=995b10a61c80e127f5fd4d901e97c0cb270b17afdad152ac4882877532af65e5"
    )


def test_vector_d_encoded_path_segment():
    path = "/v2.0/%s/datasource/enhanced-connections/cid/routes/r%%3A1%%20x" % PROJECT
    url, signed, canonical = _sign(
        "DELETE", "https://dli.cn-north-4.myhuaweicloud.com", path, {}, {"Content-Type": "application/json", "X-Sdk-Date": DATE}, b""
    )
    assert canonical.splitlines()[1] == "/v2.0/%s/datasource/enhanced-connections/cid/routes/r%%3A1%%20x/" % PROJECT
    assert signed["Authorization"].endswith("Signature=55c9b24f5d402ca64eb42c29da741ad58189520da244f60adf9fdca54bca837d")


def test_vector_e_list_query_and_underscore_header():
    url, signed, canonical = _sign(
        "GET",
        "https://dli.cn-north-4.myhuaweicloud.com",
        "/v2.0/%s/datasource/enhanced-connections" % PROJECT,
        {"tags": "k1=v1,k2=v2", "status": "ACTIVE", "ids": ["b", "a"], "fetch_all": True},
        {"Content-Type": "application/json", "X-Sdk-Date": DATE, "X_Custom_Underscore": "x"},
        b"",
    )
    assert canonical.splitlines()[2] == "fetch_all=true&ids=a&ids=b&status=ACTIVE&tags=k1%3Dv1%2Ck2%3Dv2"
    assert "SignedHeaders=content-type;host;x-sdk-date," in signed["Authorization"]
    assert signed["Authorization"].endswith("Signature=97d1889d20d7e3af9e05d6bc565ab64da7fe975f03481baeb8b77744709f7cd0")


def test_vector_f_unsigned_payload_and_port_in_host():
    url, signed, canonical = _sign(
        "POST",
        "https://drs.cn-north-4.myhuaweicloud.com:8443",
        "/v5/p/jobs/template",
        {},
        {"Content-Type": "multipart/form-data", "X-Sdk-Date": DATE},
        b"abc",
    )
    assert "host:drs.cn-north-4.myhuaweicloud.com:8443" in canonical.splitlines()
    assert "x-sdk-content-sha256:UNSIGNED-PAYLOAD" in canonical.splitlines()
    assert canonical.splitlines()[-1] == "UNSIGNED-PAYLOAD"
    assert signed["Authorization"].endswith("Signature=4068073418a82d8b5b1e7498ab6123498dd030da4ad08c6345fd2f3b5e1a008e")


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, ""),
        ({"a": None}, ""),
        ({"b": "x y", "a": "1/2"}, "a=1%2F2&b=x%20y"),
        ({"Z": "1", "a": "2"}, "Z=1&a=2"),
    ],
)
def test_canonical_query(params, expected):
    assert signer.canonical_query(signer.query_pairs(params)) == expected


def test_sign_adds_date_when_missing():
    signed = signer.sign("GET", "https://x.example/a", {}, b"", AK, SK)
    assert len(signed["X-Sdk-Date"]) == 16 and signed["X-Sdk-Date"].endswith("Z")
    assert signed["Host"] == "x.example"
