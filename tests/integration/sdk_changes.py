# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Changes made "out of band", with the official Huawei SDK against the emulator, never with the collection: what the
inventory and drift tests must find although the collection did not write it."""

from __future__ import annotations

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkdli.v1 import (CreateEnhancedConnectionRequest, CreateEnhancedConnectionRequestBody, DeleteEnhancedConnectionRequest,
                                  DliClient, EnhancedConnectionHost, ListEnhancedConnectionsRequest, UpdateEnhancedConnectionRequest,
                                  UpdateEnhancedConnectionRequestBody)
from huaweicloudsdkdrs.v5 import (BaseEndpoint, CloudVpcInfo, CreateConnectionReq, CreateConnectionRequest, DeleteConnectionRequest, DrsClient,
                                  ListConnectionsRequest, ModifyConnectionRequest, UpdateConnectionReq)
from huaweicloudsdkeg.v1 import (ConnectionCreateReq, ConnectionUpdateReq, CreateConnectionRequest as EgCreateConnectionRequest,
                                 DeleteConnectionRequest as EgDeleteConnectionRequest, EgClient, KafkaConnectionDetail,
                                 ListConnectionsRequest as EgListConnectionsRequest, UpdateConnectionRequest)
from stack import DEFAULTS  # pylint: disable=import-error

CREDENTIALS = DEFAULTS["credentials"]["permanent"]


class Sdk:
    """The official DRS v5, EG and DLI clients of one project of the emulator."""

    def __init__(self, base_url: str, project_id: str):
        credentials = BasicCredentials(CREDENTIALS["ak"], CREDENTIALS["sk"], project_id)

        def build(client_class):
            return client_class.new_builder().with_credentials(credentials).with_endpoints([base_url]).build()

        self.drs, self.eg, self.dli = build(DrsClient), build(EgClient), build(DliClient)

    # -- DRS v5 -------------------------------------------------------------------------------------------------------

    def create_mysql(self, name: str, ip: str, password: str, port: int = 3306, user: str = "drs_probe", vpc: dict = None) -> str:
        body = {"name": name, "db_type": "mysql", "endpoint": BaseEndpoint(endpoint_name="mysql", ip=ip, db_port=str(port), db_user=user,
                                                                           db_password=password)}
        if vpc:
            body["vpc"] = CloudVpcInfo(**vpc)
        return self.drs.create_connection(CreateConnectionRequest(body=CreateConnectionReq(**body))).connection_id

    def drs_connection(self, name: str):
        found = [c for c in self.drs.list_connections(ListConnectionsRequest(name=name)).connections if c.name.lower() == name.lower()]
        assert len(found) == 1, found
        return found[0]

    def move_mysql(self, name: str, ip: str, password: str) -> None:
        """Point the DRS connection at another address (the PUT re-sends the endpoint with its password, as the API needs)."""
        current = self.drs_connection(name)
        endpoint = BaseEndpoint(endpoint_name=current.endpoint.endpoint_name, ip=ip, db_port=current.endpoint.db_port,
                                db_user=current.endpoint.db_user, db_password=password)
        body = UpdateConnectionReq(name=current.name, db_type=current.db_type, endpoint=endpoint, description=current.description)
        self.drs.modify_connection(ModifyConnectionRequest(connection_id=current.connection_id, body=body))

    def delete_mysql(self, name: str) -> None:
        self.drs.delete_connection(DeleteConnectionRequest(connection_id=self.drs_connection(name).connection_id))

    # -- EG -----------------------------------------------------------------------------------------------------------

    def create_kafka(self, name: str, vpc_id: str, subnet_id: str, instance_id: str, addr: str, user: str = None,
                     password: str = None, protocol: str = "PLAINTEXT") -> str:
        detail = KafkaConnectionDetail(instance_id=instance_id, addr=addr, security_protocol=protocol,
                                       enable_sasl_ssl=protocol == "SASL_SSL", user_name=user, password=password, acks="1")
        body = ConnectionCreateReq(name=name, vpc_id=vpc_id, subnet_id=subnet_id, type="KAFKA", kafka_detail=detail)
        return self.eg.create_connection(EgCreateConnectionRequest(body=body)).id

    def create_webhook(self, name: str, vpc_id: str, subnet_id: str) -> str:
        body = ConnectionCreateReq(name=name, vpc_id=vpc_id, subnet_id=subnet_id, type="WEBHOOK")
        return self.eg.create_connection(EgCreateConnectionRequest(body=body)).id

    def eg_connection(self, name: str):
        found = self.eg.list_connections(EgListConnectionsRequest(name=name)).items
        assert len(found) == 1, found
        return found[0]

    def describe_eg(self, name: str, description: str) -> None:
        self.eg.update_connection(UpdateConnectionRequest(connection_id=self.eg_connection(name).id,
                                                          body=ConnectionUpdateReq(description=description)))

    def delete_eg(self, name: str) -> None:
        self.eg.delete_connection(EgDeleteConnectionRequest(connection_id=self.eg_connection(name).id))

    # -- DLI ----------------------------------------------------------------------------------------------------------

    def create_dli(self, name: str, vpc_id: str, subnet_id: str) -> str:
        body = CreateEnhancedConnectionRequestBody(name=name, dest_vpc_id=vpc_id, dest_network_id=subnet_id)
        return self.dli.create_enhanced_connection(CreateEnhancedConnectionRequest(body=body)).connection_id

    def dli_connection(self, name: str):
        found = [c for c in self.dli.list_enhanced_connections(ListEnhancedConnectionsRequest(name=name, status="ACTIVE")).connections
                 if c.name == name]
        assert len(found) == 1, found
        return found[0]

    def set_dli_hosts(self, name: str, hosts: dict) -> None:
        body = UpdateEnhancedConnectionRequestBody(hosts=[EnhancedConnectionHost(name=host, ip=ip) for host, ip in sorted(hosts.items())])
        self.dli.update_enhanced_connection(UpdateEnhancedConnectionRequest(connection_id=self.dli_connection(name).id, body=body))

    def delete_dli(self, name: str) -> None:
        self.dli.delete_enhanced_connection(DeleteEnhancedConnectionRequest(connection_id=self.dli_connection(name).id))
