# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: eg_connections
short_description: Manage many EventGrid target connections in one task
version_added: 1.0.0
description:
  - Declares any number of EventGrid target connections (C(/v1/{project_id}/connections)) in one task, with the rules of
    M(hwcloud.connections.eg_connection) for each of them, and optionally deletes the ones a name pattern owns that are
    no longer listed (O(purge)).
  - All existing connections are read with one listing (all its pages, each at most 100 connections and never past
    offset 100, as M(hwcloud.connections.eg_connection_info) does) and matched by exact name.
  - With O(wait=true), new connections are waited for together until they are C(CREATED), one listing per poll; one
    that becomes C(CREATE_FAILED) fails its element with the API's C(error_info).
seealso:
  - module: hwcloud.connections.eg_connection
    description: "One EventGrid connection per task (the same options per element)."
  - module: hwcloud.connections.eg_connection_info
    description: "Read EventGrid connections."
  - name: "EventGrid API: Creating a Connection"
    description: "The API behind each element."
    link: https://support.huaweicloud.com/intl/en-us/api-eg/CreateConnection.html
author:
  - hwcloud.connections contributors (!UNKNOWN)
extends_documentation_fragment:
  - hwcloud.connections.eg_connection.list
  - hwcloud.connections.list_module
  - hwcloud.connections.auth
  - hwcloud.connections.wait
  - hwcloud.connections.attributes
"""

EXAMPLES = r"""
- name: The Kafka targets of team A, and nothing else named team-a-*
  hwcloud.connections.eg_connections:
    connections:
      - name: team-a-orders
        vpc_id: 3c5f1a0e-7d4b-4e63-9f2b-6d1c0a8e2b11
        subnet_id: 8e2ee0d5-0f1d-4067-965f-caf00dd65529
        type: kafka
        kafka_detail:
          instance_id: 2a8c4b7e-51d2-4d0e-9d3f-6c1e2f3a4b5c
          addr: 192.168.0.10:9092
      - name: team-a-webhook
        vpc_id: 3c5f1a0e-7d4b-4e63-9f2b-6d1c0a8e2b11
        subnet_id: 8e2ee0d5-0f1d-4067-965f-caf00dd65529
        type: webhook
    purge: true
    purge_pattern: team-a-.*
    wait_timeout: 300
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
      sample: team-a-orders
    action:
      description: V(created), V(updated), V(deleted), V(unchanged) or V(failed); in check mode what would be done.
      type: str
      sample: created
    changed:
      description: Whether the element changed (would change, in check mode).
      type: bool
    connection:
      description:
        - The connection as M(hwcloud.connections.eg_connection) returns it (without the Kafka password), after the
          wait; V(null) after deletion or on failure.
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
      sample: [{"field": "description", "before": "", "after": "order events"}]
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

from ansible_collections.hwcloud.connections.plugins.module_utils.eg import EgConnections, creation_status
from ansible_collections.hwcloud.connections.plugins.module_utils.eg_connection import OPTIONS, REQUIRED_PRESENT, EgConnection
from ansible_collections.hwcloud.connections.plugins.module_utils.fleet import Fleet, list_argument_spec
from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import PYDANTIC_IMPORT_ERROR
from ansible_collections.hwcloud.connections.plugins.module_utils.module import HuaweiCloudModule, wait_argument_spec


def main() -> None:
    module = HuaweiCloudModule(dict(list_argument_spec(OPTIONS, [("state", "present", REQUIRED_PRESENT)]), **wait_argument_spec()),
                               required_if=[("purge", True, ("purge_pattern",))])
    module.require_pydantic(PYDANTIC_IMPORT_ERROR)
    module.run(lambda m: Fleet(m, EgConnection, lambda api_module: EgConnections(api_module).list(), settled=creation_status).run())


if __name__ == "__main__":
    main()
