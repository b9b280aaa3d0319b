# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""EG (EventGrid) connections: CREATING → CREATED / CREATE_FAILED after a delay."""

from __future__ import annotations

import copy
import re
import uuid
from typing import Any

from . import clock
from .config import delay_seconds
from .errors import ApiError, service_error
from .messages import Request, Response
from .index import ordered_page, select_page
from .router import Route

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
KAFKA_FIELDS = ("instance_id", "addr", "security_protocol", "enable_sasl_ssl", "user_name", "password", "acks")
SORT_FIELDS = {"created_time": "created", "updated_time": "updated", "name": "name"}
# ListConnections bounds (huawei-api.md section 11 #14): offset 0-100, limit 1-1000. One doc variant caps a page at
# 100 items whatever the limit (UNCONFIRMED): config eg.max_page_items, default 100, null for no cap.
MAX_OFFSET = 100
MAX_LIMIT = 1000
DEFAULT_PAGE_CAP = 100
FAILED_INFO = {"error_code": "EG.00515000", "error_detail": "The private network connection could not be "
               "established (simulated failure).", "error_msg": "Failed to create the connection."}


def _invalid(msg: str) -> ApiError:
    return service_error("eg", 400, "EG.00513000", msg)


def _not_found(connection_id: str) -> ApiError:
    return service_error("eg", 404, "EG.00014040", "The connection %s does not exist." % connection_id)


def _kafka_detail(body: dict[str, Any]) -> dict[str, Any] | None:
    detail = body.get("kafka_detail")
    if str(body.get("type") or "WEBHOOK").upper() != "KAFKA":
        return None
    if not isinstance(detail, dict) or not detail.get("instance_id") or not detail.get("addr"):
        raise _invalid("Invalid parameter kafka_detail: instance_id and addr are required for KAFKA connections.")
    if not isinstance(detail.get("enable_sasl_ssl"), bool):  # required, no default on the wire (section 11 #13)
        raise _invalid("Invalid parameter kafka_detail.enable_sasl_ssl: a boolean is required.")
    if detail.get("enable_sasl_ssl") and not (detail.get("user_name") and detail.get("password")):
        raise _invalid("Invalid parameter kafka_detail: user_name and password are required when SASL_SSL is enabled.")
    stored = {key: copy.deepcopy(detail[key]) for key in KAFKA_FIELDS if key in detail}
    stored.setdefault("acks", "1")
    return stored


def _refresh(connection: dict[str, Any]) -> bool:
    if connection["status"] == "CREATING" and clock.now() >= connection["ready_at"]:
        connection["status"] = "CREATE_FAILED" if connection["will_fail"] else "CREATED"
        if connection["will_fail"]:
            connection["error_info"] = dict(FAILED_INFO)
        connection["updated"] = connection["ready_at"]
        return True
    return False


def refresh_all(app: Any) -> None:
    """Apply due status transitions to the connections still CREATING (the pending index, not every row); persist
    only when something changed (caller holds the lock)."""
    rows, pending = app.store.data["eg_connections"], app.store.indexes["eg_connections"].pending
    changed = False
    for connection_id in list(pending):
        connection = rows[connection_id]
        changed = _refresh(connection) or changed
        if connection["status"] != "CREATING":
            del pending[connection_id]
    if changed:
        app.store.save()


def view(connection: dict[str, Any]) -> dict[str, Any]:
    """ConnectionInfo as returned by every read; the Kafka password is never echoed back."""
    fields = ("id", "name", "description", "status", "error_info", "vpc_id", "subnet_id", "agency", "flavor", "type")
    result = {key: copy.deepcopy(connection[key]) for key in fields}
    detail = connection.get("kafka_detail")
    result["kafka_detail"] = {k: v for k, v in detail.items() if k != "password"} if detail else {}
    result["created_time"] = clock.plain_utc(connection["created"])
    result["updated_time"] = clock.plain_utc(connection["updated"])
    return result


def _owned(app: Any, req: Request) -> dict[str, Any]:
    connection = app.store.data["eg_connections"].get(req.params["connection_id"])
    if connection is None or connection["project_id"] != req.project_id:
        raise _not_found(req.params["connection_id"])
    return connection


