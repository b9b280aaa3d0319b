# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: drs_connection_info
short_description: List DRS v5 database connections
version_added: 1.0.0
description:
  - Returns DRS v5 connections (C(GET /v5/{project_id}/connections)) matching the given filters, all of them
    (the module asks the API for every row with C(fetch_all)).
  - Secrets are never returned by the API.
seealso:
  - module: hwcloud.connections.drs_connection
    description: "Create, update or delete one DRS connection."
  - module: hwcloud.connections.drs_connections
    description: "Declare many DRS connections in one task."
  - name: "DRS API: Creating a Connection"
    description: "The fields of a DRS connection."
    link: https://support.huaweicloud.com/intl/en-us/api-drs/drs_03_0267.html
author:
  - hwcloud.connections contributors (!UNKNOWN)
options:
  connection_id:
    description:
      - Only the connection with this ID.
      - An ID is 1 to 128 letters, digits, hyphens or underscores; any other value is refused before any request.
    type: str
  name:
    description: Only connections with this name (case-insensitive, exact).
    type: str
  db_type:
    description: Only connections of this engine.
    type: str
    choices: [mysql, postgresql, mongodb, oracle]
  inst_id:
    description: Only connections of this cloud database instance.
    type: str
  ip:
    description: Only connections with this IP.
    type: str
  description:
    description: Only connections with this description.
    type: str
  enterprise_project_id:
    description: Only connections of this enterprise project.
    type: str
  create_time:
    description:
      - Creation time range C(<ISO start>,<ISO end>), for example C(2024-05-17T07:46:00.414Z,2024-05-20T07:46:00.999Z).
    type: str
  sort_key:
    description: Sort field.
    type: str
    choices: [name, db_type, inst_id, ip, created_at, description, tag_value]
  sort_dir:
    description: Sort direction.
    type: str
    choices: [asc, desc]
extends_documentation_fragment:
  - hwcloud.connections.auth
  - hwcloud.connections.attributes.info_module
"""

EXAMPLES = r"""
- name: All MySQL connections
  hwcloud.connections.drs_connection_info:
    db_type: mysql
  register: mysql_connections

- name: One connection by name
  hwcloud.connections.drs_connection_info:
    name: orders-mysql
  register: orders
"""

RETURN = r"""
connections:
  description: The matching connections as the API returns them (no secrets).
  returned: always
  type: list
  elements: dict
  sample:
    - connection_id: 835e1d79-24ac-411d-a1c8-22c000280659
      name: orders-mysql
      db_type: mysql
      create_time: 1716879012121
      endpoint: {"endpoint_name": "mysql", "ip": "192.168.0.27", "db_port": "3306", "db_user": "drs"}
"""

from ansible_collections.hwcloud.connections.plugins.module_utils.drs import DrsConnections
from ansible_collections.hwcloud.connections.plugins.module_utils.module import HuaweiCloudModule

FILTERS = ("connection_id", "name", "db_type", "inst_id", "ip", "description", "enterprise_project_id", "create_time", "sort_key", "sort_dir")


def list_connections(module) -> dict:
    params = module.params
    connections = DrsConnections(module).list(**{key: params[key] for key in FILTERS})
    if params["name"]:
        connections = DrsConnections.named(connections, params["name"])
    return {"changed": False, "connections": connections}


def main() -> None:
    module = HuaweiCloudModule(dict(
        connection_id=dict(type="str"),
        name=dict(type="str"),
        db_type=dict(type="str", choices=["mysql", "postgresql", "mongodb", "oracle"]),
        inst_id=dict(type="str"),
        ip=dict(type="str"),
        description=dict(type="str"),
        enterprise_project_id=dict(type="str"),
        create_time=dict(type="str"),
        sort_key=dict(type="str", choices=["name", "db_type", "inst_id", "ip", "created_at", "description", "tag_value"]),
        sort_dir=dict(type="str", choices=["asc", "desc"]),
    ))
    module.run(list_connections)


if __name__ == "__main__":
    main()
