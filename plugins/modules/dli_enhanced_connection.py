# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: dli_enhanced_connection
short_description: Manage DLI enhanced datasource connections
version_added: 0.1.0
description:
  - Create, update and delete Data Lake Insight (DLI) enhanced datasource connections
    (C(/v2.0/{project_id}/datasource/enhanced-connections)), that is VPC peerings between DLI queues or elastic resource
    pools and the subnet of a data source, with custom host entries and routes.
  - The connection is found by O(connection_id), else by exact O(name). Connections with status C(DELETED) stay
    readable in the API but count as absent, and so does an unknown or purged O(connection_id) (the API answers
    HTTP 400 C(DLI.0001) "Connection ... is not exist", or 404), so O(state=absent) then reports C(changed=false).
    A C(DLI.0001) that is a real parameter error still fails the module.
  - Only options you set are compared. O(hosts) and O(queues)/O(elastic_resource_pools) names are compared
    order-insensitively; O(routes) are compared by name and CIDR.
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
      - An unknown, purged or C(DELETED) ID is absent, so O(state=absent) reports C(changed=false).
      - An ID is 1 to 128 letters, digits, hyphens or underscores; any other value is refused before any request.
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
    description:
      - Route table of the subnet. Sent on create only; not returned by the API, so never compared.
      - Set for an existing connection, it produces a warning (see the description); replace-only.
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
      - Set for an existing connection, they produce a warning (see the description); replace-only.
    type: list
    elements: dict
    suboptions:
      key:
        description: Tag key, 1 to 128 characters.
        type: str
        required: true
      value:
        description: Tag value, 1 to 255 characters (an empty value is refused by the API).
        type: str
        required: true
  recreate:
    description:
      - When O(name), O(dest_vpc_id) or O(dest_network_id) differ from the existing connection, delete it and
        create it again (new ID; bound queues and pools are peered again). Otherwise the module fails.
      - The delete waits for peerings still C(CREATING), as O(state=absent) does (see the description).
    type: bool
    default: false
notes:
  - Assumptions where the sources are silent - which error code the API gives a delete refused because a peering is
    C(CREATING) (the module waits beforehand and does not rely on it), and the exact wording of "not exist" answers
    (matched as "connection ... not exist" or "not found" in the message of a C(DLI.0001)/C(DLI.0002)).
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
        self.api.delete_settled(current, self.module.params["wait_timeout"])

    def _recreate(self, current: dict, desired: dict) -> dict:
        self.api.delete_settled(current, self.module.params["wait_timeout"])
        return self.create(desired)

    def plan_update(self, current: dict, desired: dict) -> list:
        replace = dli.replace_only_changes(current, desired)
        if replace:
            if not self.module.params["recreate"]:
                raise ValidationFailed("%s cannot be changed on the existing enhanced connection %s; set recreate=true to delete and "
                                       "recreate it" % (", ".join(replace), current["id"]))
            return [rc.Action("recreate", lambda: self._recreate(current, desired))]
        self._warn_unverifiable(current, desired)
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

    def _warn_unverifiable(self, current: dict, desired: dict) -> None:
        """tags and routetable_id are replace-only and never returned: on a connection this run did not create, a change
        to them cannot be seen, so say so instead of a silent "unchanged" (huawei-api.md section 10 #5)."""
        fields = [key for key in dli.NOT_RETURNED if key in desired]
        if not fields:
            return
        them = "it" if len(fields) == 1 else "them"
        self.module.ansible.warn(
            "%s: the DLI API does not return %s, so the module cannot compare %s with the existing enhanced connection %s (id %s) "
            "and does not apply a change to %s (replace-only). To apply other values, delete the connection (state=absent) "
            "and create it again." % (", ".join(fields), them, them, current.get("name"), current.get("id"), them))

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
