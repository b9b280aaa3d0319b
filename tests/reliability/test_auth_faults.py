# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Authentication faults through whole module runs (tests/integration/test_auth.py covers the client and the token
cache across a playbook): one re-authentication after an expired token, clear failures without retry storms."""

from __future__ import annotations

import datetime

import pytest
from conftest import run_module  # pylint: disable=import-error

from ansible_collections.hwcloud.connections.plugins.module_utils import client, signer

PASSWORD = {"access_key": None, "secret_key": None, "domain_name": "emulator-domain", "user_name": "emulator-user",
            "password": "emulator-password"}


def _api(emulator):
    return [r for r in emulator.log() if r["path"].startswith("/v5/")]


def _tokens(emulator):
    return [r for r in emulator.log() if r["path"] == "/v3/auth/tokens"]


@pytest.mark.parametrize("module", ["drs_connection_info", "eg_connection_info", "dli_enhanced_connection_info"])
def test_wrong_secret_key_fails_clearly_with_one_request(emulator, module):
    run = run_module(module, emulator.auth_args(secret_key="WRONG-SECRET-KEY-0000000000000000000000"))
    assert run.error is None, run.error
    assert run.failed and run.result["status"] == 401 and run.result["error_code"] == "APIGW.0301", run.stdout
    assert "verify aksk signature fail" in run.msg and "secret_key" in run.msg
    assert len(emulator.log()) == 1
    assert "WRONG-SECRET-KEY" not in run.stdout


def test_unknown_access_key_fails_clearly_with_one_request(emulator):
    run = run_module("drs_connection", emulator.auth_args(access_key="NOSUCHKEY0000000000", name="auth-drs", db_type="mysql",
                                                          endpoint={"endpoint_name": "mysql", "ip": "192.168.0.1", "db_user": "u"}))
    assert run.failed and "ak not exist" in run.msg, run.stdout
    assert len(emulator.log()) == 1


def test_wrong_password_fails_clearly_with_one_request(emulator):
    # Runs of a secret's characters are masked in server text too, so this one shares no word with IAM's message.
    run = run_module("drs_connection_info", emulator.auth_args(**dict(PASSWORD, password="Wr0ng-Pa55-4711")))
    assert run.error is None, run.error
    assert run.failed and run.result["status"] == 401 and "username or password is wrong" in run.msg, run.stdout
    assert len(_tokens(emulator)) == 1 and len(emulator.log()) == 1
    assert "Wr0ng-Pa55-4711" not in run.stdout


def test_token_expiring_between_requests_reauthenticates_once(emulator, monkeypatch):
    """The token expires in the middle of a module run, between its lookup and its create."""
    original = client.HuaweiCloudClient.request
    expired = []

    def request(self, service, method, path, *args, **kwargs):
        response = original(self, service, method, path, *args, **kwargs)
        if service == "drs" and method == "GET" and not expired:
            expired.append(emulator.admin("POST", "iam/expire-tokens"))
        return response

    monkeypatch.setattr(client.HuaweiCloudClient, "request", request)
    run = run_module("drs_connection", emulator.auth_args(**dict(PASSWORD, name="auth-expired", db_type="mysql", endpoint={
        "endpoint_name": "mysql", "ip": "192.168.0.1", "db_user": "u", "db_password": "p"})))
    assert run.error is None and not run.failed and run.result["changed"], run.stdout
    assert expired
    statuses = [(r["method"], r["status"]) for r in _api(emulator)]
    assert statuses == [("GET", 200), ("POST", 401), ("POST", 200)], statuses
    assert len(_tokens(emulator)) == 2  # the first login and exactly one re-authentication
    assert len(emulator.state()["drs_connections"]) == 1


def test_clock_skew_failure_tells_the_user_about_the_clock(emulator, monkeypatch):
    skewed = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=30)

    class SkewedClock(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return skewed

    monkeypatch.setattr(signer.datetime, "datetime", SkewedClock)
    run = run_module("eg_connection_info", emulator.auth_args())
    assert run.failed and "X-Sdk-Date is out of range (15 minutes)" in run.msg and "clock" in run.msg, run.stdout
    assert len(emulator.log()) == 1
