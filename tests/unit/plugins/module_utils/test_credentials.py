# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where credentials come from: the names of Terraform, community.general and the SDK, one resolution order, the SDK
credentials file, and metadata only when asked (the developer's environment and home are emptied by conftest)."""

from __future__ import annotations

import os
import socket

import pytest
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.hwcloud.connections.plugins.module_utils.auth import AkSkAuth, PasswordAuth
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import ValidationFailed
from ansible_collections.hwcloud.connections.plugins.module_utils.shared_options import auth_argument_spec, build_client, option_problems
from ansible_collections.hwcloud.connections.plugins.module_utils.temporary_credentials import AgencyAuth, MetadataAuth

PROJECT = "0123456789abcdef0123456789abcdef"


class Recorder:
    """What build_client reported: warnings and deprecations."""

    def __init__(self):
        self.warnings = []
        self.deprecations = []

    def warn(self, message):
        self.warnings.append(message)

    def deprecate(self, message, version=None, date=None, collection_name=None):
        self.deprecations.append((message, version, date, collection_name))


def params_of(options=None):
    result = ArgumentSpecValidator(auth_argument_spec()).validate(dict(options or {}))
    assert not result.error_messages, result.error_messages
    return result.validated_parameters


def client_of(options=None, recorder=None, secrets=None):
    recorder = recorder or Recorder()
    params = params_of(dict({"region": "cn-north-4"}, **(options or {})))
    problems = option_problems(params)
    if problems:
        raise ValidationFailed("; ".join(problems))
    return build_client(params, recorder.warn, secrets if secrets is not None else set(), deprecate=recorder.deprecate)


@pytest.mark.parametrize("environment", [
    {"HW_USER_NAME": "ops", "HW_USER_PASSWORD": "pw", "HW_DOMAIN_NAME": "acme"},
    {"OS_USERNAME": "ops", "OS_PASSWORD": "pw", "OS_DOMAIN_NAME": "acme"},
    {"OS_USERNAME": "ops", "OS_PASSWORD": "pw", "OS_USER_DOMAIN_NAME": "acme"},
])
def test_terraform_password_variables(monkeypatch, environment):
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    recorder = Recorder()
    auth = client_of(recorder=recorder).auth
    assert isinstance(auth, PasswordAuth) and (auth.domain_name, auth.user_name) == ("acme", "ops")
    assert recorder.deprecations == []


def test_terraform_key_region_project_and_auth_url_variables(monkeypatch):
    for name, value in {"OS_ACCESS_KEY": "AK-OS", "OS_SECRET_KEY": "SK-OS", "OS_REGION_NAME": "eu-west-101", "OS_PROJECT_ID": PROJECT,
                        "HW_AUTH_URL": "https://iam.example.test:443/v3"}.items():
        monkeypatch.setenv(name, value)
    params = params_of()
    client = build_client(params, print, set())
    assert isinstance(client.auth, AkSkAuth) and client.auth.access_key == "AK-OS"
    assert (client.region, client.project_id) == ("eu-west-101", PROJECT)
    assert client.endpoint("iam") == "https://iam.example.test:443"


@pytest.mark.parametrize("url, expected", [("http://127.0.0.1:9/v3", "http://127.0.0.1:9"), ("http://127.0.0.1:9/v3/", "http://127.0.0.1:9"),
                                           ("http://127.0.0.1:9", "http://127.0.0.1:9")])
def test_auth_url_with_or_without_v3(url, expected):
    client = client_of({"auth_url": url, "access_key": "AK", "secret_key": "SK"})
    assert client.endpoint("iam") == expected and client.endpoint("drs") == "https://drs.cn-north-4.myhuaweicloud.com"


def test_per_service_iam_endpoint_wins_over_auth_url():
    client = client_of({"auth_url": "http://127.0.0.1:9/v3", "endpoints": {"iam": "http://127.0.0.1:8"}, "access_key": "AK", "secret_key": "SK"})
    assert client.endpoint("iam") == "http://127.0.0.1:8"


def test_hw_password_still_works_but_is_deprecated(monkeypatch):
    for name, value in {"HW_USER_NAME": "ops", "HW_PASSWORD": "old-pw-secret", "HW_DOMAIN_NAME": "acme"}.items():
        monkeypatch.setenv(name, value)
    recorder, secrets = Recorder(), set()
    auth = client_of(recorder=recorder, secrets=secrets).auth
    assert isinstance(auth, PasswordAuth)
    [(message, version, _date, collection)] = recorder.deprecations
    assert "HW_PASSWORD" in message and "HW_USER_PASSWORD" in message and version == "2.0.0" and collection == "hwcloud.connections"
    assert "old-pw-secret" in secrets and "old-pw-secret" not in message


def test_hw_user_password_wins_over_the_deprecated_name(monkeypatch):
    for name, value in {"HW_USER_NAME": "ops", "HW_PASSWORD": "old", "HW_USER_PASSWORD": "new", "HW_DOMAIN_NAME": "acme"}.items():
        monkeypatch.setenv(name, value)
    recorder = Recorder()
    assert client_of(recorder=recorder).auth.identity() == PasswordAuth("acme", "ops", "new").identity()
    assert recorder.deprecations == []


def test_community_general_option_names_are_aliases():
    params = params_of({"region": "cn-north-4", "identity_endpoint": "http://127.0.0.1:9/v3", "user": "ops", "password": "pw",
                        "domain": "acme", "project": "cn-north-4_dev"})
    assert (params["auth_url"], params["user_name"], params["domain_name"], params["project_name"]) == (
        "http://127.0.0.1:9/v3", "ops", "acme", "cn-north-4_dev")
    auth = build_client(params, print, set()).auth
    assert isinstance(auth, PasswordAuth) and auth.project_name == "cn-north-4_dev"


def test_an_empty_variable_counts_as_unset_and_the_next_name_is_read(monkeypatch):
    monkeypatch.setenv("HW_PROJECT_ID", "")  # an optional AWX credential field left blank is injected as ""
    monkeypatch.setenv("OS_PROJECT_ID", PROJECT)
    monkeypatch.setenv("HW_SECURITY_TOKEN", "")
    params = params_of({"region": "cn-north-4"})
    assert params["project_id"] == PROJECT and params["security_token"] is None


def test_keys_win_over_a_password_and_the_choice_is_said(monkeypatch):
    monkeypatch.setenv("HW_USER_NAME", "ops")
    monkeypatch.setenv("HW_USER_PASSWORD", "pw")
    monkeypatch.setenv("HW_DOMAIN_NAME", "acme")
    recorder = Recorder()
    auth = client_of({"access_key": "AK", "secret_key": "SK"}, recorder=recorder).auth
    assert isinstance(auth, AkSkAuth)
    assert any("access_key" in w and "password" in w for w in recorder.warnings)


@pytest.mark.parametrize("options, named", [
    ({"access_key": "AK"}, "secret_key"),
    ({"secret_key": "SK"}, "access_key"),
    ({"user_name": "ops", "password": "pw"}, "domain_name"),
    ({"password": "pw", "domain_name": "acme"}, "user_name"),
    ({"user_name": "ops", "domain_name": "acme"}, "password"),
])
def test_an_incomplete_set_names_what_is_missing(options, named):
    with pytest.raises(ValidationFailed, match=named):
        client_of(options)


def test_no_credentials_lists_every_source():
    with pytest.raises(ValidationFailed) as failed:
        client_of()
    text = str(failed.value)
    for name in ("HW_ACCESS_KEY", "HW_USER_PASSWORD", "OS_PASSWORD", "HUAWEICLOUD_SDK_CREDENTIALS_FILE", "~/.huaweicloud/credentials",
                 "use_metadata"):
        assert name in text


@pytest.mark.parametrize("options, named", [
    ({"project_name": "cn-east-3_dev"}, "project_name: must be the region cn-north-4 or one of its sub-projects"),
    ({"project_name": "cn-north-4_a/b"}, "project_name"),
    ({"auth_url": "ftp://iam"}, "auth_url: must be an http:// or https:// URL"),
    ({"metadata_url": "http://user:pw@127.0.0.1"}, "metadata_url: must not contain credentials"),
    ({"assume_role": {"agency_name": "ops", "domain_name": "acme", "duration": 60}}, "assume_role.duration: must be from 900 to 86400"),
    ({"assume_role": {"domain_name": "acme"}}, "assume_role.agency_name: is required"),
    ({"assume_role": {"agency_name": "ops"}}, "assume_role.domain_name or assume_role.domain_id"),
])
def test_credential_options_are_checked_before_any_call(options, named):
    problems = option_problems(params_of(dict({"region": "cn-north-4"}, **options)))
    assert any(named in problem for problem in problems), problems


# -- the SDK credentials file --------------------------------------------------------------------------------------

PROFILE = "[basic]\nak = AK-FILE\nsk = SK-FILE-secret\nsecurity_token = STS-FILE-secret\nproject_id = %s\niam_endpoint = http://127.0.0.1:9\n" % PROJECT


def write_profile(path, text=PROFILE, mode=0o600):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    os.chmod(str(path), mode)
    return path


def test_the_default_credentials_file_when_nothing_else_is_given(tmp_path):
    write_profile(tmp_path / "home" / ".huaweicloud" / "credentials")  # conftest points HOME at tmp_path/home
    recorder, secrets = Recorder(), set()
    client = client_of(recorder=recorder, secrets=secrets)
    assert isinstance(client.auth, AkSkAuth) and client.auth.access_key == "AK-FILE"
    assert client.project_id == PROJECT and client.endpoint("iam") == "http://127.0.0.1:9"
    assert {"SK-FILE-secret", "STS-FILE-secret"} <= secrets and recorder.warnings == []


def test_the_sdk_reads_the_same_file_the_same_way(tmp_path, monkeypatch):
    from huaweicloudsdkcore.auth.provider import ProfileCredentialProvider  # the referee (only in the test venv)

    path = write_profile(tmp_path / "elsewhere" / "credentials")
    monkeypatch.setenv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", str(path))
    sdk = ProfileCredentialProvider.get_basic().get_credentials()
    ours = client_of()
    assert (ours.auth.access_key, ours.project_id, ours.endpoint("iam")) == (sdk.ak, sdk.project_id, sdk.iam_endpoint)
    assert ours.auth.identity() == AkSkAuth(sdk.ak, sdk.sk, sdk.security_token).identity()


def test_options_and_environment_win_over_the_file(tmp_path, monkeypatch):
    write_profile(tmp_path / "home" / ".huaweicloud" / "credentials")
    monkeypatch.setenv("HW_ACCESS_KEY", "AK-ENV")
    monkeypatch.setenv("HW_SECRET_KEY", "SK-ENV")
    assert client_of().auth.access_key == "AK-ENV"


def test_a_file_others_can_read_is_used_with_a_warning(tmp_path):
    path = write_profile(tmp_path / "home" / ".huaweicloud" / "credentials", mode=0o644)
    recorder = Recorder()
    assert client_of(recorder=recorder).auth.access_key == "AK-FILE"
    assert [w for w in recorder.warnings if str(path) in w and "644" in w and "chmod 600" in w]
    assert not [w for w in recorder.warnings if "SK-FILE" in w]


@pytest.mark.parametrize("text, named", [
    ("ak = AK\nsk = SK-FILE-secret\n", "line 1"),
    ("[basic]\nak = AK\n", "sk"),
    ("[basic]\nak = AK\nsk = SK-FILE-secret\nproject_id = ../x\n", "project_id"),
    ("[basic]\nak = AK\nsk = SK-FILE-secret\niam_endpoint = ftp://x\n", "iam_endpoint"),
    ("[basic]\nidp_id = idp\nid_token_file = /t\n", "idp_id"),
])
def test_an_unusable_named_file_fails_without_showing_its_content(tmp_path, monkeypatch, text, named):
    path = write_profile(tmp_path / "credentials", text)
    monkeypatch.setenv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", str(path))
    with pytest.raises(ValidationFailed) as failed:
        client_of()
    assert named in str(failed.value) and str(path) in str(failed.value) and "SK-FILE-secret" not in str(failed.value)


def test_a_named_file_that_does_not_exist_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", str(tmp_path / "missing"))
    with pytest.raises(ValidationFailed, match="HUAWEICLOUD_SDK_CREDENTIALS_FILE"):
        client_of()


# -- ECS metadata: only when asked ---------------------------------------------------------------------------------

@pytest.fixture
def dials(monkeypatch):
    """Every address a socket connects to (none are made here: building a client does not fetch credentials)."""
    seen = []
    real = socket.socket.connect

    def connect(sock, address):
        seen.append(address)
        return real(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return seen


def test_metadata_is_never_tried_unasked(dials):
    with pytest.raises(ValidationFailed, match="No credentials"):
        client_of()
    assert dials == []


def test_use_metadata_defaults_to_the_link_local_server_but_builds_without_dialling(dials):
    auth = client_of({"use_metadata": True}).auth
    assert isinstance(auth, MetadataAuth) and auth.base_url == "http://169.254.169.254"
    assert dials == []


def test_a_metadata_url_alone_asks_for_metadata(monkeypatch):
    monkeypatch.setenv("HUAWEICLOUD_METADATA_URL", "http://127.0.0.1:9/")
    auth = client_of().auth
    assert isinstance(auth, MetadataAuth) and auth.base_url == "http://127.0.0.1:9"


def test_keys_found_first_make_use_metadata_a_warning():
    recorder = Recorder()
    assert isinstance(client_of({"use_metadata": True, "access_key": "AK", "secret_key": "SK"}, recorder=recorder).auth, AkSkAuth)
    assert any("use_metadata" in w for w in recorder.warnings)


# -- assume an agency ----------------------------------------------------------------------------------------------

def test_assume_role_wraps_whichever_base_credentials_were_found(monkeypatch):
    monkeypatch.setenv("HW_ASSUME_ROLE_AGENCY_NAME", "ops-agency")
    monkeypatch.setenv("HW_ASSUME_ROLE_DOMAIN_NAME", "acme")
    monkeypatch.setenv("HW_ASSUME_ROLE_DURATION", "3600")
    auth = client_of({"access_key": "AK", "secret_key": "SK"}).auth
    assert isinstance(auth, AgencyAuth) and isinstance(auth.base, AkSkAuth)
    assert (auth.agency_name, auth.domain_name, auth.domain_id, auth.duration) == ("ops-agency", "acme", None, 3600)


def test_assume_role_defaults_to_the_base_users_domain():
    auth = client_of({"user_name": "ops", "password": "pw", "domain_name": "acme", "assume_role": {"agency_name": "ops-agency"}}).auth
    assert isinstance(auth, AgencyAuth) and isinstance(auth.base, PasswordAuth) and auth.domain_name == "acme" and auth.duration == 900
