# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Poll until a resource reaches a wanted state, on a monotonic clock, with a timeout."""

from __future__ import annotations

import time

from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError, WaitTimeoutError
from ansible_collections.hwcloud.connections.plugins.module_utils.retries import THROTTLED


class Waiter:
    """``wait(poll, status)`` calls ``poll()`` until ``status(result)`` says done or failed.

    ``status`` returns ``None`` while still pending, ``True`` when done, or a string: the failure
    reason. Throttled polls (HTTP 429 that outlived the client's own retries) are waited out, not fatal.
    Polls start ``first_interval`` apart and the gap doubles up to ``interval``: quick transitions are seen
    quickly, long ones do not hammer the API.
    """

    def __init__(self, timeout: float, interval: float = 5.0, clock=time.monotonic, sleep=time.sleep, first_interval: float = 0.5):
        self.timeout = timeout
        self.interval = interval
        self.first_interval = min(first_interval, interval)
        self._clock = clock
        self._sleep = sleep

    def wait(self, poll, status, what: str = "resource"):
        deadline = self._clock() + self.timeout
        gap = self.first_interval
        while True:
            try:
                last = poll()
            except HuaweiCloudError as exc:
                if exc.status != THROTTLED:
                    raise
            else:
                outcome = status(last)
                if outcome is True:
                    return last
                if isinstance(outcome, str):
                    raise HuaweiCloudError("%s failed: %s" % (what, outcome))
            remaining = deadline - self._clock()
            if remaining <= 0:
                raise WaitTimeoutError("Timed out after %ss waiting for %s" % (self.timeout, what))
            self._sleep(min(gap, remaining))
            gap = min(gap * 2, self.interval)


class NoWaiter:
    """Check mode and ``wait: false``: never polls, returns what it was given."""

    def wait(self, poll, status, what: str = "resource"):
        return None
