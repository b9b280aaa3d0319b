# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DLI queues as the enhanced connections see them: each queue runs in an elastic resource pool (huawei-api.md
section 11 #1), so binding a queue to a connection attaches the queue's pool, and the connection then lists the pool,
not the queue. ``GET /v1.0/{project_id}/queues/{queue_name}`` (SDK ``ShowQueue``) says which pool that is.

Queues come from config ``dli.queues`` (name → ``{elastic_resource_pool_name: <pool> | null, queue_type?, cu_count?}``).
A name the config does not list is, with ``dli.unconfigured_queues: own_pool`` (the default, a convenience of the
emulator), a queue in the pool ``<name>_pool``; with ``not_exist`` it does not exist (400 ``DLI.0002``, code and text
UNCONFIRMED). A queue configured with ``elastic_resource_pool_name: null`` is an old-style queue outside any pool: how
the real API lists such a binding is not documented (UNCONFIRMED); the emulator lists it in ``available_queue_info``.
Queue names are case-insensitive; the API turns them into lower case (SDK ``ShowQueueResponse.queue_name``).
"""

from __future__ import annotations

import zlib
from typing import Any, NamedTuple

from . import clock
from .errors import ApiError, service_error
from .messages import Request, Response
from .router import Route

OWN_POOL = "own_pool"
NOT_EXIST = "not_exist"
POOL_SUFFIX = "_pool"


class Queue(NamedTuple):
    """A queue and the pool it runs in (None: an old-style queue outside any pool)."""

    name: str
    pool: str | None
    settings: dict[str, Any]


def queue_not_exist(name: str) -> ApiError:
    return service_error("dli", 400, "DLI.0002", "Queue %s does not exist." % name)


def find_queue(app: Any, name: str) -> Queue:
    """The configured (or implied) queue of that name; a queue that does not exist is a 400 DLI.0002."""
    dli = app.config.get("dli") or {}
    key = name.lower()
    configured = {str(queue).lower(): value for queue, value in (dli.get("queues") or {}).items()}
    if key in configured:
        settings = configured[key] if isinstance(configured[key], dict) else {}
        return Queue(key, settings.get("elastic_resource_pool_name") or None, settings)
    if (dli.get("unconfigured_queues") or OWN_POOL) == NOT_EXIST:
        raise queue_not_exist(name)
    return Queue(key, key + POOL_SUFFIX, {})


def _queue_id(name: str) -> int:
    """A stable number per queue name (the API's queue_id is an integer)."""
    return zlib.crc32(name.encode("utf-8")) % 100000 + 1000


def show_queue(app: Any, req: Request) -> Response:
    """GET /v1.0/{project_id}/queues/{queue_name} → the queue, its pool in elastic_resource_pool_name (omitted for an
    old-style queue outside any pool)."""
    queue = find_queue(app, req.params["queue_name"])
    settings = queue.settings
    body: dict[str, Any] = {
        "is_success": True, "message": "", "queue_id": _queue_id(queue.name), "queueName": queue.name,
        "description": str(settings.get("description") or ""), "owner": (app.config.get("iam") or {}).get("user_name", ""),
        "create_time": clock.epoch_ms(0), "queueType": str(settings.get("queue_type") or "sql"),
        "cuCount": int(settings.get("cu_count") or 16), "chargingMode": 1, "resource_id": "queue-%d" % _queue_id(queue.name),
        "resource_mode": 1, "enterprise_project_id": "0", "resource_type": "vm", "cu_spec": int(settings.get("cu_count") or 16),
    }
    if queue.pool is not None:
        body["elastic_resource_pool_name"] = queue.pool
        body["resource_type"] = "container"
    return Response(200, body)


ROUTES = [
    Route("GET", "/v1.0/{project_id}/queues/{queue_name}", "dli", show_queue),
]
