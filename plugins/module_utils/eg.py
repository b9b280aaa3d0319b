# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""EG (EventGrid) target connection calls (huawei-api.md section 3) and the update plan of eg_connection."""

from __future__ import annotations

import re

from ansible_collections.hwcloud.connections.plugins.module_utils import reconcile as rc
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError
from ansible_collections.hwcloud.connections.plugins.module_utils.module import ServiceApi, ValidationFailed
from ansible_collections.hwcloud.connections.plugins.module_utils.paths import build
from ansible_collections.hwcloud.connections.plugins.module_utils.waiter import Waiter

CONNECTIONS = "/v1/{project_id}/connections"
CONNECTION = CONNECTIONS + "/{connection_id}"
# The Kafka password is a secret: masked in diffs, removed from results, never compared.
SECRET_PATHS = ("kafka_detail.password",)
# What a PUT can change (huawei-api.md 3.5); every other difference needs delete + create.
UPDATABLE = ("description", "kafka_detail.user_name", "kafka_detail.password")
SORT_PATTERN = re.compile(r"[a-z_]+:(ASC|DESC)", re.IGNORECASE)
DUPLICATE_NAME = "EG.00513001"
PAGE_SIZE = 100  # the API defaults to 15 per page and allows up to 1000
POLL_INTERVAL = 1.0


def list_filters(params: dict) -> dict:
    """Query of the list call from eg_connection_info's options; plain Python, so the info module skips pydantic."""
    filters = rc.prune(params)
    empty = sorted(key for key, value in filters.items() if value == "")
    if empty:
        raise ValidationFailed("Invalid input: %s: must not be empty" % ", ".join(empty))
    if "sort" in filters and not SORT_PATTERN.fullmatch(filters["sort"]):
        raise ValidationFailed("Invalid input: sort: must be <field>:ASC or <field>:DESC, for example created_time:DESC")
    return filters


def is_not_found(error: HuaweiCloudError) -> bool:
    """EG's own 404 (EG.00014040), not a gateway 404 such as a wrong endpoint (APIGW.0101)."""
    return error.status == 404 and not str(error.error_code or "").startswith("APIGW")


def comparable(current: dict) -> dict:
    """``current`` with ``type`` upper-cased: the API's case for it is not guaranteed, the module sends upper case."""
    if isinstance(current.get("type"), str):
        return dict(current, type=current["type"].upper())
    return current


def plan_changes(current: dict, desired: dict, resend_password: bool = False) -> tuple:
    """(fields that need re-creation, PUT body or {}) to bring ``current`` to ``desired``.

    The password is never compared (the API does not return it); ``resend_password`` sends it anyway.
    """
    changes = rc.differences(desired, comparable(current), ignore=SECRET_PATHS)
    replace = [path for path in changes if path not in UPDATABLE]
    body = {}
    if "description" in changes:
        body["description"] = desired["description"]
    kafka = desired.get("kafka_detail") or {}
    if "kafka_detail.user_name" in changes or (resend_password and kafka.get("password")):
        body["kafka_detail"] = {key: kafka[key] for key in ("user_name", "password") if key in kafka}
    return replace, body


def creation_status(connection):
    """Waiter status: True when CREATED, the failure reason when CREATE_FAILED, None while CREATING."""
    if connection is None:
        return "the connection disappeared while it was being created"
    status = connection.get("status")
    if status == "CREATED":
        return True
    if status == "CREATE_FAILED":
        info = connection.get("error_info") or {}
        return "status CREATE_FAILED: error_code %s, error_msg %s, error_detail %s" % (
            info.get("error_code"), info.get("error_msg"), info.get("error_detail"))
    return None


class EgConnections(ServiceApi):
    """Create, read, update, delete and wait for EG connections."""

    def list(self, **filters) -> list:
        """Every connection matching the API filters, all pages."""
        return self.client.paginate("eg", CONNECTIONS, "items", query=rc.prune(filters), limit=PAGE_SIZE, total_key="total", id_key="id")

    def show(self, connection_id: str):
        """The connection, or None when the API does not know the id."""
        try:
            response = self.client.get("eg", build(CONNECTION, connection_id=connection_id))
            response.field("id")
            return response.body
        except HuaweiCloudError as error:
            if is_not_found(error):
                return None
            raise

    def find(self, connection_id: str = None, name: str = None):
        """By id, else by exact name (the API's ``name`` filter is exact; filtered again here to be sure)."""
        if connection_id:
            return self.show(connection_id)
        return rc.pick_one([c for c in self.list(name=name) if c.get("name") == name], "connection", name)

    def create(self, body: dict) -> dict:
        response = self.client.request("eg", "POST", CONNECTIONS, body=body)
        response.field("id")
        return response.body

    def update(self, connection_id: str, body: dict) -> dict:
        response = self.client.request("eg", "PUT", build(CONNECTION, connection_id=connection_id), body=body)
        response.field("id")
        return response.body

    def delete(self, connection_id: str) -> None:
        try:
            self.client.request("eg", "DELETE", build(CONNECTION, connection_id=connection_id))
        except HuaweiCloudError as error:
            if not is_not_found(error):  # already gone (a parallel run deleted it): the goal is met
                raise

    def wait_created(self, connection: dict, timeout: float) -> dict:
        """Poll until CREATED; CREATE_FAILED or the timeout raise with the reason."""
        if connection.get("status") == "CREATED":
            return connection
        what = "creation of EG connection %s (id %s)" % (connection.get("name"), connection.get("id"))
        return Waiter(timeout, interval=POLL_INTERVAL).wait(lambda: self.show(connection["id"]), creation_status, what)
