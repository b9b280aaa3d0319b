# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DLI queues are verified through their elastic resource pools (huawei-api.md section 11 #1): the pure plan with the
queues' pools, and the pool lookup (once per queue and client) against a scripted loopback server."""

from __future__ import annotations

import pytest

from ansible_collections.hwcloud.connections.plugins.module_utils import dli
from ansible_collections.hwcloud.connections.plugins.module_utils.auth import AkSkAuth
from ansible_collections.hwcloud.connections.plugins.module_utils.client import HuaweiCloudClient
from ansible_collections.hwcloud.connections.plugins.module_utils.dli_queues import QueuePools, queue_pools
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError
from ansible_collections.hwcloud.connections.plugins.module_utils.retries import RetryPolicy

PROJECT = "0123456789abcdef0123456789abcdef"
BASE = {"name": "conn", "dest_vpc_id": "vpc-1", "dest_network_id": "net-1"}
POOLS = {"etl": "shared", "report": "shared", "adhoc": "adhoc_pool", "legacy": None}
# The real API lists the pool a queue attached, never the queue; legacy is an old-style queue outside any pool.
CURRENT = dict(BASE, id="c1", status="ACTIVE", hosts=[], routes=[],
               available_queue_info=[{"name": "legacy", "status": "ACTIVE"}],
               elastic_resource_pools=[{"name": "shared", "status": "ACTIVE"}, {"name": "adhoc_pool", "status": "ACTIVE"}])
PURGE_QUEUES = {"queues": True}
PURGE_POOLS = {"elastic_resource_pools": True}


def plan(desired, purge=None, current=None):
    return dli.plan_changes(CURRENT if current is None else current, dict(BASE, **desired), purge or {}, POOLS)


def test_a_queue_whose_pool_is_bound_is_bound():
    assert plan({"queues": ["etl"]}) == {}
    assert plan({"queues": ["etl", "report", "adhoc", "legacy"]}, PURGE_QUEUES) == {}


def test_a_queue_whose_pool_is_missing_is_associated_by_queue_name():
    current = dict(CURRENT, elastic_resource_pools=[{"name": "adhoc_pool", "status": "ACTIVE"}])
    assert plan({"queues": ["etl", "report", "adhoc"]}, current=current) == {"associate": {"queues": ["etl", "report"]}}
    # a pool also listed by name is associated once, as a pool
    assert plan({"queues": ["etl"], "elastic_resource_pools": ["shared"]}, current=current) == {
        "associate": {"elastic_resource_pools": ["shared"]}}


def test_purge_queues_keeps_every_pool_a_listed_queue_or_elastic_resource_pools_needs():
    # etl is no longer listed, but report runs in the same pool: only adhoc_pool and the old-style queue go
    assert plan({"queues": ["report"]}, PURGE_QUEUES) == {
        "disassociate": {"queues": ["legacy"], "elastic_resource_pools": ["adhoc_pool"]}}
    assert plan({"queues": ["legacy"], "elastic_resource_pools": ["adhoc_pool"]}, PURGE_QUEUES) == {
        "disassociate": {"elastic_resource_pools": ["shared"]}}
    assert plan({"queues": ["legacy"]}) == {}  # without purge nothing is detached


def test_purge_pools_keeps_the_pools_of_listed_queues():
    assert plan({"queues": ["etl"], "elastic_resource_pools": []}, PURGE_POOLS) == {
        "disassociate": {"elastic_resource_pools": ["adhoc_pool"]}}
    # without queues the module cannot know a pool came from a queue: an unlisted pool is unbound
    assert plan({"elastic_resource_pools": ["adhoc_pool"]}, PURGE_POOLS) == {"disassociate": {"elastic_resource_pools": ["shared"]}}


def test_predict_adds_the_pool_of_an_associated_queue_once():
    current = dict(CURRENT, elastic_resource_pools=[], available_queue_info=[])
    desired = dict(BASE, queues=["etl", "report", "legacy"])
    after = dli.predict(current, desired, dli.plan_changes(current, desired, {}, POOLS), POOLS)
    assert [(p["name"], p["status"]) for p in after["elastic_resource_pools"]] == [("shared", "CREATING")]
    assert [p["name"] for p in after["available_queue_info"]] == ["legacy"]
    new = dli.predict(None, dict(BASE, queues=["adhoc"], elastic_resource_pools=["p9"]), pools=POOLS)
    assert [p["name"] for p in new["elastic_resource_pools"]] == ["p9", "adhoc_pool"] and new["available_queue_info"] == []


# -- the lookup --------------------------------------------------------------------------------------


def make_client(server):
    return HuaweiCloudClient(region="cn-north-4", auth=AkSkAuth("AK", "SK"), project_id=PROJECT, endpoint_url=server.url,
                             retry=RetryPolicy(max_retries=1, base_delay=0.01, max_delay=0.01), sleep=lambda _s: None)


def test_each_queue_is_read_once_per_client_with_its_name_encoded(server):
    server.queue(200, {"is_success": True, "queueName": "etl", "elastic_resource_pool_name": "shared"})
    server.queue(200, {"is_success": True, "queueName": "a/b"})  # no pool: an old-style queue
    client = make_client(server)
    assert queue_pools(client).resolve(["etl", "a/b"]) == {"etl": "shared", "a/b": None}
    assert queue_pools(client).resolve(["a/b", "etl"]) == {"etl": "shared", "a/b": None}
    assert [r["path"] for r in server.requests] == ["/v1.0/%s/queues/etl" % PROJECT, "/v1.0/%s/queues/a%%2Fb" % PROJECT]
    assert queue_pools(client) is queue_pools(client) and queue_pools(make_client(server)) is not queue_pools(client)


def test_an_unknown_queue_fails_naming_the_option_element_and_the_queue(server):
    server.queue(200, {"is_success": True, "elastic_resource_pool_name": "shared"})
    server.queue(400, {"error_code": "DLI.0002", "error_msg": "Queue nope does not exist."}, headers={"X-Request-Id": "rid-1"})
    with pytest.raises(HuaweiCloudError) as caught:
        QueuePools(make_client(server)).resolve(["etl", "nope"], "connections[2]")
    error = caught.value
    assert error.message.startswith("connections[2].queues[1]: cannot read DLI queue nope to find its elastic resource pool: ")
    assert (error.status, error.error_code, error.request_id) == (400, "DLI.0002", "rid-1")


@pytest.mark.parametrize("body", [{"is_success": True, "elastic_resource_pool_name": 7}, {"is_success": True, "elastic_resource_pool_name": ["p"]}])
def test_a_pool_name_that_is_not_a_string_is_an_error(server, body):
    server.queue(200, body)
    with pytest.raises(HuaweiCloudError, match="elastic_resource_pool_name is not a string"):
        QueuePools(make_client(server)).resolve(["etl"])
