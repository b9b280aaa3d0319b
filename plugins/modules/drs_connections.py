# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: drs_connections
short_description: Manage many DRS v5 database connections in one task
version_added: 1.0.0
description:
  - Declares any number of DRS v5 connections (C(/v5/{project_id}/connections)) in one task, with the rules of
    M(hwcloud.connections.drs_connection) for each of them, and optionally deletes the ones a name pattern owns that
    are no longer listed (O(purge)).
  - All existing connections are read with one C(GET ...?fetch_all=true) and matched by name, case-insensitively.
  - An update re-sends O(connections[].endpoint.db_password) (the API requires it), so an element that needs an update
    and has no password fails, naming it, without any write.
seealso:
  - module: hwcloud.connections.drs_connection
    description: "One DRS connection per task (the same options per element)."
  - module: hwcloud.connections.drs_connection_info
    description: "Read DRS connections."
  - name: "DRS API: Creating a Connection"
    description: "The API behind each element."
    link: https://support.huaweicloud.com/intl/en-us/api-drs/drs_03_0267.html
author:
  - hwcloud.connections contributors (!UNKNOWN)
extends_documentation_fragment:
  - hwcloud.connections.drs_connection.list
  - hwcloud.connections.list_module
  - hwcloud.connections.auth
  - hwcloud.connections.attributes
"""

EXAMPLES = r"""
- name: The MySQL endpoints of team A, and nothing else named team-a-*
  hwcloud.connections.drs_connections:
    connections:
      - name: team-a-orders
        db_type: mysql
        endpoint:
          endpoint_name: mysql
          ip: 192.168.0.27
          db_port: 3306
          db_user: drs
          db_password: "{{ vault_orders_db_password }}"
      - name: team-a-billing
        db_type: mysql
        endpoint:
          endpoint_name: mysql
          ip: 192.168.0.28
          db_port: 3306
          db_user: drs
          db_password: "{{ vault_billing_db_password }}"
      - name: team-a-legacy
        state: absent
    purge: true
    purge_pattern: team-a-.*
  register: team_a

- name: Show what changed
  ansible.builtin.debug:
    msg: "{{ team_a.summary }}"
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
        - The connection as the API returns it (no secrets, no C(cloud) block), as M(hwcloud.connections.drs_connection)
          returns it; V(null) after deletion or on failure.
      type: dict
    changes:
      description:
        - The fields of the element that differ from the existing connection, each with its value there (C(before)) and
          the element's (C(after)), compared by the rules of the update (what the API does not return, such as a
          password, is never compared, so never listed). In check mode what an update would change; also set when the
          update is refused (no O(connections[].endpoint.db_password)). V([]) when nothing differs or the
          connection does not exist.
      type: list
      elements: dict
      sample: [{"field": "endpoint.ip", "before": "192.168.0.27", "after": "192.168.0.99"}]
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

from ansible_collections.hwcloud.connections.plugins.module_utils.drs import DrsConnections
from ansible_collections.hwcloud.connections.plugins.module_utils.drs_connection import OPTIONS, REQUIRED_PRESENT, DrsConnection
from ansible_collections.hwcloud.connections.plugins.module_utils.fleet import Fleet, list_argument_spec
from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import PYDANTIC_IMPORT_ERROR
from ansible_collections.hwcloud.connections.plugins.module_utils.module import HuaweiCloudModule


def main() -> None:
    module = HuaweiCloudModule(list_argument_spec(OPTIONS, [("state", "present", REQUIRED_PRESENT)]),
                               required_if=[("purge", True, ("purge_pattern",))])
    module.require_pydantic(PYDANTIC_IMPORT_ERROR)
    module.run(lambda m: Fleet(m, DrsConnection, lambda api_module: DrsConnections(api_module).list(),
                               id_key="connection_id").run())


if __name__ == "__main__":
    main()
