# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""In-memory resource state behind one lock, with derived indexes, optionally persisted to a JSON state file."""

from __future__ import annotations

import json
import os
import tempfile
import threading
from typing import Any

from .index import CollectionIndex

COLLECTIONS = ("drs_connections", "drs_jobs", "dli_connections", "eg_connections", "dli_auth_infos", "csms_secrets")
DEFAULT_FLUSH_INTERVAL = 0.2


def empty_state() -> dict[str, dict[str, Any]]:
    """One dict per resource type, keyed by resource id (insertion order = creation order)."""
    return {name: {} for name in COLLECTIONS}


def _dli_pending(row: dict[str, Any]) -> bool:
    return any(peer["status"] == "CREATING" for field in ("available_queue_info", "elastic_resource_pools")
               for peer in row[field].values())


# collection -> (id field, name key, creation-order key or None for insertion order, "still moving on by itself")
INDEXED = {
    "drs_connections": ("connection_id", lambda c: c["name"].lower(), lambda c: c["create_time"], lambda c: False),
    "eg_connections": ("id", lambda c: c["name"], lambda c: c["created"], lambda c: c["status"] == "CREATING"),
    "dli_connections": ("id", lambda c: c["name"], None, _dli_pending),
}


class Store:
    """Handlers read and mutate ``data`` and ``indexes`` while holding ``lock``, and call ``save()`` after a mutation.

    With a state file, ``save()`` only marks the state dirty: a writer thread rewrites the file (atomically, temp file +
    rename) at most every ``flush_interval`` seconds, so a burst of mutations costs one write, not one per mutation;
    ``close()`` writes what is left. The file keeps secrets (it stands in for the cloud's database), so it is 0600.
    """

    def __init__(self, state_file: str | None = None, flush_interval: float = DEFAULT_FLUSH_INTERVAL) -> None:
        self.lock = threading.RLock()
        self.state_file = state_file
        self.flush_interval = flush_interval
        self.data = empty_state()
        self.indexes = {name: CollectionIndex(spec[1], spec[2]) for name, spec in INDEXED.items()}
        self.writes = 0  # state file rewrites so far
        self._dirty = False
        self._closing = False
        self._wake = threading.Condition(threading.Lock())
        self._stop = threading.Event()
        self._writer: threading.Thread | None = None
        if state_file and os.path.exists(state_file):
            self._load()
        self.reindex()

    def _load(self) -> None:
        with open(self.state_file, encoding="utf-8") as handle:  # type: ignore[arg-type]
            loaded = json.load(handle)
        for name in COLLECTIONS:
            self.data[name] = dict(loaded.get(name, {}))

    def reindex(self) -> None:
        """Rebuild every index from ``data`` (after loading or resetting)."""
        with self.lock:
            for name, (id_key, _name_key, _order_key, is_pending) in INDEXED.items():
                self.indexes[name].rebuild(self.data[name], id_key, is_pending)

    def reset(self) -> None:
        """Forget every resource (the caller re-seeds configured jobs)."""
        with self.lock:
            self.data = empty_state()
            self.reindex()
            self.save()

    def save(self) -> None:
        """Schedule a rewrite of the state file, if one is configured."""
        if not self.state_file:
            return
        with self._wake:
            self._dirty = True
            if self._writer is None and not self._closing:
                self._writer = threading.Thread(target=self._write_loop, name="hwcloud-emulator-state", daemon=True)
                self._writer.start()
            self._wake.notify()

    def _write_loop(self) -> None:
        while True:
            with self._wake:
                while not self._dirty and not self._closing:
                    self._wake.wait()
                if self._closing:
                    return
            if self._stop.wait(self.flush_interval):  # gather the rest of a burst into this write
                return  # close() writes what is left
            self.flush()

    def flush(self) -> None:
        """Write the state file now if something changed since the last write."""
        with self.lock:
            with self._wake:
                if not self._dirty:
                    return
                self._dirty = False
            snapshot = json.dumps(self.data)
        self._write(snapshot)

    def _write(self, text: str) -> None:
        directory = os.path.dirname(os.path.abspath(self.state_file))  # type: ignore[arg-type]
        handle, tmp_path = tempfile.mkstemp(prefix=".hwcloud-emulator-", dir=directory)
        try:
            os.fchmod(handle, 0o600)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(tmp_path, self.state_file)  # type: ignore[arg-type]
            self.writes += 1
        except BaseException:
            if os.path.exists(tmp_path):
                os.unlink(tmp_path)
            raise

    def close(self) -> None:
        """Stop the writer and write the pending state (the server calls this when it stops)."""
        with self._wake:
            self._closing = True
            self._stop.set()
            writer, self._writer = self._writer, None
            self._wake.notify_all()
        if writer is not None:
            writer.join(timeout=30)
        if self.state_file:
            self.flush()
        with self._wake:
            self._closing = False
            self._stop.clear()
