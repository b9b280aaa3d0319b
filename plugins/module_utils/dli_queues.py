# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Which elastic resource pool each DLI queue runs in.

Binding a queue to an enhanced connection attaches the queue's elastic resource pool, and reads then list the pool,
never the queue (huawei-api.md section 11 #1). So a queue is verified through its pool: ``elastic_resource_pool_name``
of ``GET /v1.0/{project_id}/queues/{queue_name}`` (SDK ``ShowQueue``), read once per queue and run. What a queue
without a pool means on the real API is not documented (UNCONFIRMED): such a queue is compared by its own name with
``available_queue_info``, the way bindings were listed before pools.
"""

from __future__ import annotations

import threading
import weakref

from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError
from ansible_collections.hwcloud.connections.plugins.module_utils.paths import build

QUEUE = "/v1.0/{project_id}/queues/{queue_name}"


class QueuePools:
    """Pool name (None: no pool) per queue name, each read at most once; safe for the list module's workers."""

    def __init__(self, client):
        self.client = client
        self._pools = {}
        self._lock = threading.Lock()

    def resolve(self, queues: list, where: str = "") -> dict:
        """``{queue: pool or None}``; a queue that cannot be read fails naming ``<where>.queues[i]`` and the queue."""
        prefix = where + "." if where else ""
        with self._lock:  # one reader at a time: a queue several connections share is read once
            for index, queue in enumerate(queues):
                if queue not in self._pools:
                    self._pools[queue] = self._read(queue, "%squeues[%d]" % (prefix, index))
            return {queue: self._pools[queue] for queue in queues}

    def _read(self, queue: str, where: str):
        try:
            response = self.client.get("dli", build(QUEUE, queue_name=queue))
        except HuaweiCloudError as error:
            raise HuaweiCloudError("%s: cannot read DLI queue %s to find its elastic resource pool: %s" % (where, queue, error.message),
                                   status=error.status, error_code=error.error_code, error_msg=error.error_msg,
                                   request_id=error.request_id, method=error.method, path=error.path) from None
        pool = (response.body or {}).get("elastic_resource_pool_name")
        if pool is not None and not isinstance(pool, str):
            raise response.malformed("elastic_resource_pool_name is not a string")
        return pool or None


_BY_CLIENT = weakref.WeakKeyDictionary()
_BY_CLIENT_LOCK = threading.Lock()


def queue_pools(client) -> QueuePools:
    """The pool cache of ``client``: one per module run, shared by every element of a list module."""
    with _BY_CLIENT_LOCK:
        if client not in _BY_CLIENT:
            _BY_CLIENT[client] = QueuePools(client)
        return _BY_CLIENT[client]
