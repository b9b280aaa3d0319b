# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The module wrapper: env fallbacks, endpoint resolution, credentials choice and the IAM token cache."""

from __future__ import annotations

import json
import os
import stat

import pytest
from ansible.module_utils.testing import patch_module_args

from ansible_collections.hwcloud.connections.plugins.module_utils.endpoints import resolve_endpoint
from ansible_collections.hwcloud.connections.plugins.module_utils.module import HuaweiCloudModule

ENV_NAMES = [
    "HW_ACCESS_KEY", "HW_SECRET_KEY", "HW_SECURITY_TOKEN", "HW_REGION_NAME", "HW_PROJECT_ID", "HW_DOMAIN_NAME", "HW_USER_NAME",
    "HW_PASSWORD", "HW_CLOUD", "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_SECURITY_TOKEN", "HUAWEICLOUD_SDK_PROJECT_ID",
    "HUAWEICLOUD_ENDPOINT_URL", "HUAWEICLOUD_CA_BUNDLE", "HUAWEICLOUD_TOKEN_CACHE",
]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def build(args=None):
    with patch_module_args(args or {}):
        return HuaweiCloudModule({})


@pytest.mark.parametrize(
    "service, region, cloud, endpoints, endpoint_url, expected",
    [
        ("drs", "cn-north-4", None, None, None, "https://drs.cn-north-4.myhuaweicloud.com"),
        ("dli", "eu-west-101", None, None, None, "https://dli.eu-west-101.myhuaweicloud.eu"),
        ("eg", "ap-southeast-1", "example.cloud", None, None, "https://eg.ap-southeast-1.example.cloud"),
        ("iam", "cn-north-4", None, None, None, "https://iam.cn-north-4.myhuaweicloud.com"),
        ("drs", "cn-north-4", None, None, "http://127.0.0.1:9/", "http://127.0.0.1:9"),
        ("drs", "cn-north-4", None, {"drs": "https://drs.internal"}, "http://127.0.0.1:9", "https://drs.internal"),
        ("dli", "cn-north-4", None, {"drs": "https://drs.internal"}, "http://127.0.0.1:9", "http://127.0.0.1:9"),
        ("eg", "eu-west-101", "myhuaweicloud.com", None, None, "https://eg.eu-west-101.myhuaweicloud.com"),
    ],
)
def test_endpoint_resolution_table(service, region, cloud, endpoints, endpoint_url, expected):
    assert resolve_endpoint(service, region, cloud, endpoints, endpoint_url) == expected


def test_endpoint_url_from_env_and_per_service_override(monkeypatch):
    monkeypatch.setenv("HUAWEICLOUD_ENDPOINT_URL", "http://127.0.0.1:8080")
    module = build({"region": "cn-north-4", "access_key": "a", "secret_key": "s", "endpoints": {"iam": "http://127.0.0.1:9090"}})
    assert module.client.endpoint("drs") == "http://127.0.0.1:8080"
    assert module.client.endpoint("iam") == "http://127.0.0.1:9090"


@pytest.mark.parametrize("convention", ["terraform", "sdk"])
def test_env_fallbacks(monkeypatch, convention):
    names = {
        "terraform": ("HW_ACCESS_KEY", "HW_SECRET_KEY", "HW_SECURITY_TOKEN", "HW_PROJECT_ID"),
        "sdk": ("HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_SECURITY_TOKEN", "HUAWEICLOUD_SDK_PROJECT_ID"),
    }[convention]
    for name, value in zip(names, ("ak-env", "sk-env", "sts-env", "0123456789abcdef0123456789abcdef")):
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("HW_REGION_NAME", "eu-west-101")
    monkeypatch.setenv("HW_CLOUD", "example.eu")
    module = build()
    client = module.client
    assert (client.auth.access_key, client.project_id, client.region) == ("ak-env", "0123456789abcdef0123456789abcdef", "eu-west-101")
    assert client.endpoint("drs") == "https://drs.eu-west-101.example.eu"
    assert {"ak-env", "sk-env", "sts-env"} <= module.ansible.no_log_values


def test_password_env_fallbacks(monkeypatch):
    for name, value in (("HW_DOMAIN_NAME", "d"), ("HW_USER_NAME", "u"), ("HW_PASSWORD", "p"), ("HW_REGION_NAME", "cn-north-4")):
        monkeypatch.setenv(name, value)
    auth = build().client.auth
    assert (auth.kind, auth.domain_name, auth.user_name) == ("token", "d", "u")


def test_missing_credentials_fail_before_any_call():
    module = build({"region": "cn-north-4"})
    with pytest.raises(Exception, match="No credentials"):
        module.client  # pylint: disable=pointless-statement


def _password_module(server, **extra):
    args = {"region": "cn-north-4", "domain_name": "dom", "user_name": "usr", "password": "canary-Pa55word", "endpoint_url": server.url}
    args.update(extra)
    return build(args)


def _token(server):
    server.queue(201, {"token": {"expires_at": "2099-01-01T00:00:00Z", "project": {"id": "0123456789abcdef0123456789abcdef", "name": "cn-north-4"}}},
                 headers={"X-Subject-Token": "tok-secret"})


