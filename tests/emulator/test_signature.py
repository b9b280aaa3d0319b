# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The emulator's canonicalisation reproduces the worked examples of signing.md byte for byte."""

from __future__ import annotations

import pytest

from hwcloud_emulator import signature

EXAMPLE_AK_SK = "SKEXAMPLE0000000000000000000000000000000"
DATE = "20240101T000000Z"
PID = "0123456789abcdef0123456789abcdef"
JSON = {"content-type": "application/json", "x-project-id": PID, "x-sdk-date": DATE}


def test_huawei_documentation_example() -> None:
    headers = {"content-type": "application/json", "host": "service.region.example.com", "x-sdk-date": "20191115T033655Z"}
    canonical = signature.canonical_request(
        "GET", "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs", "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
        headers, ["content-type", "host", "x-sdk-date"], b"")
    assert signature.sign("MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc", "20191115T033655Z", canonical) == \
        "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe"


@pytest.mark.parametrize("method, path, query, extra, body, expected", [
    ("GET", "/v5/%s/connections" % PID, "fetch_all=false&limit=10&name=my%20conn&offset=0",
     {"host": "drs.cn-north-4.myhuaweicloud.com"}, b"",
     "3c25970791b46aa3fc19632296fe66dcc2a384077e3b7729d8b09fdc62b17c8b"),
    ("POST", "/v1/%s/connections" % PID, "",
     {"host": "eg.cn-north-4.myhuaweicloud.com", "content-type": "application/json;charset=UTF-8",
      "x-security-token": "TOKEN123"}, b'{"name":"conn-1","vpc_id":"v","subnet_id":"s"}',
     "995b10a61c80e127f5fd4d901e97c0cb270b17afdad152ac4882877532af65e5"),
])
def test_signing_md_examples(method: str, path: str, query: str, extra: dict, body: bytes, expected: str) -> None:
    headers = dict(JSON, **extra)
    canonical = signature.canonical_request(method, path, query, headers, sorted(headers), body)
    assert signature.sign(EXAMPLE_AK_SK, DATE, canonical) == expected


def test_query_is_recanonicalised_from_any_order() -> None:
    assert signature.canonical_query("tags=k1%3Dv1%2Ck2%3Dv2&status=ACTIVE&ids=b&ids=a&fetch_all=true") == \
        "fetch_all=true&ids=a&ids=b&status=ACTIVE&tags=k1%3Dv1%2Ck2%3Dv2"


def test_uri_segments_are_reencoded_with_trailing_slash() -> None:
    assert signature.canonical_uri("/v2.0/p/enhanced-connections/cid/routes/r%3A1%20x") == \
        "/v2.0/p/enhanced-connections/cid/routes/r%3A1%20x/"


def test_unsigned_payload_header_replaces_body_hash() -> None:
    assert signature.payload_hash(b"abc", "UNSIGNED-PAYLOAD") == "UNSIGNED-PAYLOAD"
    assert signature.payload_hash(b"", "UNSIGNED-PAYLOAD") == signature.EMPTY_HASH
