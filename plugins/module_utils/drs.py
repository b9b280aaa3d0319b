# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DRS API calls shared by the DRS modules: v5 connections and job lookups."""

from __future__ import annotations

from ansible_collections.hwcloud.connections.plugins.module_utils import names
from ansible_collections.hwcloud.connections.plugins.module_utils import reconcile as rc
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError
from ansible_collections.hwcloud.connections.plugins.module_utils.module import ServiceApi, ValidationFailed
from ansible_collections.hwcloud.connections.plugins.module_utils.paths import build

CONNECTIONS = "/v5/{project_id}/connections"
CONNECTION = CONNECTIONS + "/{connection_id}"
NOT_FOUND = "DRS.10010069"


class DrsConnections(ServiceApi):
    """v5 connection calls (huawei-api.md section 1). There is no show call: list filtered by id."""

    def list(self, **filters) -> list:
        """Every connection matching the API filters (``fetch_all`` returns all rows in one call)."""
        query = dict(rc.prune(filters), fetch_all=True)
        return self.client.get("drs", CONNECTIONS, query).items("connections", "connection_id", "count")

    def find(self, connection_id: str = None, name: str = None):
        """By id, else by name; names compare case-insensitively, as the API treats them."""
        if connection_id:
            return rc.pick_one(self.list(connection_id=connection_id), "connection", connection_id, "connection_id")
        # The API's name filter may or may not be exact (UNCONFIRMED), so filter again here.
        matches = self.named(self.list(name=name), name)
        return rc.pick_one(matches, "connection", name, "connection_id")

    @staticmethod
    def named(connections: list, name: str) -> list:
        """The connections of that name, compared as DRS compares names (without case)."""
        return [c for c in connections if names.case_insensitive(c.get("name")) == names.case_insensitive(name)]

    def create(self, body: dict) -> dict:
        response = self.client.request("drs", "POST", CONNECTIONS, body=body)
        response.field("connection_id")
        return response.body

    def update(self, connection_id: str, body: dict) -> None:
        self.client.request("drs", "PUT", build(CONNECTION, connection_id=connection_id), body=body)

    def delete(self, connection_id: str) -> None:
        try:
            self.client.request("drs", "DELETE", build(CONNECTION, connection_id=connection_id))
        except HuaweiCloudError as error:
            if error.error_code != NOT_FOUND:  # already gone (a parallel run deleted it): the goal is met
                raise


def check_update_password(desired: dict, current: dict, reasons: list) -> None:
    """An update (PUT) must carry ``endpoint.db_password`` (huawei-api.md section 10 #3): fail before any write when
    the task needs one but has no password. ``reasons`` says why the PUT is needed."""
    if (desired.get("endpoint") or {}).get("db_password"):
        return
    raise ValidationFailed(
        "endpoint.db_password is required to update DRS connection %s (connection_id %s): the API's update (PUT) always "
        "re-sends the whole endpoint including its password, and an update is needed because %s. Set "
        "endpoint.db_password, or leave the connection as it is" % (current.get("name"), current.get("connection_id"), "; ".join(reasons)))