def test_two_runs_with_password_auth_make_one_iam_request(server, tmp_path):
    _token(server)
    for _run in range(2):
        module = _password_module(server)
        assert module.client.get("drs", "/v5/{project_id}/connections").body == {}
        assert "tok-secret" in module.ansible.no_log_values
    iam = [r for r in server.requests if r["path"].startswith("/v3/auth/tokens")]
    assert len(iam) == 1
    files = [p for p in (tmp_path / "cache" / "hwcloud.connections").iterdir() if p.suffix == ".json"]
    assert len(files) == 1
    assert stat.S_IMODE(os.stat(files[0]).st_mode) == 0o600
    content = files[0].read_text()
    assert "canary-Pa55word" not in content and json.loads(content)["token"] == "tok-secret"


def test_cache_disabled_means_one_iam_request_per_run(server, monkeypatch):
    monkeypatch.setenv("HUAWEICLOUD_TOKEN_CACHE", "false")
    for _run in range(2):
        _token(server)
        _password_module(server).client.get("drs", "/v5/{project_id}/connections")
    assert len([r for r in server.requests if r["path"].startswith("/v3/auth/tokens")]) == 2


def _logged_invocation(monkeypatch, spec, args):
    logged = []
    monkeypatch.setattr("ansible.module_utils.basic.AnsibleModule.log", lambda self, msg, log_args=None: logged.append(msg))
    with patch_module_args(args):
        HuaweiCloudModule(spec)
    return logged[0]


LIST_SPEC = {"connections": {"type": "list", "elements": "dict", "options": {
    "name": {"type": "str", "required": True}, "password": {"type": "str", "no_log": True}}}}


def test_a_long_list_is_logged_by_its_length(monkeypatch):
    # Ansible writes every invocation to the target's journal after replacing each no_log value in each argument's
    # text: hundreds of elements and their passwords made that a third of a list module's no-op run.
    elements = [{"name": "conn-%04d" % n, "password": "pw-%04d-secret" % n} for n in range(600)]
    message = _logged_invocation(monkeypatch, LIST_SPEC, {"connections": elements, "region": "cn-north-4"})
    assert "connections=<list of 600 elements, not logged>" in message
    assert "conn-0001" not in message and "pw-0001" not in message
    assert "region=cn-north-4" in message


def test_a_short_list_is_logged_as_ansible_does_with_secrets_masked(monkeypatch):
    elements = [{"name": "conn-1", "password": "pw-1-secret"}]
    message = _logged_invocation(monkeypatch, LIST_SPEC, {"connections": elements, "region": "cn-north-4"})
    assert "conn-1" in message and "pw-1-secret" not in message


def test_arguments_in_a_result_reach_ansible_masked_so_their_passwords_are_not_searched_for(capsys):
    # Cores before 2.21 put the module arguments in every result. Their no_log values used to count as "shown", so a
    # list module kept every element's password for Ansible to search for in every string of the result: at 10,000
    # endpoints with distinct passwords that search took half a minute of each list task.
    elements = [{"name": "conn-%04d" % n, "password": "pw-%04d-secret" % n} for n in range(50)]
    elements.append({"name": "pw-0007-secret", "password": "last-pw-secret"})  # one password is also shown as a name
    with patch_module_args({"connections": elements, "region": "cn-north-4", "_ansible_inject_invocation": True}), pytest.raises(SystemExit):
        module = HuaweiCloudModule(LIST_SPEC)
        module.run(lambda m: {"changed": False, "count": len(m.params["connections"])})
    printed = capsys.readouterr().out
    result = json.loads(printed)
    shown = result["invocation"]["module_args"]["connections"]
    assert result["count"] == 51
    assert shown[0] == {"name": "conn-0000", "password": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"}
    assert shown[-1] == {"name": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER", "password": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"}
    assert "-secret" not in printed
    assert module.ansible.no_log_values == {"pw-0007-secret"}


ELEMENT_SPEC = {"connections": {"type": "list", "elements": "dict", "options": {
    "name": {"type": "str", "required": True}, "kind": {"type": "str", "choices": ["mysql", "kafka"]},
    "password": {"type": "str", "no_log": True}}}}


@pytest.mark.parametrize("args", [
    {"connections": [{"name": "a", "kind": "oracle", "password": "LEAK-pw-1"}], "region": "cn-north-4"},
    {"connections": [{"name": "a", "kind": "mysql", "password": "LEAK-pw-1"}]},
    {"connections": [{"name": "a", "kind": "oracle", "password": "LEAK-pw-1"}]},
    {"connections": [{"name": "a", "password": "LEAK-pw-1"}], "region": "cn-north-4", "unknown_option": 1},
], ids=["element refused", "region missing", "element refused and region missing", "unknown option"])
def test_refused_arguments_never_print_or_log_an_element_password(capsys, monkeypatch, args):
    # Ansible refuses the arguments; the module then fails through a lenient AnsibleModule, whose own checks used to
    # fail (or write the invocation to the journal) before it knew the elements' no_log values: on cores that put
    # the arguments in the result (before 2.21, or 2.21 asked to) the password was printed in clear.
    logged = []
    monkeypatch.setattr("ansible.module_utils.basic.AnsibleModule.log", lambda self, msg, log_args=None: logged.append(msg))
    with patch_module_args(dict(args, _ansible_inject_invocation=True)), pytest.raises(SystemExit):
        HuaweiCloudModule(ELEMENT_SPEC)
    printed = capsys.readouterr().out
    result = json.loads(printed)
    assert result["failed"] is True and result["msg"]
    assert "LEAK-pw-1" not in printed and not any("LEAK-pw-1" in line for line in logged)
    assert "exception" not in result  # no traceback of the refused first check
