# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DRS v5 connection management: create, list (filters, paging, sort), update and delete."""

from __future__ import annotations

import copy
import re
import uuid
from datetime import datetime
from typing import Any, Callable

from . import clock
from .errors import ApiError, service_error
from .messages import Request, Response
from .index import ordered_page, select_page
from .router import Route

NAME_PATTERN = re.compile(r"^[A-Za-z0-9_-]{4,50}$")
DB_TYPES = ("mysql", "postgresql", "mongodb", "oracle")
# Scenarios (endpoint_name) per db_type. The SDK also lists redis scenarios, but db_type has no redis
# (huawei-api.md section 10 #8), so they can never be valid.
ENDPOINT_NAMES = {
    "oracle": ("oracle", "ecs_oracle", "cloud_gaussdbv5"),
    "mysql": ("mysql", "ecs_mysql", "cloud_mysql"),
    "postgresql": ("postgresql", "ecs_postgresql", "cloud_postgresql"),
    "mongodb": ("mongodb", "ecs_mongodb", "cloud_mongodb"),
}
FIELDS = ("name", "db_type", "config", "description", "endpoint", "vpc", "ssl", "cloud", "enterprise_project_id")
SORT_KEYS = {
    "name": lambda c: c["name"].lower(),
    "db_type": lambda c: c["db_type"],
    "inst_id": lambda c: (c.get("endpoint") or {}).get("instance_id"),
    "ip": lambda c: (c.get("endpoint") or {}).get("ip"),
    "created_at": lambda c: c["create_time"],
    "description": lambda c: c.get("description"),
    "tag_value": lambda c: c.get("enterprise_project_id"),
}


def _error(code: str, msg: str) -> ApiError:
    return service_error("drs", 400, code, msg)


def _invalid(msg: str) -> ApiError:
    return _error("DRS.10000001", msg)


def not_found() -> ApiError:
    """Unknown connection id (documented example for delete; used for update too)."""
    return _error("DRS.10010069", "Connection manager not exists.")


def public_view(connection: dict[str, Any]) -> dict[str, Any]:
    """What reads return: no passwords, no certificate key/password, no cloud block."""
    view = {key: copy.deepcopy(value) for key, value in connection.items() if key not in ("cloud", "project_id")}
    endpoint = view.get("endpoint")
    if isinstance(endpoint, dict):
        endpoint.pop("db_password", None)
        for shard in endpoint.get("source_sharding") or []:
            if isinstance(shard, dict):
                shard.pop("db_password", None)
                shard.pop("endpoint_name", None)
    ssl = view.get("ssl")
    if isinstance(ssl, dict):
        ssl.pop("ssl_cert_key", None)
        ssl.pop("ssl_cert_password", None)
    return view


def _validate_endpoint(endpoint: Any, db_type: Any) -> None:
    """BaseEndpoint: endpoint_name, db_user and db_password are required in every endpoint that is sent, on create and
    on update (huawei-api.md section 11 #8)."""
    if not isinstance(endpoint, dict) or not endpoint.get("endpoint_name"):
        raise _invalid("Invalid parameter endpoint: endpoint.endpoint_name is required.")
    for key in ("db_user", "db_password"):
        if not endpoint.get(key):
            raise _invalid("Invalid parameter endpoint.%s: it is required." % key)
    if db_type in ENDPOINT_NAMES and endpoint["endpoint_name"] not in ENDPOINT_NAMES[db_type]:
        raise _invalid("Invalid parameter endpoint.endpoint_name: %s is not a %s scenario (one of %s)."
                       % (endpoint["endpoint_name"], db_type, ", ".join(ENDPOINT_NAMES[db_type])))


