# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DLI enhanced datasource connections: API calls (huawei-api.md section 2) and the update plan."""

from __future__ import annotations

import copy
import ipaddress
import re

from ansible_collections.hwcloud.connections.plugins.module_utils import reconcile as rc
from ansible_collections.hwcloud.connections.plugins.module_utils.dli_queues import queue_pools
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError, WaitTimeoutError
from ansible_collections.hwcloud.connections.plugins.module_utils.module import ServiceApi
from ansible_collections.hwcloud.connections.plugins.module_utils.paths import build
from ansible_collections.hwcloud.connections.plugins.module_utils.waiter import Waiter

CONNECTIONS = "/v2.0/{project_id}/datasource/enhanced-connections"
CONNECTION = CONNECTIONS + "/{connection_id}"
# Routes are added and deleted with the v3 API: the v2.0 route calls are deprecated (huawei-api.md section 11 #2).
ROUTES = "/v3/{project_id}/datasource/enhanced-connections/{connection_id}/routes"
# A GET/DELETE on an unknown or purged id (huawei-api.md section 10 #1): HTTP 400 DLI.0001 "Connection xxx is not
# exist" as Terraform quotes it, DLI.0002 "object does not exist", or a 404 (DLI.0023). DLI.0001 is also the
# generic parameter error, so it means "gone" only when the message says the connection does not exist.
GONE_CODES = ("DLI.0001", "DLI.0002")
GONE_MESSAGE = re.compile(r"\bconnection\b.*\bnot (exist|found)\b", re.IGNORECASE)
DUPLICATE = "DLI.0006"
DELETED = "DELETED"
# Option name of the bound names -> field of the connection object holding one peer per name.
PEER_FIELDS = (("queues", "available_queue_info"), ("elastic_resource_pools", "elastic_resource_pools"))
# Cannot change in place (TF ForceNew). routetable_id and tags are not returned by the API, so they are only sent.
REPLACE_ONLY = ("name", "dest_vpc_id", "dest_network_id")
NOT_RETURNED = ("routetable_id", "tags")
CREATING = "CREATING"


def is_gone(error: HuaweiCloudError) -> bool:
    """The connection does not exist: DLI's own 404 (not a gateway 404 such as a wrong endpoint), or a 400
    DLI.0001/DLI.0002 saying so. Any other DLI.0001 is a real parameter error and stays an error."""
    if error.status == 404:
        return not str(error.error_code or "").startswith("APIGW")
    return error.status == 400 and error.error_code in GONE_CODES and bool(GONE_MESSAGE.search(error.error_msg or ""))


def from_list_row(row: dict) -> dict:
    """A list row is the show body plus the list-only isPrivis: drop it rather than read the connection again."""
    return {key: value for key, value in row.items() if key != "isPrivis"}


def live(connection) -> bool:
    """Deleted connections stay readable with status DELETED; they count as absent."""
    return bool(connection) and str(connection.get("status", "")).upper() != DELETED


