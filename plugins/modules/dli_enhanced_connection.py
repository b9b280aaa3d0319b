# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: dli_enhanced_connection
short_description: Manage DLI enhanced datasource connections
version_added: 1.0.0
description:
  - Create, update and delete Data Lake Insight (DLI) enhanced datasource connections
    (C(/v2.0/{project_id}/datasource/enhanced-connections)), that is VPC peerings between DLI queues or elastic resource
    pools and the subnet of a data source, with custom host entries and routes.
  - Routes are added and deleted with the v3 API (C(/v3/{project_id}/datasource/enhanced-connections/{connection_id}/routes));
    the v2.0 route calls are deprecated and never used.
  - The connection is found by O(connection_id), else by exact O(name). Connections with status C(DELETED) stay
    readable in the API but count as absent, and so does an unknown or purged O(connection_id), so
    O(state=absent) then reports C(changed=false). B(What counts as gone:) the sources disagree on the answer, so each
    of these means gone - a connection row with status C(DELETED), HTTP 404 from DLI (not a gateway 404 such as
    C(APIGW.0101)), and HTTP 400 C(DLI.0001) or C(DLI.0002) whose message says the connection does not exist.
    A C(DLI.0001) that is a real parameter error still fails the module.
  - A successful (2xx) DLI answer fails the module only when it says C(is_success=false); an answer without
    C(is_success) is a success, as Terraform's provider reads it.
  - Only options you set are compared. O(hosts) and O(queues)/O(elastic_resource_pools) names are compared
    order-insensitively; O(routes) are compared by name and CIDR.
  - O(queues) are verified through their elastic resource pools. Binding a queue attaches its pool, and the API lists
    the pool, not the queue, so the module reads each queue's pool (once per queue and run) and compares pools; see
    O(queues).
  - O(name), O(dest_vpc_id), O(dest_network_id), O(routetable_id) and O(tags) cannot be changed in place. When
    O(name), O(dest_vpc_id) or O(dest_network_id) differ the module fails naming them, unless O(recreate=true).
  - The API never returns O(routetable_id) and O(tags), so they are sent when the connection is created and cannot be
    compared afterwards. Whenever they are set for a connection that already existed, the module warns that it
    cannot verify them and does not apply a change to them (they cannot be changed in place, and O(recreate) only
    acts on differences it can see). To change them, delete the connection (O(state=absent)) and create it again.
  - With O(wait=true) the module waits until the peering of every bound queue and pool is C(ACTIVE), polling with a
    growing gap (up to 5 seconds) for at most O(wait_timeout) seconds. A C(FAILED) peering fails the module with the
    error message the API reports for it.
  - The API refuses to delete a connection while a peering is C(CREATING). Before deleting (O(state=absent), or
    O(recreate=true)) the module therefore waits until no peering is C(CREATING), for at most O(wait_timeout) seconds,
    B(also with O(wait=false)), because O(wait) is about waiting for the result of a change and this wait is what makes the
    delete possible at all. When the time runs out the module fails naming the connection, the peerings still
    C(CREATING) and O(wait_timeout), before sending the delete. Set O(wait_timeout=0) to fail at once instead of
    waiting. Peerings that are C(ACTIVE) or C(FAILED) do not delay the delete.
seealso:
  - module: hwcloud.connections.dli_enhanced_connections
    description: "Any number of DLI enhanced connections in one task, with a purge by name pattern."
  - module: hwcloud.connections.dli_enhanced_connection_info
    description: "Read DLI enhanced connections."
  - name: "DLI API: Creating an Enhanced Datasource Connection"
    description: "The API this module calls, with every field."
    link: https://support.huaweicloud.com/intl/en-us/api-dli/dli_02_0187.html
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
      - ID of the connection. When set, it selects the connection instead of O(name). With O(state=absent) either
        O(name) or O(connection_id) is required.
      - With O(state=present) the connection must exist (it is not created under another ID); after a
        recreation (O(recreate=true)) the connection has a new ID.
      - An unknown, purged or C(DELETED) ID is absent, so O(state=absent) reports C(changed=false).
      - An ID is 1 to 128 letters, digits, hyphens or underscores; any other value is refused before any request.
    type: str
notes:
  - Assumptions where the sources are silent - which error code the API gives a delete refused because a peering is
    C(CREATING) (the module waits beforehand and does not rely on it), and the exact wording of "not exist" answers
    (matched as "connection ... not exist" or "not found" in the message of a C(DLI.0001)/C(DLI.0002)).
extends_documentation_fragment:
  - hwcloud.connections.dli_enhanced_connection
  - hwcloud.connections.auth
  - hwcloud.connections.wait
  - hwcloud.connections.attributes
