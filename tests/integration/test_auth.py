# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Authentication against the emulator: IAM token cache across module runs, expiry, wrong keys, clock skew."""

from __future__ import annotations

import datetime

import pytest
from stack import REGION, run_playbook  # pylint: disable=import-error

from ansible_collections.hwcloud.connections.plugins.module_utils import signer
from ansible_collections.hwcloud.connections.plugins.module_utils.auth import AkSkAuth
from ansible_collections.hwcloud.connections.plugins.module_utils.client import HuaweiCloudClient
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError

PASSWORD_PLAY = """
- hosts: localhost
  gather_facts: false
  module_defaults:
    group/hwcloud.connections.hwcloud:
      endpoint_url: "{{ emulator_url }}"
      region: "{{ hw_region }}"
      domain_name: emulator-domain
      user_name: emulator-user
      password: emulator-password
  tasks:
    - name: First module run
      hwcloud.connections.drs_connection_info:
    - name: Expire every token the emulator issued
      ansible.builtin.uri:
        url: "{{ emulator_url }}/_emulator/iam/expire-tokens"
        method: POST
      when: expire | default(false) | bool
    - name: Second module run
      hwcloud.connections.drs_connection_info:
"""


def _log(stack):
    return stack.admin("GET", "requests")["requests"]


def _token_requests(stack):
    return [r for r in _log(stack) if r["method"] == "POST" and r["path"] == "/v3/auth/tokens"]


def test_password_auth_asks_iam_once_per_run(fresh_stack, tmp_path):
    result = run_playbook(PASSWORD_PLAY, tmp_path, fresh_stack.target_vars())
    assert result.returncode == 0, result.stdout
    assert len(_token_requests(fresh_stack)) == 1
    cache_files = list((tmp_path / "cache" / "hwcloud.connections").glob("*.json"))
    assert len(cache_files) == 1 and "emulator-password" not in cache_files[0].read_text()
    assert oct(cache_files[0].stat().st_mode & 0o777) == "0o600"
    assert "emulator-password" not in result.stdout


def test_token_cache_disabled_means_one_iam_request_per_module_run(fresh_stack, tmp_path):
    result = run_playbook(PASSWORD_PLAY, tmp_path, fresh_stack.target_vars(), env={"HUAWEICLOUD_TOKEN_CACHE": "false"})
    assert result.returncode == 0, result.stdout
    assert len(_token_requests(fresh_stack)) == 2


def test_expired_token_mid_run_reauthenticates_once(fresh_stack, tmp_path):
    result = run_playbook(PASSWORD_PLAY, tmp_path, dict(fresh_stack.target_vars(), expire=True))
    assert result.returncode == 0, result.stdout
    log = _log(fresh_stack)
    assert len(_token_requests(fresh_stack)) == 2
    assert [r["status"] for r in log if r["path"].startswith("/v5/")] == [200, 401, 200]


def _client(stack, access_key, secret_key):
    return HuaweiCloudClient(region=REGION, auth=AkSkAuth(access_key, secret_key), project_id=stack.target_vars()["hw_project_id"],
                             endpoint_url=stack.url)


def test_wrong_secret_key_fails_clearly_without_retry_storm(fresh_stack):
    with pytest.raises(HuaweiCloudError) as err:
        _client(fresh_stack, fresh_stack.target_vars()["hw_access_key"], "wrong-secret").get("drs", "/v5/{project_id}/connections")
    assert err.value.status == 401 and err.value.error_code == "APIGW.0301"
    assert "verify aksk signature fail" in str(err.value)
    assert len(_log(fresh_stack)) == 1


def test_unknown_access_key_says_so(fresh_stack):
    with pytest.raises(HuaweiCloudError, match="ak not exist"):
        _client(fresh_stack, "NOSUCHACCESSKEY00000", "x").get("drs", "/v5/{project_id}/connections")


def test_clock_skew_message_tells_the_user(fresh_stack, monkeypatch):
    skewed = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=20)

    class SkewedClock(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return skewed

    monkeypatch.setattr(signer.datetime, "datetime", SkewedClock)
    variables = fresh_stack.target_vars()
    with pytest.raises(HuaweiCloudError) as err:
        _client(fresh_stack, variables["hw_access_key"], variables["hw_secret_key"]).get("drs", "/v5/{project_id}/connections")
    assert "X-Sdk-Date is out of range (15 minutes)" in str(err.value)
    assert "clock" in str(err.value)
