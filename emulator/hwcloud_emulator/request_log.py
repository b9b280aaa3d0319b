# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Bounded log of API requests for tests: metadata only, never bodies, header values or query values."""

from __future__ import annotations

import collections
import threading
from datetime import datetime, timezone
from typing import Any

MAX_ENTRIES = 10000


class RequestLog:
    """Thread-safe ring buffer of request metadata."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: collections.deque[dict[str, Any]] = collections.deque(maxlen=MAX_ENTRIES)
        self._seq = 0

    def record(self, method: str, path: str, query_keys: list[str], status: int, duration_ms: float,
               service: str, auth: str, request_id: str) -> None:
        """Append one entry; query_keys are parameter names only."""
        with self._lock:
            self._seq += 1
            self._entries.append({
                "seq": self._seq,
                "time": datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                "method": method,
                "path": path,
                "query_keys": sorted(set(query_keys)),
                "status": status,
                "duration_ms": round(duration_ms, 3),
                "service": service,
                "auth": auth,
                "request_id": request_id,
            })

    def entries(self) -> list[dict[str, Any]]:
        """A copy of all entries, oldest first."""
        with self._lock:
            return [dict(entry) for entry in self._entries]

    def clear(self) -> None:
        """Drop all entries (sequence numbers keep increasing)."""
        with self._lock:
            self._entries.clear()
