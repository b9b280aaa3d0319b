# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where credentials come from, against the official SDK: IAM sub-projects, assumed agencies (temporary AK/SK from
POST /v3.0/OS-CREDENTIAL/securitytokens) and the ECS metadata server's temporary credentials."""

from __future__ import annotations

import json
import logging
import time
from datetime import datetime, timezone

import pytest
import requests
from huaweicloudsdkcore.auth.credentials import GlobalCredentials
from huaweicloudsdkcore.auth.internal import MetadataAccessor
from huaweicloudsdkcore.auth.provider import MetadataCredentialProvider
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkdrs.v5 import DrsClient, ListConnectionsRequest
from huaweicloudsdkiam.v3 import (AgencyAuth, AgencyAuthIdentity, AuthScope, AuthScopeProject, CreateTemporaryAccessKeyByAgencyRequest,
                                  CreateTemporaryAccessKeyByAgencyRequestBody, CreateTemporaryAccessKeyByTokenRequest,
                                  CreateTemporaryAccessKeyByTokenRequestBody, IamClient, IdentityAssumerole, IdentityToken,
                                  KeystoneCreateUserTokenByPasswordRequest, KeystoneCreateUserTokenByPasswordRequestBody,
                                  KeystoneListProjectsRequest, PwdAuth, PwdIdentity, PwdPassword, PwdPasswordUser,
                                  PwdPasswordUserDomain, TokenAuth, TokenAuthIdentity)

from hwcloud_emulator.config import DEFAULTS
from emulator_testlib import AK, PROJECT, SK, iam_token, sdk_client, signed_call

IAM = DEFAULTS["iam"]
SUB_PROJECT = "cn-north-4_dev"
SUB_PROJECT_ID = DEFAULTS["projects"][SUB_PROJECT]
AGENCY = IAM["agencies"][0]


def _iam(base_url: str) -> IamClient:
    return IamClient.new_builder().with_credentials(GlobalCredentials(AK, SK, IAM["domain_id"])).with_endpoints([base_url]).build()


def _drs_list(base_url: str, project: str = PROJECT) -> str:
    return "%s/v5/%s/connections?limit=10&offset=0" % (base_url, project)


def _assume(base_url: str, agency: str = AGENCY["agency_name"], duration: int | None = 900, **domain):
    identity = IdentityAssumerole(agency_name=agency, duration_seconds=duration,
                                  **(domain or {"domain_name": AGENCY["domain_name"]}))
    body = CreateTemporaryAccessKeyByAgencyRequestBody(auth=AgencyAuth(identity=AgencyAuthIdentity(
        methods=["assume_role"], assume_role=identity)))
    return _iam(base_url).create_temporary_access_key_by_agency(CreateTemporaryAccessKeyByAgencyRequest(body=body))


# -- sub-projects --------------------------------------------------------------------------------------------------

def test_a_sub_project_has_its_own_id_and_is_listed_by_name(emulator) -> None:
    found = _iam(emulator.base_url).keystone_list_projects(KeystoneListProjectsRequest(name=SUB_PROJECT)).projects
    assert [(p.id, p.name) for p in found] == [(SUB_PROJECT_ID, SUB_PROJECT)]
    assert SUB_PROJECT_ID != PROJECT


def test_sdk_password_token_scoped_to_a_sub_project(emulator) -> None:
    user = PwdPasswordUser(domain=PwdPasswordUserDomain(name=IAM["domain_name"]), name=IAM["user_name"], password=IAM["password"])
    body = KeystoneCreateUserTokenByPasswordRequestBody(auth=PwdAuth(
        identity=PwdIdentity(methods=["password"], password=PwdPassword(user=user)),
        scope=AuthScope(project=AuthScopeProject(name=SUB_PROJECT))))
    response = _iam(emulator.base_url).keystone_create_user_token_by_password(KeystoneCreateUserTokenByPasswordRequest(body=body))
    assert (response.token.project.id, response.token.project.name) == (SUB_PROJECT_ID, SUB_PROJECT)


def test_a_token_works_only_in_the_project_it_is_scoped_to(emulator) -> None:
    sub_token = iam_token(emulator.base_url, project_name=SUB_PROJECT).headers["X-Subject-Token"]
    region_token = iam_token(emulator.base_url).headers["X-Subject-Token"]
    assert requests.get(_drs_list(emulator.base_url, SUB_PROJECT_ID), headers={"X-Auth-Token": sub_token}, timeout=10).status_code == 200
    for token, project in ((sub_token, PROJECT), (region_token, SUB_PROJECT_ID)):
        refused = requests.get(_drs_list(emulator.base_url, project), headers={"X-Auth-Token": token}, timeout=10)
        assert refused.status_code == 403 and refused.json()["error_code"] == "APIGW.0302"


