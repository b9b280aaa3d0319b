# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DLI enhanced datasource connections: CRUD, hosts, queue/pool binding, routes, per-pool peer status.

Binding a queue attaches the queue's elastic resource pool (dli_queues): the peer, and what reads list, is the
pool's (huawei-api.md section 11 #1); only an old-style queue outside any pool gets a peer of its own in
``available_queue_info``."""

from __future__ import annotations

import copy
import ipaddress
import logging
import re
import uuid
from typing import Any, Callable

from . import clock
from .config import delay_seconds
from .dli_queues import ROUTES as QUEUE_ROUTES, find_queue
from .errors import ApiError, service_error
from .messages import Request, Response
from .index import ordered_page
from .router import Route

LOG = logging.getLogger("hwcloud_emulator")
NAME_PATTERN = re.compile(r"^[A-Za-z0-9_]{1,64}$")
HOST_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{0,127}$")
PEER_KINDS = (("queues", "available_queue_info"), ("elastic_resource_pools", "elastic_resource_pools"))
BASE = "/{version}/{project_id}/datasource/enhanced-connections"


def _invalid(msg: str) -> ApiError:
    return service_error("dli", 400, "DLI.0001", msg)


# How a gone connection (unknown id, or deleted) is answered, config dli.gone_answer: the sources disagree
# (huawei-api.md section 11 #3), so the emulator answers each way a client must take as "gone".
GONE_ANSWERS = {
    "DLI.0001": (400, "DLI.0001", "Connection %s is not exist"),  # the wording TF quotes (section 10 #1)
    "DLI.0002": (400, "DLI.0002", "Enhanced connection %s does not exist."),
    "404": (404, "DLI.0023", "Enhanced connection %s not found."),
}


def _not_found(app: Any, connection_id: str) -> ApiError:
    """An unknown or deleted connection id, answered as dli.gone_answer says (default 400 DLI.0001)."""
    status, code, text = GONE_ANSWERS.get(str((app.config.get("dli") or {}).get("gone_answer") or "DLI.0001"),
                                          GONE_ANSWERS["DLI.0001"])
    return service_error("dli", status, code, text % connection_id)


def _deleted_rows_shown(app: Any) -> bool:
    """dli.deleted_rows: shown (default) = show answers a deleted connection with status DELETED, as TF reads it;
    gone = like an unknown id."""
    return (app.config.get("dli") or {}).get("deleted_rows", "shown") != "gone"


def _ok(message: str = "", **extra: Any) -> dict[str, Any]:
    return dict({"is_success": True, "message": message}, **extra)


def _names(body: dict[str, Any], key: str) -> list[str]:
    value = body.get(key) or []
    if not isinstance(value, list) or not all(isinstance(name, str) and name for name in value):
        raise _invalid("Invalid parameter %s: a list of names is required." % key)
    return list(dict.fromkeys(value))


def _hosts(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, list) or len(value) > 20000:
        raise _invalid("Invalid parameter hosts: a list of at most 20000 {name, ip} objects is required.")
    for host in value:
        if not isinstance(host, dict) or not HOST_PATTERN.match(str(host.get("name", ""))):
            raise _invalid("Invalid parameter hosts: each name has at most 128 letters, digits, _, - or . "
                           "and starts with a letter.")
        try:
            ipaddress.IPv4Address(str(host.get("ip", "")))
        except ValueError:
            raise _invalid("Invalid parameter hosts: %s is not an IPv4 address." % host.get("ip")) from None
    return [{"name": host["name"], "ip": host["ip"]} for host in value]


TAG_CHARACTERS = re.compile(r"^[\w .:=+\-@]+$")  # letters of any language, digits, spaces, _ . : = + - @


def _tag_problem(text: Any, what: str, longest: int) -> str | None:
    """DOC dli_02_0187 / Go SDK Tag (huawei-api.md section 11 #5): 1..longest characters of the allowed set, no
    leading or trailing space; a key must not start with _sys_."""
    if not isinstance(text, str) or not 1 <= len(text) <= longest:
        return "must have 1 to %d characters" % longest
    if text != text.strip(" "):
        return "must not start or end with a space"
    if not TAG_CHARACTERS.match(text):
        return "may contain only letters, digits, spaces and _ . : = + - @"
    if what == "key" and text.lower().startswith("_sys_"):
        return "must not start with _sys_ (reserved by the system)"
    return None


def _tags(value: Any) -> list[dict[str, str]]:
    """Tag keys 1-128 and values 1-255 characters of the documented set; keys unique."""
    if not isinstance(value, list):
        raise _invalid("Invalid parameter tags: a list of {key, value} objects is required.")
    for index, tag in enumerate(value):
        if not isinstance(tag, dict):
            raise _invalid("Invalid parameter tags[%d]: a {key, value} object is required." % index)
        for what, longest in (("key", 128), ("value", 255)):
            problem = _tag_problem(tag.get(what), what, longest)
            if problem:
                raise _invalid("Invalid parameter tags[%d].%s: the tag %s %s." % (index, what, what, problem))
    if len({tag["key"] for tag in value}) != len(value):
        raise _invalid("Invalid parameter tags: duplicate tag keys.")
    return [{"key": tag["key"], "value": tag["value"]} for tag in value]


def _new_peer(app: Any, name: str, queue: str | None = None) -> dict[str, Any]:
    """A peering that turns ACTIVE after dli_peer_active, or FAILED when its pool (or queue) name, or the queue that
    attached the pool, is in ``dli.failing_queues``."""
    created = clock.now()
    failing = (app.config.get("dli") or {}).get("failing_queues", [])
    return {"peer_id": str(uuid.uuid4()), "name": name, "status": "CREATING", "err_msg": "",
            "update_time": clock.epoch_ms(created), "ready_at": created + delay_seconds(app.config, "dli_peer_active"),
            "will_fail": name in failing or queue in failing, "via_queue": queue if queue != name else None}


def _targets(app: Any, wanted: dict[str, list[str]]) -> list[tuple[str, str, str | None]]:
    """(field, peer name, queue that asked for it) per name of a bind/unbind body: a queue stands for its pool;
    an old-style queue outside any pool for itself. An unknown queue is a 400 (dli_queues)."""
    targets = []
    for queue_name in wanted.get("queues") or []:
        queue = find_queue(app, queue_name)
        if queue.pool is None:
            targets.append(("available_queue_info", queue.name, queue.name))
        else:
            targets.append(("elastic_resource_pools", queue.pool, queue.name))
    targets += [("elastic_resource_pools", pool, None) for pool in wanted.get("elastic_resource_pools") or []]
    return targets


def _refresh(connection: dict[str, Any], hold: bool = False) -> bool:
    """Apply due peer transitions (none while ``dli.hold_peers`` is set); True when something changed."""
    current, changed = clock.now(), False
    for _kind, field in PEER_KINDS:
        for peer in connection[field].values():
            if peer["status"] == "CREATING" and current >= peer["ready_at"] and not hold:
                peer["status"] = "FAILED" if peer["will_fail"] else "ACTIVE"
                if peer["will_fail"]:
                    via = " (bound through queue %s)" % peer["via_queue"] if peer.get("via_queue") else ""
                    peer["err_msg"] = ("Failed to create the peering connection for %s%s: the destination subnet "
                                       "is not reachable (simulated)." % (peer["name"], via))
                peer["update_time"] = clock.epoch_ms(peer["ready_at"])
                changed = True
    return changed


def refresh_all(app: Any) -> None:
    """Apply due peer transitions to the connections with a CREATING peer (the pending index, not every row); persist
    only when something changed (caller holds the lock)."""
    if (app.config.get("dli") or {}).get("hold_peers"):
        return
    rows, pending = app.store.data["dli_connections"], app.store.indexes["dli_connections"].pending
    changed = False
    for connection_id in list(pending):
        connection = rows[connection_id]
        changed = _refresh(connection) or changed
        if not any(peer["status"] == "CREATING" for _kind, field in PEER_KINDS for peer in connection[field].values()):
            del pending[connection_id]
    if changed:
        app.store.save()


def _track_peers(app: Any, connection: dict[str, Any]) -> None:
    """Peers were added: reads refresh this connection until none is CREATING."""
    if any(connection[field] for _kind, field in PEER_KINDS):
        app.store.indexes["dli_connections"].pending[connection["id"]] = None


def view(connection: dict[str, Any], listing: bool) -> dict[str, Any]:
    """The connection as list/show return it (no internal fields)."""
    view = {key: copy.deepcopy(connection[key]) for key in ("id", "name", "status", "dest_vpc_id", "dest_network_id",
                                                            "create_time", "hosts", "routes", "ipv6_enable")}
    for _kind, field in PEER_KINDS:
        view[field] = [{key: peer[key] for key in ("peer_id", "status", "name", "err_msg", "update_time")}
                       for peer in connection[field].values()]
    if listing:
        view["isPrivis"] = True
    return view


def _live(app: Any, req: Request) -> dict[str, Any]:
    """The connection of the path (not DELETED), else the gone answer (400 DLI.0001 "is not exist" by default)."""
    connection = app.store.data["dli_connections"].get(req.params["connection_id"])
    if connection is None or connection["project_id"] != req.project_id or connection["status"] == "DELETED":
        raise _not_found(app, req.params["connection_id"])
    return connection


def create_connection(app: Any, req: Request) -> Response:
    """POST …/enhanced-connections → 201 {is_success, message, connection_id}."""
    body = req.json()
    name = body.get("name")
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise _invalid("Invalid parameter name: 1 to 64 letters, digits or underscores.")
    for key in ("dest_vpc_id", "dest_network_id"):
        if not body.get(key):
            raise _invalid("Invalid parameter %s: it is required." % key)
    queues, pools = _names(body, "queues"), _names(body, "elastic_resource_pools")
    hosts = _hosts(body.get("hosts") or [])
    tags = _tags(body.get("tags") or [])
    targets = _targets(app, {"queues": queues, "elastic_resource_pools": pools})
    with app.store.lock:
        connections, index = app.store.data["dli_connections"], app.store.indexes["dli_connections"]
        if any(connections[c_id]["status"] != "DELETED" for c_id in index.named(req.project_id, name)):
            raise service_error("dli", 400, "DLI.0006", "Enhanced connection %s already exists." % name)
        connection = {
            "id": str(uuid.uuid4()), "name": name, "status": "ACTIVE", "project_id": req.project_id,
            "dest_vpc_id": body["dest_vpc_id"], "dest_network_id": body["dest_network_id"],
            "routetable_id": body.get("routetable_id"), "create_time": clock.epoch_ms(clock.now()),
            "hosts": hosts, "routes": [], "tags": tags, "ipv6_enable": False,
            "available_queue_info": {}, "elastic_resource_pools": {},
        }
        for field, name, queue in targets:
            connection[field].setdefault(name, _new_peer(app, name, queue))
        connections[connection["id"]] = connection
        index.add(connection, connection["id"])
        _track_peers(app, connection)
        app.store.save()
    message = "Create peer connection for queues:{%s}" % ",".join(queues + pools)
    return Response(201, _ok(message, connection_id=connection["id"]))


def _tags_match(connection: dict[str, Any], wanted: str) -> bool:
    tags = {tag.get("key"): tag.get("value") for tag in connection["tags"]}
    for pair in wanted.split(","):
        key, _sep, value = pair.partition("=")
        if key and tags.get(key) != value:
            return False
    return True


def list_connections(app: Any, req: Request) -> Response:
    """GET …/enhanced-connections: exact name, status (case-insensitive), tags; limit 0 = all.
    DELETED rows are listed unless a status filter excludes them."""
    offset, limit = req.int_arg("offset", 0), req.int_arg("limit", 100)
    if offset < 0 or limit < 0:
        raise _invalid("Invalid parameter offset/limit.")
    name, status, tags = req.arg("name"), (req.arg("status") or "").upper(), req.arg("tags")
    with app.store.lock:
        refresh_all(app)
        rows, index = app.store.data["dli_connections"], app.store.indexes["dli_connections"]
        if not (name or status or tags):
            chosen = [rows[c_id] for c_id in ordered_page(index.ids(req.project_id), rows.get, False, offset, limit)]
        else:
            candidates = ([rows[c_id] for c_id in index.named(req.project_id, name)] if name else
                          [c for c in rows.values() if c["project_id"] == req.project_id])
            found = [c for c in candidates if (not status or c["status"] == status) and (not tags or _tags_match(c, tags))]
            chosen = found[offset:] if limit <= 0 else found[offset:offset + limit]
        views = [view(c, listing=True) for c in chosen]
    return Response(200, _ok("", count=len(views), connections=views))


def show_connection(app: Any, req: Request) -> Response:
    """GET …/enhanced-connections/{id}: flat object plus is_success/message; DELETED rows stay readable unless
    dli.deleted_rows is gone."""
    with app.store.lock:
        refresh_all(app)
        connection = app.store.data["dli_connections"].get(req.params["connection_id"])
        if (connection is None or connection["project_id"] != req.project_id
                or (connection["status"] == "DELETED" and not _deleted_rows_shown(app))):
            raise _not_found(app, req.params["connection_id"])
        return Response(200, _ok("", **view(connection, listing=False)))


def delete_connection(app: Any, req: Request) -> Response:
    """DELETE …/{id}: the row stays with status DELETED and no bound queues. A connection with a peer still
    CREATING cannot be deleted (dli_02_0188: "The connection that is being created cannot be deleted.")."""
    with app.store.lock:
        refresh_all(app)
        connection = _live(app, req)
        creating = [peer["name"] for _kind, field in PEER_KINDS for peer in connection[field].values()
                    if peer["status"] == "CREATING"]
        if creating:
            raise _invalid("The connection that is being created cannot be deleted: enhanced connection %s has "
                           "peer connections in CREATING (%s)." % (connection["id"], ",".join(creating)))
        connection["status"] = "DELETED"
        for _kind, field in PEER_KINDS:
            connection[field] = {}
        app.store.save()
    return Response(200, _ok("Deleted"))


def update_hosts(app: Any, req: Request) -> Response:
    """PUT …/{id} {"hosts": [...]}: full overwrite, [] clears."""
    body = req.json()
    if "hosts" not in body:
        raise _invalid("Invalid parameter hosts: it is required.")
    hosts = _hosts(body["hosts"])
    with app.store.lock:
        _live(app, req)["hosts"] = hosts
        app.store.save()
    return Response(200, _ok(""))


def associate(app: Any, req: Request) -> Response:
    """POST …/{id}/associate-queue: new names get a CREATING peer, bound names are left alone."""
    body = req.json()
    wanted = {key: _names(body, key) for key, _field in PEER_KINDS}
    if not any(wanted.values()):
        raise _invalid("Invalid parameter: queues or elastic_resource_pools is required.")
    targets = _targets(app, wanted)
    with app.store.lock:
        connection = _live(app, req)
        for field, name, queue in targets:
            connection[field].setdefault(name, _new_peer(app, name, queue))
        _track_peers(app, connection)
        app.store.save()
    names = ",".join(wanted["queues"] + wanted["elastic_resource_pools"])
    return Response(200, _ok("associated peer connection for queues: {%s}." % names))


def disassociate(app: Any, req: Request) -> Response:
    """POST …/{id}/disassociate-queue: every name must currently be bound (a queue through its pool)."""
    body = req.json()
    wanted = {key: _names(body, key) for key, _field in PEER_KINDS}
    if not any(wanted.values()):
        raise _invalid("Invalid parameter: queues or elastic_resource_pools is required.")
    targets = _targets(app, wanted)
    with app.store.lock:
        connection = _live(app, req)
        unbound = [queue or name for field, name, queue in targets if name not in connection[field]]
        if unbound:
            raise _invalid("%s not associated with enhanced connection %s." % (",".join(unbound), connection["id"]))
        for field, name, _queue in targets:
            connection[field].pop(name, None)
        app.store.save()
    names = ",".join(wanted["queues"] + wanted["elastic_resource_pools"])
    return Response(200, _ok("Disassociated peer connection for queues:{%s}." % names))


def add_route(app: Any, req: Request) -> Response:
    """POST …/{id}/routes {"name", "cidr"}; duplicate route names are DLI.0006."""
    body = req.json()
    name, cidr = body.get("name"), body.get("cidr")
    if not isinstance(name, str) or not 1 <= len(name) <= 64:
        raise _invalid("Invalid parameter name: 1 to 64 characters.")
    try:
        ipaddress.ip_network(str(cidr), strict=False)
    except ValueError:
        raise _invalid("Invalid parameter cidr: %s is not a CIDR." % cidr) from None
    with app.store.lock:
        connection = _live(app, req)
        if any(route["name"] == name for route in connection["routes"]):
            raise service_error("dli", 400, "DLI.0006", "Route %s already exists." % name)
        connection["routes"].append({"name": name, "cidr": cidr, "create_time": clock.epoch_ms(clock.now())})
        app.store.save()
    return Response(200, _ok(""))


def delete_route(app: Any, req: Request) -> Response:
    """DELETE …/{id}/routes/{name}."""
    with app.store.lock:
        connection = _live(app, req)
        kept = [route for route in connection["routes"] if route["name"] != req.params["name"]]
        if len(kept) == len(connection["routes"]):
            raise service_error("dli", 404, "DLI.0023", "Route %s does not exist." % req.params["name"])
        connection["routes"] = kept
        app.store.save()
    return Response(200, _ok("Deleted"))


def _deprecated(handler: Callable[[Any, Request], Response], template: str) -> Callable[[Any, Request], Response]:
    """The v2.0 route calls are deprecated in favour of their /v3/ twins (huawei-api.md section 11 #2): they still
    work, answer with ``Deprecation: true`` (errors too) and log a warning naming the v3 route."""
    successor = template.replace("/v2.0/", "/v3/", 1)

    def deprecated(app: Any, req: Request) -> Response:
        LOG.warning("deprecated API called: %s %s; use %s %s", req.method, template, req.method, successor)
        try:
            response = handler(app, req)
        except ApiError as error:
            error.headers.update(DEPRECATION)
            raise
        response.headers.update(DEPRECATION)
        return response
    return deprecated


DEPRECATION = {"Deprecation": "true"}


def _success_envelope(handler: Callable[[Any, Request], Response]) -> Callable[[Any, Request], Response]:
    """dli.is_success: omitted answers every 2xx without ``is_success`` (``message`` stays): Terraform takes such a
    body as a success and only an explicit false as a failure (huawei-api.md section 11 #16), so a client must too."""

    def enveloped(app: Any, req: Request) -> Response:
        response = handler(app, req)
        if (app.config.get("dli") or {}).get("is_success", "sent") == "omitted" and isinstance(response.body, dict):
            response.body.pop("is_success", None)
        return response
    return enveloped


def _routes() -> list[Route]:
    v2 = BASE.replace("{version}", "v2.0")
    routes = [
        Route("POST", v2, "dli", create_connection),
        Route("GET", v2, "dli", list_connections),
        Route("GET", v2 + "/{connection_id}", "dli", show_connection),
        Route("DELETE", v2 + "/{connection_id}", "dli", delete_connection),
        Route("PUT", v2 + "/{connection_id}", "dli", update_hosts),
        Route("POST", v2 + "/{connection_id}/associate-queue", "dli", associate),
        Route("POST", v2 + "/{connection_id}/disassociate-queue", "dli", disassociate),
    ]
    for version in ("v2.0", "v3"):
        base = BASE.replace("{version}", version)
        for method, template, handler in (("POST", base + "/{connection_id}/routes", add_route),
                                          ("DELETE", base + "/{connection_id}/routes/{name}", delete_route)):
            routes.append(Route(method, template, "dli", _deprecated(handler, template) if version == "v2.0" else handler))
    return [Route(route.method, route.template, route.service, _success_envelope(route.handler))
            for route in routes + QUEUE_ROUTES]


ROUTES = _routes()
