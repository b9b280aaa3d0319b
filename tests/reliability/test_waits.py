# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Waits: wait_timeout is honoured within +-2 s while the emulator keeps the resource pending; wait=false never polls."""

from __future__ import annotations

import time

import pytest
from conftest import run_module  # pylint: disable=import-error

WAIT_TIMEOUT = 4
CASES = {
    "eg_connection": ({"name": "wait-eg", "vpc_id": "vpc-1", "subnet_id": "subnet-1"}, "eg_connection_created", "/v1/"),
    "dli_enhanced_connection": ({"name": "wait_dli", "dest_vpc_id": "vpc-1", "dest_network_id": "subnet-1", "queues": ["q1"]},
                                "dli_peer_active", "/v2.0/"),
}


@pytest.mark.parametrize("module", sorted(CASES))
def test_wait_timeout_is_honoured(emulator, module):
    args, delay, _prefix = CASES[module]
    emulator.admin("PUT", "config", {"delays": {delay: 120}})
    started = time.monotonic()
    run = run_module(module, emulator.auth_args(wait_timeout=WAIT_TIMEOUT, **args))
    elapsed = time.monotonic() - started
    assert run.error is None, run.error
    assert run.failed and "Timed out after %s" % WAIT_TIMEOUT in run.msg, run.stdout
    assert abs(elapsed - WAIT_TIMEOUT) <= 2, "took %.1f s for wait_timeout=%d" % (elapsed, WAIT_TIMEOUT)


@pytest.mark.parametrize("module", sorted(CASES))
def test_wait_false_returns_without_polling(emulator, module):
    args, delay, prefix = CASES[module]
    emulator.admin("PUT", "config", {"delays": {delay: 120}})
    started = time.monotonic()
    run = run_module(module, emulator.auth_args(wait=False, **args))
    elapsed = time.monotonic() - started
    assert run.error is None and not run.failed and run.result["changed"], run.stdout
    calls = [(r["method"], r["path"]) for r in emulator.log() if r["path"].startswith(prefix)]
    creates = [n for n, (method, path) in enumerate(calls) if method == "POST"]
    assert len(creates) == 1, calls
    after = calls[creates[0] + 1:]
    # At most the one read of the created resource (DLI's create answers only an id); never a poll loop.
    assert len(after) <= 1 and all(method == "GET" for method, _path in after), calls
    assert elapsed < 3, "wait=false took %.1f s" % elapsed
    connection = run.result["connection"]
    if module == "eg_connection":
        assert connection["status"] == "CREATING"
    else:
        # the queue is bound through its elastic resource pool (q1_pool in the emulator), which is what reads list
        assert [(peer["name"], peer["status"]) for peer in connection["elastic_resource_pools"]] == [("q1_pool", "CREATING")]
