# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""In-memory resource state behind one lock, optionally persisted to a JSON state file."""

from __future__ import annotations

import json
import os
import tempfile
import threading
from typing import Any

COLLECTIONS = ("drs_connections", "drs_jobs", "dli_connections", "eg_connections")


def empty_state() -> dict[str, dict[str, Any]]:
    """One dict per resource type, keyed by resource id (insertion order = creation order)."""
    return {name: {} for name in COLLECTIONS}


class Store:
    """Handlers mutate ``data`` while holding ``lock`` and call ``save()`` after a mutation.

    The state file keeps secrets (it stands in for the cloud's database), so it is written 0600.
    """

    def __init__(self, state_file: str | None = None) -> None:
        self.lock = threading.RLock()
        self.state_file = state_file
        self.data = empty_state()
        if state_file and os.path.exists(state_file):
            self._load()

    def _load(self) -> None:
        with open(self.state_file, encoding="utf-8") as handle:  # type: ignore[arg-type]
            loaded = json.load(handle)
        for name in COLLECTIONS:
            self.data[name] = dict(loaded.get(name, {}))

    def reset(self) -> None:
        """Forget every resource (the caller re-seeds configured jobs)."""
        with self.lock:
            self.data = empty_state()
            self.save()

    def save(self) -> None:
        """Atomically rewrite the state file, if one is configured."""
        if not self.state_file:
            return
        with self.lock:
            directory = os.path.dirname(os.path.abspath(self.state_file))
            handle, tmp_path = tempfile.mkstemp(prefix=".hwcloud-emulator-", dir=directory)
            try:
                os.fchmod(handle, 0o600)
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(self.data, out)
                os.replace(tmp_path, self.state_file)
            except BaseException:
                if os.path.exists(tmp_path):
                    os.unlink(tmp_path)
                raise