def _validated(body: dict[str, Any]) -> dict[str, Any]:
    """The create body checked field by field; returns the Kafka detail to store (None for webhooks)."""
    name = body.get("name")
    if not isinstance(name, str) or not NAME_PATTERN.match(name) or name.lower() == "default":
        raise _invalid("Invalid parameter name: 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or "
                       "digit, and not 'default'.")
    for key in ("vpc_id", "subnet_id"):
        if not isinstance(body.get(key), str) or not body[key] or len(body[key]) > 128:
            raise _invalid("Invalid parameter %s: it is required (at most 128 characters)." % key)
    conn_type = body.get("type") or "WEBHOOK"
    if not isinstance(conn_type, str) or conn_type.upper() not in ("WEBHOOK", "KAFKA"):
        raise _invalid("Invalid parameter type: must be WEBHOOK or KAFKA.")
    if len(str(body.get("description") or "")) > 255:
        raise _invalid("Invalid parameter description: at most 255 characters.")
    return _kafka_detail(body)


def _store(app: Any, project_id: str, body: dict[str, Any], kafka: dict[str, Any] | None,
           ready_delay: float) -> dict[str, Any]:
    """Add one connection (caller holds the lock); a duplicate name in the project is EG.00513001."""
    connections, index = app.store.data["eg_connections"], app.store.indexes["eg_connections"]
    name = body["name"]
    if index.named(project_id, name):
        raise service_error("eg", 400, "EG.00513001", "The connection name %s already exists." % name)
    quota = (app.config.get("eg") or {}).get("quota")
    if quota is not None and len(index.ids(project_id)) >= int(quota):
        raise service_error("eg", 403, "EG.00514003", "The connection quota (%d) is used up." % int(quota))
    created = index.next_order_key(clock.now())
    connection = {
        "id": str(uuid.uuid4()), "name": name, "description": body.get("description") or "", "status": "CREATING",
        "error_info": {}, "vpc_id": body["vpc_id"], "subnet_id": body["subnet_id"], "agency": "EG_TRUST",
        "flavor": {"name": "default", "concurrency_type": "shared", "concurrency": 500, "bandwidth_type": "shared"},
        "type": body.get("type") or "WEBHOOK", "kafka_detail": kafka, "project_id": project_id, "created": created,
        "updated": created, "ready_at": created + ready_delay,
        "will_fail": name in (app.config.get("eg") or {}).get("failing_names", []),
    }
    connections[connection["id"]] = connection
    index.add(connection, connection["id"])
    index.pending[connection["id"]] = None
    return connection


def create_connection(app: Any, req: Request) -> Response:
    """POST /v1/{project_id}/connections → 200 ConnectionInfo with status CREATING."""
    body = req.json()
    kafka = _validated(body)
    with app.store.lock:
        connection = _store(app, req.project_id, body, kafka, delay_seconds(app.config, "eg_connection_created"))
        app.store.save()
        return Response(200, view(connection))


def seed_connections(app: Any, spec: dict[str, Any]) -> int:
    """Admin seeding: ``{names: [...], vpc_id?, subnet_id?, description?, project_id?}`` → webhook connections,
    already CREATED, validated like a create; all or nothing. Returns how many were added."""
    names = spec.get("names")
    if not isinstance(names, list) or not names:
        raise ValueError("names must be a non-empty list")
    project_id = spec.get("project_id") or next(iter(app.config["projects"].values()))
    template = {"vpc_id": spec.get("vpc_id") or "vpc-seeded", "subnet_id": spec.get("subnet_id") or "subnet-seeded",
                "description": spec.get("description") or ""}
    bodies = [dict(template, name=name) for name in names]
    for body in bodies:
        _validated(body)
    with app.store.lock:
        added = []
        try:
            for body in bodies:
                added.append(_store(app, project_id, body, None, 0.0))
        except ApiError:
            for connection in added:
                del app.store.data["eg_connections"][connection["id"]]
                app.store.indexes["eg_connections"].remove(connection, connection["id"])
            raise
        refresh_all(app)
        app.store.save()
    return len(added)


