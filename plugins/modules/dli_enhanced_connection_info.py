# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: dli_enhanced_connection_info
short_description: List DLI enhanced datasource connections
version_added: 1.0.0
description:
  - Returns DLI enhanced datasource connections (C(GET /v2.0/{project_id}/datasource/enhanced-connections))
    matching the given filters, every page of them.
  - With O(connection_id) the single connection is read with the show call
    (C(GET .../enhanced-connections/{connection_id})); an unknown or purged ID gives an empty list (the API answers
    it with HTTP 400 C(DLI.0001) "Connection ... is not exist", or 404). Any other error fails the module.
  - Deleted connections stay readable with status C(DELETED); use O(status=ACTIVE) to leave them out.
seealso:
  - module: hwcloud.connections.dli_enhanced_connection
    description: "Create, update or delete one DLI enhanced connection."
  - module: hwcloud.connections.dli_enhanced_connections
    description: "Declare many DLI enhanced connections in one task."
  - name: "DLI API: Querying an Enhanced Datasource Connection List"
    description: "The listing this module reads (deleted connections included unless a status is given)."
    link: https://support.huaweicloud.com/en-us/api-dli/dli_02_0190.html
author:
  - hwcloud.connections contributors (!UNKNOWN)
options:
  connection_id:
    description:
      - Only the connection with this ID (show call). The other filters are ignored.
      - An ID is 1 to 128 letters, digits, hyphens or underscores; any other value is refused before any request.
    type: str
  name:
    description: Only connections with exactly this name.
    type: str
  status:
    description: Only connections with this status.
    type: str
    choices: [ACTIVE, DELETED]
  tags:
    description:
      - Only connections carrying all these tags (key to value), sent as C(key1=value1,key2=value2).
    type: dict
extends_documentation_fragment:
  - hwcloud.connections.auth
  - hwcloud.connections.attributes.info_module
"""

EXAMPLES = r"""
- name: All live enhanced connections
  hwcloud.connections.dli_enhanced_connection_info:
    status: ACTIVE
  register: live_connections

- name: One connection by name
  hwcloud.connections.dli_enhanced_connection_info:
    name: orders_db
    status: ACTIVE
  register: orders

# Without a status the listing includes deleted connections (status DELETED), as the API returns them.
- name: Connections tagged team=data
  hwcloud.connections.dli_enhanced_connection_info:
    tags:
      team: data
    status: ACTIVE
  register: tagged
"""

RETURN = r"""
connections:
  description:
    - The matching connections as the API returns them. List rows also carry C(isPrivis); the show call
      (O(connection_id)) does not, and its C(is_success)/C(message) envelope is removed.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 2a620c33-5609-40c9-affd-2b6453071b0f
      name: orders_db
      status: ACTIVE
      dest_vpc_id: 22094d8f-c310-4621-913d-4c4d655d8495
      dest_network_id: 78f2562a-36e4-4b39-95b9-f5aab22e1281
      create_time: 1566888011125
      available_queue_info:
        - {"name": "etl_queue", "peer_id": "2a9c5f4e-2f7a-4c52-9e5e-7c0a1c3d1f20", "status": "ACTIVE", "err_msg": "",
           "update_time": 1566888011125}
      elastic_resource_pools: []
      hosts: [{"name": "orders-db-0001", "ip": "192.168.0.11"}]
      routes: [{"name": "on_premises", "cidr": "172.16.0.0/16", "create_time": 1566888011125}]
      isPrivis: true
      ipv6_enable: false
"""

from ansible_collections.hwcloud.connections.plugins.module_utils.dli import DliEnhancedConnections
from ansible_collections.hwcloud.connections.plugins.module_utils.module import HuaweiCloudModule


def list_connections(module) -> dict:
    params = module.params
    api = DliEnhancedConnections(module)
    if params["connection_id"]:
        found = api.show(params["connection_id"])
        return {"changed": False, "connections": [found] if found else []}
    tags = ",".join("%s=%s" % (key, value) for key, value in sorted((params["tags"] or {}).items())) or None
    connections = api.list(name=params["name"], status=params["status"], tags=tags)
    if params["name"]:  # the API's filter is exact (huawei-api.md section 11 #4); checked again, cheaply
        connections = [c for c in connections if c.get("name") == params["name"]]
    return {"changed": False, "connections": connections}


def main() -> None:
    module = HuaweiCloudModule(dict(
        connection_id=dict(type="str"),
        name=dict(type="str"),
        status=dict(type="str", choices=["ACTIVE", "DELETED"]),
        tags=dict(type="dict"),
    ))
    module.run(list_connections)


if __name__ == "__main__":
    main()
