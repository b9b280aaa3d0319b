# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Offset/limit paging and sorting of resource lists."""

from __future__ import annotations

from typing import Any, Callable


def page(items: list[Any], offset: int, limit: int) -> list[Any]:
    """Slice a page; limit 0 or less means everything from offset."""
    offset = max(offset, 0)
    return items[offset:] if limit <= 0 else items[offset:offset + limit]


def sort_items(items: list[dict[str, Any]], key: Callable[[dict[str, Any]], Any], descending: bool) -> list[dict[str, Any]]:
    """Stable sort; None values sort as empty strings so mixed rows never raise."""
    def safe(item: dict[str, Any]) -> Any:
        value = key(item)
        return "" if value is None else value
    return sorted(items, key=safe, reverse=descending)
