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
  - The API requires the database password in every update, so an update always re-sends O(endpoint.db_password), so
    O(endpoint.db_password) is needed whenever anything changes (or with O(update_password=always)). Without it, the
    module fails before any write, naming O(endpoint.db_password) and the differences that need the update; a run
    where nothing differs does not need the password.
seealso:
  - module: hwcloud.connections.drs_connections
    description: "Any number of DRS connections in one task, with a purge by name pattern."
  - module: hwcloud.connections.drs_connection_info
    description: "Read DRS connections by ID, name or filters."
  - module: hwcloud.connections.drs_batch_connection_test
    description: "Test that DRS reaches the database."
  - name: "DRS API: Creating a Connection"
    description: "The API this module calls, with every field of a connection."
    link: https://support.huaweicloud.com/intl/en-us/api-drs/drs_03_0267.html
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
        connections share a name). With O(state=absent) either O(name) or O(connection_id) is required.
      - An ID is 1 to 128 letters, digits, hyphens or underscores; any other value is refused before any request.
    type: str
notes:
  - Assumptions where the sources are silent - whether an update replaces or merges the stored connection; the
    module always sends the full desired body, password included, as the Terraform provider does.
extends_documentation_fragment:
  - hwcloud.connections.drs_connection
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
from ansible_collections.hwcloud.connections.plugins.module_utils.drs_connection import OPTIONS, REQUIRED_PRESENT, DrsConnection
from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import PYDANTIC_IMPORT_ERROR
from ansible_collections.hwcloud.connections.plugins.module_utils.module import HuaweiCloudModule

ARGUMENT_SPEC = dict(
    state=dict(type="str", choices=["present", "absent"], default="present"),
    connection_id=dict(type="str"),
    **OPTIONS
)


def main() -> None:
    module = HuaweiCloudModule(
        ARGUMENT_SPEC,
        required_if=[("state", "present", REQUIRED_PRESENT), ("state", "absent", ("name", "connection_id"), True)],
    )
    module.require_pydantic(PYDANTIC_IMPORT_ERROR)
    module.run(lambda m: rc.reconcile(m, DrsConnection(m)))


if __name__ == "__main__":
    main()