"""

EXAMPLES = r"""
- name: Connect two DLI queues to the subnet of a database
  hwcloud.connections.dli_enhanced_connection:
    name: orders_db
    dest_vpc_id: 22094d8f-c310-4621-913d-4c4d655d8495
    dest_network_id: 78f2562a-36e4-4b39-95b9-f5aab22e1281
    queues: [etl_queue, report_queue]
    hosts:
      - name: orders-db-0001
        ip: 192.168.0.11
    routes:
      - name: on_premises
        cidr: 172.16.0.0/16
    tags:
      - key: team
        value: data
  register: orders_connection

- name: Keep only the ETL queue bound and drop every route not listed
  hwcloud.connections.dli_enhanced_connection:
    name: orders_db
    dest_vpc_id: 22094d8f-c310-4621-913d-4c4d655d8495
    dest_network_id: 78f2562a-36e4-4b39-95b9-f5aab22e1281
    queues: [etl_queue]
    purge_queues: true
    routes: []
    purge_routes: true

# A recreate creates the connection from this task's options alone: repeat the hosts and tags to keep them.
- name: Move the connection to another subnet (deletes and recreates it)
  hwcloud.connections.dli_enhanced_connection:
    name: orders_db
    dest_vpc_id: 22094d8f-c310-4621-913d-4c4d655d8495
    dest_network_id: 0b2f2c0e-8f4a-4c3b-9a55-3e1d2f6a7b90
    queues: [etl_queue]
    hosts:
      - name: orders-db-0001
        ip: 192.168.0.11
    tags:
      - key: team
        value: data
    recreate: true

- name: Remove it
  hwcloud.connections.dli_enhanced_connection:
    name: orders_db
    state: absent
"""

RETURN = r"""
connection:
  description:
    - The connection as the show API returns it (without C(is_success)/C(message)); in check mode the predicted
      connection. V(null) after deletion.
  returned: always
  type: dict
  contains:
    id:
      description: Connection ID (absent in check mode before creation).
      type: str
      sample: 2a620c33-5609-40c9-affd-2b6453071b0f
    name:
      description: Connection name.
      type: str
      sample: orders_db
    status:
      description: Connection status, C(ACTIVE) (C(DELETED) connections are reported as absent).
      type: str
      sample: ACTIVE
    dest_vpc_id:
      description: VPC ID of the data source.
      type: str
    dest_network_id:
      description: Subnet ID of the data source.
      type: str
    create_time:
      description: Creation time, epoch milliseconds.
      type: int
      sample: 1566888011125
    available_queue_info:
      description:
        - One peering per bound old-style queue (one outside any elastic resource pool). A queue in a pool is listed
          as its pool in RV(connection.elastic_resource_pools), not here.
      type: list
      elements: dict
      contains:
        name:
          description: Queue name.
          type: str
        peer_id:
          description: Peering ID.
          type: str
        status:
          description: Peering status, C(CREATING), C(ACTIVE) or C(FAILED).
          type: str
        err_msg:
          description: Why the peering failed.
          type: str
        update_time:
          description: Last status change, epoch milliseconds.
          type: int
    elastic_resource_pools:
      description:
        - One peering per bound elastic resource pool, including the pools that bound queues run in; same fields as
          RV(connection.available_queue_info).
      type: list
      elements: dict
    hosts:
      description: Custom hosts.
      type: list
      elements: dict
      sample: [{"name": "orders-db-0001", "ip": "192.168.0.11"}]
    routes:
      description: Routes (C(name), C(cidr), C(create_time)).
      type: list
      elements: dict
      sample: [{"name": "on_premises", "cidr": "172.16.0.0/16", "create_time": 1566888011125}]
    ipv6_enable:
      description: Whether IPv6 is enabled.
      type: bool
"""

from ansible_collections.hwcloud.connections.plugins.module_utils import reconcile as rc
from ansible_collections.hwcloud.connections.plugins.module_utils.dli_enhanced_connection import OPTIONS, REQUIRED_PRESENT, DliEnhancedConnection
from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import PYDANTIC_IMPORT_ERROR
from ansible_collections.hwcloud.connections.plugins.module_utils.module import HuaweiCloudModule, wait_argument_spec

ARGUMENT_SPEC = dict(
    state=dict(type="str", choices=["present", "absent"], default="present"),
    connection_id=dict(type="str"),
    **OPTIONS,
    **wait_argument_spec()
)


def main() -> None:
    module = HuaweiCloudModule(
        ARGUMENT_SPEC,
        required_if=[("state", "present", REQUIRED_PRESENT), ("state", "absent", ("name", "connection_id"), True)],
    )
    module.require_pydantic(PYDANTIC_IMPORT_ERROR)
    module.run(lambda m: rc.reconcile(m, DliEnhancedConnection(m)))


if __name__ == "__main__":
    main()
