# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The IAM token cache against a wrong password and a hostile cache directory (issue 9, items 8 and 13)."""

from __future__ import annotations

import json
import os

import pytest
from conftest import run_module  # pylint: disable=import-error

PASSWORD_AUTH = {"access_key": None, "secret_key": None, "domain_name": "emulator-domain", "user_name": "emulator-user",
                 "password": "emulator-password", "token_cache": True}


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "hwcloud.connections"


def _tokens(emulator) -> int:
    return len([r for r in emulator.log() if r["path"] == "/v3/auth/tokens"])


def _ok(run):
    assert run.error is None and not run.failed, run.stdout
    return run


def _entries(directory):
    return sorted(name for name in os.listdir(directory) if name.endswith(".json"))


def test_a_cached_token_does_not_make_a_wrong_password_work(emulator, cache_home):
    _ok(run_module("drs_connection_info", emulator.auth_args(**PASSWORD_AUTH)))
    assert _tokens(emulator) == 1
    run = run_module("drs_connection_info", emulator.auth_args(**dict(PASSWORD_AUTH, password="not-the-password")))
    assert run.error is None and run.failed, run.stdout
    assert run.result["status"] == 401 and _tokens(emulator) == 2
    _ok(run_module("drs_connection_info", emulator.auth_args(**PASSWORD_AUTH)))
    assert _tokens(emulator) == 2  # the right password still finds its cached token


def test_cache_files_never_hold_the_password(emulator, cache_home):
    _ok(run_module("drs_connection_info", emulator.auth_args(**PASSWORD_AUTH)))
    for name in os.listdir(cache_home):
        text = (cache_home / name).read_bytes()
        assert b"emulator-password" not in text


def test_a_planted_symlink_is_never_read(hostile, cache_home, tmp_path):
    _ok(run_module("drs_connection_info", hostile.args(**PASSWORD_AUTH)))
    planted = tmp_path / "planted.json"
    for name in _entries(cache_home):
        entry = json.loads((cache_home / name).read_text())
        planted.write_text(json.dumps(dict(entry, token="PLANTED-TOKEN")))
        os.unlink(cache_home / name)
        os.symlink(planted, cache_home / name)
    _ok(run_module("drs_connection_info", hostile.args(**PASSWORD_AUTH)))
    assert not [r for r in hostile.requests if r.headers.get("X-Auth-Token") == "PLANTED-TOKEN"]


def test_a_symlinked_lock_is_never_followed(emulator, cache_home, tmp_path):
    _ok(run_module("drs_connection_info", emulator.auth_args(**PASSWORD_AUTH)))
    target = tmp_path / "clobbered"
    for name in os.listdir(cache_home):
        if name.endswith(".lock"):
            os.unlink(cache_home / name)
            os.symlink(target, cache_home / name)
        else:
            os.unlink(cache_home / name)  # force a new login, which takes the lock
    _ok(run_module("drs_connection_info", emulator.auth_args(**PASSWORD_AUTH)))
    assert not target.exists()


@pytest.mark.parametrize("how", ["world-writable", "group-writable", "foreign-owner"])
def test_an_unsafe_cache_directory_is_refused_with_a_warning(emulator, cache_home, how):
    cache_home.mkdir(mode=0o700)
    if how == "world-writable":
        os.chmod(cache_home, 0o777)
    elif how == "group-writable":
        os.chmod(cache_home, 0o770)
    else:
        if os.geteuid() != 0:
            pytest.skip("changing a directory's owner needs root")
        os.chown(cache_home, 65534, -1)
    for _run in range(2):
        run = _ok(run_module("drs_connection_info", emulator.auth_args(**PASSWORD_AUTH)))
        assert any("cache" in warning and str(cache_home) in warning for warning in run.warnings), run.stdout
    assert os.listdir(cache_home) == []  # nothing written there
    assert _tokens(emulator) == 2  # and nothing read from it: each run logged in


def test_the_cache_directory_is_created_private(emulator, cache_home):
    _ok(run_module("drs_connection_info", emulator.auth_args(**PASSWORD_AUTH)))
    assert oct(os.stat(cache_home).st_mode & 0o777) == "0o700"
    for name in os.listdir(cache_home):
        assert oct(os.stat(cache_home / name).st_mode & 0o777) == "0o600"
