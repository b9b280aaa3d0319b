# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Per-user cache of IAM tokens and resolved project ids, so a playbook run asks IAM at most once.

Entries live in ``$XDG_CACHE_HOME/hwcloud.connections`` (default ``~/.cache/hwcloud.connections``, created 0700),
one 0600 JSON file per identity, named by a SHA-256 of the identity and of a keyed hash of the password or secret key
that proves it. Passwords and keys are never written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
import time

try:
    import fcntl
except ImportError:  # pragma: no cover - non-POSIX controllers simply skip the lock
    fcntl = None

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# Reuse a token only while it has at least this much life left (IAM tokens live 24 h).
REFRESH_MARGIN = 15 * 60


def default_directory() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "hwcloud.connections")


def cache_key(*parts) -> str:
    return hashlib.sha256("\n".join(str(p) for p in parts).encode("utf-8")).hexdigest()


class TokenCache:
    """A tiny file cache; ``enabled=False`` makes every lookup miss and every store a no-op.

    Nothing here follows a symbolic link, and a directory another user could write to is not used at all (``warn``
    says why, once): a planted entry would hand out a token, a planted lock a file to clobber.
    """

    def __init__(self, directory: str = None, enabled: bool = True, clock=time.time, warn=None):
        self.directory = directory or default_directory()
        self.enabled = enabled
        self._clock = clock
        self._warn = warn or (lambda message: None)
        self._checked = False

    def _path(self, key: str) -> str:
        return os.path.join(self.directory, key + ".json")

    def _usable(self) -> bool:
        """Create the directory 0700 when missing; refuse it when it is not a private directory of this user."""
        if not self.enabled:
            return False
        if self._checked:
            return True
        try:
            os.makedirs(self.directory, mode=0o700, exist_ok=True)
            info = os.lstat(self.directory)
        except OSError as exc:
            return self._refuse("cannot be created (%s)" % exc.strerror)
        if not stat.S_ISDIR(info.st_mode):
            return self._refuse("is not a directory (a symbolic link is not followed)")
        if info.st_uid != os.geteuid():
            return self._refuse("is owned by another user (uid %d)" % info.st_uid)
        if info.st_mode & 0o022:
            return self._refuse("can be written by other users (mode %o)" % stat.S_IMODE(info.st_mode))
        self._checked = True
        return True

    def _refuse(self, why: str) -> bool:
        self._warn("The token cache directory %s %s; the cache is not used (set token_cache: false to silence this, or fix "
                   "the directory: it must be owned by you with mode 0700)" % (self.directory, why))
        self.enabled = False
        return False

    def load(self, key: str):
        """The cached entry for ``key`` if it is still fresh, else None."""
        if not self._usable():
            return None
        try:
            fd = os.open(self._path(key), os.O_RDONLY | NOFOLLOW)
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077:
                return None
            with os.fdopen(fd, closefd=False) as handle:
                entry = json.load(handle)
        except (OSError, ValueError):
            return None
        finally:
            os.close(fd)
        if not isinstance(entry, dict) or not isinstance(entry.get("expires_at", 0), (int, float)):
            return None
        if entry.get("expires_at", 0) - REFRESH_MARGIN <= self._clock():
            return None
        return entry

    def store(self, key: str, entry: dict) -> None:
        if not self._usable():
            return
        try:
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")  # mkstemp creates it 0600, never through a link
        except OSError:
            return
        try:
            with os.fdopen(fd, "w") as handle:
                json.dump(entry, handle)
            os.replace(tmp, self._path(key))  # replaces a planted link itself, never its target
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)

    def delete(self, key: str) -> None:
        if self._usable():
            with contextlib.suppress(OSError):
                os.unlink(self._path(key))

    @contextlib.contextmanager
    def locked(self, key: str):
        """Serialise concurrent ansible forks fetching the same identity's token (without the lock when it cannot be
        taken safely: then at worst two forks log in)."""
        fd = None
        if self._usable() and fcntl is not None:
            with contextlib.suppress(OSError):
                fd = os.open(self._path(key) + ".lock", os.O_CREAT | os.O_RDWR | NOFOLLOW, 0o600)
        try:
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
