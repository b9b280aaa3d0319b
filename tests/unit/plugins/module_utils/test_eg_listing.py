# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The EG lister as a pure function over a fake ListConnections that enforces offset <= 100 and limit <= 1000 and caps
a page at 100 items (huawei-api.md section 11 #14), or not."""

from __future__ import annotations

import itertools
import random
import threading
import time

import pytest

from ansible_collections.hwcloud.connections.plugins.module_utils.client import ApiResponse
from ansible_collections.hwcloud.connections.plugins.module_utils.eg import (
    NAME_CHARACTERS, ConnectionLister, EgConnections, list_all, sort_connections,
)
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError

WHAT = "GET /v1/{project_id}/connections"


class FakeListConnections:
    """ListConnections as documented: exact ``name``, substring ``fuzzy_name``, ``sort`` field:ASC|DESC (stable, so
    rows with equal keys keep their order in both directions), ``total`` of all matches; out of bounds is a 400."""

    def __init__(self, names, created=None, case_insensitive=False, total_bias=0, page_cap=100):
        self.rows = [{"id": "id-%04d" % index, "name": name, "created_time": created(index) if created else "t%06d" % index}
                     for index, name in enumerate(names)]
        self.case_insensitive = case_insensitive
        self.total_bias = total_bias
        self.page_cap = page_cap  # items per page whatever the limit; None: no cap
        self.calls = []

    def _contains(self, name, part):
        return part.lower() in name.lower() if self.case_insensitive else part in name

    def __call__(self, query):
        self.calls.append(dict(query))
        if not (0 <= query["offset"] <= 100 and 1 <= query["limit"] <= 1000):
            raise HuaweiCloudError("HTTP 400 EG.00513000: offset/limit out of bounds", status=400, error_code="EG.00513000")
        rows = [r for r in self.rows if ("name" not in query or r["name"] == query["name"])
                and ("fuzzy_name" not in query or self._contains(r["name"], query["fuzzy_name"]))]
        field, _sep, direction = query.get("sort", "created_time:DESC").partition(":")
        rows = sorted(rows, key=lambda r: r[field], reverse=direction == "DESC")
        page = rows[query["offset"]:query["offset"] + min(query["limit"], self.page_cap or query["limit"])]
        return {"total": len(rows) + self.total_bias, "size": len(page), "items": page}


def names_of(items):
    return [item["name"] for item in items]


@pytest.mark.parametrize("count, calls", [(0, 1), (15, 1), (100, 1), (101, 2), (200, 2), (250, 4), (400, 4)])
def test_up_to_400_are_read_with_two_sort_directions_in_api_order(count, calls):
    api = FakeListConnections(["conn-%04d" % index for index in range(count)])
    items = list_all(api, {}, WHAT)
    assert names_of(items) == ["conn-%04d" % index for index in reversed(range(count))]  # created_time:DESC
    assert len(api.calls) == calls
    assert {call["sort"] for call in api.calls} <= {"created_time:DESC", "created_time:ASC"}


@pytest.mark.parametrize("count", [401, 450, 1000])
def test_more_than_400_are_split_by_fuzzy_name_and_sorted_here(count):
    names = ["conn-%04d" % index for index in range(count)]
    api = FakeListConnections(names)
    items = list_all(api, {"sort": "name:ASC"}, WHAT)
    assert names_of(items) == sorted(names)
    assert len({item["id"] for item in items}) == count
    assert any("fuzzy_name" in call for call in api.calls) and len(api.calls) < 150


@pytest.mark.parametrize("count, calls", [(1000, 1), (2000, 2), (1001, 2)])
def test_without_a_page_cap_big_pages_take_few_calls(count, calls):
    names = ["conn-%04d" % index for index in range(count)]
    api = FakeListConnections(names, page_cap=None)
    assert names_of(list_all(api, {}, WHAT)) == list(reversed(names))
    assert len(api.calls) == calls and all(call["limit"] == 1000 for call in api.calls)


def test_a_capped_page_shorter_than_the_limit_does_not_end_the_listing():
    names = ["conn-%04d" % index for index in range(250)]
    api = FakeListConnections(names, page_cap=100)
    assert len(list_all(api, {}, WHAT)) == 250
    assert [(call["offset"], call["sort"]) for call in api.calls][:2] == [(0, "created_time:DESC"), (100, "created_time:DESC")]


def test_ties_in_the_sort_key_fall_back_to_partitions():
    # Every row created in the same second: ASC and DESC put the tied rows in the same order, so the two
    # directions overlap instead of adding up; the lister notices and splits the query.
    names = ["eg-%03d" % index for index in range(300)]
    api = FakeListConnections(names, created=lambda index: "2026-01-01 00:00:00")
    items = list_all(api, {}, WHAT)
    assert sorted(names_of(items)) == sorted(names)
    assert any("fuzzy_name" in call for call in api.calls)


def test_random_names_and_a_case_insensitive_fuzzy_filter():
    rng = random.Random(10)
    names = sorted({"".join(rng.choice(NAME_CHARACTERS[:40]) for _char in range(rng.randint(1, 6))) for _name in range(900)})
    for case_insensitive in (False, True):
        api = FakeListConnections(names, case_insensitive=case_insensitive)
        assert sorted(names_of(list_all(api, {}, WHAT))) == names


def test_names_that_need_left_extensions_and_exact_matches():
    # Over a two-letter alphabet most names contain every short substring, so partitions are split several
    # levels deep; "ab" itself is only reachable through the exact-name query.
    names = ["".join(letters) for length in range(2, 10) for letters in itertools.product("ab", repeat=length)][:500]
    api = FakeListConnections(names)
    assert sorted(names_of(list_all(api, {}, WHAT, max_calls=2000))) == sorted(names)
    assert any(call.get("name") for call in api.calls)


def test_user_filters_are_kept_in_every_query():
    names = ["orders-%04d" % index for index in range(450)] + ["billing-%04d" % index for index in range(50)]
    api = FakeListConnections(names)
    items = list_all(api, {"fuzzy_name": "orders"}, WHAT)
    assert sorted(names_of(items)) == sorted(names[:450])
    assert all("orders" in call.get("fuzzy_name", call.get("name", "")) for call in api.calls)


def test_exact_name_lookup_is_one_call():
    api = FakeListConnections(["conn-%04d" % index for index in range(250)])
    assert names_of(list_all(api, {"name": "conn-0229"}, WHAT)) == ["conn-0229"]
    assert len(api.calls) == 1 and api.calls[0]["name"] == "conn-0229"


def test_the_call_budget_is_an_error_naming_what_to_do():
    api = FakeListConnections(["conn-%04d" % index for index in range(450)])
    with pytest.raises(HuaweiCloudError, match=r"listing needs more than 5 calls .* narrow it with name, fuzzy_name or instance_id"):
        list_all(api, {}, WHAT, max_calls=5)
    assert len(api.calls) == 5


@pytest.mark.parametrize("bias", [1, -1])
def test_totals_that_do_not_add_up_are_an_error(bias):
    api = FakeListConnections(["conn-%04d" % index for index in range(30)], total_bias=bias)
    with pytest.raises(HuaweiCloudError, match="did not converge"):
        list_all(api, {}, WHAT)


def test_a_total_that_changes_between_pages_is_an_error():
    api = FakeListConnections(["conn-%04d" % index for index in range(150)])
    real = api.__call__

    def growing(query):
        body = real(query)
        return dict(body, total=body["total"] + len(api.calls))

    with pytest.raises(HuaweiCloudError, match="changed while listing"):
        ConnectionLister(growing, WHAT).window({"sort": "created_time:DESC"})


@pytest.mark.parametrize("body", [
    None, [], {}, {"items": []}, {"total": "3", "items": []}, {"total": True, "items": []}, {"total": -1, "items": []},
    {"total": 1, "items": None}, {"total": 1, "items": ["x"]}, {"total": 1, "items": [{"name": "no id"}]},
])
def test_an_unexpected_body_is_an_error_not_an_empty_list(body):
    with pytest.raises(HuaweiCloudError, match=r"^GET /v1/\{project_id\}/connections: unexpected response body"):
        list_all(lambda query: body, {}, WHAT)


def test_client_side_sort_is_stable():
    items = [{"name": "b", "created_time": "1"}, {"name": "a", "created_time": "1"}, {"name": "c"}]
    assert names_of(sort_connections(items, "created_time:ASC")) == ["c", "b", "a"]
    assert names_of(sort_connections(items, "name:DESC")) == ["c", "b", "a"]


class StubClient:
    def __init__(self, api):
        self.api = api

    def get(self, service, path, query=None):
        assert (service, path) == ("eg", "/v1/{project_id}/connections")
        return ApiResponse(200, {}, self.api(query), "GET " + path)


class StubModule:
    def __init__(self, api):
        self.client = StubClient(api)


def test_eg_connections_list_and_find_use_the_lister():
    api = FakeListConnections(["conn-%04d" % index for index in range(250)])
    connections = EgConnections(StubModule(api))
    assert len(connections.list()) == 250
    assert all(call["offset"] <= 100 and call["limit"] == 1000 for call in api.calls)
    api.calls.clear()
    assert connections.find(name="conn-0229")["id"] == "id-0229"
    assert [call["name"] for call in api.calls] == ["conn-0229"]


@pytest.mark.parametrize("count, calls", [(2000, 60), (5000, 120)])
def test_a_fleet_with_one_long_prefix_takes_few_calls(count, calls):
    names = ["bench-kafka-%05d" % index for index in range(count)]
    api = FakeListConnections(names)
    assert sorted(names_of(list_all(api, {}, WHAT))) == names
    assert len(api.calls) <= calls, len(api.calls)


@pytest.mark.parametrize("count, calls", [(1000, 30), (2000, 60), (5000, 150)])
def test_numbers_without_leading_zeros_take_few_calls(count, calls):
    # "kafka-1" is a name and the prefix of "kafka-10".."kafka-1999": each partition also holds its own root as a
    # name, which the lister must find without first asking for every other character next to it.
    names = ["fleet-kafka-%d" % index for index in range(count)]
    api = FakeListConnections(names)
    assert sorted(names_of(list_all(api, {}, WHAT))) == sorted(names)
    assert len(api.calls) <= calls, len(api.calls)


def test_several_teams_with_their_prefixes():
    names = ["team-%s-kafka-%04d" % (team, index) for team in "abcd" for index in range(600)]
    api = FakeListConnections(names)
    assert sorted(names_of(list_all(api, {}, WHAT))) == sorted(names)
    assert len(api.calls) <= 150, len(api.calls)


class SlowListConnections(FakeListConnections):
    """Each call takes ``delay`` seconds; records how many were in flight at once."""

    def __init__(self, names, delay=0.01):
        super().__init__(names)
        self.delay = delay
        self.in_flight = 0
        self.most_in_flight = 0
        self.lock = threading.Lock()

    def __call__(self, query):
        with self.lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            time.sleep(self.delay)
            return super().__call__(query)
        finally:
            with self.lock:
                self.in_flight -= 1


@pytest.mark.parametrize("names, side_by_side", [
    (["fleet-kafka-%d" % index for index in range(3000)], True),
    (["team-%s-kafka-%04d" % (team, index) for team in "abcd" for index in range(600)], True),
    # Short random names hold short substrings several times, so their partitions overlap: walked one by one.
    (["".join(random.Random(seed).choice("abcxyz019._-") for _index in range(1 + seed % 9)) + "-%d" % seed for seed in range(800)], False),
])
def test_partitions_listed_side_by_side_find_the_same_connections_with_a_bound_on_calls_in_flight(names, side_by_side):
    sequential = FakeListConnections(names)
    expected = list_all(sequential, {}, WHAT)
    parallel = SlowListConnections(names, delay=0.002)
    found = list_all(parallel, {}, WHAT, concurrency=4)
    assert found == expected
    assert (1 < parallel.most_in_flight <= 4) if side_by_side else parallel.most_in_flight == 1
    assert len(parallel.calls) <= 1.3 * len(sequential.calls), (len(parallel.calls), len(sequential.calls))
    assert all(call["offset"] <= 100 and call["limit"] == 1000 for call in parallel.calls)


def test_listing_partitions_side_by_side_overlaps_calls_and_keeps_the_call_budget():
    """How much faster that is belongs to the bench (section estate); here: the calls overlap, within the budget."""
    names = ["bench-kafka-%d" % index for index in range(5000)]
    one = SlowListConnections(names, delay=0.02)
    list_all(one, {}, WHAT)
    eight = SlowListConnections(names, delay=0.02)
    assert len(list_all(eight, {}, WHAT, concurrency=8)) == 5000
    assert one.most_in_flight == 1 and 1 < eight.most_in_flight <= 8
    with pytest.raises(HuaweiCloudError, match="listing needs more than 20 calls"):
        list_all(SlowListConnections(names, delay=0.001), {}, WHAT, max_calls=20, concurrency=8)
