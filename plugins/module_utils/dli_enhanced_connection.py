# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The DLI enhanced connection as a resource: its options (shared by dli_enhanced_connection and
dli_enhanced_connections, documented in the ``hwcloud.connections.dli_enhanced_connection`` doc fragment) and its
reconcile rules."""

from __future__ import annotations

from ansible_collections.hwcloud.connections.plugins.module_utils import dli
from ansible_collections.hwcloud.connections.plugins.module_utils import reconcile as rc
from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import validate
from ansible_collections.hwcloud.connections.plugins.module_utils.models.dli import CREATE_FIELDS, EnhancedConnection
from ansible_collections.hwcloud.connections.plugins.module_utils.module import ValidationFailed
from ansible_collections.hwcloud.connections.plugins.module_utils.waiter import Waiter

# The options of one connection, without state, connection_id and the wait options.
OPTIONS = dict(
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
)
# With state=present these are required (the singular module's required_if, and each element's of the list module).
REQUIRED_PRESENT = ("name", "dest_vpc_id", "dest_network_id")
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
        return validate(EnhancedConnection, rc.prune({key: params[key] for key in FIELDS}), self.prefix).state()

    def lookup(self):
        params = self.module.params
        found = self.api.find(params["connection_id"], params["name"])
        if found is None and params["connection_id"] and params["state"] == "present":
            raise ValidationFailed("connection_id %s: no such enhanced connection (or it is DELETED); omit connection_id to create "
                                   "the connection by name" % params["connection_id"])
        return found

    def matches(self, row: dict) -> bool:
        return super().matches(row) and dli.live(row)

    def from_row(self, row: dict) -> dict:
        return dli.from_list_row(row)

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
                                       "recreate it" % (rc.listed(replace), current["id"]))
            return [rc.Action("recreate", lambda: self._recreate(current, desired))]
        self._warn_unverifiable(current, desired)
        changes = dli.plan_changes(current, desired, self.purge, self._pools(desired))
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

    def changed_fields(self, current: dict, desired: dict) -> list:
        """Replace-only fields, then what plan_changes would change, named by the options (queues, not
        available_queue_info), with the names bound before and listed after."""
        changes = rc.value_changes({key: desired[key] for key in dli.REPLACE_ONLY if key in desired}, current)
        planned = dli.plan_changes(current, desired, self.purge)
        if "hosts" in planned:
            changes.append({"field": "hosts", "before": current.get("hosts"), "after": desired["hosts"]})
        for option, _field in dli.PEER_FIELDS:
            if option in planned.get("associate", {}) or option in planned.get("disassociate", {}):
                changes.append({"field": option, "before": dli.bound(current, option), "after": desired[option]})
        if "add_routes" in planned or "delete_routes" in planned:
            changes.append({"field": "routes", "before": current.get("routes"), "after": desired["routes"]})
        return changes

    def _warn_unverifiable(self, current: dict, desired: dict) -> None:
        """tags and routetable_id are replace-only and never returned: on a connection this run did not create, a change
        to them cannot be seen, so say so instead of a silent "unchanged" (huawei-api.md section 10 #5)."""
        fields = [key for key in dli.NOT_RETURNED if key in desired]
        if not fields:
            return
        them = "it" if len(fields) == 1 else "them"
        self.module.warn(
            "%s: the DLI API does not return %s, so the module cannot compare %s with the existing enhanced connection %s (id %s) "
            "and does not apply a change to %s (replace-only). To apply other values, delete the connection (state=absent) "
            "and create it again." % (", ".join(fields), them, them, current.get("name"), current.get("id"), them))

    def _pools(self, desired: dict) -> dict:
        """The elastic resource pool of each queue: queues are bound, and verified, through their pools."""
        return self.api.queue_pools(desired["queues"], self.prefix) if desired.get("queues") else {}

    def predict(self, current, desired: dict) -> dict:
        pools = self._pools(desired)
        if current is None or dli.replace_only_changes(current, desired):
            return dli.predict(None, desired, pools=pools)
        return dli.predict(current, desired, dli.plan_changes(current, desired, self.purge, pools), pools)

    def read(self, handle: dict, desired: dict) -> dict:
        deferred = getattr(self.module, "defer_wait", False)  # a list module reads all peerings with one listing
        if "name" not in handle and (deferred or not (desired.get("queues") or desired.get("elastic_resource_pools"))):
            # Created with no peering to wait for: the create answer (an id) and the desired state say it all.
            return dict(dli.predict(None, desired, pools=self._pools(desired)), id=handle["id"])
        return self.api.show(handle["id"])

    def wait(self, resource: dict) -> dict:
        params = self.module.params
        if not params["wait"] or not resource or dli.peer_status(resource) is True:
            return resource
        return Waiter(params["wait_timeout"]).wait(lambda: self.api.show(resource["id"]), dli.peer_status,
                                                   "the peerings of enhanced connection %s" % resource.get("name"))

    def is_duplicate(self, error) -> bool:
        return error.error_code == dli.DUPLICATE
