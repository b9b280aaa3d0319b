# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: drs_connection
short_description: Manage DRS v5 database connections
version_added: 1.0.0
description:
  - Create, update and delete Data Replication Service (DRS) v5 connections (C(/v5/{project_id}/connections)),
    the saved database endpoints for MySQL, PostgreSQL, MongoDB and Oracle.
  - The connection is found by O(connection_id), else by O(name) (case-insensitive, as the API treats names).
  - Only options you set are compared. Secrets (O(endpoint.db_password), O(ssl.ssl_cert_key),
    O(ssl.ssl_cert_password)) and the O(cloud) block are never returned by the API, so they are not compared;
    use O(update_password=always) to re-send them.
  - Any difference in what you set updates the connection with one C(PUT) carrying the full desired body.
author:
  - hwcloud.connections contributors (!UNKNOWN)
options:
  state:
    description: Whether the connection should exist.
    type: str
    choices: [present, absent]
    default: present
  connection_id:
    description:
      - ID of the connection. When set, it selects the connection instead of O(name) (use it when several
        connections share a name).
    type: str
  name:
    description:
      - Connection name, 4 to 50 letters, digits, hyphens or underscores; unique per project, case-insensitively.
      - Required with O(state=present); with O(state=absent) either O(name) or O(connection_id) is required.
    type: str
  db_type:
    description: Database engine. Required with O(state=present).
    type: str
    choices: [mysql, postgresql, mongodb, oracle]
  description:
    description: Description, at most 255 characters.
    type: str
  enterprise_project_id:
    description: Enterprise project ID.
    type: str
  endpoint:
    description: Database endpoint. Required with O(state=present).
    type: dict
    suboptions:
      endpoint_name:
        description:
          - Scenario. C(ecs_*) and C(cloud_*) scenarios need O(cloud); C(cloud_*) also needs O(endpoint.instance_id).
          - Must belong to O(db_type), for example V(mysql), V(ecs_mysql) or V(cloud_mysql) for V(mysql).
        type: str
        required: true
        choices: [oracle, ecs_oracle, cloud_gaussdbv5, mysql, ecs_mysql, cloud_mysql, redis, ecs_redis, rediscluster,
                  ecs_rediscluster, cloud_gaussdb_redis, postgresql, ecs_postgresql, cloud_postgresql, mongodb,
                  ecs_mongodb, cloud_mongodb]
      ip:
        description:
          - Database address. A single IP or host name; for MongoDB up to three C(host:port) entries separated by commas.
          - Required unless the scenario is a C(cloud_*) instance.
        type: str
      db_port:
        description: Database port, 1 to 65535.
        type: int
      db_user:
        description: Database user.
        type: str
        required: true
      db_password:
        description: Database password. Never returned by the API; see O(update_password).
        type: str
      instance_id:
        description: Huawei Cloud database instance ID (cloud scenarios).
        type: str
      instance_name:
        description: Huawei Cloud database instance name.
        type: str
      db_name:
        description: Database name, for example the Oracle service name.
        type: str
      source_sharding:
        description: Physical source shards (sharded MongoDB).
        type: list
        elements: dict
        suboptions:
          endpoint_name:
            description: Scenario of the shard.
            type: str
          ip:
            description: Shard address.
            type: str
          db_port:
            description: Shard port.
            type: int
          db_user:
            description: Shard user.
            type: str
          db_password:
            description: Shard password.
            type: str
          instance_id:
            description: Shard instance ID.
            type: str
          instance_name:
            description: Shard instance name.
            type: str
          db_name:
            description: Shard database name.
            type: str
  vpc:
    description: VPC, subnet and security group of the database instance.
    type: dict
    suboptions:
      vpc_id:
        description: VPC ID.
        type: str
        required: true
      subnet_id:
        description: Subnet ID.
        type: str
        required: true
      security_group_id:
        description: Security group ID.
        type: str
  ssl:
    description: SSL settings. With O(ssl.ssl_link=true), O(ssl.ssl_cert_name), O(ssl.ssl_cert_key) and O(ssl.ssl_cert_check_sum) are required.
    type: dict
    suboptions:
      ssl_link:
        description: Whether the database uses SSL.
        type: bool
      ssl_cert_name:
        description: Certificate name.
        type: str
      ssl_cert_key:
        description: Certificate content, base64. Never returned by the API.
        type: str
      ssl_cert_check_sum:
        description: SHA-256 checksum of the certificate content.
        type: str
      ssl_cert_password:
        description: Certificate password (for .p12 certificates). Never returned by the API.
        type: str
  cloud:
    description: Region and project of a Huawei Cloud instance (C(ecs_*)/C(cloud_*) scenarios). Never returned by the API.
    type: dict
    suboptions:
      region:
        description: Region ID (C(region_subproject) when the region has sub-projects).
        type: str
        required: true
      project_id:
        description: Project ID.
        type: str
        required: true
      az_code:
        description: Availability zone code.
        type: str
  config:
    description: Connection settings.
    type: dict
    suboptions:
      driver_name:
        description: Driver name.
        type: str
  update_password:
    description:
      - V(on_create) sends secrets only when creating; existing connections are never changed because of them.
      - V(always) re-sends the secrets of an existing connection with a C(PUT) on every run (reported as changed),
        because the API never returns them for comparison.
    type: str
    choices: [always, on_create]
    default: on_create
