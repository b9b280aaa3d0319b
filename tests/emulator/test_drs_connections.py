# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DRS v5 connections through the official SDK, plus the concurrent duplicate-name race."""

from __future__ import annotations

import json
import threading

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkdrs.v5 import (BaseEndpoint, CloudBaseInfo, CreateConnectionReq, CreateConnectionRequest, DeleteConnectionRequest,
                                  DrsClient, EndpointSslConfig, ListConnectionsRequest, ModifyConnectionRequest,
                                  UpdateConnectionReq)

from emulator_testlib import sdk_client


def _create(client: DrsClient, name: str, ip: str = "10.0.0.1", db_type: str = "mysql", **extra) -> object:
    endpoint = BaseEndpoint(endpoint_name=db_type, ip=ip, db_port="3306", db_user="root", db_password="s3cret-pw")
    return client.create_connection(CreateConnectionRequest(body=CreateConnectionReq(
        name=name, db_type=db_type, endpoint=endpoint, **extra)))


@pytest.fixture
def client(emulator) -> DrsClient:
    return sdk_client(DrsClient, emulator.base_url)


def test_create_returns_connection_without_secrets(client) -> None:
    created = _create(client, "conn-mysql", description="d", ssl=EndpointSslConfig(
        ssl_link=True, ssl_cert_name="ca.pem", ssl_cert_key="a2V5", ssl_cert_password="p12pw"),
        cloud=CloudBaseInfo(region="cn-north-4", project_id="p"))
    assert created.name == "conn-mysql" and created.db_type == "mysql" and created.description == "d"
    assert created.endpoint.db_user == "root" and created.endpoint.db_password is None
    assert created.ssl.ssl_link is True and created.ssl.ssl_cert_name == "ca.pem"
    assert created.ssl.ssl_cert_key is None and created.ssl.ssl_cert_password is None
    assert isinstance(created.create_time, int) and created.create_time > 1_600_000_000_000
    listed = client.list_connections(ListConnectionsRequest(connection_id=created.connection_id))
    raw = json.loads(listed.raw_content)["connections"][0]
    assert listed.connections[0].connection_id == created.connection_id
    assert "db_password" not in raw["endpoint"] and "cloud" not in raw
    assert "ssl_cert_key" not in raw["ssl"] and "ssl_cert_password" not in raw["ssl"]


@pytest.mark.parametrize("name", ["abc", "x" * 51, "bad name", "bad.name"])
def test_invalid_names_are_rejected(client, name: str) -> None:
    with pytest.raises(ClientRequestException) as caught:
        _create(client, name)
    assert caught.value.status_code == 400


def test_duplicate_name_is_case_insensitive(client) -> None:
    _create(client, "Conn-Dup")
    with pytest.raises(ClientRequestException) as caught:
        _create(client, "conn-DUP")
    assert (caught.value.status_code, caught.value.error_code) == (400, "DRS.10010065")
    assert caught.value.error_msg == "Connection manager name is already exists."


def test_list_filters_paging_and_sort(client) -> None:
    ids = [_create(client, "conn-%02d" % index, ip="10.0.0.%d" % index).connection_id for index in range(12)]
    _create(client, "pg-conn", db_type="postgresql", ip="10.0.1.1")
    default = client.list_connections(ListConnectionsRequest())
    assert default.count == 13 and len(default.connections) == 10
    assert default.connections[0].name == "pg-conn"  # newest first by default
    everything = client.list_connections(ListConnectionsRequest(fetch_all=True, limit=1))
    assert len(everything.connections) == 13
    second = client.list_connections(ListConnectionsRequest(offset=10, limit=10, sort_key="name", sort_dir="asc"))
    assert [c.name for c in second.connections] == ["conn-10", "conn-11", "pg-conn"]
    assert client.list_connections(ListConnectionsRequest(name="CONN-03")).connections[0].connection_id == ids[3]
    assert client.list_connections(ListConnectionsRequest(name="conn-0")).count == 0  # exact, not substring
    assert client.list_connections(ListConnectionsRequest(db_type="postgresql")).count == 1
    assert client.list_connections(ListConnectionsRequest(ip="10.0.0.5")).connections[0].name == "conn-05"
    assert client.list_connections(ListConnectionsRequest(create_time="2000-01-01T00:00:00Z,2000-01-02T00:00:00Z")).count == 0
    assert client.list_connections(ListConnectionsRequest(create_time="2000-01-01T00:00:00Z,2999-01-02T00:00:00Z")).count == 13


def test_modify_and_delete(client) -> None:
    created = _create(client, "conn-mod")
    other = _create(client, "conn-other")
    response = client.modify_connection(ModifyConnectionRequest(connection_id=created.connection_id, body=UpdateConnectionReq(
        name="conn-renamed", description="new",
        endpoint=BaseEndpoint(endpoint_name="mysql", ip="10.9.9.9", db_user="admin", db_password="new-pw"))))
    assert (response.status_code, json.loads(response.raw_content)) == (200, {})  # SDK leaves .body None for {}
    row = client.list_connections(ListConnectionsRequest(connection_id=created.connection_id)).connections[0]
    assert (row.name, row.description, row.endpoint.ip, row.endpoint.db_user) == ("conn-renamed", "new", "10.9.9.9", "admin")
    with pytest.raises(ClientRequestException) as caught:
        client.modify_connection(ModifyConnectionRequest(connection_id=other.connection_id,
                                                         body=UpdateConnectionReq(name="CONN-RENAMED", endpoint=BaseEndpoint(
                                                             endpoint_name="mysql", db_user="root", db_password="pw"))))
    assert caught.value.error_code == "DRS.10010065"
    assert client.delete_connection(DeleteConnectionRequest(connection_id=created.connection_id)).status_code == 200
    for call in (lambda: client.delete_connection(DeleteConnectionRequest(connection_id=created.connection_id)),
                 lambda: client.modify_connection(ModifyConnectionRequest(connection_id="nope", body=UpdateConnectionReq(description="x")))):
        with pytest.raises(ClientRequestException) as caught:
            call()
        assert (caught.value.status_code, caught.value.error_code) == (400, "DRS.10010069")
        assert caught.value.error_msg == "Connection manager not exists."


def test_eight_concurrent_creates_of_one_name(emulator) -> None:
    clients = [sdk_client(DrsClient, emulator.base_url) for _client in range(8)]
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def create(client: DrsClient) -> None:
        barrier.wait()
        try:
            _create(client, "race-conn")
            outcomes.append("created")
        except ClientRequestException as exc:
            outcomes.append("%s %s" % (exc.status_code, exc.error_code))

    threads = [threading.Thread(target=create, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["400 DRS.10010065"] * 7 + ["created"]
    assert emulator.admin.state()["counts"]["drs_connections"] == 1