def _validate(body: dict[str, Any], creating: bool, stored_db_type: str | None = None) -> None:
    """Create needs every required field. An update may leave ``endpoint`` out (Go SDK ``omitempty``, doc drs_03_0269
    "Mandatory: No"; huawei-api.md section 11 #8, correcting section 10 #3), but an endpoint that is sent must carry
    db_user and db_password."""
    if creating or "name" in body:
        if not isinstance(body.get("name"), str) or not NAME_PATTERN.match(body["name"]):
            raise _invalid("Invalid parameter name: 4 to 50 characters, letters, digits, hyphens (-) and underscores (_) only.")
    if creating or "db_type" in body:
        if body.get("db_type") not in DB_TYPES:
            raise _invalid("Invalid parameter db_type: must be one of %s." % ", ".join(DB_TYPES))
    if creating or "endpoint" in body:
        _validate_endpoint(body.get("endpoint"), body.get("db_type") or stored_db_type)
    if len(str(body.get("description") or "")) > 255:
        raise _invalid("Invalid parameter description: at most 255 characters.")


def _name_taken(app: Any, project_id: str, name: str, except_id: str | None = None) -> bool:
    """Names are unique case-insensitively per project (one index lookup, never a scan)."""
    return any(c_id != except_id for c_id in app.store.indexes["drs_connections"].named(project_id, name.lower()))


def create_connection(app: Any, req: Request) -> Response:
    """POST /v5/{project_id}/connections → 200 with the connection (secrets removed)."""
    body = req.json()
    _validate(body, creating=True)
    connection = {key: copy.deepcopy(body[key]) for key in FIELDS if key in body}
    # The default enterprise project "0" is returned even when create did not send one (huawei-api.md section 11 #9).
    connection.setdefault("enterprise_project_id", "0")
    connection.update(connection_id=str(uuid.uuid4()), create_time=0, project_id=req.project_id)  # time set below
    with app.store.lock:
        if _name_taken(app, req.project_id, body["name"]):
            raise _error("DRS.10010065", "Connection manager name is already exists.")
        index = app.store.indexes["drs_connections"]
        connection["create_time"] = index.next_order_key(clock.epoch_ms(clock.now()))
        app.store.data["drs_connections"][connection["connection_id"]] = connection
        index.add(connection, connection["connection_id"])
        app.store.save()
        return Response(200, public_view(connection))


def _time_range(value: str) -> tuple[int, int]:
    try:
        start, end = (datetime.fromisoformat(part.strip().replace("Z", "+00:00")) for part in value.split(","))
    except ValueError:
        raise _invalid("Invalid parameter create_time: expected '<ISO start>,<ISO end>'.") from None
    return clock.epoch_ms(start.timestamp()), clock.epoch_ms(end.timestamp())


FILTERS = ("connection_id", "db_type", "inst_id", "ip", "description", "enterprise_project_id")


def _filter(req: Request) -> Callable[[dict[str, Any]], bool]:
    """The row predicate of the list filters (parsed once per request, not once per row)."""
    wanted = {param: req.arg(param) for param in FILTERS if req.arg(param) not in (None, "")}
    name = req.arg("name")
    created = req.arg("create_time")
    window = _time_range(created) if created else None

    def matches(connection: dict[str, Any]) -> bool:
        if wanted:
            endpoint = connection.get("endpoint") or {}
            actual = {"connection_id": connection["connection_id"], "db_type": connection.get("db_type"),
                      "inst_id": endpoint.get("instance_id"), "ip": endpoint.get("ip"),
                      "description": connection.get("description"),
                      "enterprise_project_id": connection.get("enterprise_project_id")}
            if any(actual[param] != value for param, value in wanted.items()):
                return False
        if name not in (None, "") and name.lower() != connection["name"].lower():
            return False
        return window is None or window[0] <= connection["create_time"] <= window[1]
    return matches


def _candidates(app: Any, req: Request) -> tuple[list[dict[str, Any]] | None, bool]:
    """(rows to filter, in insertion order, or None for "every row of the project"; whether any filter is set).
    A name or connection_id filter narrows the candidates with one lookup instead of a scan."""
    rows = app.store.data["drs_connections"]
    filtered = any(req.arg(param) not in (None, "") for param in FILTERS + ("name", "create_time"))
    if req.arg("connection_id") not in (None, ""):
        found = rows.get(req.arg("connection_id") or "")
        return ([found] if found is not None and found["project_id"] == req.project_id else []), True
    if req.arg("name") not in (None, ""):
        ids = app.store.indexes["drs_connections"].named(req.project_id, (req.arg("name") or "").lower())
        return [rows[c_id] for c_id in ids], True
    return None, filtered