extends_documentation_fragment:
  - hwcloud.connections.auth
  - hwcloud.connections.attributes
"""

EXAMPLES = r"""
- name: A self-built MySQL endpoint, reachable over a VPC
  hwcloud.connections.drs_connection:
    name: orders-mysql
    db_type: mysql
    description: orders database
    endpoint:
      endpoint_name: mysql
      ip: 192.168.0.27
      db_port: 3306
      db_user: drs
      db_password: "{{ vault_orders_db_password }}"
    vpc:
      vpc_id: 3c5f1a0e-7d4b-4e63-9f2b-6d1c0a8e2b11
      subnet_id: 8e2ee0d5-0f1d-4067-965f-caf00dd65529
    ssl:
      ssl_link: false

- name: Rotate the stored password
  hwcloud.connections.drs_connection:
    name: orders-mysql
    db_type: mysql
    endpoint:
      endpoint_name: mysql
      ip: 192.168.0.27
      db_port: 3306
      db_user: drs
      db_password: "{{ vault_orders_db_password_new }}"
    update_password: always

- name: Remove it
  hwcloud.connections.drs_connection:
    name: orders-mysql
    state: absent
"""

RETURN = r"""
connection:
  description:
    - The connection as the API returns it (no secrets, no C(cloud) block); in check mode the predicted connection.
    - V(null) after deletion.
  returned: always
  type: dict
  contains:
    connection_id:
      description: Connection ID (absent in check mode before creation).
      type: str
      sample: 835e1d79-24ac-411d-a1c8-22c000280659
    name:
      description: Connection name.
      type: str
      sample: orders-mysql
    db_type:
      description: Database engine.
      type: str
      sample: mysql
    create_time:
      description: Creation time, epoch milliseconds.
      type: int
      sample: 1716879012121
    endpoint:
      description: Endpoint without the password.
      type: dict
      sample: {"endpoint_name": "mysql", "ip": "192.168.0.27", "db_port": "3306", "db_user": "drs"}
    vpc:
      description: VPC information.
      type: dict
    ssl:
      description: SSL settings without certificate key and password.
      type: dict
    config:
      description: Connection settings.
      type: dict
    description:
      description: Description.
      type: str
    enterprise_project_id:
      description: Enterprise project ID.
      type: str
