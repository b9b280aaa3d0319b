# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""huawei-api.md section 11 #4, #16 and #17 with the official SDK as referee: the list ``name`` filter is exact, a 2xx
answer may leave out ``is_success`` (the emulator can answer so), and the hosts PUT must carry ``hosts``, ``[]``
clearing them."""

from __future__ import annotations

import time

from huaweicloudsdkdli.v1 import (AssociateQueueToEnhancedConnectionRequest, AssociateQueueToEnhancedConnectionRequestBody,
                                  CreateEnhancedConnectionRequest,
                                  CreateEnhancedConnectionRequestBody, CreateRouteToEnhancedConnectionRequest,
                                  CreateRouteToEnhancedConnectionRequestBody, DeleteEnhancedConnectionRequest, DliClient,
                                  EnhancedConnectionHost, ListEnhancedConnectionsRequest,
                                  ShowEnhancedConnectionRequest, UpdateEnhancedConnectionRequest, UpdateEnhancedConnectionRequestBody)

from emulator_testlib import PROJECT, sdk_client, signed_call


def _create(client: DliClient, name: str, **extra) -> str:
    body = CreateEnhancedConnectionRequestBody(name=name, dest_vpc_id="vpc-1", dest_network_id="net-1", **extra)
    return client.create_enhanced_connection(CreateEnhancedConnectionRequest(body=body)).connection_id


def test_the_list_name_filter_is_exact(emulator) -> None:
    """Section 11 #4 (Terraform's data source test): name=tf_test finds nothing while tf_test_xxxxx exists."""
    client = sdk_client(DliClient, emulator.base_url)
    _create(client, "tf_test_xxxxx")
    assert client.list_enhanced_connections(ListEnhancedConnectionsRequest(name="tf_test")).connections == []
    found = client.list_enhanced_connections(ListEnhancedConnectionsRequest(name="tf_test_xxxxx")).connections
    assert [row.name for row in found] == ["tf_test_xxxxx"]


def test_answers_without_is_success_when_configured(emulator) -> None:
    """Section 11 #16: Terraform takes a 2xx body without is_success as a success; dli.is_success: omitted answers
    every 2xx that way (the SDK reads is_success as None), errors keep their error_code."""
    emulator.admin.patch_config({"dli": {"is_success": "omitted"}})
    client = sdk_client(DliClient, emulator.base_url)
    created = client.create_enhanced_connection(CreateEnhancedConnectionRequest(body=CreateEnhancedConnectionRequestBody(
        name="bare", dest_vpc_id="vpc-1", dest_network_id="net-1")))
    connection_id = created.connection_id
    answers = [
        created,
        client.update_enhanced_connection(UpdateEnhancedConnectionRequest(connection_id=connection_id, body=UpdateEnhancedConnectionRequestBody(
            hosts=[EnhancedConnectionHost(name="db-1", ip="10.0.0.5")]))),
        client.associate_queue_to_enhanced_connection(AssociateQueueToEnhancedConnectionRequest(
            connection_id=connection_id, body=AssociateQueueToEnhancedConnectionRequestBody(elastic_resource_pools=["pool_a"]))),
        client.create_route_to_enhanced_connection(CreateRouteToEnhancedConnectionRequest(
            connection_id=connection_id, body=CreateRouteToEnhancedConnectionRequestBody(name="r1", cidr="10.1.0.0/16"))),
    ]
    time.sleep(0.08)  # past dli_peer_active: a connection whose pool peer is CREATING cannot be deleted
    answers += [
        client.show_enhanced_connection(ShowEnhancedConnectionRequest(connection_id=connection_id)),
        client.list_enhanced_connections(ListEnhancedConnectionsRequest(name="bare")),
        client.delete_enhanced_connection(DeleteEnhancedConnectionRequest(connection_id=connection_id)),
    ]
    assert [answer.is_success for answer in answers] == [None] * len(answers)
    assert connection_id and answers[4].hosts[0].name == "db-1" and answers[5].connections[0].id == connection_id
    gone = signed_call("DELETE", "%s/v2.0/%s/datasource/enhanced-connections/%s" % (emulator.base_url, PROJECT, connection_id))
    assert gone.status_code == 400 and gone.json()["error_code"] == "DLI.0001"
    emulator.admin.patch_config({"dli": {"is_success": "sent"}})
    assert client.list_enhanced_connections(ListEnhancedConnectionsRequest(name="bare")).is_success is True


def test_hosts_put_needs_hosts_and_an_empty_list_clears_them(emulator) -> None:
    """Section 11 #17 (Go SDK: hosts without omitempty): {"hosts": []} clears every host; {} and null are refused."""
    client = sdk_client(DliClient, emulator.base_url)
    connection_id = _create(client, "hosted", hosts=[EnhancedConnectionHost(name="db-1", ip="10.0.0.5")])
    url = "%s/v2.0/%s/datasource/enhanced-connections/%s" % (emulator.base_url, PROJECT, connection_id)
    for body in ({}, {"hosts": None}):
        refused = signed_call("PUT", url, body)
        assert (refused.status_code, refused.json()["error_code"]) == (400, "DLI.0001")
        assert "hosts" in refused.json()["error_msg"]
    show = ShowEnhancedConnectionRequest(connection_id=connection_id)
    assert [host.name for host in client.show_enhanced_connection(show).hosts] == ["db-1"]  # the refusals changed nothing
    cleared = client.update_enhanced_connection(UpdateEnhancedConnectionRequest(
        connection_id=connection_id, body=UpdateEnhancedConnectionRequestBody(hosts=[])))
    assert cleared.is_success is True
    assert client.show_enhanced_connection(show).hosts == []
