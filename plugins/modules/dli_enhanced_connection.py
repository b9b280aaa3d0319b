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
  - The connection is found by O(connection_id), else by exact O(name). Connections with status C(DELETED) stay
    readable in the API but count as absent.
  - Only options you set are compared. O(hosts) and O(queues)/O(elastic_resource_pools) names are compared
    order-insensitively; O(routes) are compared by name and CIDR.
  - O(name), O(dest_vpc_id), O(dest_network_id), O(routetable_id) and O(tags) cannot be changed in place. When
    O(name), O(dest_vpc_id) or O(dest_network_id) differ the module fails naming them, unless O(recreate=true).
  - The API never returns O(routetable_id) and O(tags), so they are sent when the connection is created and never
    compared afterwards; changing them alone does not recreate the connection.
  - With O(wait=true) the module waits until the peering of every bound queue and pool is C(ACTIVE), polling every
    2 seconds for at most O(wait_timeout) seconds. A C(FAILED) peering fails the module with the error message the
    API reports for it.
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
      - ID of the connection. When set, it selects the connection instead of O(name).
      - With O(state=present) the connection must exist (it is not created under another ID); after a
        recreation (O(recreate=true)) the connection has a new ID.
    type: str
  name:
    description:
      - Connection name, 1 to 64 letters, digits or underscores.
      - Required with O(state=present); with O(state=absent) either O(name) or O(connection_id) is required.
    type: str
  dest_vpc_id:
    description: ID of the VPC of the data source. Required with O(state=present). Replace-only.
    type: str
  dest_network_id:
    description: ID of the subnet of the data source. Required with O(state=present). Replace-only.
    type: str
  routetable_id:
    description: Route table of the subnet. Sent on create only; not returned by the API, so never compared.
    type: str
  queues:
    description:
      - Names of the dedicated DLI queues that use the connection. Missing ones are bound (associated).
      - Bound queues that are not listed are unbound only with O(purge_queues=true).
    type: list
    elements: str
  purge_queues:
    description:
      - Unbind queues that are bound but not listed in O(queues). Ignored when O(queues) is not set.
      - Defaults to V(false) because unbinding a queue breaks the jobs running on it.
    type: bool
    default: false
  elastic_resource_pools:
    description:
      - Names of the elastic resource pools that use the connection. Missing ones are bound (associated).
      - Bound pools that are not listed are unbound only with O(purge_elastic_resource_pools=true).
    type: list
    elements: str
  purge_elastic_resource_pools:
    description:
      - Unbind pools that are bound but not listed in O(elastic_resource_pools). Ignored when
        O(elastic_resource_pools) is not set.
      - Defaults to V(false) because unbinding a pool breaks the jobs running on it.
    type: bool
    default: false
  hosts:
    description:
      - Custom host name to IP mappings, at most 20,000. Compared as a set; when it differs the whole list is
        replaced with one C(PUT). V([]) removes every host.
    type: list
    elements: dict
    suboptions:
      name:
        description: Host name, at most 128 letters, digits, C(_), C(-) or C(.), starting with a letter.
        type: str
        required: true
      ip:
        description: IPv4 address of the host.
        type: str
        required: true
  routes:
    description:
      - Routes of the connection, identified by name. Missing routes are added; a route whose CIDR differs is
        deleted and added again.
      - Routes that exist but are not listed are deleted only with O(purge_routes=true).
    type: list
    elements: dict
    suboptions:
      name:
        description: Route name, 1 to 64 characters, unique within the connection.
        type: str
        required: true
      cidr:
        description: Destination network in CIDR notation, for example V(172.16.0.0/16).
        type: str
        required: true
  purge_routes:
    description:
      - Delete routes that exist but are not listed in O(routes). Ignored when O(routes) is not set.
      - Defaults to V(false), like the other C(purge_*) options, so routes added outside Ansible survive.
    type: bool
    default: false
  tags:
    description:
      - Tags set when the connection is created. Not returned by the API, so never compared or updated.
    type: list
    elements: dict
    suboptions:
      key:
        description: Tag key, 1 to 128 characters.
        type: str
        required: true
      value:
        description: Tag value, at most 255 characters.
        type: str
        required: true
  recreate:
    description:
      - When O(name), O(dest_vpc_id) or O(dest_network_id) differ from the existing connection, delete it and
        create it again (new ID; bound queues and pools are peered again). Otherwise the module fails.
    type: bool
    default: false
extends_documentation_fragment:
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

- name: Move the connection to another subnet (deletes and recreates it)
  hwcloud.connections.dli_enhanced_connection:
    name: orders_db
    dest_vpc_id: 22094d8f-c310-4621-913d-4c4d655d8495
    dest_network_id: 0b2f2c0e-8f4a-4c3b-9a55-3e1d2f6a7b90
    queues: [etl_queue]
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
      description: One peering per bound queue.
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
      description: One peering per bound elastic resource pool, same fields as RV(connection.available_queue_info).
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

from ansible_collections.hwcloud.connections.plugins.module_utils import dli
from ansible_collections.hwcloud.connections.plugins.module_utils import reconcile as rc
from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import PYDANTIC_IMPORT_ERROR, validate
from ansible_collections.hwcloud.connections.plugins.module_utils.models.dli import CREATE_FIELDS, EnhancedConnection
from ansible_collections.hwcloud.connections.plugins.module_utils.module import HuaweiCloudModule, ValidationFailed, wait_argument_spec
from ansible_collections.hwcloud.connections.plugins.module_utils.waiter import Waiter

