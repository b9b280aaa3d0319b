# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""EG connections through the official SDK: CRUD, lifecycle, failures, list filters."""

from __future__ import annotations

import json
import time

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkeg.v1 import (ConnectionCreateReq, ConnectionUpdateReq, CreateConnectionRequest, DeleteConnectionRequest,
                                 EgClient, KafkaConnectionDetail, ListConnectionsRequest, ShowDetailOfConnectionRequest,
                                 UpdateConnectionRequest)

from emulator_testlib import PROJECT, sdk_client, signed_call


@pytest.fixture
def client(emulator) -> EgClient:
    return sdk_client(EgClient, emulator.base_url)


def _create(client: EgClient, name: str, kafka: bool = False) -> object:
    extra = {}
    if kafka:
        extra = {"type": "kafka", "kafka_detail": KafkaConnectionDetail(
            instance_id="kafka-1", addr="192.168.0.5:9093", security_protocol="SASL_SSL", enable_sasl_ssl=True,
            user_name="producer", password="kafka-pw", acks="all")}
    return client.create_connection(CreateConnectionRequest(body=ConnectionCreateReq(
        name=name, description="", vpc_id="vpc-1", subnet_id="subnet-1", **extra)))


def test_create_show_update_delete(client, emulator) -> None:
    created = _create(client, "private-link", kafka=True)
    assert created.status == "CREATING" and created.agency == "EG_TRUST" and created.flavor.concurrency == 500
    assert created.type == "KAFKA"  # the SDK maps the echoed "kafka" onto its ConnectionType.KAFKA constant
    assert json.loads(created.raw_content)["type"] == "kafka" and created.kafka_detail.user_name == "producer"
    assert created.kafka_detail.password is None and created.x_request_id
    time.sleep(0.08)
    shown = client.show_detail_of_connection(ShowDetailOfConnectionRequest(connection_id=created.id))
    assert shown.status == "CREATED" and shown.error_info.error_code is None
    updated = client.update_connection(UpdateConnectionRequest(connection_id=created.id,
                                                               body=ConnectionUpdateReq(description="changed")))
    assert updated.description == "changed" and updated.x_request_id
    url = "%s/v1/%s/connections/%s" % (emulator.base_url, PROJECT, created.id)
    response = signed_call("PUT", url, {"kafka_detail": {"user_name": "other", "password": "new-pw"}})
    assert response.status_code == 200 and response.json()["kafka_detail"]["user_name"] == "other"
    assert "password" not in response.json()["kafka_detail"]
    assert client.delete_connection(DeleteConnectionRequest(connection_id=created.id)).status_code == 204
    for call in (lambda: client.show_detail_of_connection(ShowDetailOfConnectionRequest(connection_id=created.id)),
                 lambda: client.delete_connection(DeleteConnectionRequest(connection_id=created.id))):
        with pytest.raises(ClientRequestException) as caught:
            call()
        assert (caught.value.status_code, caught.value.error_code) == (404, "EG.00014040")


def test_configured_failure_ends_create_failed(emulator_factory) -> None:
    emulator = emulator_factory({"eg": {"failing_names": ["doomed"]}})
    client = sdk_client(EgClient, emulator.base_url)
    created = _create(client, "doomed")
    time.sleep(0.08)
    shown = client.show_detail_of_connection(ShowDetailOfConnectionRequest(connection_id=created.id))
    assert shown.status == "CREATE_FAILED"
    assert shown.error_info.error_code and shown.error_info.error_msg and shown.error_info.error_detail


def test_duplicate_name_and_validation(client) -> None:
    _create(client, "dup")
    with pytest.raises(ClientRequestException) as caught:
        _create(client, "dup")
    assert (caught.value.status_code, caught.value.error_code) == (400, "EG.00513001")
    for name in ("default", "-starts-with-dash"):
        with pytest.raises(ClientRequestException) as caught:
            _create(client, name)
        assert caught.value.error_code == "EG.00513000"


def test_list_filters_paging_sort(client) -> None:
    for index in range(17):
        _create(client, "conn-%02d" % index)
    _create(client, "other")
    default = client.list_connections(ListConnectionsRequest())
    assert (default.total, default.size) == (18, 15)
    assert default.items[0].name == "other"  # created_time:DESC
    assert client.list_connections(ListConnectionsRequest(name="conn-1")).total == 0  # exact
    assert client.list_connections(ListConnectionsRequest(fuzzy_name="conn-1")).total == 7
    page = client.list_connections(ListConnectionsRequest(sort="name:ASC", offset=16, limit=5))
    assert [c.name for c in page.items] == ["conn-16", "other"]
    raw = json.loads(client.list_connections(ListConnectionsRequest(name="other")).raw_content)
    assert raw["items"][0]["type"] == "WEBHOOK"


def test_admin_seeding_is_validated_and_all_or_nothing(client, emulator) -> None:
    assert emulator.admin.seed_eg_connections(["seed-a", "seed-b"], vpc_id="vpc-9") == 2
    for names in (["seed-c", "seed-a"], ["seed-d", "default"], []):
        response = emulator.admin.session.post(emulator.base_url + "/_emulator/eg/connections", json={"names": names}, timeout=10)
        assert response.status_code == 400
    listed = client.list_connections(ListConnectionsRequest(sort="name:ASC"))
    assert [(c.name, c.status, c.vpc_id) for c in listed.items] == [("seed-a", "CREATED", "vpc-9"), ("seed-b", "CREATED", "vpc-9")]
