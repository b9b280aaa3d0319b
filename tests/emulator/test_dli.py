# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DLI enhanced connections through the official SDK, including per-queue peer lifecycles."""

from __future__ import annotations

import json
import time

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkdli.v1 import (AssociateQueueToEnhancedConnectionRequest, AssociateQueueToEnhancedConnectionRequestBody,
                                  CreateEnhancedConnectionRequest, CreateEnhancedConnectionRequestBody,
                                  CreateEnhancedConnectionRoutesRequest, CreateEnhancedConnectionRoutesRequestBody,
                                  CreateRouteToEnhancedConnectionRequest, CreateRouteToEnhancedConnectionRequestBody,
                                  DeleteEnhancedConnectionRequest, DeleteEnhancedConnectionRoutesRequest,
                                  DeleteRouteFromEnhancedConnectionRequest, DisassociateQueueFromEnhancedConnectionRequest,
                                  DisassociateQueueFromEnhancedConnectionRequestBody, DliClient, EnhancedConnectionHost,
                                  ListEnhancedConnectionsRequest, ShowEnhancedConnectionRequest, Tag,
                                  UpdateEnhancedConnectionRequest, UpdateEnhancedConnectionRequestBody)

from emulator_testlib import sdk_client


@pytest.fixture
def client(emulator) -> DliClient:
    return sdk_client(DliClient, emulator.base_url)


def _create(client: DliClient, name: str, queues=None, pools=None) -> str:
    body = CreateEnhancedConnectionRequestBody(
        name=name, dest_vpc_id="vpc-1", dest_network_id="net-1", queues=queues, elastic_resource_pools=pools,
        hosts=[EnhancedConnectionHost(name="ecs-97f8-0001", ip="192.168.0.1")], tags=[Tag(key="env", value="test")])
    response = client.create_enhanced_connection(CreateEnhancedConnectionRequest(body=body))
    assert response.status_code == 201 and response.is_success is True
    return response.connection_id


def test_full_lifecycle(client, emulator) -> None:
    connection_id = _create(client, "dli_conn", queues=["q1"], pools=["pool1"])
    shown = client.show_enhanced_connection(ShowEnhancedConnectionRequest(connection_id=connection_id))
    assert shown.is_success is True and shown.status == "ACTIVE" and shown.name == "dli_conn"
    # the queue is bound through its elastic resource pool (q1_pool by default): reads list the pool, not the queue
    assert shown.available_queue_info == []
    assert [(p.name, p.status) for p in shown.elastic_resource_pools] == [("q1_pool", "CREATING"), ("pool1", "CREATING")]
    assert shown.hosts[0].ip == "192.168.0.1" and isinstance(shown.create_time, int)
    time.sleep(0.08)
    shown = client.show_enhanced_connection(ShowEnhancedConnectionRequest(connection_id=connection_id))
    assert shown.elastic_resource_pools[0].status == "ACTIVE" and shown.elastic_resource_pools[0].peer_id

    hosts = [EnhancedConnectionHost(name="db-1", ip="10.0.0.5")]
    assert client.update_enhanced_connection(UpdateEnhancedConnectionRequest(
        connection_id=connection_id, body=UpdateEnhancedConnectionRequestBody(hosts=hosts))).is_success
    client.associate_queue_to_enhanced_connection(AssociateQueueToEnhancedConnectionRequest(
        connection_id=connection_id, body=AssociateQueueToEnhancedConnectionRequestBody(queues=["q2"])))
    client.disassociate_queue_from_enhanced_connection(DisassociateQueueFromEnhancedConnectionRequest(
        connection_id=connection_id, body=DisassociateQueueFromEnhancedConnectionRequestBody(queues=["q1"])))
    client.create_enhanced_connection_routes(CreateEnhancedConnectionRoutesRequest(
        connection_id=connection_id, body=CreateEnhancedConnectionRoutesRequestBody(name="r1", cidr="10.1.0.0/16")))
    client.create_route_to_enhanced_connection(CreateRouteToEnhancedConnectionRequest(
        connection_id=connection_id, body=CreateRouteToEnhancedConnectionRequestBody(name="r:2 x", cidr="10.2.0.0/16")))
    listed = client.list_enhanced_connections(ListEnhancedConnectionsRequest(name="dli_conn"))
    assert listed.count == 1
    row = listed.connections[0]
    assert [h.name for h in row.hosts] == ["db-1"] and row.available_queue_info == []
    assert [p.name for p in row.elastic_resource_pools] == ["pool1", "q2_pool"]
    assert row.is_privis is True
    routes = json.loads(listed.raw_content)["connections"][0]["routes"]
    assert [(r["name"], r["cidr"]) for r in routes] == [("r1", "10.1.0.0/16"), ("r:2 x", "10.2.0.0/16")]

    client.delete_enhanced_connection_routes(DeleteEnhancedConnectionRoutesRequest(connection_id=connection_id, name="r1"))
    client.delete_route_from_enhanced_connection(DeleteRouteFromEnhancedConnectionRequest(connection_id=connection_id, name="r:2 x"))
    time.sleep(0.08)  # the q2 peer must leave CREATING before the connection can be deleted
    deleted = client.delete_enhanced_connection(DeleteEnhancedConnectionRequest(connection_id=connection_id))
    assert (deleted.is_success, deleted.message) == (True, "Deleted")
    assert client.show_enhanced_connection(ShowEnhancedConnectionRequest(connection_id=connection_id)).status == "DELETED"
    assert client.list_enhanced_connections(ListEnhancedConnectionsRequest()).count == 1
    assert client.list_enhanced_connections(ListEnhancedConnectionsRequest(status="active")).count == 0
    with pytest.raises(ClientRequestException) as caught:
        client.delete_enhanced_connection(DeleteEnhancedConnectionRequest(connection_id=connection_id))
    assert (caught.value.status_code, caught.value.error_code) == (400, "DLI.0001")


