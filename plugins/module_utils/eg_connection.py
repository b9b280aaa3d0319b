# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The EG connection as a resource: its options (shared by eg_connection and eg_connections, documented in the
``hwcloud.connections.eg_connection`` doc fragment) and its reconcile rules."""

from __future__ import annotations

from ansible_collections.hwcloud.connections.plugins.module_utils import reconcile as rc
from ansible_collections.hwcloud.connections.plugins.module_utils.eg import DUPLICATE_NAME, SECRET_PATHS, EgConnections, comparable, plan_changes
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError
from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import validate
from ansible_collections.hwcloud.connections.plugins.module_utils.models.eg import Connection

KAFKA_DETAIL = dict(
    instance_id=dict(type="str", required=True),
    addr=dict(type="str", required=True),
    security_protocol=dict(type="str"),
    enable_sasl_ssl=dict(type="bool"),
    user_name=dict(type="str"),
    password=dict(type="str", no_log=True),
    acks=dict(type="str", choices=["0", "1", "all"]),
)
# The options of one connection, without state, connection_id and the wait options.
OPTIONS = dict(
    name=dict(type="str"),
    description=dict(type="str"),
    vpc_id=dict(type="str"),
    subnet_id=dict(type="str"),
    type=dict(type="str", choices=["webhook", "kafka"]),
    kafka_detail=dict(type="dict", options=KAFKA_DETAIL),
    update_password=dict(type="str", choices=["always", "on_create"], default="on_create", no_log=False),
    recreate=dict(type="bool", default=False),
)
# With state=present these are required (the singular module's required_if, and each element's of the list module).
REQUIRED_PRESENT = ("name", "vpc_id", "subnet_id")
BODY_FIELDS = ("name", "description", "vpc_id", "subnet_id", "type", "kafka_detail")


class EgConnection(rc.Resource):
    noun = "connection"
    secret_paths = SECRET_PATHS

    def __init__(self, module):
        super().__init__(module)
        self.api = EgConnections(module)
        self.recreating = False

    def desired(self) -> dict:
        params = self.module.params
        return validate(Connection, rc.prune({k: params[k] for k in BODY_FIELDS}), self.prefix).body()

    def lookup(self):
        params = self.module.params
        return self.api.find(params["connection_id"], params["name"])

    def create(self, desired: dict):
        return self.api.create(desired)

    def delete(self, current: dict) -> None:
        self.api.delete(current["id"])

    def changed_fields(self, current: dict, desired: dict) -> list:
        return super().changed_fields(comparable(current), desired)  # as plan_changes compares them

    def plan_update(self, current: dict, desired: dict) -> list:
        params = self.module.params
        replace, body = plan_changes(current, desired, params["update_password"] == "always")
        if replace and not params["recreate"]:
            raise HuaweiCloudError("EG connection %s (id %s) cannot be changed in place: %s; set recreate=true to delete "
                                   "and re-create it" % (current.get("name"), current.get("id"), rc.what_differs(replace)))
        if replace:
            self.recreating = True
            return [rc.Action("recreate", lambda: self._recreate(current, desired))]
        return [rc.Action("update", lambda: self._update(current, body))] if body else []

    def _update(self, current: dict, body: dict) -> dict:
        """The API refuses to modify a connection that is still being created (EG.00514004, huawei-api.md section 11
        #15): wait for it first, at most wait_timeout, also with wait=false, because without it the update fails."""
        if current.get("status") == "CREATING":
            self.api.wait_created(current, self.module.params["wait_timeout"])
        return self.api.update(current["id"], body)

    def _recreate(self, current: dict, desired: dict) -> dict:
        self.api.delete(current["id"])
        return self.api.create(desired)

    def predict(self, current, desired: dict) -> dict:
        return rc.merge(None if self.recreating else current, desired)

    def read(self, handle: dict, desired: dict) -> dict:
        # Create and update both answer with the full connection.
        return handle

    def wait(self, resource: dict) -> dict:
        params = self.module.params
        return self.api.wait_created(resource, params["wait_timeout"]) if params["wait"] else resource

    def is_duplicate(self, error) -> bool:
        return error.error_code == DUPLICATE_NAME