# -- assumed agencies ----------------------------------------------------------------------------------------------

def test_sdk_assumes_an_agency_and_signs_with_the_temporary_keys(emulator) -> None:
    before = time.time()
    credential = _assume(emulator.base_url).credential
    expires = datetime.strptime(credential.expires_at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc).timestamp()
    assert before + 890 <= expires <= time.time() + 910
    assert credential.access != AK and credential.secret and credential.securitytoken
    client = sdk_client(DrsClient, emulator.base_url, ak=credential.access, sk=credential.secret,
                        security_token=credential.securitytoken)
    assert client.list_connections(ListConnectionsRequest()).count == 0
    log = emulator.admin.requests()
    assert [(r["path"], r["status"], r["auth"]) for r in log] == [
        ("/v3.0/OS-CREDENTIAL/securitytokens", 201, "aksk"), ("/v5/%s/connections" % PROJECT, 200, "agency")]


def test_the_agency_may_be_named_by_domain_id_and_assumed_with_a_token(emulator) -> None:
    assert _assume(emulator.base_url, domain_id=AGENCY["domain_id"]).credential.access
    token = iam_token(emulator.base_url).headers["X-Subject-Token"]
    body = {"auth": {"identity": {"methods": ["assume_role"], "assume_role": {
        "agency_name": AGENCY["agency_name"], "domain_name": AGENCY["domain_name"]}}}}
    response = requests.post(emulator.base_url + "/v3.0/OS-CREDENTIAL/securitytokens", json=body,
                             headers={"X-Auth-Token": token}, timeout=10)
    assert response.status_code == 201 and set(response.json()["credential"]) == {"access", "secret", "securitytoken", "expires_at"}


def test_sdk_temporary_keys_of_the_callers_own_token(emulator) -> None:
    token = iam_token(emulator.base_url).headers["X-Subject-Token"]
    body = CreateTemporaryAccessKeyByTokenRequestBody(auth=TokenAuth(identity=TokenAuthIdentity(
        methods=["token"], token=IdentityToken(id=token, duration_seconds=900))))
    credential = _iam(emulator.base_url).create_temporary_access_key_by_token(
        CreateTemporaryAccessKeyByTokenRequest(body=body)).credential
    drs = sdk_client(DrsClient, emulator.base_url, ak=credential.access, sk=credential.secret, security_token=credential.securitytoken)
    assert drs.list_connections(ListConnectionsRequest()).count == 0


@pytest.mark.parametrize("agency, duration, status", [("no-such-agency", 900, 404), (AGENCY["agency_name"], 899, 400),
                                                      (AGENCY["agency_name"], 86401, 400)])
def test_an_assume_that_cannot_be_granted_is_refused(emulator, agency, duration, status) -> None:
    with pytest.raises(ClientRequestException) as refused:
        _assume(emulator.base_url, agency=agency, duration=duration)
    assert refused.value.status_code == status
    assert ("agency" if status == 404 else "duration_seconds") in refused.value.error_msg


def test_an_agency_configured_to_refuse_is_refused_with_403(emulator_factory) -> None:
    emulator = emulator_factory({"iam": {"agencies": [dict(AGENCY, refuse=True)]}})
    with pytest.raises(ClientRequestException) as refused:
        _assume(emulator.base_url)
    assert refused.value.status_code == 403


def test_assumed_keys_need_their_security_token_and_expire(emulator) -> None:
    credential = _assume(emulator.base_url).credential
    url = _drs_list(emulator.base_url)
    without_token = signed_call("GET", url, ak=credential.access, sk=credential.secret)
    assert without_token.status_code == 401 and "X-Security-Token" in without_token.json()["error_msg"]
    token = {"X-Security-Token": credential.securitytoken}
    assert signed_call("GET", url, ak=credential.access, sk=credential.secret, headers=token).status_code == 200
    emulator.admin.expire_tokens()
    expired = signed_call("GET", url, ak=credential.access, sk=credential.secret, headers=token)
    assert expired.status_code == 401 and "expire" in expired.json()["error_msg"]


