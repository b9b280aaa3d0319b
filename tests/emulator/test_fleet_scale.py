# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The emulator keeps up with a fleet: parallel requests overlap, and a request's work does not grow with the number
of stored rows (counted, not timed: performance targets live in bench/)."""

from __future__ import annotations

import concurrent.futures
import os
from datetime import datetime
from typing import Any, Iterator

import pytest

from hwcloud_emulator import clock
from emulator_testlib import PROJECT, signed_call

DRS = "/v5/%s/connections" % PROJECT
EG = "/v1/%s/connections" % PROJECT
DLI = "/v2.0/%s/datasource/enhanced-connections" % PROJECT
VPC = {"dest_vpc_id": "vpc-1", "dest_network_id": "subnet-1"}


class CountingRows(dict):
    """A resource collection that counts every stored row a request reads (lookups and iteration)."""

    touched = 0

    def __getitem__(self, key: Any) -> Any:
        CountingRows.touched += 1
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        CountingRows.touched += 1
        return super().get(key, default)

    def _count(self, items: Iterator[Any]) -> Iterator[Any]:
        for item in items:
            CountingRows.touched += 1
            yield item

    def values(self) -> Any:  # type: ignore[override]
        return self._count(iter(super().values()))

    def items(self) -> Any:  # type: ignore[override]
        return self._count(iter(super().items()))

    def __iter__(self) -> Iterator[Any]:
        return self._count(super().__iter__())


def _drs_body(name: str) -> dict[str, Any]:
    return {"name": name, "db_type": "mysql", "endpoint": {"endpoint_name": "mysql", "db_user": "u", "db_password": "p"}}


def _create_drs(base_url: str, names: list[str]) -> None:
    for name in names:
        assert signed_call("POST", base_url + DRS, _drs_body(name)).status_code == 200


def _create_dli(base_url: str, count: int) -> None:
    for n in range(count):
        assert signed_call("POST", base_url + DLI, dict(VPC, name="dli_%d" % n)).status_code == 201


def _touches(emulator: Any, collection: str, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    """(stored rows read by one request, its response) with the collection's rows counted."""
    store = emulator.app.store
    with store.lock:
        store.data[collection] = CountingRows(store.data[collection])
    CountingRows.touched = 0
    response = signed_call(method, emulator.base_url + path, body)
    return CountingRows.touched, response


