# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""IAM tokens issued by the emulator (memory only: they do not survive a restart)."""

from __future__ import annotations

import secrets
import threading
import time
from typing import Any


class TokenRegistry:
    """Opaque random tokens mapped to their scope and expiry (epoch seconds)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokens: dict[str, dict[str, Any]] = {}

    def issue(self, ttl: float, project_id: str | None, project_name: str | None) -> tuple[str, dict[str, Any]]:
        """Create a token; project_id None means domain-scoped."""
        token = "MIIEMU" + secrets.token_urlsafe(96)
        now = time.time()
        record = {"issued_at": now, "expires_at": now + ttl, "project_id": project_id, "project_name": project_name}
        with self._lock:
            self._tokens[token] = record
        return token, dict(record)

    def lookup(self, token: str) -> dict[str, Any] | None:
        """The token's record, or None for a token this emulator never issued."""
        with self._lock:
            record = self._tokens.get(token)
            return dict(record) if record else None

    def expire_all(self) -> int:
        """Make every issued token expired (keeps them known, so the answer is 'token expires')."""
        now = time.time()
        with self._lock:
            for record in self._tokens.values():
                record["expires_at"] = min(record["expires_at"], now - 1)
            return len(self._tokens)

    def clear(self) -> None:
        """Forget all tokens."""
        with self._lock:
            self._tokens.clear()
