# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a user sees when the API cannot be reached (issue 20, point 3), through real ansible-playbook runs: the
message names the host and port, the cause and where the URL came from; a refused connection or a failed DNS lookup
is tried twice, not six times; timeouts keep their retries; a region Huawei Cloud does not have is named as such.

DNS is simulated by netsim/sitecustomize.py in the module's own process: every name but loopback fails to resolve
and nothing but loopback is ever dialled; the log it writes counts the lookups and connections."""

from __future__ import annotations

import json
import os
import socket
import threading

import pytest
from stack import DEFAULTS, PLAY_HEADER, REGION, ROOT, run_playbook  # pylint: disable=import-error

NETSIM = os.path.join(ROOT, "tests", "integration", "netsim")
UNKNOWN_REGION = "xx-nowhere-1"
PROJECT = DEFAULTS["projects"][REGION]
FATAL = "fatal: [localhost]: FAILED! => "


def _failed_message(result) -> str:
    assert result.returncode != 0, result.stdout[-5000:]
    assert "Traceback" not in result.stdout + result.stderr, result.stdout[-5000:] + result.stderr[-3000:]
    line = next(line for line in result.stdout.splitlines() if line.startswith(FATAL))
    return json.loads(line[len(FATAL):])["msg"]


@pytest.fixture(autouse=True)
def no_endpoint_url_in_the_environment(monkeypatch):
    monkeypatch.delenv("HUAWEICLOUD_ENDPOINT_URL", raising=False)


def simulated(tmp_path, variables: dict, task: str, env: dict = None):
    """Run ``task`` under PLAY_HEADER (less the options a variable leaves out) on the simulated network; returns
    (message, netlog lines)."""
    netlog = tmp_path / "netlog"
    netlog.write_text("")
    environment = {"HWCLOUD_TEST_NETLOG": str(netlog), "PYTHONPATH": os.pathsep.join([NETSIM, os.environ.get("PYTHONPATH", "")])}
    environment.update(env or {})
    header = PLAY_HEADER.replace('"{{ emulator_url }}"', '"{{ emulator_url | default(omit) }}"').replace(
        '"{{ hw_project_id }}"', '"{{ hw_project_id | default(omit) }}"')
    result = run_playbook(header + task, tmp_path, dict(variables, token_cache=False), env=environment)
    return _failed_message(result), netlog.read_text().splitlines()


BASE = {"hw_region": REGION, "hw_access_key": DEFAULTS["credentials"]["permanent"]["ak"],
        "hw_secret_key": DEFAULTS["credentials"]["permanent"]["sk"]}
INFO_TASK = """    - name: Read a connection
      hwcloud.connections.drs_connection_info:
        name: it-anything
        token_cache: false
"""


@pytest.fixture
def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def silent_port():
    """A loopback port that accepts connections and never answers; yields (port, accepted connections)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    accepted, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1], accepted
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def test_a_closed_port_from_the_environment_fails_at_the_second_attempt_naming_it(tmp_path, closed_port):
    url = "http://127.0.0.1:%d" % closed_port
    message, netlog = simulated(tmp_path, dict(BASE, hw_project_id=PROJECT), INFO_TASK, env={"HUAWEICLOUD_ENDPOINT_URL": url})
    assert message.startswith("GET /v5/%s/connections failed: connection refused by 127.0.0.1:%d" % (PROJECT, closed_port)), message
    assert "the URL comes from the environment variable HUAWEICLOUD_ENDPOINT_URL" in message
    assert message.endswith("(gave up after 2 attempts)"), message
    assert netlog.count("connect 127.0.0.1:%d" % closed_port) == 2, netlog


def test_a_region_huawei_cloud_does_not_have_is_named_after_one_dns_retry(tmp_path):
    message, netlog = simulated(tmp_path, dict(BASE, hw_region=UNKNOWN_REGION), INFO_TASK)
    host = "iam.%s.myhuaweicloud.com" % UNKNOWN_REGION
    assert message.startswith("GET /v3/projects failed: DNS lookup of %s failed (Name or service not known)" % host), message
    assert "the URL comes from the default for region %s" % UNKNOWN_REGION in message
    assert "%s is not one of Huawei Cloud's regions: check region, or set endpoint_url (or endpoints.iam)" % UNKNOWN_REGION in message
    assert "project_id" not in message
    assert netlog.count("resolve " + host) == 2, netlog
    assert not [line for line in netlog if line.startswith("connect") and not line.startswith("connect 127.")], netlog


def test_a_server_that_never_answers_keeps_its_retries_and_is_named(tmp_path, silent_port):
    port, accepted = silent_port
    task = INFO_TASK + "        api_timeout: 1\n        max_retries: 2\n"
    message, _netlog = simulated(tmp_path, dict(BASE, hw_project_id=PROJECT, emulator_url="http://127.0.0.1:%d" % port), task)
    assert "no complete answer from 127.0.0.1:%d within api_timeout (1.0s)" % port in message, message
    assert "the URL comes from the option endpoint_url" in message and message.endswith("(gave up after 3 attempts)"), message
    assert len(accepted) == 3


def test_a_mistyped_region_is_named_with_the_close_match_not_project_id(tmp_path, fresh_stack):
    variables = dict(fresh_stack.target_vars(), hw_region="cn-nort-4")
    del variables["hw_project_id"]
    message, _netlog = simulated(tmp_path, variables, INFO_TASK)
    assert "cn-nort-4 is not one of Huawei Cloud's regions (did you mean cn-north-4?)" in message, message
    assert "set project_id" not in message
    assert [(entry["method"], entry["path"]) for entry in fresh_stack.admin("GET", "requests")["requests"]] == [("GET", "/v3/projects")]