def _intervals(log: list[dict[str, Any]]) -> list[tuple[float, float]]:
    spans = []
    for entry in log:
        end = datetime.strptime(entry["time"].replace("Z", "+0000"), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp()
        spans.append((end - entry["duration_ms"] / 1000.0, end))
    return spans


def test_parallel_requests_with_latency_overlap(emulator) -> None:
    """16 creates and 16 listings sent at once, each with 300 ms of injected latency, are all in flight together."""
    emulator.admin.set_faults([{"latency_ms": 300}])
    with concurrent.futures.ThreadPoolExecutor(32) as pool:
        creates = [pool.submit(signed_call, "POST", emulator.base_url + DRS, _drs_body("overlap-%02d" % n)) for n in range(16)]
        lists = [pool.submit(signed_call, "GET", emulator.base_url + EG) for _n in range(16)]
        assert [f.result().status_code for f in creates + lists] == [200] * 32
    spans = _intervals(emulator.admin.requests())
    assert len(spans) == 32
    assert max(start for start, _end in spans) < min(end for _start, end in spans)  # one instant inside all of them


@pytest.mark.parametrize("count", [60, 240])
def test_drs_page_and_create_touch_the_same_rows_at_any_size(emulator, count) -> None:
    _create_drs(emulator.base_url, ["row-%04d" % n for n in range(count)])
    rows = emulator.admin.state()["drs_connections"]  # creation order; a stable sort keeps ties in it
    expected = [c["name"] for c in sorted(rows, key=lambda c: c["create_time"], reverse=True)][20:30]
    page, response = _touches(emulator, "drs_connections", "GET", DRS + "?limit=10&offset=20")
    assert [c["name"] for c in response.json()["connections"]] == expected
    assert page <= 45, "a page of 10 at offset 20 read %d stored rows" % page
    named, response = _touches(emulator, "drs_connections", "GET", DRS + "?name=ROW-0007")
    assert [c["name"] for c in response.json()["connections"]] == ["row-0007"]
    assert named <= 3, "a name lookup read %d stored rows" % named
    created, response = _touches(emulator, "drs_connections", "POST", DRS, _drs_body("row-new"))
    assert response.status_code == 200 and created <= 3, "a create read %d stored rows" % created
    duplicate, response = _touches(emulator, "drs_connections", "POST", DRS, _drs_body("ROW-0003"))
    assert response.json()["error_code"] == "DRS.10010065" and duplicate <= 3


@pytest.mark.parametrize("count", [60, 240])
def test_eg_page_and_create_touch_the_same_rows_at_any_size(emulator, count) -> None:
    emulator.admin.seed_eg_connections(["eg-%04d" % n for n in range(count)])
    page, response = _touches(emulator, "eg_connections", "GET", EG + "?limit=10&offset=40&sort=created_time%3AASC")
    assert [c["name"] for c in response.json()["items"]] == ["eg-%04d" % n for n in range(40, 50)]
    assert response.json()["total"] == count
    assert page <= 60, "a page of 10 at offset 40 read %d stored rows" % page
    named, response = _touches(emulator, "eg_connections", "GET", EG + "?name=eg-0042")
    assert [c["name"] for c in response.json()["items"]] == ["eg-0042"] and named <= 3
    body = {"name": "eg-new", "vpc_id": "vpc-1", "subnet_id": "subnet-1"}
    created, response = _touches(emulator, "eg_connections", "POST", EG, body)
    assert response.status_code == 200 and created <= 3, "a create read %d stored rows" % created


@pytest.mark.parametrize("count", [60, 240])
def test_dli_page_and_create_touch_the_same_rows_at_any_size(emulator, count) -> None:
    _create_dli(emulator.base_url, count)
    page, response = _touches(emulator, "dli_connections", "GET", DLI + "?limit=10&offset=50")
    assert [c["name"] for c in response.json()["connections"]] == ["dli_%d" % n for n in range(50, 60)]
    assert page <= 30, "a page of 10 read %d stored rows" % page
    named, response = _touches(emulator, "dli_connections", "GET", DLI + "?name=dli_7")
    assert [c["name"] for c in response.json()["connections"]] == ["dli_7"] and named <= 3
    created, response = _touches(emulator, "dli_connections", "POST", DLI, dict(VPC, name="dli_new", queues=["q1"]))
    assert response.status_code == 201 and created <= 3, "a create read %d stored rows" % created


def test_pages_follow_a_stable_sort_when_creation_times_tie(emulator, monkeypatch) -> None:
    """Rows created in the same millisecond: descending pages keep ties in creation order, as a stable sort does."""
    stamps = iter([1_700_000_000.0] * 3 + [1_700_000_000.5] * 4 + [1_700_000_001.0] * 3)
    monkeypatch.setattr(clock, "now", lambda: next(stamps))
    for n in range(10):
        assert signed_call("POST", emulator.base_url + DRS, _drs_body("tie-%d" % n)).status_code == 200
    monkeypatch.undo()
    rows = emulator.admin.state()["drs_connections"]
    for direction in ("asc", "desc"):
        expected = [c["name"] for c in sorted(rows, key=lambda c: c["create_time"], reverse=direction == "desc")]
        pages = [signed_call("GET", emulator.base_url + DRS + "?limit=3&offset=%d&sort_dir=%s" % (offset, direction)).json()
                 for offset in range(0, 12, 3)]
        assert [c["name"] for page in pages for c in page["connections"]] == expected
        every = signed_call("GET", emulator.base_url + DRS + "?fetch_all=true&sort_dir=%s" % direction).json()
        assert [c["name"] for c in every["connections"]] == expected


def test_state_file_is_written_once_per_burst_not_once_per_mutation(emulator_factory, tmp_path, monkeypatch) -> None:
    state_file = str(tmp_path / "state.json")
    writes: list[str] = []
    real_replace = os.replace

    def counting_replace(src: Any, dst: Any) -> None:
        if os.fspath(dst) == state_file:
            writes.append(dst)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", counting_replace)
    first = emulator_factory({"state_flush_interval": 30.0}, state_file=state_file)
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        names = ["burst-%02d" % n for n in range(40)]
        assert set(pool.map(lambda name: signed_call("POST", first.base_url + DRS, _drs_body(name)).status_code, names)) == {200}
    assert len(writes) <= 1, "40 creates rewrote the state file %d times" % len(writes)
    first.server.stop()  # stopping writes what is pending
    second = emulator_factory(state_file=state_file)
    listed = signed_call("GET", second.base_url + DRS + "?fetch_all=true").json()
    assert sorted(c["name"] for c in listed["connections"]) == ["burst-%02d" % n for n in range(40)]


def test_request_log_holds_a_fleet_run_and_says_when_it_dropped_entries(emulator_factory) -> None:
    assert emulator_factory().admin._call("GET", "requests")["max_entries"] >= 100000  # pylint: disable=protected-access
    small = emulator_factory({"request_log": {"max_entries": 5}})
    for _n in range(8):
        signed_call("GET", small.base_url + EG)
    answer = small.admin._call("GET", "requests")  # pylint: disable=protected-access
    assert [entry["seq"] for entry in answer["requests"]] == [4, 5, 6, 7, 8] and answer["dropped"] == 3
    later = small.admin._call("GET", "requests?since=6")["requests"]  # pylint: disable=protected-access
    assert [entry["seq"] for entry in later] == [7, 8]