ARGUMENT_SPEC = dict(
    state=dict(type="str", choices=["present", "absent"], default="present"),
    connection_id=dict(type="str"),
    name=dict(type="str"),
    dest_vpc_id=dict(type="str"),
    dest_network_id=dict(type="str"),
    routetable_id=dict(type="str"),
    queues=dict(type="list", elements="str"),
    purge_queues=dict(type="bool", default=False),
    elastic_resource_pools=dict(type="list", elements="str"),
    purge_elastic_resource_pools=dict(type="bool", default=False),
    hosts=dict(type="list", elements="dict", options=dict(name=dict(type="str", required=True), ip=dict(type="str", required=True))),
    routes=dict(type="list", elements="dict", options=dict(name=dict(type="str", required=True), cidr=dict(type="str", required=True))),
    purge_routes=dict(type="bool", default=False),
    tags=dict(type="list", elements="dict", options=dict(key=dict(type="str", required=True, no_log=False),
                                                         value=dict(type="str", required=True))),
    recreate=dict(type="bool", default=False),
    **wait_argument_spec()
)
FIELDS = CREATE_FIELDS + ("routes",)


class DliEnhancedConnection(rc.Resource):
    noun = "connection"

    def __init__(self, module):
        super().__init__(module)
        self.api = dli.DliEnhancedConnections(module)

    @property
    def purge(self) -> dict:
        params = self.module.params
        return {"queues": params["purge_queues"], "elastic_resource_pools": params["purge_elastic_resource_pools"],
                "routes": params["purge_routes"]}

    def desired(self) -> dict:
        params = self.module.params
        return validate(EnhancedConnection, rc.prune({key: params[key] for key in FIELDS})).state()

    def lookup(self):
        params = self.module.params
        found = self.api.find(params["connection_id"], params["name"])
        if found is None and params["connection_id"] and params["state"] == "present":
            raise ValidationFailed("connection_id %s: no such enhanced connection (or it is DELETED); omit connection_id to create "
                                   "the connection by name" % params["connection_id"])
        return found

    def create(self, desired: dict):
        connection_id = self.api.create({key: desired[key] for key in CREATE_FIELDS if key in desired})
        for route in desired.get("routes", []):  # routes are not part of the create body
            self.api.add_route(connection_id, route)
        return {"id": connection_id}

    def delete(self, current: dict) -> None:
        self.api.delete(current["id"])

    def _recreate(self, current: dict, desired: dict) -> dict:
        self.api.delete(current["id"])
        return self.create(desired)

    def plan_update(self, current: dict, desired: dict) -> list:
        replace = dli.replace_only_changes(current, desired)
        if replace:
            if not self.module.params["recreate"]:
                raise ValidationFailed("%s cannot be changed on the existing enhanced connection %s; set recreate=true to delete and "
                                       "recreate it" % (", ".join(replace), current["id"]))
            return [rc.Action("recreate", lambda: self._recreate(current, desired))]
        changes = dli.plan_changes(current, desired, self.purge)
        connection_id = current["id"]
        actions = []
        if "hosts" in changes:
            actions.append(rc.Action("set hosts", lambda: self.api.set_hosts(connection_id, changes["hosts"])))
        if "disassociate" in changes:
            actions.append(rc.Action("disassociate", lambda: self.api.disassociate(connection_id, changes["disassociate"])))
        if "associate" in changes:
            actions.append(rc.Action("associate", lambda: self.api.associate(connection_id, changes["associate"])))
        for name in changes.get("delete_routes", []):
            actions.append(rc.Action("delete route %s" % name, lambda name=name: self.api.delete_route(connection_id, name)))
        for route in changes.get("add_routes", []):
            actions.append(rc.Action("add route %s" % route["name"], lambda route=route: self.api.add_route(connection_id, route)))
        return actions

    def predict(self, current, desired: dict) -> dict:
        if current is None or dli.replace_only_changes(current, desired):
            return dli.predict(None, desired)
        return dli.predict(current, desired, dli.plan_changes(current, desired, self.purge))

    def read(self, handle: dict, desired: dict) -> dict:
        if "name" not in handle and not (desired.get("queues") or desired.get("elastic_resource_pools")):
            # Created with no peering to wait for: the create answer (an id) and the desired state say it all.
            return dict(dli.predict(None, desired), id=handle["id"])
        return self.api.show(handle["id"])

    def wait(self, resource: dict) -> dict:
        params = self.module.params
        if not params["wait"] or not resource or dli.peer_status(resource) is True:
            return resource
        return Waiter(params["wait_timeout"]).wait(lambda: self.api.show(resource["id"]), dli.peer_status,
                                                   "the peerings of enhanced connection %s" % resource.get("name"))

    def is_duplicate(self, error) -> bool:
        return error.error_code == dli.DUPLICATE


def main() -> None:
    module = HuaweiCloudModule(
        ARGUMENT_SPEC,
        required_if=[("state", "present", ("name", "dest_vpc_id", "dest_network_id")),
                     ("state", "absent", ("name", "connection_id"), True)],
    )
    module.require_pydantic(PYDANTIC_IMPORT_ERROR)
    module.run(lambda m: rc.reconcile(m, DliEnhancedConnection(m)))


if __name__ == "__main__":
    main()