class DliEnhancedConnections(ServiceApi):
    """Thin calls over ``module.client`` for /v2.0/{project_id}/datasource/enhanced-connections."""

    def list(self, concurrency: int = 1, **filters) -> list:
        """Every row matching the API filters (name, status, tags), all pages (``concurrency`` of them side by side)."""
        return self.client.paginate("dli", CONNECTIONS, "connections", query=rc.prune(filters), id_key="id", concurrency=concurrency)

    def show(self, connection_id: str):
        """The show body without the is_success/message envelope; None when the id is unknown."""
        try:
            response = self.client.get("dli", build(CONNECTION, connection_id=connection_id))
        except HuaweiCloudError as error:
            if is_gone(error):
                return None
            raise
        response.field("id")
        return {key: value for key, value in response.body.items() if key not in ("is_success", "message")}

    def find(self, connection_id: str = None, name: str = None):
        """The live connection by id, else by exact name (the API's name filter is exact, huawei-api.md section 11 #4;
        the rows are checked again here, so a fuzzy filter could never pick another connection)."""
        if connection_id:
            found = self.show(connection_id)
            return found if live(found) else None
        matches = [c for c in self.list(name=name) if c.get("name") == name and live(c)]
        match = rc.pick_one(matches, "enhanced connection", name)
        return from_list_row(match) if match else None

    def create(self, body: dict) -> str:
        return self.client.request("dli", "POST", CONNECTIONS, body=body).field("connection_id")

    def delete(self, connection_id: str) -> None:
        try:
            self.client.request("dli", "DELETE", build(CONNECTION, connection_id=connection_id))
        except HuaweiCloudError as error:
            if not is_gone(error):  # already gone (a parallel run deleted it): the goal is met
                raise

    def delete_settled(self, connection: dict, timeout: float) -> None:
        """Delete once no peer is CREATING: the API refuses to delete a connection that is being created
        (huawei-api.md section 10 #2). Waits at most ``timeout`` seconds (0: fail at once)."""
        if creating_peers(connection):
            self.wait_settled(connection, timeout)
        self.delete(connection["id"])

    def wait_settled(self, connection: dict, timeout: float) -> dict:
        seen = [connection]

        def poll():
            seen.append(self.show(connection["id"]))
            return seen[-1]

        try:
            return Waiter(timeout).wait(poll, settled, "the peerings of enhanced connection %s to leave CREATING" % connection.get("name"))
        except WaitTimeoutError:
            raise WaitTimeoutError(
                "enhanced connection %s (id %s) cannot be deleted while peerings are CREATING (%s), and they still were after "
                "wait_timeout=%ss; the API refuses to delete a connection that is being created. Run again later or raise "
                "wait_timeout" % (connection.get("name"), connection["id"], ", ".join(creating_peers(seen[-1])), timeout)) from None

    def queue_pools(self, queues: list, where: str = "") -> dict:
        """``{queue: its elastic resource pool or None}``, each queue read once per run (dli_queues)."""
        return queue_pools(self.client).resolve(queues, where)

    def set_hosts(self, connection_id: str, hosts: list) -> None:
        self.client.request("dli", "PUT", build(CONNECTION, connection_id=connection_id), body={"hosts": hosts})

    def associate(self, connection_id: str, names: dict) -> None:
        """Bind ``{"queues": [...], "elastic_resource_pools": [...]}``."""
        self.client.request("dli", "POST", build(CONNECTION + "/associate-queue", connection_id=connection_id), body=names)

    def disassociate(self, connection_id: str, names: dict) -> None:
        self.client.request("dli", "POST", build(CONNECTION + "/disassociate-queue", connection_id=connection_id), body=names)

    def add_route(self, connection_id: str, route: dict) -> None:
        self.client.request("dli", "POST", build(ROUTES, connection_id=connection_id), body={"name": route["name"], "cidr": route["cidr"]})

    def delete_route(self, connection_id: str, name: str) -> None:
        self.client.request("dli", "DELETE", build(ROUTES + "/{route_name}", connection_id=connection_id, route_name=name))


# -- plan (pure) ------------------------------------------------------------------------------------


def bound(connection: dict, option: str) -> list:
    """Names bound to the connection for ``queues`` or ``elastic_resource_pools``."""
    field = dict(PEER_FIELDS)[option]
    return [peer.get("name") for peer in (connection or {}).get(field) or []]


def _same_cidr(left: str, right: str) -> bool:
    try:
        return ipaddress.ip_network(left, strict=False) == ipaddress.ip_network(right, strict=False)
    except ValueError:
        return left == right


def replace_only_changes(current: dict, desired: dict) -> list:
    """Replace-only fields the user set that differ from the connection."""
    return rc.differences({key: desired[key] for key in REPLACE_ONLY if key in desired}, current)


def _peer_changes(current: dict, desired: dict, purge: dict, pools: dict) -> dict:
    """``associate``/``disassociate`` (``{option: [names]}``) for the queues and pools the user set.

    A queue is bound when its pool (``pools[queue]``) is bound, or, for a queue without a pool, when its own name is
    listed (huawei-api.md section 11 #1). A missing queue is associated by its name (the API attaches its pool) unless
    its pool is associated by name anyway. A purge unbinds only what no listed queue and no listed pool needs.
    """
    have_pools, have_queues = bound(current, "elastic_resource_pools"), bound(current, "queues")
    queues, direct = desired.get("queues"), desired.get("elastic_resource_pools")
    queue_pool = {queue: pools.get(queue) for queue in queues or []}
    missing_pools = [pool for pool in direct or [] if pool not in have_pools]
    missing_queues = [queue for queue, pool in queue_pool.items()
                      if (pool not in have_pools and pool not in missing_pools if pool else queue not in have_queues)]
    needed = set(direct or []) | {pool for pool in queue_pool.values() if pool}
    extra_pools, extra_queues = [], []
    if (purge.get("queues") and queues is not None) or (purge.get("elastic_resource_pools") and direct is not None):
        extra_pools = [pool for pool in have_pools if pool not in needed]
    if purge.get("queues") and queues is not None:
        extra_queues = [queue for queue in have_queues if queue not in queue_pool]
    changes = {}
    for key, names in (("associate", {"queues": missing_queues, "elastic_resource_pools": missing_pools}),
                       ("disassociate", {"queues": extra_queues, "elastic_resource_pools": extra_pools})):
        names = {option: value for option, value in names.items() if value}
        if names:
            changes[key] = names
    return changes


