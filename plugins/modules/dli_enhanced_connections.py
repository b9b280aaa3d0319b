# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: dli_enhanced_connections
short_description: Manage many DLI enhanced datasource connections in one task
version_added: 1.0.0
description:
  - Declares any number of DLI enhanced datasource connections (C(/v2.0/{project_id}/datasource/enhanced-connections))
    in one task, with the rules of M(hwcloud.connections.dli_enhanced_connection) for each of them, and optionally
    deletes the ones a name pattern owns that are no longer listed (O(purge)).
  - All existing connections are read with one listing (all its pages) and matched by exact name; C(DELETED)
    connections count as absent.
  - Queues are verified through their elastic resource pools, as in M(hwcloud.connections.dli_enhanced_connection);
    the pool of each distinct queue is read once for the whole task.
  - With O(wait=true), the queue and pool peerings of the changed connections are waited for together until they are
    C(ACTIVE), one listing per poll; a C(FAILED) peering fails its element with the API's error message.
  - A connection is deleted only once no peering is C(CREATING) (the API refuses otherwise), waiting at most
    O(wait_timeout) seconds.
seealso:
  - module: hwcloud.connections.dli_enhanced_connection
    description: "One DLI enhanced connection per task (the same options per element)."
  - module: hwcloud.connections.dli_enhanced_connection_info
    description: "Read DLI enhanced connections."
  - name: "DLI API: Creating an Enhanced Datasource Connection"
    description: "The API behind each element."
    link: https://support.huaweicloud.com/intl/en-us/api-dli/dli_02_0187.html
author:
  - hwcloud.connections contributors (!UNKNOWN)
extends_documentation_fragment:
  - hwcloud.connections.dli_enhanced_connection.list
  - hwcloud.connections.list_module
  - hwcloud.connections.auth
  - hwcloud.connections.wait
  - hwcloud.connections.attributes
"""

EXAMPLES = r"""
- name: The DLI connections of team A, and nothing else named team_a_*
  hwcloud.connections.dli_enhanced_connections:
    connections:
      - name: team_a_orders
        dest_vpc_id: 22094d8f-c310-4621-913d-4c4d655d8495
        dest_network_id: 78f2562a-36e4-4b39-95b9-f5aab22e1281
        queues: [etl_queue]
        hosts:
          - name: orders-db-0001
            ip: 192.168.0.11
      - name: team_a_billing
        dest_vpc_id: 22094d8f-c310-4621-913d-4c4d655d8495
        dest_network_id: 78f2562a-36e4-4b39-95b9-f5aab22e1281
        elastic_resource_pools: [team_a_pool]
    purge: true
    purge_pattern: team_a_.*
"""

RETURN = r"""
results:
  description: One entry per element of O(connections), in the same order.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Connection name of the element.
      type: str
      sample: team_a_orders
    action:
      description: V(created), V(updated), V(deleted), V(unchanged) or V(failed); in check mode what would be done.
      type: str
      sample: created
    changed:
      description: Whether the element changed (would change, in check mode).
      type: bool
    connection:
      description:
        - The connection as M(hwcloud.connections.dli_enhanced_connection) returns it, after the wait; V(null) after
          deletion or on failure.
      type: dict
    changes:
      description:
        - The fields of the element that differ from the existing connection, each with its value there (C(before)) and
          the element's (C(after)), compared by the rules of the update (what the API does not return, such as a
          password, is never compared, so never listed). In check mode what an update would change; also set when the
          update is refused (a field that needs O(connections[].recreate)). V([]) when nothing differs or the
          connection does not exist.
      type: list
      elements: dict
      sample: [{"field": "elastic_resource_pools", "before": ["pool_a"], "after": ["pool_a", "pool_b"]}]
    msg:
      description: Why the element failed.
      type: str
      returned: when the element failed
    error_code:
      description: The API's error code, when an API call failed.
      type: str
      returned: when an API call of the element failed
    request_id:
      description: The request ID of the failed API call.
      type: str
      returned: when an API call of the element failed
purged:
  description: The connections deleted by O(purge) (predicted in check mode), with the fields of RV(results).
  returned: always
  type: list
  elements: dict
summary:
  description: How many elements had each action, and how many connections O(purge) deleted.
  returned: always
  type: dict
  sample: {"created": 2, "updated": 0, "deleted": 1, "unchanged": 0, "failed": 0, "purged": 1}
"""

from ansible_collections.hwcloud.connections.plugins.module_utils.dli import DliEnhancedConnections, peer_status
from ansible_collections.hwcloud.connections.plugins.module_utils.dli_enhanced_connection import OPTIONS, REQUIRED_PRESENT, DliEnhancedConnection
from ansible_collections.hwcloud.connections.plugins.module_utils.fleet import Fleet, list_argument_spec
from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import PYDANTIC_IMPORT_ERROR
from ansible_collections.hwcloud.connections.plugins.module_utils.module import HuaweiCloudModule, wait_argument_spec


def main() -> None:
    module = HuaweiCloudModule(dict(list_argument_spec(OPTIONS, [("state", "present", REQUIRED_PRESENT)]), **wait_argument_spec()),
                               required_if=[("purge", True, ("purge_pattern",))])
    module.require_pydantic(PYDANTIC_IMPORT_ERROR)
    module.run(lambda m: Fleet(m, DliEnhancedConnection, lambda api_module: DliEnhancedConnections(api_module).list(),
                               settled=peer_status).run())


if __name__ == "__main__":
    main()
