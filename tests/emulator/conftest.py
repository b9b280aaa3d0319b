# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures: a running emulator with admin helpers and a loopback-only network guard."""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
from typing import Any, Callable, Iterator

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "emulator"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from hwcloud_emulator.server import EmulatorServer  # noqa: E402  pylint: disable=wrong-import-position
from emulator_testlib import FAST_DELAYS, RunningEmulator  # noqa: E402  pylint: disable=wrong-import-position


def _is_loopback_target(address: Any) -> bool:
    if not isinstance(address, tuple):
        return True  # AF_UNIX paths
    host = address[0]
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Fail the test on any attempt to connect outside 127.0.0.0/8 and ::1; returns the refused targets."""
    refused: list[Any] = []
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded(sock: socket.socket, address: Any) -> Any:
        if not _is_loopback_target(address):
            refused.append(address)
            raise AssertionError("test tried to connect to non-loopback %r" % (address,))
        return real_connect(sock, address)

    def guarded_ex(sock: socket.socket, address: Any) -> Any:
        if not _is_loopback_target(address):
            refused.append(address)
            raise AssertionError("test tried to connect to non-loopback %r" % (address,))
        return real_connect_ex(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_ex)
    return refused


@pytest.fixture
def emulator_factory() -> Iterator[Callable[..., RunningEmulator]]:
    """Start emulators with a custom config (fast delays by default); all are stopped afterwards."""
    started: list[EmulatorServer] = []

    def start(config: dict[str, Any] | None = None, **kwargs: Any) -> RunningEmulator:
        merged = {"delays": dict(FAST_DELAYS)}
        merged.update(config or {})
        server = EmulatorServer(config=merged, port=0, **kwargs).start()
        started.append(server)
        return RunningEmulator(server)

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def emulator(emulator_factory: Callable[..., RunningEmulator]) -> RunningEmulator:
    """A fresh emulator on a free loopback port with 50 ms state transitions."""
    return emulator_factory()