def plan_changes(current: dict, desired: dict, purge: dict, pools: dict = None) -> dict:
    """What must change in place: only keys with work are present.

    ``hosts`` (the full list to PUT), ``associate``/``disassociate`` (``{option: [names]}``),
    ``delete_routes`` (names) and ``add_routes`` (route dicts). ``purge`` maps ``queues``,
    ``elastic_resource_pools`` and ``routes`` to whether unlisted items are removed; ``pools`` maps each queue of
    ``desired`` to its elastic resource pool (None or absent: a queue without a pool).
    """
    changes = {}
    if "hosts" in desired and rc.differences({"hosts": desired["hosts"]}, current, set_paths={"hosts"}):
        changes["hosts"] = desired["hosts"]
    changes.update(_peer_changes(current, desired, purge, pools or {}))
    if "routes" in desired:
        have = {route.get("name"): route for route in current.get("routes") or []}
        wanted = {route["name"]: route for route in desired["routes"]}
        stale = [name for name, route in have.items() if name in wanted and not _same_cidr(route.get("cidr"), wanted[name]["cidr"])]
        extra = [name for name in have if name not in wanted] if purge.get("routes") else []
        add = [route for name, route in wanted.items() if name not in have or name in stale]
        if stale or extra:
            changes["delete_routes"] = stale + extra
        if add:
            changes["add_routes"] = add
    return changes


def _peer(name: str) -> dict:
    return {"name": name, "status": "CREATING"}


def predict(current, desired: dict, changes: dict = None, pools: dict = None) -> dict:
    """The connection as the API will show it after the changes (a new one when ``current`` is None): an associated
    queue shows as its pool (``pools``), a queue without a pool as itself."""
    pools = pools or {}
    if current is None:
        current = {"name": desired["name"], "status": "ACTIVE", "dest_vpc_id": desired["dest_vpc_id"],
                   "dest_network_id": desired["dest_network_id"], "hosts": [], "routes": [],
                   "available_queue_info": [], "elastic_resource_pools": []}
        changes = plan_changes(current, desired, {}, pools)
    after = copy.deepcopy(current)
    if "hosts" in changes:
        after["hosts"] = copy.deepcopy(changes["hosts"])
    associate = changes.get("associate", {})
    added = {"queues": [queue for queue in associate.get("queues", []) if not pools.get(queue)],
             "elastic_resource_pools": associate.get("elastic_resource_pools", []) + [
                 pools[queue] for queue in associate.get("queues", []) if pools.get(queue)]}
    for option, field in PEER_FIELDS:
        removed = changes.get("disassociate", {}).get(option, [])
        peers = [peer for peer in after.get(field) or [] if peer.get("name") not in removed]
        after[field] = peers + [_peer(name) for name in dict.fromkeys(added[option]) if name not in bound({field: peers}, option)]
    removed_routes = changes.get("delete_routes", [])
    after["routes"] = [route for route in after.get("routes") or [] if route.get("name") not in removed_routes]
    after["routes"] += [dict(route) for route in changes.get("add_routes", [])]
    return after


def creating_peers(connection) -> list:
    """Names of the queues and pools whose peering is still CREATING."""
    return [peer.get("name") for field in dict(PEER_FIELDS).values() for peer in (connection or {}).get(field) or []
            if peer.get("status") == CREATING]


def settled(connection):
    """Waiter status before a delete: True once no peering is CREATING (or the connection is gone), else None."""
    return None if live(connection) and creating_peers(connection) else True


def peer_status(connection: dict):
    """Waiter status: True when every bound queue/pool peer is ACTIVE, the failure text of a FAILED one, else None."""
    peers = [peer for field in dict(PEER_FIELDS).values() for peer in (connection or {}).get(field) or []]
    failed = [peer for peer in peers if peer.get("status") == "FAILED"]
    if failed:
        return "; ".join("peer of %s is FAILED: %s" % (peer.get("name"), peer.get("err_msg") or "no error message") for peer in failed)
    return True if all(peer.get("status") == "ACTIVE" for peer in peers) else None
