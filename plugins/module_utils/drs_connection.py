# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The DRS v5 connection as a resource: its options (shared by drs_connection and drs_connections, documented in
the ``hwcloud.connections.drs_connection`` doc fragment) and its reconcile rules."""

from __future__ import annotations

from ansible_collections.hwcloud.connections.plugins.module_utils import names
from ansible_collections.hwcloud.connections.plugins.module_utils import reconcile as rc
from ansible_collections.hwcloud.connections.plugins.module_utils.drs import DrsConnections, check_update_password
from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import validate
from ansible_collections.hwcloud.connections.plugins.module_utils.models.drs import NOT_RETURNED, SECRET_PATHS, Connection

SHARD = dict(
    endpoint_name=dict(type="str"), ip=dict(type="str"), db_port=dict(type="int"), db_user=dict(type="str"),
    db_password=dict(type="str", no_log=True), instance_id=dict(type="str"), instance_name=dict(type="str"), db_name=dict(type="str"),
)
ENDPOINT = dict(SHARD, endpoint_name=dict(type="str", required=True, choices=[
    "oracle", "ecs_oracle", "cloud_gaussdbv5", "mysql", "ecs_mysql", "cloud_mysql", "postgresql", "ecs_postgresql", "cloud_postgresql",
    "mongodb", "ecs_mongodb", "cloud_mongodb",
]), db_user=dict(type="str", required=True), source_sharding=dict(type="list", elements="dict", options=SHARD))

# The options of one connection, without state and connection_id.
OPTIONS = dict(
    name=dict(type="str"),
    db_type=dict(type="str", choices=["mysql", "postgresql", "mongodb", "oracle"]),
    description=dict(type="str"),
    enterprise_project_id=dict(type="str"),
    endpoint=dict(type="dict", options=ENDPOINT),
    vpc=dict(type="dict", options=dict(vpc_id=dict(type="str", required=True), subnet_id=dict(type="str", required=True),
                                       security_group_id=dict(type="str"))),
    ssl=dict(type="dict", options=dict(ssl_link=dict(type="bool"), ssl_cert_name=dict(type="str"), ssl_cert_key=dict(type="str", no_log=True),
                                       ssl_cert_check_sum=dict(type="str"), ssl_cert_password=dict(type="str", no_log=True))),
    cloud=dict(type="dict", options=dict(region=dict(type="str", required=True), project_id=dict(type="str", required=True),
                                         az_code=dict(type="str"))),
    config=dict(type="dict", options=dict(driver_name=dict(type="str"))),
    update_password=dict(type="str", choices=["always", "on_create"], default="on_create", no_log=False),
)
BODY_FIELDS = ("name", "db_type", "endpoint", "description", "config", "vpc", "ssl", "cloud", "enterprise_project_id")


# With state=present these are required (the singular module's required_if, and each element's of the list module).
REQUIRED_PRESENT = ("name", "db_type", "endpoint")


class DrsConnection(rc.Resource):
    noun = "connection"
    secret_paths = SECRET_PATHS

    def __init__(self, module):
        super().__init__(module)
        self.api = DrsConnections(module)

    def desired(self) -> dict:
        params = self.module.params
        return validate(Connection, rc.prune({k: params[k] for k in BODY_FIELDS}), self.prefix).body()

    def lookup(self):
        params = self.module.params
        return self.api.find(params["connection_id"], params["name"])

    name_key = staticmethod(names.case_insensitive)

    def create(self, desired: dict):
        return self.api.create(desired)

    def delete(self, current: dict) -> None:
        self.api.delete(current["connection_id"])

    def changed_fields(self, current: dict, desired: dict) -> list:
        comparable = rc.strip(desired, NOT_RETURNED)
        if self.name_key(comparable["name"]) == self.name_key(current.get("name")):
            comparable["name"] = current.get("name")  # names are case-insensitive in this API
        # description "" clears it (huawei-api.md section 11 #10): a read without one has the empty description
        return rc.value_changes(comparable, dict(current, description=current.get("description") or ""))

    def plan_update(self, current: dict, desired: dict) -> list:
        changes = [change["field"] for change in self.changed_fields(current, desired)]
        always = self.module.params["update_password"] == "always"
        if not (changes or always):
            return []
        check_update_password(desired, current, ([rc.what_differs(changes)] if changes else [])
                              + (["update_password=always re-sends the secrets"] if always else []))
        return [rc.Action("update", lambda: self.api.update(current["connection_id"], desired))]

    def read(self, handle: dict, desired: dict) -> dict:
        # Create answers with the connection and PUT with {}: the desired state laid over it is the new state.
        return rc.strip(rc.merge(handle, desired), NOT_RETURNED)

    def is_duplicate(self, error) -> bool:
        return error.error_code == "DRS.10010065"