def list_connections(app: Any, req: Request) -> Response:
    """GET /v5/{project_id}/connections; the name filter is a case-insensitive exact match.

    Rows come in a stable sort by ``sort_key``; the default order (created_at) is read from the creation index, so
    a page costs O(offset + limit), a filtered page a scan of the candidates and a heap of offset + limit."""
    sort_key = req.arg("sort_key") or "created_at"
    if sort_key not in SORT_KEYS:
        raise _invalid("Invalid parameter sort_key: must be one of %s." % ", ".join(SORT_KEYS))
    sort_dir = (req.arg("sort_dir") or "desc").lower()
    if sort_dir not in ("asc", "desc"):
        raise _invalid("Invalid parameter sort_dir: must be asc or desc.")
    offset, limit = req.int_arg("offset", 0), req.int_arg("limit", 10)
    if offset < 0 or limit < 1 or limit > 1000:
        raise _invalid("Invalid parameter offset/limit: offset >= 0, 1 <= limit <= 1000.")
    if (req.arg("fetch_all") or "").lower() == "true":
        offset, limit = 0, 0
    descending = sort_dir == "desc"
    with app.store.lock:
        rows = app.store.data["drs_connections"]
        candidates, filtered = _candidates(app, req)
        if not filtered and sort_key == "created_at":
            ids = app.store.indexes["drs_connections"].ids(req.project_id)
            total = len(ids)
            found = [rows[c_id] for c_id in ordered_page(ids, lambda c_id: rows[c_id]["create_time"], descending, offset,
                                                         limit)]
        else:
            if candidates is None:
                candidates = [c for c in rows.values() if c["project_id"] == req.project_id]
            if candidates:  # filters are parsed only when there is a row to apply them to
                matches = _filter(req)
                candidates = [c for c in candidates if matches(c)]
            total = len(candidates)
            found = select_page(candidates, SORT_KEYS[sort_key], descending, offset, limit)
        return Response(200, {"connections": [public_view(c) for c in found], "count": total})


def _owned(app: Any, req: Request) -> dict[str, Any]:
    connection = app.store.data["drs_connections"].get(req.params["connection_id"])
    if connection is None or connection["project_id"] != req.project_id:
        raise not_found()
    return connection


def modify_connection(app: Any, req: Request) -> Response:
    """PUT …/connections/{id}: the top-level fields sent replace the stored ones, the others stay (merge or replace is
    UNCONFIRMED; the emulator merges); ``description: ""`` clears the description (section 11 #10). Answers 200 {}."""
    body = req.json()
    with app.store.lock:
        connection = _owned(app, req)
        _validate(body, creating=False, stored_db_type=connection.get("db_type"))
        if "name" in body and _name_taken(app, req.project_id, body["name"], except_id=connection["connection_id"]):
            raise _error("DRS.10010065", "Connection manager name is already exists.")
        index = app.store.indexes["drs_connections"]
        index.unname(connection, connection["connection_id"])
        for key in FIELDS:
            if key in body:
                connection[key] = copy.deepcopy(body[key])
        index.rename(connection, connection["connection_id"])
        app.store.save()
    return Response(200, {})


def delete_connection(app: Any, req: Request) -> Response:
    """DELETE …/connections/{id} → 200 {}."""
    with app.store.lock:
        connection = _owned(app, req)
        del app.store.data["drs_connections"][connection["connection_id"]]
        app.store.indexes["drs_connections"].remove(connection, connection["connection_id"])
        app.store.save()
    return Response(200, {})


ROUTES = [
    Route("POST", "/v5/{project_id}/connections", "drs", create_connection),
    Route("GET", "/v5/{project_id}/connections", "drs", list_connections),
    Route("PUT", "/v5/{project_id}/connections/{connection_id}", "drs", modify_connection),
    Route("DELETE", "/v5/{project_id}/connections/{connection_id}", "drs", delete_connection),
]