def list_connections(app: Any, req: Request) -> Response:
    """GET /v1/{project_id}/connections: name exact, fuzzy_name substring, instance_id, sort field:ASC|DESC."""
    offset, limit = req.int_arg("offset", 0), req.int_arg("limit", 15)
    if not 0 <= offset <= MAX_OFFSET or not 1 <= limit <= MAX_LIMIT:
        raise _invalid("Invalid parameter offset/limit: 0 <= offset <= %d, 1 <= limit <= %d." % (MAX_OFFSET, MAX_LIMIT))
    cap = (app.config.get("eg") or {}).get("max_page_items", DEFAULT_PAGE_CAP)
    limit = min(limit, int(cap)) if cap is not None else limit
    field, _sep, direction = (req.arg("sort") or "created_time:DESC").partition(":")
    if field not in SORT_FIELDS or direction.upper() not in ("ASC", "DESC", ""):
        raise _invalid("Invalid parameter sort: expected <created_time|updated_time|name>:<ASC|DESC>.")
    name, fuzzy, instance = req.arg("name"), req.arg("fuzzy_name"), req.arg("instance_id")
    descending = direction.upper() != "ASC"
    with app.store.lock:
        refresh_all(app)
        rows, index = app.store.data["eg_connections"], app.store.indexes["eg_connections"]
        if not (name or fuzzy or instance) and field == "created_time":
            ids = index.ids(req.project_id)  # creation order: a page is a slice, not a sort of every row
            total = len(ids)
            chosen = [rows[c_id] for c_id in ordered_page(ids, lambda c_id: rows[c_id]["created"], descending, offset, limit)]
        else:
            candidates = ([rows[c_id] for c_id in index.named(req.project_id, name)] if name else
                          [c for c in rows.values() if c["project_id"] == req.project_id])
            found = [c for c in candidates if (not fuzzy or fuzzy in c["name"])
                     and (not instance or (c["kafka_detail"] or {}).get("instance_id") == instance)]
            total = len(found)
            chosen = select_page(found, lambda c: c[SORT_FIELDS[field]], descending, offset, limit)
        items = [view(c) for c in chosen]
    return Response(200, {"total": total, "size": len(items), "items": items})


def show_connection(app: Any, req: Request) -> Response:
    """GET /v1/{project_id}/connections/{id}."""
    with app.store.lock:
        refresh_all(app)
        return Response(200, view(_owned(app, req)))


def update_connection(app: Any, req: Request) -> Response:
    """PUT …/{id}: description ("" clears it), and kafka_detail user_name/password; other fields are ignored. A
    connection still CREATING may not be modified: 403 EG.00514004 (the code is documented, this trigger is the
    emulator's choice, UNCONFIRMED)."""
    body = req.json()
    if len(str(body.get("description") or "")) > 255:
        raise _invalid("Invalid parameter description: at most 255 characters.")
    with app.store.lock:
        refresh_all(app)
        connection = _owned(app, req)
        if connection["status"] == "CREATING":
            raise service_error("eg", 403, "EG.00514004", "The connection %s is being created and may not be modified."
                                % connection["id"])
        if "description" in body:
            connection["description"] = body["description"] or ""
        detail = body.get("kafka_detail")
        if isinstance(detail, dict) and connection["kafka_detail"] is not None:
            for key in ("user_name", "password"):
                if key in detail:
                    connection["kafka_detail"][key] = detail[key]
        connection["updated"] = clock.now()
        app.store.save()
        return Response(200, view(connection))


def delete_connection(app: Any, req: Request) -> Response:
    """DELETE …/{id} → 204."""
    with app.store.lock:
        connection = _owned(app, req)
        del app.store.data["eg_connections"][connection["id"]]
        app.store.indexes["eg_connections"].remove(connection, connection["id"])
        app.store.save()
    return Response(204, None)


ROUTES = [
    Route("POST", "/v1/{project_id}/connections", "eg", create_connection),
    Route("GET", "/v1/{project_id}/connections", "eg", list_connections),
    Route("GET", "/v1/{project_id}/connections/{connection_id}", "eg", show_connection),
    Route("PUT", "/v1/{project_id}/connections/{connection_id}", "eg", update_connection),
    Route("DELETE", "/v1/{project_id}/connections/{connection_id}", "eg", delete_connection),
]
