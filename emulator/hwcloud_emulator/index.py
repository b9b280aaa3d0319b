# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Derived lookups over one resource collection, so that no request scans or sorts every stored row.

* ``ids(project)``: the project's ids sorted by the creation key (ties in insertion order), which is the order of
  a stable sort of the rows by that key: a page of the default listing order is a slice of it, never a sort.
* ``named(project, name)``: the ids with that name (as the service compares names), in insertion order.
* ``pending``: ids whose status still has to move on by itself (CREATING), so reads refresh only those.

The indexes are not persisted: they are rebuilt from the rows when the state is loaded or reset, and the handlers
keep them in step under the store lock.
"""

from __future__ import annotations

import heapq
from typing import Any, Callable, Iterable

Row = dict[str, Any]


class CollectionIndex:
    """Ids per project in creation-key order, ids per (project, name key), and the ids pending a transition."""

    def __init__(self, name_key: Callable[[Row], str], order_key: Callable[[Row], Any] | None = None) -> None:
        self.name_key = name_key
        self.order_key = order_key
        self.by_project: dict[str, list[str]] = {}
        self.by_name: dict[tuple[str, str], dict[str, None]] = {}
        self.pending: dict[str, None] = {}
        self.last_key: Any = None

    def rebuild(self, rows: dict[str, Row], id_key: str, is_pending: Callable[[Row], bool]) -> None:
        """Index every row (insertion order of ``rows``); a project's ids are then stably sorted by the order key."""
        self.by_project, self.by_name, self.pending, self.last_key = {}, {}, {}, None
        for row in rows.values():
            self._insert(row, row[id_key])
            if is_pending(row):
                self.pending[row[id_key]] = None
        if self.order_key is not None:
            for project, ids in self.by_project.items():
                self.by_project[project] = sorted(ids, key=lambda row_id: self.order_key(rows[row_id]))  # type: ignore[misc]
            keys = [self.order_key(row) for row in rows.values()]
            self.last_key = max(keys) if keys else None

    def next_order_key(self, candidate: Any) -> Any:
        """The creation key for a new row: never below the last one, so appending keeps every list sorted even when
        the wall clock steps back."""
        if self.last_key is not None and candidate < self.last_key:
            candidate = self.last_key
        self.last_key = candidate
        return candidate

    def _insert(self, row: Row, row_id: str) -> None:
        self.by_project.setdefault(row["project_id"], []).append(row_id)
        self.by_name.setdefault((row["project_id"], self.name_key(row)), {})[row_id] = None

    def add(self, row: Row, row_id: str) -> None:
        """A new row (its order key came from ``next_order_key``, so it belongs at the end)."""
        self._insert(row, row_id)

    def remove(self, row: Row, row_id: str) -> None:
        """A deleted row (list removal is a C-level memmove of the project's ids)."""
        ids = self.by_project.get(row["project_id"])
        if ids is not None and row_id in ids:
            ids.remove(row_id)
        self.unname(row, row_id)
        self.pending.pop(row_id, None)

    def unname(self, row: Row, row_id: str) -> None:
        """Drop the row from the name lookup (before a rename, or when its name stops counting)."""
        key = (row["project_id"], self.name_key(row))
        named = self.by_name.get(key)
        if named is not None:
            named.pop(row_id, None)
            if not named:
                del self.by_name[key]

    def rename(self, row: Row, row_id: str) -> None:
        """Index the row under its (new) name; call ``unname`` with the old row values first."""
        self.by_name.setdefault((row["project_id"], self.name_key(row)), {})[row_id] = None

    def ids(self, project: str) -> list[str]:
        """The project's ids in creation-key order (the live list: do not modify)."""
        return self.by_project.get(project, [])

    def named(self, project: str, name: str) -> list[str]:
        """Ids of the rows whose name key equals ``name`` (already normalised like ``name_key``)."""
        return list(self.by_name.get((project, name), ()))


def ordered_page(ids: list[str], key: Callable[[str], Any], descending: bool, offset: int, limit: int) -> list[str]:
    """A page of ``ids`` (sorted by ``key``, ties in insertion order) in the order of a stable sort by ``key``.

    Ascending, that is a slice. Descending, a stable sort keeps ties in insertion order, so runs of equal keys are
    taken from the end one by one, each in its own order. ``limit`` <= 0 means everything from ``offset``.
    Costs O(offset + limit) key lookups, never a sort.
    """
    offset = max(offset, 0)
    if not descending:
        return ids[offset:] if limit <= 0 else ids[offset:offset + limit]
    out: list[str] = []
    skipped, end = 0, len(ids)
    next_key = key(ids[end - 1]) if ids else None
    while end > 0 and (limit <= 0 or len(out) < limit):
        run_key, start = next_key, end - 1
        while start > 0:
            next_key = key(ids[start - 1])
            if next_key != run_key:
                break
            start -= 1
        run = ids[start:end]
        if skipped + len(run) <= offset:
            skipped += len(run)
        else:
            out.extend(run[offset - skipped:] if skipped < offset else run)
            skipped = offset
        end = start
    return out if limit <= 0 else out[:limit]


def select_page(rows: Iterable[Row], key: Callable[[Row], Any], descending: bool, offset: int, limit: int) -> list[Row]:
    """``sorted(rows, key, reverse=descending)[offset:offset + limit]`` without sorting every row when a page is
    asked (a heap of offset + limit); None keys sort as empty strings so mixed rows never raise."""
    def safe(row: Row) -> Any:
        value = key(row)
        return "" if value is None else value

    offset = max(offset, 0)
    if limit <= 0:
        return sorted(rows, key=safe, reverse=descending)[offset:]
    pick = heapq.nlargest if descending else heapq.nsmallest
    return pick(offset + limit, rows, key=safe)[offset:]
