# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Temporary credentials against a scripted loopback server: ECS metadata (fetched as the SDK does, refreshed before
they expire), an assumed agency (never the base identity when the assume fails), and sub-project scopes."""

from __future__ import annotations

import json

import pytest

from ansible_collections.hwcloud.connections.plugins.module_utils.auth import AkSkAuth, PasswordAuth
from ansible_collections.hwcloud.connections.plugins.module_utils.client import HuaweiCloudClient
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError
from ansible_collections.hwcloud.connections.plugins.module_utils.retries import RetryPolicy
from ansible_collections.hwcloud.connections.plugins.module_utils.temporary_credentials import AgencyAuth, MetadataAuth, RefreshingAkSkAuth

PROJECT = "0123456789abcdef0123456789abcdef"
SUB_PROJECT = "fedcba9876543210fedcba9876543210"
START = 1_900_000_000.0


class Clock:
    def __init__(self):
        self.now = START

    def __call__(self):
        return self.now


def iso(epoch: float) -> str:
    import datetime

    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def credential(n: int, expires_at: float) -> dict:
    return {"credential": {"access": "TMPAK%04d" % n, "secret": "tmp-secret-%d" % n, "securitytoken": "tmp-token-%d" % n,
                           "expires_at": iso(expires_at)}}


def client(server, auth, **kwargs):
    kwargs.setdefault("project_id", PROJECT)
    return HuaweiCloudClient(region="cn-north-4", auth=auth, endpoint_url=server.url, sleep=lambda s: None,
                             retry=RetryPolicy(max_retries=1, base_delay=0.01, max_delay=0.02), **kwargs)


def test_a_credential_source_that_cannot_fetch_or_name_itself_is_refused_when_it_is_made():
    """A refreshing source must say how it fetches its keys and where they come from; one that does not is an error
    when it is built, not a traceback at the first signed call."""
    class NoFetch(RefreshingAkSkAuth):
        source = "nowhere"

    class Nameless(RefreshingAkSkAuth):
        def _fetch(self, client):
            return "AK", "SK", "TOKEN", 0.0

    for incomplete in (RefreshingAkSkAuth, NoFetch, Nameless):
        refused = pytest.raises(TypeError, incomplete)
        assert "abstract" in str(refused.value)


def test_metadata_credentials_are_fetched_the_way_the_sdk_fetches_them(server):
    server.queue(200, b"meta-session-token")
    server.queue(200, credential(1, START + 3600))
    server.queue(200, {"connections": []})
    secrets = set()
    auth = MetadataAuth(server.url, clock=Clock())
    client(server, auth, secrets=secrets).get("drs", "/v5/{project_id}/connections")
    token, key, call = server.requests
    assert (token["method"], token["path"], token["headers"]["X-Metadata-Token-Ttl-Seconds"]) == ("PUT", "/meta-data/latest/api/token", "21600")
    assert (key["method"], key["path"], key["headers"]["X-Metadata-Token"]) == ("GET", "/openstack/latest/securitykey", "meta-session-token")
    assert call["headers"]["Authorization"].startswith("SDK-HMAC-SHA256 Access=TMPAK0001,")
    assert call["headers"]["X-Security-Token"] == "tmp-token-1" and "x-security-token" in call["headers"]["Authorization"]
    assert {"meta-session-token", "tmp-secret-1", "tmp-token-1"} <= secrets


def test_metadata_credentials_are_refreshed_before_they_expire(server):
    clock = Clock()
    server.queue(200, b"meta-session-token")
    server.queue(200, credential(1, START + 1200))
    server.queue(200, {})
    server.queue(200, {})
    server.queue(200, credential(2, START + 2400))
    server.queue(200, {})
    api = client(server, MetadataAuth(server.url, clock=clock))
    api.get("drs", "/x")
    clock.now = START + 500  # 700 s of 1,200 left: still used
    api.get("drs", "/x")
    clock.now = START + 700  # 500 s left: less than the 10 minutes kept in reserve, so fetched again before use
    api.get("drs", "/x")
    paths = [r["path"] for r in server.requests]
    assert paths == ["/meta-data/latest/api/token", "/openstack/latest/securitykey", "/x", "/x", "/openstack/latest/securitykey", "/x"]
    assert server.requests[-1]["headers"]["Authorization"].startswith("SDK-HMAC-SHA256 Access=TMPAK0002,")


def test_short_lived_credentials_are_refreshed_at_half_their_life(server):
    clock = Clock()
    server.queue(200, b"t")
    server.queue(200, credential(1, START + 60))
    server.queue(200, {})
    server.queue(200, credential(2, START + 91))
    server.queue(200, {})
    api = client(server, MetadataAuth(server.url, clock=clock))
    api.get("drs", "/x")
    clock.now = START + 31
    api.get("drs", "/x")
    assert [r["path"] for r in server.requests][-2:] == ["/openstack/latest/securitykey", "/x"]


def test_a_server_without_the_token_api_is_asked_without_a_session_token(server):
    server.queue(404, b"not found")
    server.queue(200, credential(1, START + 3600))
    server.queue(200, {})
    client(server, MetadataAuth(server.url, clock=Clock())).get("drs", "/x")
    assert "X-Metadata-Token" not in server.requests[1]["headers"]


def test_no_agency_on_the_server_is_said_plainly(server):
    server.queue(200, b"t")
    server.queue(401, b'{"error": "Please configure Cloud Service Agency first"}')
    with pytest.raises(HuaweiCloudError, match="no agency is bound to this ECS"):
        client(server, MetadataAuth(server.url, clock=Clock())).get("drs", "/x")
    assert len(server.requests) == 2


def test_off_ecs_the_metadata_error_is_clear_and_bounded():
    auth = MetadataAuth("http://127.0.0.1:9", clock=Clock())  # the discard port: nothing listens
    with pytest.raises(HuaweiCloudError) as failed:
        HuaweiCloudClient(region="cn-north-4", auth=auth, project_id=PROJECT, endpoint_url="http://127.0.0.1:9").get("drs", "/x")
    assert "ECS metadata" in str(failed.value) and "use_metadata" in str(failed.value)


@pytest.mark.parametrize("answer", [{"credential": {"access": "A,B", "secret": "s", "securitytoken": "t", "expires_at": iso(START + 99)}},
                                    {"credential": {"access": "A", "secret": "s", "expires_at": iso(START + 99)}},
                                    {"credential": {"access": "A", "secret": "s", "securitytoken": "t", "expires_at": "soon"}},
                                    {"credential": {"access": "A", "secret": "s", "securitytoken": "t", "expires_at": iso(START - 1)}},
                                    []])
def test_an_unusable_credential_answer_is_an_error_not_a_signature(server, answer):
    server.queue(200, b"t")
    server.queue(200, answer)
    with pytest.raises(HuaweiCloudError, match="securitykey"):
        client(server, MetadataAuth(server.url, clock=Clock())).get("drs", "/x")
    assert len(server.requests) == 2


# -- assumed agency ------------------------------------------------------------------------------------------------

def test_an_agency_is_assumed_with_the_base_keys_and_every_call_signed_with_its_keys(server):
    server.queue(201, credential(7, START + 900))
    server.queue(200, {"projects": [{"id": SUB_PROJECT, "name": "cn-north-4"}]})
    server.queue(200, {})
    auth = AgencyAuth(AkSkAuth("BASEAK", "base-secret"), "ops-agency", domain_name="acme", duration=900, clock=Clock())
    client(server, auth, project_id=None).get("drs", "/v5/{project_id}/connections")
    assume, lookup, call = server.requests
    assert assume["path"] == "/v3.0/OS-CREDENTIAL/securitytokens" and "Access=BASEAK," in assume["headers"]["Authorization"]
    assert json.loads(assume["body"]) == {"auth": {"identity": {"methods": ["assume_role"], "assume_role": {
        "agency_name": "ops-agency", "domain_name": "acme", "duration_seconds": 900}}}}
    for signed in (lookup, call):
        assert "Access=TMPAK0007," in signed["headers"]["Authorization"] and signed["headers"]["X-Security-Token"] == "tmp-token-7"
    assert call["path"] == "/v5/%s/connections" % SUB_PROJECT  # the agency's project, looked up with the agency's keys


@pytest.mark.parametrize("status, body", [(403, {"error": {"code": 403, "message": "not trusted", "title": "Forbidden"}}),
                                          (404, {"error": {"code": 404, "message": "Could not find agency", "title": "Not Found"}}),
                                          (201, {"credential": {}})])
def test_a_failed_assume_never_proceeds_as_the_base_user(server, status, body):
    server.queue(status, body)
    auth = AgencyAuth(AkSkAuth("BASEAK", "base-secret"), "ops-agency", domain_id="d" * 32, clock=Clock())
    with pytest.raises(HuaweiCloudError) as failed:
        client(server, auth).get("drs", "/v5/{project_id}/connections")
    assert "ops-agency" in str(failed.value) and "never" in str(failed.value)
    assert [r["path"] for r in server.requests] == ["/v3.0/OS-CREDENTIAL/securitytokens"]


def test_rejected_agency_keys_are_replaced_once_never_by_the_base_keys(server):
    server.queue(201, credential(1, START + 900))
    server.queue(401, {"error_code": "APIGW.0301", "error_msg": "Incorrect IAM authentication information: expired"})
    server.queue(201, credential(2, START + 900))
    server.queue(200, {})
    client(server, AgencyAuth(AkSkAuth("BASEAK", "base-secret"), "ops-agency", domain_name="acme", clock=Clock())).get("drs", "/x")
    service_calls = [r for r in server.requests if r["path"] == "/x"]
    assert [c["headers"]["Authorization"].split(",")[0] for c in service_calls] == [
        "SDK-HMAC-SHA256 Access=TMPAK0001", "SDK-HMAC-SHA256 Access=TMPAK0002"]


# -- sub-projects --------------------------------------------------------------------------------------------------

def token_answer(project_id, name):
    return {"token": {"expires_at": "2099-01-01T00:00:00.000000Z", "project": {"id": project_id, "name": name}}}


def test_a_password_token_is_scoped_to_the_named_sub_project_and_urls_use_its_id(server):
    server.queue(201, token_answer(SUB_PROJECT, "cn-north-4_dev"), headers={"X-Subject-Token": "tok"})
    server.queue(200, {})
    auth = PasswordAuth("acme", "ops", "pw", project_name="cn-north-4_dev")
    client(server, auth, project_id=None, project_name="cn-north-4_dev").get("drs", "/v5/{project_id}/connections")
    assert json.loads(server.requests[0]["body"])["auth"]["scope"] == {"project": {"name": "cn-north-4_dev"}}
    assert server.requests[1]["path"] == "/v5/%s/connections" % SUB_PROJECT


def test_a_project_id_alone_scopes_the_token_by_id(server):
    server.queue(201, token_answer(SUB_PROJECT, "cn-north-4_dev"), headers={"X-Subject-Token": "tok"})
    server.queue(200, {})
    client(server, PasswordAuth("acme", "ops", "pw", project_id=SUB_PROJECT), project_id=SUB_PROJECT).get("drs", "/v5/{project_id}/x")
    assert json.loads(server.requests[0]["body"])["auth"]["scope"] == {"project": {"id": SUB_PROJECT}}


def test_a_domain_id_names_the_users_account(server):
    server.queue(201, token_answer(PROJECT, "cn-north-4"), headers={"X-Subject-Token": "tok"})
    server.queue(200, {})
    client(server, PasswordAuth(None, "ops", "pw", domain_id="d" * 32), project_id=None).get("drs", "/x")
    assert json.loads(server.requests[0]["body"])["auth"]["identity"]["password"]["user"]["domain"] == {"id": "d" * 32}


def test_keys_with_a_project_name_look_up_that_project(server):
    server.queue(200, {"projects": [{"id": SUB_PROJECT, "name": "cn-north-4_dev"}]})
    server.queue(200, {})
    client(server, AkSkAuth("AK", "SK"), project_id=None, project_name="cn-north-4_dev").get("drs", "/v5/{project_id}/x")
    assert server.requests[0]["path"] == "/v3/projects?name=cn-north-4_dev"
    assert server.requests[1]["path"] == "/v5/%s/x" % SUB_PROJECT and server.requests[1]["headers"]["X-Project-Id"] == SUB_PROJECT
