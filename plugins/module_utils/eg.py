# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""EG (EventGrid) target connection calls (huawei-api.md section 3) and the update plan of eg_connection."""

from __future__ import annotations

import collections
import itertools
import os
import re
import threading

from ansible_collections.hwcloud.connections.plugins.module_utils import reconcile as rc
from ansible_collections.hwcloud.connections.plugins.module_utils.concurrency import map_bounded
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError
from ansible_collections.hwcloud.connections.plugins.module_utils.module import ServiceApi, ValidationFailed
from ansible_collections.hwcloud.connections.plugins.module_utils.paths import build, id_problem
from ansible_collections.hwcloud.connections.plugins.module_utils.waiter import Waiter

CONNECTIONS = "/v1/{project_id}/connections"
CONNECTION = CONNECTIONS + "/{connection_id}"
# The Kafka password is a secret: masked in diffs, removed from results, never compared.
SECRET_PATHS = ("kafka_detail.password",)
# What a PUT can change (huawei-api.md 3.5); every other difference needs delete + create.
UPDATABLE = ("description", "kafka_detail.user_name", "kafka_detail.password")
SORT_PATTERN = re.compile(r"[a-z_]+:(ASC|DESC)", re.IGNORECASE)
DUPLICATE_NAME = "EG.00513001"
POLL_INTERVAL = 1.0


# ListConnections takes offset 0-100 and limit 1-1000 (huawei-api.md section 11 #14, correcting section 10 #10); one
# doc variant caps a page at 100 items whatever the limit (UNCONFIRMED), so a page shorter than the limit never ends
# a listing: only ``total`` (or an empty page, an error when total says more) does.
PAGE_SIZE = 1000
MAX_OFFSET = 100
DEFAULT_SORT = "created_time:DESC"
# Every character a connection name may contain: any name contains at least one, so these fuzzy_name
# filters together cover every connection.
NAME_CHARACTERS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ._-"
MAX_LIST_CALLS = 300


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
    """``current`` as the desired state is written: ``type`` upper-cased (the API's case for it is not guaranteed, the
    module sends upper case), a missing description empty (``""`` clears it, huawei-api.md section 11 #10), and a
    Kafka detail without ``enable_sasl_ssl`` with the documented default false (section 11 #13)."""
    current = dict(current, description=current.get("description") or "")
    if isinstance(current.get("type"), str):
        current["type"] = current["type"].upper()
    detail = current.get("kafka_detail")
    if isinstance(detail, dict) and detail and detail.get("enable_sasl_ssl") is None:
        current["kafka_detail"] = dict(detail, enable_sasl_ssl=False)
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

    def list(self, concurrency: int = 1, **filters) -> list:
        """Every connection matching the API filters, without offsets past 100 (see :class:`ConnectionLister`);
        ``concurrency`` partitions are listed side by side."""
        return list_all(lambda query: self.client.get("eg", CONNECTIONS, query).body, rc.prune(filters), "GET " + CONNECTIONS,
                        concurrency=concurrency)

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
        """By id, else with the exact ``name`` filter (one call; filtered again here to be sure)."""
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


# -- listing without offsets past MAX_OFFSET ---------------------------------------------------------


def _opposite(sort: str) -> str:
    field, _sep, direction = sort.partition(":")
    return "%s:%s" % (field, "ASC" if direction.upper() == "DESC" else "DESC")


def sort_connections(items: list, sort: str) -> list:
    """Client-side order for results gathered from several queries (stable; missing fields sort first)."""
    field, _sep, direction = sort.partition(":")
    return sorted(items, key=lambda item: str(item.get(field) or ""), reverse=direction.upper() == "DESC")


