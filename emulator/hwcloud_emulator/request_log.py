# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Bounded log of API requests for tests: metadata only, never bodies, header values or query values."""

from __future__ import annotations

import collections
import threading
import time
from datetime import datetime, timezone
from typing import Any

DEFAULT_MAX_ENTRIES = 200000
FIELDS = ("seq", "time", "method", "path", "query_keys", "status", "duration_ms", "service", "auth", "request_id")


class RequestLog:
    """Thread-safe ring buffer of request metadata.

    Entries are kept as compact tuples (a fleet run logs hundreds of thousands of requests) and turned into dicts
    only when read; the oldest are dropped past ``max_entries``, and ``dropped`` says how many were, so a reader
    can tell a complete log from a truncated one.
    """

    def __init__(self, max_entries: int = DEFAULT_MAX_ENTRIES) -> None:
        self._lock = threading.Lock()
        self.max_entries = max(1, int(max_entries))
        self._entries: collections.deque[tuple[Any, ...]] = collections.deque(maxlen=self.max_entries)
        self._seq = 0
        self.dropped = 0

    def record(self, method: str, path: str, query_keys: list[str], status: int, duration_ms: float,
               service: str, auth: str, request_id: str) -> None:
        """Append one entry; query_keys are parameter names only."""
        entry = (time.time(), method, path, tuple(sorted(set(query_keys))), status, round(duration_ms, 3), service, auth,
                 request_id)
        with self._lock:
            self._seq += 1
            if len(self._entries) == self.max_entries:
                self.dropped += 1
            self._entries.append((self._seq,) + entry)

    @staticmethod
    def _as_dict(entry: tuple[Any, ...]) -> dict[str, Any]:
        seq, stamp, method, path, query_keys, status, duration_ms, service, auth, request_id = entry
        return {"seq": seq,
                "time": datetime.fromtimestamp(stamp, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                "method": method, "path": path, "query_keys": list(query_keys), "status": status, "duration_ms": duration_ms,
                "service": service, "auth": auth, "request_id": request_id}

    def entries(self, since: int = 0) -> list[dict[str, Any]]:
        """Entries with a sequence number above ``since``, oldest first."""
        with self._lock:
            if since <= 0:
                kept = list(self._entries)
            else:  # newest first until the cut, so a poll for recent entries does not copy the whole log
                kept = []
                for entry in reversed(self._entries):
                    if entry[0] <= since:
                        break
                    kept.append(entry)
                kept.reverse()
        return [self._as_dict(entry) for entry in kept]

    def clear(self) -> None:
        """Drop all entries (sequence numbers keep increasing; the dropped count restarts)."""
        with self._lock:
            self._entries.clear()
            self.dropped = 0