def test_assuming_needs_an_authenticated_caller(emulator) -> None:
    assume = {"agency_name": AGENCY["agency_name"], "domain_name": AGENCY["domain_name"]}
    body = {"auth": {"identity": {"methods": ["assume_role"], "assume_role": assume}}}
    response = requests.post(emulator.base_url + "/v3.0/OS-CREDENTIAL/securitytokens", json=body, timeout=10)
    assert response.status_code == 401 and response.json()["error_code"] == "APIGW.0301"


# -- ECS metadata --------------------------------------------------------------------------------------------------

@pytest.fixture
def sdk_metadata(emulator_factory, monkeypatch):
    """The SDK's metadata accessor with its link-local URL redirected to the emulator, in this process only (the
    loopback_only fixture fails the test on any other connection)."""

    def start(config=None):
        emulator = emulator_factory(config)
        monkeypatch.setattr(MetadataAccessor, "_METADATA_ENDPOINT", emulator.base_url)
        return emulator

    return start


def test_sdk_metadata_provider_gets_temporary_credentials_that_sign(sdk_metadata, loopback_only) -> None:
    emulator = sdk_metadata()
    credentials = MetadataCredentialProvider.get_basic().get_credentials()
    assert credentials.ak and credentials.sk and credentials.security_token
    credentials.project_id = PROJECT
    drs = DrsClient.new_builder().with_credentials(credentials).with_endpoints([emulator.base_url]).build()
    assert drs.list_connections(ListConnectionsRequest()).count == 0
    log = [(r["method"], r["path"], r["status"], r["auth"]) for r in emulator.admin.requests()]
    assert log[:2] == [("PUT", "/meta-data/latest/api/token", 200, "none"), ("GET", "/openstack/latest/securitykey", 200, "none")]
    assert ("GET", "/v5/%s/connections" % PROJECT, 200, "metadata") in log
    assert loopback_only == []


def test_metadata_needs_the_session_token_when_configured(sdk_metadata) -> None:
    emulator = sdk_metadata()
    assert requests.get(emulator.base_url + "/openstack/latest/securitykey", timeout=10).status_code == 401
    assert requests.put(emulator.base_url + "/meta-data/latest/api/token", timeout=10).status_code == 400
    token = requests.put(emulator.base_url + "/meta-data/latest/api/token", headers={"X-Metadata-Token-Ttl-Seconds": "60"},
                         timeout=10)
    assert token.status_code == 200 and token.headers["Content-Type"].startswith("text/plain")
    answer = requests.get(emulator.base_url + "/openstack/latest/securitykey", headers={"X-Metadata-Token": token.text}, timeout=10)
    assert set(answer.json()["credential"]) == {"access", "secret", "securitytoken", "expires_at"}


def test_metadata_credentials_live_as_configured_then_are_refused(sdk_metadata) -> None:
    emulator = sdk_metadata({"metadata": {"credential_ttl": 1}})
    credential = MetadataAccessor().get_credential()
    url = _drs_list(emulator.base_url)
    token = {"X-Security-Token": credential.security_token}
    assert signed_call("GET", url, ak=credential.access, sk=credential.secret, headers=token).status_code == 200
    time.sleep(1.2)
    assert signed_call("GET", url, ak=credential.access, sk=credential.secret, headers=token).status_code == 401
    assert MetadataAccessor().get_credential().access != credential.access  # a fresh fetch brings new keys


def test_a_server_without_an_agency_says_so(sdk_metadata) -> None:
    sdk_metadata({"metadata": {"agency": None}})
    with pytest.raises(ClientRequestException) as refused:
        MetadataAccessor().get_credential()
    assert "Please configure Cloud Service Agency first" in str(refused.value.error_msg)


def test_no_temporary_secret_reaches_the_logs_state_or_admin_views(emulator, caplog) -> None:
    caplog.set_level(logging.DEBUG, logger="hwcloud_emulator")
    agency = _assume(emulator.base_url).credential
    token = requests.put(emulator.base_url + "/meta-data/latest/api/token", headers={"X-Metadata-Token-Ttl-Seconds": "60"},
                         timeout=10).text
    metadata = requests.get(emulator.base_url + "/openstack/latest/securitykey", headers={"X-Metadata-Token": token},
                            timeout=10).json()["credential"]
    secrets = [agency.secret, agency.securitytoken, token, metadata["secret"], metadata["securitytoken"]]
    views = [json.dumps(emulator.admin.requests()), json.dumps(emulator.admin.state()),
             json.dumps(emulator.admin._call("GET", "config")), caplog.text]  # pylint: disable=protected-access
    assert [secret for secret in secrets for view in views if secret in view] == []
