# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: eg_connection_info
short_description: List EventGrid (EG) target connections
version_added: 1.0.0
description:
  - Returns EventGrid target connections (C(GET /v1/{project_id}/connections)) matching the given filters,
    all of them.
  - The API documents C(offset) and C(limit) of at most 100 (other sources say more; the module assumes the
    stricter bounds, so it works with both). It reads 100 per page, so up to 200 matches in one sort direction, up to
    400 with the same query sorted the other way. Beyond that, or when the sort key has ties, it splits the query
    into O(fuzzy_name) partitions (a partition still too large is split again) and keeps every connection once.
    At most 300 calls are made; a larger listing fails asking to narrow it with O(name), O(fuzzy_name) or
    O(instance_id).
  - The result is complete or the module fails. When the connections read do not add up to the C(total) the API
    reports (for example because connections are created or deleted meanwhile), the module fails and says so.
  - The Kafka password is never returned.
seealso:
  - module: hwcloud.connections.eg_connection
    description: "Create, update or delete one EventGrid connection."
  - module: hwcloud.connections.eg_connections
    description: "Declare many EventGrid connections in one task."
  - name: "EventGrid API: Obtaining the Connection List"
    description: "The listing this module reads."
    link: https://support.huaweicloud.com/intl/en-us/api-eg/ListConnections.html
author:
  - hwcloud.connections contributors (!UNKNOWN)
options:
  connection_id:
    description:
      - Only the connection with this ID (an empty list when it does not exist).
      - When set, it is read directly; O(fuzzy_name), O(instance_id) and O(sort) are not used.
      - An ID is 1 to 128 letters, digits, hyphens or underscores; any other value is refused before any request.
    type: str
  name:
    description: Only connections with exactly this name (the API's exact C(name) filter; one call).
    type: str
  fuzzy_name:
    description: Only connections whose name contains this text.
    type: str
  instance_id:
    description: Only connections to this Kafka instance.
    type: str
  sort:
    description:
      - Order of the results, C(<field>:ASC) or C(<field>:DESC), for example V(name:ASC).
      - The module sends V(created_time:DESC) when unset, the API's default.
      - When the listing had to be split into partitions (more than 400 matches), the module sorts the results
        itself by the same field; connections with equal values keep no particular order.
    type: str
notes:
  - Assumptions where the sources disagree or are silent - the paging bounds (the SDK allows C(limit) up to 1000,
    the Chinese API reference caps C(offset) and C(limit) at 100; the module stays within 100), and whether
    C(fuzzy_name) is case-sensitive (the partitions cover every name either way).
extends_documentation_fragment:
  - hwcloud.connections.auth
  - hwcloud.connections.attributes.info_module
"""

EXAMPLES = r"""
- name: All connections, oldest first
  hwcloud.connections.eg_connection_info:
    sort: created_time:ASC
  register: eg_connections

- name: One connection by name
  hwcloud.connections.eg_connection_info:
    name: orders-webhook
  register: orders

- name: Connections to one Kafka instance
  hwcloud.connections.eg_connection_info:
    instance_id: 2a8c4b7e-51d2-4d0e-9d3f-6c1e2f3a4b5c
  register: kafka_connections
"""

RETURN = r"""
connections:
  description: The matching connections as the API returns them (without the Kafka password).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 90e0b962-c6c1-438c-ba8a-3024fe592bda
      name: orders-webhook
      description: deliveries to the orders service
      status: CREATED
      error_info: {}
      vpc_id: 3c5f1a0e-7d4b-4e63-9f2b-6d1c0a8e2b11
      subnet_id: 8e2ee0d5-0f1d-4067-965f-caf00dd65529
      agency: EG_TRUST
      flavor: {"name": "default", "concurrency_type": "shared", "concurrency": 500, "bandwidth_type": "shared"}
      type: WEBHOOK
      kafka_detail: {}
      created_time: "2021-12-09 09:00:00"
      updated_time: "2021-12-09 09:00:00"
"""

from ansible_collections.hwcloud.connections.plugins.module_utils import reconcile as rc
from ansible_collections.hwcloud.connections.plugins.module_utils.eg import SECRET_PATHS, EgConnections, list_filters
from ansible_collections.hwcloud.connections.plugins.module_utils.module import HuaweiCloudModule

FILTERS = ("name", "fuzzy_name", "instance_id", "sort")


def list_connections(module) -> dict:
    params = module.params
    api = EgConnections(module)
    filters = list_filters({key: params[key] for key in FILTERS})
    if params["connection_id"]:
        found = api.show(params["connection_id"])
        connections = [found] if found else []
    else:
        connections = api.list(**filters)
    if params["name"]:
        connections = [c for c in connections if c.get("name") == params["name"]]
    return {"changed": False, "connections": [rc.strip(c, SECRET_PATHS) for c in connections]}


def main() -> None:
    module = HuaweiCloudModule(dict(
        connection_id=dict(type="str"),
        name=dict(type="str"),
        fuzzy_name=dict(type="str"),
        instance_id=dict(type="str"),
        sort=dict(type="str"),
    ))
    module.run(list_connections)


if __name__ == "__main__":
    main()