"""

from ansible_collections.hwcloud.connections.plugins.module_utils import reconcile as rc
from ansible_collections.hwcloud.connections.plugins.module_utils.drs import DrsConnections
from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import PYDANTIC_IMPORT_ERROR, validate
from ansible_collections.hwcloud.connections.plugins.module_utils.models.drs import NOT_RETURNED, SECRET_PATHS, Connection
from ansible_collections.hwcloud.connections.plugins.module_utils.module import HuaweiCloudModule

SHARD = dict(
    endpoint_name=dict(type="str"), ip=dict(type="str"), db_port=dict(type="int"), db_user=dict(type="str"),
    db_password=dict(type="str", no_log=True), instance_id=dict(type="str"), instance_name=dict(type="str"), db_name=dict(type="str"),
)
ENDPOINT = dict(SHARD, endpoint_name=dict(type="str", required=True, choices=[
    "oracle", "ecs_oracle", "cloud_gaussdbv5", "mysql", "ecs_mysql", "cloud_mysql", "redis", "ecs_redis", "rediscluster",
    "ecs_rediscluster", "cloud_gaussdb_redis", "postgresql", "ecs_postgresql", "cloud_postgresql", "mongodb", "ecs_mongodb", "cloud_mongodb",
]), db_user=dict(type="str", required=True), source_sharding=dict(type="list", elements="dict", options=SHARD))

ARGUMENT_SPEC = dict(
    state=dict(type="str", choices=["present", "absent"], default="present"),
    connection_id=dict(type="str"),
    name=dict(type="str"),
    db_type=dict(type="str", choices=["mysql", "postgresql", "mongodb", "oracle"]),
    description=dict(type="str"),
    enterprise_project_id=dict(type="str"),
    endpoint=dict(type="dict", options=ENDPOINT),
    vpc=dict(type="dict", options=dict(vpc_id=dict(type="str", required=True), subnet_id=dict(type="str", required=True),
                                       security_group_id=dict(type="str"))),
    ssl=dict(type="dict", options=dict(ssl_link=dict(type="bool"), ssl_cert_name=dict(type="str"), ssl_cert_key=dict(type="str", no_log=True),
                                       ssl_cert_check_sum=dict(type="str"), ssl_cert_password=dict(type="str", no_log=True))),
    cloud=dict(type="dict", options=dict(region=dict(type="str", required=True), project_id=dict(type="str", required=True),
                                         az_code=dict(type="str"))),
    config=dict(type="dict", options=dict(driver_name=dict(type="str"))),
    update_password=dict(type="str", choices=["always", "on_create"], default="on_create", no_log=False),
)
BODY_FIELDS = ("name", "db_type", "endpoint", "description", "config", "vpc", "ssl", "cloud", "enterprise_project_id")


class DrsConnection(rc.Resource):
    noun = "connection"
    secret_paths = SECRET_PATHS

    def __init__(self, module):
        super().__init__(module)
        self.api = DrsConnections(module)

    def desired(self) -> dict:
        params = self.module.params
        return validate(Connection, rc.prune({k: params[k] for k in BODY_FIELDS})).body()

    def lookup(self):
        params = self.module.params
        return self.api.find(params["connection_id"], params["name"])

    def create(self, desired: dict):
        return self.api.create(desired)

    def delete(self, current: dict) -> None:
        self.api.delete(current["connection_id"])

    def plan_update(self, current: dict, desired: dict) -> list:
        comparable = rc.strip(desired, NOT_RETURNED)
        if comparable["name"].lower() == str(current.get("name", "")).lower():
            comparable["name"] = current.get("name")  # names are case-insensitive in this API
        changes = rc.differences(comparable, current)
        if changes or self.module.params["update_password"] == "always":
            return [rc.Action("update", lambda: self.api.update(current["connection_id"], desired))]
        return []

    def read(self, handle: dict, desired: dict) -> dict:
        # Create answers with the connection and PUT with {}: the desired state laid over it is the new state.
        return rc.strip(rc.merge(handle, desired), NOT_RETURNED)

    def is_duplicate(self, error) -> bool:
        return error.error_code == "DRS.10010065"


def main() -> None:
    module = HuaweiCloudModule(
        ARGUMENT_SPEC,
        required_if=[("state", "present", ("name", "db_type", "endpoint")), ("state", "absent", ("name", "connection_id"), True)],
    )
    module.require_pydantic(PYDANTIC_IMPORT_ERROR)
    module.run(lambda m: rc.reconcile(m, DrsConnection(m)))


if __name__ == "__main__":
    main()
