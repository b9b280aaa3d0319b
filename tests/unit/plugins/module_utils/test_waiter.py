# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The waiter on a fake monotonic clock."""

from __future__ import annotations

import pytest

from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError, WaitTimeoutError
from ansible_collections.hwcloud.connections.plugins.module_utils.waiter import NoWaiter, Waiter


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def status_of(result):
    return {"ACTIVE": True, "CREATING": None}.get(result, "peer failed: %s" % result)


def test_waits_until_done():
    clock = Clock()
    states = iter(["CREATING", "CREATING", "ACTIVE"])
    assert Waiter(60, 5, clock, clock.sleep).wait(lambda: next(states), status_of) == "ACTIVE"
    assert clock.now == 101.5  # polls 0.5 s, then 1 s apart


def test_poll_gap_doubles_up_to_the_interval():
    clock = Clock()
    gaps = []

    def sleep(seconds):
        gaps.append(seconds)
        clock.sleep(seconds)

    with pytest.raises(WaitTimeoutError):
        Waiter(20, 4, clock, sleep).wait(lambda: "CREATING", status_of)
    assert gaps[:5] == [0.5, 1, 2, 4, 4] and sum(gaps) == 20


def test_failure_state_raises_with_reason():
    clock = Clock()
    with pytest.raises(HuaweiCloudError, match="peer failed: FAILED"):
        Waiter(60, 5, clock, clock.sleep).wait(lambda: "FAILED", status_of, "queue q1")


def test_timeout_is_honoured_on_the_monotonic_clock():
    clock = Clock()
    with pytest.raises(WaitTimeoutError, match="Timed out after 12s"):
        Waiter(12, 5, clock, clock.sleep).wait(lambda: "CREATING", status_of)
    assert clock.now == 112.0


def test_throttled_polls_are_waited_out():
    clock = Clock()
    calls = []

    def poll():
        calls.append(1)
        if len(calls) < 3:
            raise HuaweiCloudError("throttled", status=429)
        return "ACTIVE"

    assert Waiter(60, 1, clock, clock.sleep).wait(poll, status_of) == "ACTIVE"


def test_other_errors_propagate():
    def poll():
        raise HuaweiCloudError("gone", status=404)

    with pytest.raises(HuaweiCloudError, match="gone"):
        Waiter(60, 1).wait(poll, status_of)


def test_no_waiter_never_polls():
    assert NoWaiter().wait(lambda: pytest.fail("polled"), status_of) is None
