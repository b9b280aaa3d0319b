# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""IAM tokens, metadata session tokens and temporary AK/SK issued by the emulator (memory only: they do not survive
a restart)."""

from __future__ import annotations

import secrets
import threading
import time
from typing import Any

# Fixed prefixes make a leaked temporary secret easy to find in any text (the canary tests scan for them).
ACCESS_PREFIX = "EMUSTS"
SECRET_PREFIX = "EMUSTSSECRET"
SECURITY_TOKEN_PREFIX = "EMUSTSTOKEN"
# Expired temporary credentials are kept this long (so a late request is told they expired), then forgotten.
FORGET_AFTER = 3600.0


class _ExpiringRecords:
    """Records keyed by an issued value, each with an ``expires_at`` (epoch seconds)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records: dict[str, dict[str, Any]] = {}

    def _add(self, key: str, record: dict[str, Any]) -> None:
        with self._lock:
            self._records[key] = record

    def lookup(self, key: str) -> dict[str, Any] | None:
        """The record of a value this emulator issued (expired or not), or None."""
        with self._lock:
            record = self._records.get(key)
            return dict(record) if record else None

    def expire_all(self) -> int:
        """Make every issued value expired (keeps them known, so the answer says they expired)."""
        now = time.time()
        with self._lock:
            for record in self._records.values():
                record["expires_at"] = min(record["expires_at"], now - 1)
            return len(self._records)

    def clear(self) -> None:
        """Forget everything issued."""
        with self._lock:
            self._records.clear()


class TokenRegistry(_ExpiringRecords):
    """Opaque random tokens mapped to their scope and expiry."""

    def __init__(self, prefix: str = "MIIEMU") -> None:
        super().__init__()
        self._prefix = prefix

    def issue(self, ttl: float, project_id: str | None, project_name: str | None) -> tuple[str, dict[str, Any]]:
        """Create a token; project_id None means domain-scoped."""
        token = self._prefix + secrets.token_urlsafe(96)
        now = time.time()
        record = {"issued_at": now, "expires_at": now + ttl, "project_id": project_id, "project_name": project_name}
        self._add(token, record)
        return token, dict(record)


class TemporaryCredentials(_ExpiringRecords):
    """Temporary AK/SK with a security token, issued for an assumed agency or by the metadata server, keyed by AK.

    ``kind`` ("agency", "metadata" or "temporary") is what the request log shows as the ``auth`` of the requests they
    sign.
    """

    def issue(self, ttl: float, kind: str) -> dict[str, Any]:
        """New credentials living ``ttl`` seconds: access, secret, securitytoken, expires_at (epoch), kind."""
        now = time.time()
        record = {"access": ACCESS_PREFIX + secrets.token_hex(7).upper(), "secret": SECRET_PREFIX + secrets.token_hex(14),
                  "securitytoken": SECURITY_TOKEN_PREFIX + secrets.token_urlsafe(120), "expires_at": now + ttl, "kind": kind}
        with self._lock:
            for access in [a for a, r in self._records.items() if r["expires_at"] + FORGET_AFTER < now]:
                del self._records[access]
        self._add(record["access"], record)
        return dict(record)
