# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""IAM through the official SDK: password token and project lookup by region name."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import requests
from huaweicloudsdkcore.auth.credentials import GlobalCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkiam.v3 import (AuthScope, AuthScopeProject, IamClient, KeystoneCreateUserTokenByPasswordRequest,
                                  KeystoneCreateUserTokenByPasswordRequestBody, KeystoneListProjectsRequest, PwdAuth,
                                  PwdIdentity, PwdPassword, PwdPasswordUser, PwdPasswordUserDomain)

from hwcloud_emulator.config import DEFAULTS
from emulator_testlib import AK, PROJECT, SK, iam_token

IAM = DEFAULTS["iam"]


def _iam_client(base_url: str) -> IamClient:
    credentials = GlobalCredentials(AK, SK, IAM["domain_id"])  # domain id given: no lookup against real IAM
    return IamClient.new_builder().with_credentials(credentials).with_endpoints([base_url]).build()


def _token_request(password: str) -> KeystoneCreateUserTokenByPasswordRequest:
    user = PwdPasswordUser(domain=PwdPasswordUserDomain(name=IAM["domain_name"]), name=IAM["user_name"], password=password)
    body = KeystoneCreateUserTokenByPasswordRequestBody(auth=PwdAuth(
        identity=PwdIdentity(methods=["password"], password=PwdPassword(user=user)),
        scope=AuthScope(project=AuthScopeProject(name="cn-north-4"))))
    return KeystoneCreateUserTokenByPasswordRequest(nocatalog="true", body=body)


def test_password_token_via_sdk(emulator) -> None:
    response = _iam_client(emulator.base_url).keystone_create_user_token_by_password(_token_request(IAM["password"]))
    assert response.x_subject_token
    assert response.token.project.id == PROJECT
    assert response.token.project.name == "cn-north-4"
    assert response.token.methods == ["password"]
    expires = datetime.strptime(response.token.expires_at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    assert timedelta(hours=23) < expires - datetime.now(timezone.utc) <= timedelta(hours=24)


def test_wrong_password_is_iam_style_401(emulator) -> None:
    with pytest.raises(ClientRequestException) as caught:
        _iam_client(emulator.base_url).keystone_create_user_token_by_password(_token_request("nope"))
    assert caught.value.status_code == 401
    raw = iam_token(emulator.base_url, password="nope")
    assert raw.json() == {"error": {"code": 401, "message": "The username or password is wrong.", "title": "Unauthorized"}}


def test_token_ttl_is_configurable(emulator_factory) -> None:
    emulator = emulator_factory({"iam": {"token_ttl": 60}})
    expires_at = iam_token(emulator.base_url).json()["token"]["expires_at"]
    expires = datetime.strptime(expires_at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    assert expires - datetime.now(timezone.utc) <= timedelta(seconds=60)


def test_project_lookup_by_region_name(emulator) -> None:
    response = _iam_client(emulator.base_url).keystone_list_projects(KeystoneListProjectsRequest(name="eu-west-101"))
    assert [(p.id, p.name, p.enabled, p.is_domain) for p in response.projects] == \
        [("e8a2f1c0d4b94e5f9a7c3b2d1e0f4a04", "eu-west-101", True, False)]
    everything = _iam_client(emulator.base_url).keystone_list_projects(KeystoneListProjectsRequest())
    assert [p.name for p in everything.projects] == ["cn-north-4", "cn-east-3", "ap-southeast-1", "eu-west-101", "cn-north-4_dev"]


def test_project_lookup_with_token(emulator) -> None:
    token = iam_token(emulator.base_url).headers["X-Subject-Token"]
    body = requests.get(emulator.base_url + "/v3/projects?name=cn-east-3", headers={"X-Auth-Token": token}, timeout=10).json()
    assert body["projects"][0]["id"] == "e8a2f1c0d4b94e5f9a7c3b2d1e0f4a02"