class ConnectionLister:
    """Lists every connection matching a query with ``limit`` <= 1000 and ``offset`` <= 100 only.

    One sort direction reaches the first matches (offset 0, then offset 100 when a page held at most 100: 200 with
    pages capped at 100 items, 1,000 or more without); the opposite direction of the same query the last ones, so twice
    that is read that way when ``total`` says so. Beyond that, or when the two
    directions do not add up (ties in the sort key), the query is split into ``fuzzy_name`` partitions: a name
    containing ``s`` also contains ``s`` extended by one character to the right or to the left, or is ``s``
    itself, so those queries together cover ``s``. A partition still too large is split again; each stops as
    soon as it holds as many distinct ids as its ``total``. Bounded by ``max_calls``; anything that does not add
    up to the reported totals is an error, never a silently short list.

    With ``concurrency`` > 1 the children of a partition whose names hold its substring once (a fleet's shared prefix)
    are listed in waves of ``concurrency`` side by side (at most ``concurrency`` calls in flight, the budget counts
    every call); other partitions, and everything with ``concurrency`` 1, one child after the other.
    """

    def __init__(self, fetch, what: str, max_calls: int = MAX_LIST_CALLS, concurrency: int = 1):
        self.fetch = fetch  # query dict -> decoded body
        self.what = what
        self.max_calls = max_calls
        self.concurrency = max(1, int(concurrency))
        self.calls = 0
        self.done = {}  # (name, fuzzy_name) -> {id: connection}: partitions overlap, each is read once
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(self.concurrency)

    def _error(self, text: str) -> HuaweiCloudError:
        return HuaweiCloudError("%s: %s" % (self.what, text))

    def page(self, query: dict, offset: int) -> tuple:
        """(total, items) of one call; a body that is not ``{total: int, items: [{id, ...}]}`` is an error."""
        with self._lock:
            if self.calls >= self.max_calls:
                raise self._error("listing needs more than %d calls (the API pages only up to offset %d, so large listings are "
                                  "split by name); narrow it with name, fuzzy_name or instance_id" % (self.max_calls, MAX_OFFSET))
            self.calls += 1
        with self._slots:
            body = self.fetch(dict(query, offset=offset, limit=PAGE_SIZE))
        total = body.get("total") if isinstance(body, dict) else None
        items = body.get("items") if isinstance(body, dict) else None
        if (not isinstance(total, int) or isinstance(total, bool) or total < 0 or not isinstance(items, list)
                or not all(isinstance(item, dict) and not id_problem(item.get("id")) for item in items)):
            raise self._error("unexpected response body: expected {total, items: [{id, ...}]} with valid ids")
        return total, items

    def window(self, query: dict) -> tuple:
        """(total, items) reachable in the order of ``query['sort']`` without passing MAX_OFFSET."""
        total, items = self.page(query, 0)
        while len(items) < total and len(items) <= MAX_OFFSET:
            if not items:
                raise self._not_converged(0, total)
            page_total, page = self.page(query, len(items))
            if page_total != total:
                raise self._error("the number of connections changed while listing (%d, then %d); run again" % (total, page_total))
            if not page:
                raise self._not_converged(len(items), total)  # the API says there are more, but returns none
            seen = {item["id"] for item in items}
            if all(item["id"] in seen for item in page):
                raise self._error("the page at offset %d repeats connections already listed (does the API ignore offset?)"
                                  % len(items))
            items.extend(page)
        return total, items

    def cover(self, query: dict) -> tuple:
        """({id: connection} of every match, whether the dict is in the API's order)."""
        total, first = self.window(query)
        found = {item["id"]: item for item in first}
        if len(found) >= total:
            return self._checked(found, total), True
        if first and total <= 2 * len(first):
            _total, last = self.window(dict(query, sort=_opposite(query["sort"])))
            tail = [item for item in reversed(last) if item["id"] not in found]
            found.update((item["id"], item) for item in tail)
            if len(found) >= total:
                return self._checked(found, total), True
        return self._checked(self.partition(query, total, found), total), False

    def partition(self, query: dict, total: int, found: dict) -> dict:
        root = query.get("fuzzy_name", "")
        names = [item.get("name") for item in found.values() if isinstance(item.get("name"), str) and root in item["name"]]
        longer = self.equivalent(query, root, total, names, found)
        if longer != root:  # the same connections, matched by a longer substring: split that one instead
            return self.partition(dict(query, fuzzy_name=longer), total, found)
        children = self.children(root, names)
        # Side by side only where the children hardly overlap: every name read holds ``root`` once, so a connection is in
        # one right extension (fleets with a shared prefix); short or repeated roots are walked one child at a time.
        wave = self.concurrency if root and all(name.count(root) == 1 for name in names) else 1
        while len(found) < total:
            batch = list(itertools.islice(children, wave))
            if not batch:
                break
            for covered in map_bounded(lambda child: self._child(query, root, child), batch, wave):
                found.update(covered)
        return found

    def _child(self, query: dict, root: str, child) -> dict:
        """{id: connection} of one child partition of ``root`` (a longer ``fuzzy_name``, or None: ``root`` as exact name)."""
        child_query = dict(query, fuzzy_name=child) if child is not None else dict(
            {k: v for k, v in query.items() if k != "fuzzy_name"}, name=root)
        key = (child_query.get("name"), child_query.get("fuzzy_name", ""))
        with self._lock:
            covered = self.done.get(key)
        if covered is None:
            covered = self.cover(child_query)[0]
            with self._lock:
                self.done[key] = covered
        return covered

    def equivalent(self, query: dict, root: str, total: int, names: list, found: dict) -> str:
        """The longest extension of ``root`` that every match still contains, so the same connections.

        Fleets share long prefixes (``team-a-kafka-0001``...): splitting one character at a time would take a call per
        character. The names read so far suggest an extension; a binary search over its length keeps the longest one
        whose ``total`` is still ``total`` (a longer substring matches a subset, so an equal count is the same set).
        """
        if len(names) < 2:
            return root
        positions = [name.find(root) for name in names]
        right = os.path.commonprefix([name[at + len(root):] for name, at in zip(names, positions)])
        left = os.path.commonprefix([name[:at][::-1] for name, at in zip(names, positions)])[::-1]
        root = self._longest(query, total, found, lambda size: root + right[:size], len(right))
        return self._longest(query, total, found, lambda size: left[len(left) - size:] + root, len(left))

    def _longest(self, query: dict, total: int, found: dict, extend, longest: int) -> str:
        low, high = 0, longest
        while low < high:
            size = (low + high + 1) // 2
            size_total, items = self.page(dict(query, fuzzy_name=extend(size)), 0)
            found.update((item["id"], item) for item in items)  # all of them match the partition too
            if size_total == total:
                low = size
            else:
                high = size - 1
        return extend(low)

    @staticmethod
    def children(root: str, names=()):
        """Queries covering the names that contain ``root``: right extensions, left extensions and ``root`` itself
        as an exact name (None). The characters seen next to ``root`` in ``names`` come first, most frequent first, then
        the exact name (numbered fleets without leading zeros have one in every partition: ``kafka-1`` next to
        ``kafka-10``...), then every other character; the walk stops as soon as the partition is complete."""
        after = collections.Counter(name[name.find(root) + len(root)] for name in names if not name.endswith(root))
        before = collections.Counter(name[name.find(root) - 1] for name in names if root and not name.startswith(root))
        for char, _count in after.most_common():
            yield root + char
        if root:
            for char, _count in before.most_common():
                yield char + root
            yield None
        for char in NAME_CHARACTERS:
            if char not in after:
                yield root + char
        if root:
            for char in NAME_CHARACTERS:
                if char not in before:
                    yield char + root

    def _not_converged(self, read: int, total: int) -> HuaweiCloudError:
        return self._error("listing did not converge: %d distinct connections read, the API reports %d; they may be changing, "
                           "run again" % (read, total))

    def _checked(self, found: dict, total: int) -> dict:
        if len(found) != total:
            raise self._not_converged(len(found), total)
        return found


def list_all(fetch, filters: dict, what: str, max_calls: int = MAX_LIST_CALLS, concurrency: int = 1) -> list:
    """Every connection matching ``filters`` (name, fuzzy_name, instance_id, sort), in the order of ``sort``."""
    sort = filters.get("sort") or DEFAULT_SORT
    found, ordered = ConnectionLister(fetch, what, max_calls, concurrency).cover(dict(filters, sort=sort))
    items = list(found.values())
    return items if ordered else sort_connections(items, sort)
