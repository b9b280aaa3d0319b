# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Bounded parallelism for API calls: the one place a module runs calls side by side."""

from __future__ import annotations

MAX_CONCURRENCY = 32


def map_bounded(function, items, concurrency: int) -> list:
    """``function(item)`` for every item, at most ``concurrency`` at a time; results in input order.

    ``function`` should catch what it expects: an exception it raises propagates once the others have finished.
    """
    items = list(items)
    if not items:
        return []
    workers = max(1, min(int(concurrency), MAX_CONCURRENCY, len(items)))
    if workers == 1:
        return [function(item) for item in items]
    from concurrent.futures import ThreadPoolExecutor  # pylint: disable=import-outside-toplevel  # a module start without it is faster

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(function, items))