def test_failing_queue_ends_failed_with_message(emulator_factory) -> None:
    emulator = emulator_factory({"dli": {"failing_queues": ["bad_queue"]}})
    client = sdk_client(DliClient, emulator.base_url)
    connection_id = _create(client, "dli_fail", queues=["good_queue", "bad_queue"])
    time.sleep(0.08)
    peers = {p.name: p for p in client.show_enhanced_connection(
        ShowEnhancedConnectionRequest(connection_id=connection_id)).elastic_resource_pools}
    assert peers["good_queue_pool"].status == "ACTIVE" and not peers["good_queue_pool"].err_msg
    assert peers["bad_queue_pool"].status == "FAILED" and "bad_queue" in peers["bad_queue_pool"].err_msg


def test_duplicate_name_invalid_name_and_paging(client) -> None:
    for index in range(3):
        _create(client, "conn_%d" % index)
    with pytest.raises(ClientRequestException) as caught:
        _create(client, "conn_1")
    assert (caught.value.status_code, caught.value.error_code) == (400, "DLI.0006")
    assert caught.value.error_msg == "Enhanced connection conn_1 already exists."
    with pytest.raises(ClientRequestException) as caught:
        _create(client, "bad-name")
    assert caught.value.status_code == 400
    assert client.list_enhanced_connections(ListEnhancedConnectionsRequest(limit=0)).count == 3
    page = client.list_enhanced_connections(ListEnhancedConnectionsRequest(limit=2, offset=1))
    assert [c.name for c in page.connections] == ["conn_1", "conn_2"]
    assert client.list_enhanced_connections(ListEnhancedConnectionsRequest(tags="env=test")).count == 3
    assert client.list_enhanced_connections(ListEnhancedConnectionsRequest(tags="env=prod")).count == 0


def test_unknown_id_is_400_not_exist(client) -> None:
    with pytest.raises(ClientRequestException) as caught:
        client.show_enhanced_connection(ShowEnhancedConnectionRequest(connection_id="nope"))
    assert (caught.value.status_code, caught.value.error_code, caught.value.error_msg) == (400, "DLI.0001", "Connection nope is not exist")
