# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The options of one DRS v5 connection: top-level in drs_connection (DOCUMENTATION), elements of
drs_connections (LIST). The argument spec they document is module_utils/drs_connection.py OPTIONS."""

from __future__ import annotations

from ansible_collections.hwcloud.connections.plugins.doc_fragments.list_module import list_options


class ModuleDocFragment:
    DOCUMENTATION = r"""
options:
  name:
    description:
      - Connection name, 4 to 50 letters, digits, hyphens or underscores; unique per project, case-insensitively.
      - Required with O(state=present).
    type: str
  db_type:
    description: Database engine. Required with O(state=present).
    type: str
    choices: [mysql, postgresql, mongodb, oracle]
  description:
    description:
      - Description, at most 255 characters. V("") clears it (the API is sent V("")); a connection the API shows without
        a description counts as having V("").
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
          - Scenario. C(cloud_*) scenarios need O(endpoint.instance_id); neither they nor C(ecs_*) need O(cloud).
          - Must belong to O(db_type), for example V(mysql), V(ecs_mysql) or V(cloud_mysql) for V(mysql).
          - The API also knows Redis scenarios, but it has no Redis O(db_type), so this module does not offer them.
        type: str
        required: true
        choices: [oracle, ecs_oracle, cloud_gaussdbv5, mysql, ecs_mysql, cloud_mysql, postgresql, ecs_postgresql,
                  cloud_postgresql, mongodb, ecs_mongodb, cloud_mongodb]
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
        description:
          - Database password. Never returned by the API, so never compared; see O(update_password).
          - Required to create the connection, and to update it whenever anything differs, because every update
            re-sends the endpoint with its password.
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
    description:
      - Region and project of a Huawei Cloud instance (C(ecs_*)/C(cloud_*) scenarios). Never returned by the API.
      - Optional. A C(cloud_mysql) connection is created with O(endpoint.instance_id) and O(vpc) alone (as Terraform's
        acceptance tests do); O(cloud.region) and O(cloud.project_id) are required only when the block is given.
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
        because the API never returns them for comparison. It needs O(endpoint.db_password).
    type: str
    choices: [always, on_create]
    default: on_create
"""

    # The same options as the elements of the list module, derived from the text above so that there is one. The
    # annotation keeps ansible-test's yamllint, which expects literal documentation strings, to DOCUMENTATION.
    LIST: str = list_options(DOCUMENTATION, "DRS connection", "drs_connection")
