# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Offset paging with pages read side by side: the same items in the same order, one call for one page, a bound on
calls in flight and past the end, and the same refusals (a server that ignores offset, too many pages)."""

from __future__ import annotations

import threading
import time

import pytest

from ansible_collections.hwcloud.connections.plugins.module_utils.auth import AkSkAuth
from ansible_collections.hwcloud.connections.plugins.module_utils.client import ApiResponse, HuaweiCloudClient
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError

PATH = "/v2.0/{project_id}/datasource/enhanced-connections"


class Listing:
    """GET of a listing of ``count`` rows; ``ignore_offset`` answers the first page whatever the offset."""

    def __init__(self, count, delay=0.0, ignore_offset=False, total=False):
        self.rows = [{"id": "id-%05d" % n} for n in range(count)]
        self.delay, self.ignore_offset, self.total = delay, ignore_offset, total
        self.offsets, self.in_flight, self.most = [], 0, 0
        self.lock = threading.Lock()

    def __call__(self, service, path, query=None):
        with self.lock:
            self.offsets.append(query["offset"])
            self.in_flight += 1
            self.most = max(self.most, self.in_flight)
        time.sleep(self.delay)
        with self.lock:
            self.in_flight -= 1
        start = 0 if self.ignore_offset else query["offset"]
        page = self.rows[start:start + query["limit"]]
        body = {"connections": page, "count": len(page)}
        if self.total:
            body["total"] = len(self.rows)
        return ApiResponse(200, {}, body, "GET " + path)


def client_with(listing):
    client = HuaweiCloudClient("cn-north-4", AkSkAuth("AK", "SK"), project_id="e8a2f1c0d4b94e5f9a7c3b2d1e0f4a01")
    client.get = listing
    return client


@pytest.mark.parametrize("count", [0, 50, 100, 101, 510, 800])
def test_the_same_items_in_the_same_order(count):
    sequential = client_with(Listing(count)).paginate("dli", PATH, "connections", id_key="id")
    listing = Listing(count)
    side_by_side = client_with(listing).paginate("dli", PATH, "connections", id_key="id", concurrency=4)
    assert side_by_side == sequential and len(side_by_side) == count
    pages = count // 100 + 1
    assert len(listing.offsets) <= pages + 3 and listing.most <= 4


def test_one_page_is_one_call_and_a_total_stops_at_the_end():
    single = Listing(30)
    client_with(single).paginate("dli", PATH, "connections", id_key="id", concurrency=8)
    assert single.offsets == [0]
    counted = Listing(510, total=True)
    client_with(counted).paginate("dli", PATH, "connections", id_key="id", total_key="total", concurrency=8)
    assert sorted(counted.offsets) == [0, 100, 200, 300, 400, 500]


def test_pages_are_asked_for_side_by_side():
    """How much faster that is belongs to the bench (section estate); here: the calls overlap, one at a time without."""
    sequential = Listing(2000, delay=0.02)
    client_with(sequential).paginate("dli", PATH, "connections", id_key="id")
    listing = Listing(2000, delay=0.02)
    assert len(client_with(listing).paginate("dli", PATH, "connections", id_key="id", concurrency=8)) == 2000
    assert sequential.most == 1 and 1 < listing.most <= 8


def test_a_server_that_ignores_offset_and_endless_listings_are_still_errors():
    with pytest.raises(HuaweiCloudError, match="repeats items already listed"):
        client_with(Listing(500, ignore_offset=True)).paginate("dli", PATH, "connections", id_key="id", concurrency=4)
    with pytest.raises(HuaweiCloudError, match="still more items after 3 pages"):
        client_with(Listing(1000)).paginate("dli", PATH, "connections", id_key="id", max_pages=3, concurrency=4)
