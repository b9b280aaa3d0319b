# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""huawei-api.md section 11 #1 with the official SDK as referee: binding a DLI queue attaches the queue's elastic
resource pool, reads list the pool and never the queue, and ShowQueue says which pool a queue runs in."""

from __future__ import annotations

import time

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkdli.v1 import (AssociateQueueToEnhancedConnectionRequest, AssociateQueueToEnhancedConnectionRequestBody,
                                  CreateEnhancedConnectionRequest, CreateEnhancedConnectionRequestBody,
                                  DisassociateQueueFromEnhancedConnectionRequest, DisassociateQueueFromEnhancedConnectionRequestBody,
                                  DliClient, ListEnhancedConnectionsRequest, ShowEnhancedConnectionRequest, ShowQueueRequest)

from emulator_testlib import sdk_client

QUEUES = {"etl": {"elastic_resource_pool_name": "shared_pool"}, "report": {"elastic_resource_pool_name": "shared_pool"},
          "adhoc": {"elastic_resource_pool_name": "adhoc_pool"}, "legacy": {"elastic_resource_pool_name": None},
          "broken": {"elastic_resource_pool_name": "broken_pool"}}


@pytest.fixture
def emulator(emulator_factory):
    return emulator_factory({"dli": {"queues": QUEUES, "failing_queues": ["broken"]}})


@pytest.fixture
def client(emulator) -> DliClient:
    return sdk_client(DliClient, emulator.base_url)


def _create(client: DliClient, name: str, **names) -> str:
    body = CreateEnhancedConnectionRequestBody(name=name, dest_vpc_id="vpc-1", dest_network_id="net-1", **names)
    return client.create_enhanced_connection(CreateEnhancedConnectionRequest(body=body)).connection_id


def _show(client: DliClient, connection_id: str):
    return client.show_enhanced_connection(ShowEnhancedConnectionRequest(connection_id=connection_id))


def _raised(call) -> ClientRequestException:
    with pytest.raises(ClientRequestException) as caught:
        call()
    return caught.value


def test_show_queue_names_its_pool_in_the_sdk_model(client) -> None:
    shown = client.show_queue(ShowQueueRequest(queue_name="etl"))
    assert (shown.is_success, shown.queue_name, shown.elastic_resource_pool_name) == (True, "etl", "shared_pool")
    assert shown.resource_mode == 1 and isinstance(shown.queue_id, int) and shown.queue_type == "sql"
    assert client.show_queue(ShowQueueRequest(queue_name="ETL")).queue_name == "etl"  # names are case-insensitive
    assert client.show_queue(ShowQueueRequest(queue_name="legacy")).elastic_resource_pool_name is None
    # a name the config does not list: by default a queue in a pool of its own
    assert client.show_queue(ShowQueueRequest(queue_name="other_queue")).elastic_resource_pool_name == "other_queue_pool"


def test_an_unknown_queue_is_dli_0002_when_configured_so(emulator_factory) -> None:
    emulator = emulator_factory({"dli": {"queues": QUEUES, "unconfigured_queues": "not_exist"}})
    client = sdk_client(DliClient, emulator.base_url)
    error = _raised(lambda: client.show_queue(ShowQueueRequest(queue_name="nope")))
    assert (error.status_code, error.error_code, error.error_msg) == (400, "DLI.0002", "Queue nope does not exist.")
    error = _raised(lambda: _create(client, "with_unknown", queues=["nope"]))
    assert (error.status_code, error.error_code) == (400, "DLI.0002")
    assert client.list_enhanced_connections(ListEnhancedConnectionsRequest()).count == 0


def test_binding_a_queue_attaches_its_pool_and_reads_never_list_the_queue(client) -> None:
    connection_id = _create(client, "by_queue", queues=["etl"])
    shown = _show(client, connection_id)
    assert shown.available_queue_info == [] and [p.name for p in shown.elastic_resource_pools] == ["shared_pool"]
    # a second queue of the same pool adds nothing; a queue of another pool adds that pool
    client.associate_queue_to_enhanced_connection(AssociateQueueToEnhancedConnectionRequest(
        connection_id=connection_id, body=AssociateQueueToEnhancedConnectionRequestBody(queues=["report", "adhoc"])))
    listed = client.list_enhanced_connections(ListEnhancedConnectionsRequest(name="by_queue")).connections[0]
    assert listed.available_queue_info == []
    assert [p.name for p in listed.elastic_resource_pools] == ["shared_pool", "adhoc_pool"]
    time.sleep(0.08)
    assert [p.status for p in _show(client, connection_id).elastic_resource_pools] == ["ACTIVE", "ACTIVE"]
    # unbinding a queue detaches its pool, for every queue of that pool
    client.disassociate_queue_from_enhanced_connection(DisassociateQueueFromEnhancedConnectionRequest(
        connection_id=connection_id, body=DisassociateQueueFromEnhancedConnectionRequestBody(queues=["etl"])))
    assert [p.name for p in _show(client, connection_id).elastic_resource_pools] == ["adhoc_pool"]
    error = _raised(lambda: client.disassociate_queue_from_enhanced_connection(DisassociateQueueFromEnhancedConnectionRequest(
        connection_id=connection_id, body=DisassociateQueueFromEnhancedConnectionRequestBody(queues=["report"]))))
    assert error.status_code == 400 and "report" in error.error_msg


def test_an_old_style_queue_outside_any_pool_is_listed_by_its_own_name(client) -> None:
    connection_id = _create(client, "legacy_queue", queues=["legacy"], elastic_resource_pools=["adhoc_pool"])
    shown = _show(client, connection_id)
    assert [p.name for p in shown.available_queue_info] == ["legacy"]
    assert [p.name for p in shown.elastic_resource_pools] == ["adhoc_pool"]


def test_a_failing_queue_fails_the_peering_of_its_pool(client) -> None:
    connection_id = _create(client, "failing", queues=["broken", "etl"])
    time.sleep(0.08)
    peers = {p.name: p for p in _show(client, connection_id).elastic_resource_pools}
    assert peers["shared_pool"].status == "ACTIVE"
    assert peers["broken_pool"].status == "FAILED" and "broken_pool (bound through queue broken)" in peers["broken_pool"].err_msg
