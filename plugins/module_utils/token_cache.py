# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Per-user cache of IAM tokens and resolved project ids, so a playbook run asks IAM at most once.

Entries live in ``$XDG_CACHE_HOME/hwcloud.connections`` (default ``~/.cache/hwcloud.connections``), one
0600 JSON file per identity, named by a SHA-256 of the identity. Passwords are never written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time

try:
    import fcntl
except ImportError:  # pragma: no cover - non-POSIX controllers simply skip the lock
    fcntl = None

# Reuse a token only while it has at least this much life left (IAM tokens live 24 h).
REFRESH_MARGIN = 15 * 60


def default_directory() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "hwcloud.connections")


def cache_key(*parts) -> str:
    return hashlib.sha256("\n".join(str(p) for p in parts).encode("utf-8")).hexdigest()


class TokenCache:
    """A tiny file cache; ``enabled=False`` makes every lookup miss and every store a no-op."""

    def __init__(self, directory: str = None, enabled: bool = True, clock=time.time):
        self.directory = directory or default_directory()
        self.enabled = enabled
        self._clock = clock

    def _path(self, key: str) -> str:
        return os.path.join(self.directory, key + ".json")

    def load(self, key: str):
        """The cached entry for ``key`` if it is still fresh, else None."""
        if not self.enabled:
            return None
        try:
            with open(self._path(key)) as handle:
                entry = json.load(handle)
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("expires_at", 0) - REFRESH_MARGIN <= self._clock():
            return None
        return entry

    def store(self, key: str, entry: dict) -> None:
        if not self.enabled:
            return
        os.makedirs(self.directory, mode=0o700, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")  # mkstemp creates it 0600
        try:
            with os.fdopen(fd, "w") as handle:
                json.dump(entry, handle)
            os.chmod(tmp, 0o600)
            os.replace(tmp, self._path(key))
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)

    def delete(self, key: str) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self._path(key))

    @contextlib.contextmanager
    def locked(self, key: str):
        """Serialise concurrent ansible forks fetching the same identity's token."""
        if not self.enabled or fcntl is None:
            yield
            return
        os.makedirs(self.directory, mode=0o700, exist_ok=True)
        fd = os.open(self._path(key) + ".lock", os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
