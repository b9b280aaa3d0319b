# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""State file persistence across restarts, and the python -m entry point."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys

import pytest
import requests

from hwcloud_emulator.server import EmulatorServer
from emulator_testlib import PROJECT, signed_call

EMULATOR_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "emulator")


def test_state_survives_a_restart(emulator_factory, tmp_path) -> None:
    state_file = str(tmp_path / "state.json")
    first = emulator_factory(state_file=state_file)
    created = signed_call("POST", "%s/v5/%s/connections" % (first.base_url, PROJECT), {
        "name": "persisted", "db_type": "mysql",
        "endpoint": {"endpoint_name": "mysql", "db_user": "root", "db_password": "pw"}}).json()
    first.server.stop()
    assert stat.S_IMODE(os.stat(state_file).st_mode) == 0o600
    second = emulator_factory(state_file=state_file)
    listed = signed_call("GET", "%s/v5/%s/connections" % (second.base_url, PROJECT)).json()
    assert [c["connection_id"] for c in listed["connections"]] == [created["connection_id"]]
    conflict = signed_call("POST", "%s/v5/%s/connections" % (second.base_url, PROJECT), {
        "name": "PERSISTED", "db_type": "mysql", "endpoint": {"endpoint_name": "mysql", "db_user": "r", "db_password": "p"}})
    assert conflict.json()["error_code"] == "DRS.10010065"


def test_refuses_non_loopback_host() -> None:
    with pytest.raises(ValueError):
        EmulatorServer(host="0.0.0.0")


def test_command_line_entry_point(tmp_path) -> None:
    config = tmp_path / "emulator.json"
    config.write_text(json.dumps({"drs": {"jobs": [{"name": "from-file", "status": "CONFIGURATION"}]}}))
    env = dict(os.environ, PYTHONPATH=EMULATOR_DIR, HWCLOUD_EMULATOR_CONFIG=str(config))
    process = subprocess.Popen([sys.executable, "-m", "hwcloud_emulator", "--port", "0"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline().strip()
        assert line.startswith("hwcloud-emulator listening on http://127.0.0.1:")
        base_url = line.rsplit(" ", 1)[1]
        jobs = requests.get(base_url + "/_emulator/state", timeout=10).json()["drs_jobs"]
        assert [job["name"] for job in jobs] == ["from-file"]
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
        process.stdout.close()
        process.stderr.close()


def test_command_line_rejects_public_host() -> None:
    env = dict(os.environ, PYTHONPATH=EMULATOR_DIR)
    result = subprocess.run([sys.executable, "-m", "hwcloud_emulator", "--host", "0.0.0.0"], env=env,
                            capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2 and "loopback" in result.stderr and result.stdout == ""
