# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A controller plugin's client: the modules' options, environment fallbacks and checks, errors as AnsibleError."""

from __future__ import annotations

import pytest

from ansible.errors import AnsibleError

from ansible_collections.hwcloud.connections.plugins.module_utils.auth import AkSkAuth, PasswordAuth
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError
from ansible_collections.hwcloud.connections.plugins.module_utils.temporary_credentials import AgencyAuth
from ansible_collections.hwcloud.connections.plugins.plugin_utils.api_client import PluginApi

SK = "plugin-secret-key-0123456789"
ENVIRONMENT = ("HW_REGION_NAME", "HW_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID", "HW_ACCESS_KEY", "HUAWEICLOUD_SDK_AK", "HW_SECRET_KEY",
               "HUAWEICLOUD_SDK_SK", "HW_SECURITY_TOKEN", "HUAWEICLOUD_SDK_SECURITY_TOKEN", "HW_DOMAIN_NAME", "HW_USER_NAME",
               "HW_PASSWORD", "HUAWEICLOUD_ENDPOINT_URL", "HUAWEICLOUD_CA_BUNDLE", "HW_CLOUD", "HUAWEICLOUD_TOKEN_CACHE")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


def test_the_environment_fills_what_the_options_leave_unset(monkeypatch):
    monkeypatch.setenv("HW_REGION_NAME", "eu-west-101")
    monkeypatch.setenv("HW_ACCESS_KEY", "AK")
    monkeypatch.setenv("HW_SECRET_KEY", SK)
    api = PluginApi({"endpoint_url": None, "api_timeout": "7"}, warn=print)
    client = api.client
    assert isinstance(client.auth, AkSkAuth) and client.auth.access_key == "AK"
    assert client.region == "eu-west-101" and client.timeout == 7.0 and client.endpoint("drs") == "https://drs.eu-west-101.myhuaweicloud.eu"
    assert SK in api.secrets and client.secrets is api.secrets


def test_options_win_over_the_environment(monkeypatch):
    monkeypatch.setenv("HW_REGION_NAME", "eu-west-101")
    api = PluginApi({"region": "cn-north-4", "domain_name": "acme", "user_name": "ops", "password": "pw-secret"}, warn=print)
    assert api.client.region == "cn-north-4" and isinstance(api.client.auth, PasswordAuth)
    assert "pw-secret" in api.secrets


def test_terraform_variables_sub_projects_and_agencies_reach_a_plugin(monkeypatch):
    for name, value in {"OS_REGION_NAME": "cn-north-4", "HW_USER_NAME": "ops", "HW_USER_PASSWORD": "pw-secret",
                        "HW_DOMAIN_NAME": "acme", "HW_PROJECT_NAME": "cn-north-4_dev",
                        "HW_ASSUME_ROLE_AGENCY_NAME": "ops-agency", "HW_ASSUME_ROLE_DURATION": "1800"}.items():
        monkeypatch.setenv(name, value)
    api = PluginApi({"assume_role": None, "project_name": None}, warn=print)
    auth = api.client.auth
    assert isinstance(auth, AgencyAuth) and isinstance(auth.base, PasswordAuth) and auth.base.project_name == "cn-north-4_dev"
    assert (auth.agency_name, auth.domain_name, auth.duration) == ("ops-agency", "acme", 1800)
    assert "pw-secret" in api.secrets


def test_a_deprecated_variable_is_reported_through_the_plugins_display(monkeypatch):
    for name, value in {"HW_USER_NAME": "ops", "HW_PASSWORD": "old-pw", "HW_DOMAIN_NAME": "acme"}.items():
        monkeypatch.setenv(name, value)
    deprecations, warnings = [], []
    api = PluginApi({"region": "cn-north-4"}, warn=warnings.append,
                    deprecate=lambda msg, version=None, collection_name=None: deprecations.append((msg, version)))
    assert isinstance(api.client.auth, PasswordAuth) and "old-pw" in api.secrets
    assert [version for msg, version in deprecations if "HW_PASSWORD" in msg] == ["2.0.0"] and warnings == []
    fallback = PluginApi({"region": "cn-north-4"}, warn=warnings.append)
    assert isinstance(fallback.client.auth, PasswordAuth) and any("HW_PASSWORD" in w and "DEPRECATED" in w for w in warnings)


@pytest.mark.parametrize("options, named", [
    ({"region": "cn-north-4/../x"}, "region: must be a region ID"),
    ({"region": "cn-north-4", "endpoint_url": "ftp://127.0.0.1"}, "endpoint_url: must be an http:// or https:// URL"),
    ({"region": "cn-north-4", "api_timeout": 0}, "api_timeout: must be a finite number > 0"),
    ({"region": "cn-north-4", "project_name": "eu-west-101_x"}, "project_name: must be the region cn-north-4"),
    ({"region": "cn-north-4", "assume_role": {"domain_name": "acme"}}, "assume_role.agency_name: is required"),
    ({}, "region"),
])
def test_bad_options_fail_before_any_call_naming_the_option(options, named):
    with pytest.raises(AnsibleError, match="inventory x: Invalid input: .*" + named.replace("/", ".")):
        PluginApi(options, warn=print, what="inventory x")


def test_no_credentials_is_named_when_the_client_is_first_needed():
    api = PluginApi({"region": "cn-north-4"}, warn=print)
    with pytest.raises(AnsibleError, match="No credentials"):
        api.client  # pylint: disable=pointless-statement


def test_api_errors_become_ansible_errors_with_secrets_masked():
    api = PluginApi({"region": "cn-north-4", "access_key": "AK", "secret_key": SK}, warn=print)
    with pytest.raises(AnsibleError) as raised:
        with api.errors():
            raise HuaweiCloudError("GET /v5/x failed: HTTP 400 DRS.1 echo %s" % SK, status=400)
    assert SK not in str(raised.value) and "HTTP 400" in str(raised.value)


def test_other_exceptions_are_not_swallowed():
    api = PluginApi({"region": "cn-north-4"}, warn=print)
    with pytest.raises(KeyError):
        with api.errors():
            raise KeyError("a bug stays a bug")
