# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""When to retry an API call and how long to wait before the next attempt."""

from __future__ import annotations

import email.utils
import random
import time

RETRYABLE_STATUS = frozenset([429, 500, 502, 503, 504])
THROTTLED = 429
# A refused connection or a failed DNS lookup (transport.Failure kinds) means a wrong URL far more often than a server
# that comes back within seconds: one quick retry (a restarting gateway, a resolver hiccup), then the error.
UNREACHABLE = frozenset(["refused", "dns"])
UNREACHABLE_RETRIES = 1
UNREACHABLE_DELAY = 0.5


def parse_retry_after(value) -> float:
    """Seconds from a ``Retry-After`` header (delta seconds or HTTP date); None when absent or unreadable."""
    if not value:
        return None
    value = str(value).strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class RetryPolicy:
    """Exponential backoff with full jitter, bounded by a retry count and a total deadline."""

    def __init__(self, max_retries: int = 5, base_delay: float = 0.5, max_delay: float = 20.0, deadline: float = 120.0,
                 rng: random.Random = None):
        self.max_retries = max_retries
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.deadline = deadline
        self._rng = rng or random.Random()

    def delay(self, attempt: int, retry_after: float = None) -> float:
        """Delay before retry number ``attempt`` (0-based); ``Retry-After`` is a floor, never shortened."""
        backoff = self._rng.uniform(0, min(self.max_delay, self.base_delay * (2 ** attempt)))
        if retry_after is not None:
            return max(retry_after, backoff)
        return backoff

    def allows(self, attempt: int, started: float, delay: float, now: float) -> bool:
        """True when retry number ``attempt`` may run after sleeping ``delay`` seconds."""
        return attempt < self.max_retries and (now - started) + delay <= self.deadline
