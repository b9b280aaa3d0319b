# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""dli_enhanced_connection: the pure plan, and the resource through reconcile with an in-memory DLI API."""

from __future__ import annotations

import copy

import pytest

from ansible_collections.hwcloud.connections.plugins.module_utils import dli
from ansible_collections.hwcloud.connections.plugins.module_utils import reconcile as rc
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError, WaitTimeoutError
from ansible_collections.hwcloud.connections.plugins.module_utils.module import ValidationFailed
from ansible_collections.hwcloud.connections.plugins.module_utils.dli_enhanced_connection import DliEnhancedConnection
from ansible_collections.hwcloud.connections.plugins.modules.dli_enhanced_connection import ARGUMENT_SPEC
from ansible_collections.hwcloud.connections.tests.unit.plugins.modules.fake_module import FakeModule

H1 = {"name": "db-1", "ip": "10.0.0.1"}
H2 = {"name": "db-2", "ip": "10.0.0.2"}
CURRENT = {
    "id": "c1", "name": "conn", "status": "ACTIVE", "dest_vpc_id": "vpc-1", "dest_network_id": "net-1",
    "hosts": [H1, H2], "routes": [{"name": "r1", "cidr": "10.1.0.0/16", "create_time": 1}, {"name": "r2", "cidr": "10.2.0.0/16"}],
    "available_queue_info": [{"name": "q1", "status": "ACTIVE"}, {"name": "q2", "status": "ACTIVE"}],
    "elastic_resource_pools": [{"name": "p1", "status": "ACTIVE"}],
}
BASE = {"name": "conn", "dest_vpc_id": "vpc-1", "dest_network_id": "net-1"}
NO_PURGE = {}
PURGE_ALL = {"queues": True, "elastic_resource_pools": True, "routes": True}


# -- pure plan -------------------------------------------------------------------------------------


def test_nothing_set_or_same_sets_plan_nothing():
    assert dli.plan_changes(CURRENT, BASE, PURGE_ALL) == {}
    same = dict(BASE, hosts=[H2, H1], queues=["q2", "q1"], elastic_resource_pools=["p1"],
                routes=[{"name": "r2", "cidr": "10.2.0.0/16"}, {"name": "r1", "cidr": "10.1.0.0/16"}])
    assert dli.plan_changes(CURRENT, same, PURGE_ALL) == {}


def test_hosts_are_replaced_as_a_whole():
    assert dli.plan_changes(CURRENT, dict(BASE, hosts=[H1]), NO_PURGE) == {"hosts": [H1]}
    assert dli.plan_changes(CURRENT, dict(BASE, hosts=[]), NO_PURGE) == {"hosts": []}


@pytest.mark.parametrize("purge, expected", [
    (NO_PURGE, {"associate": {"queues": ["q3"]}}),
    (PURGE_ALL, {"associate": {"queues": ["q3"]}, "disassociate": {"queues": ["q2"], "elastic_resource_pools": ["p1"]}}),
])
def test_queues_and_pools_unbind_only_with_purge(purge, expected):
    assert dli.plan_changes(CURRENT, dict(BASE, queues=["q1", "q3"], elastic_resource_pools=[]), purge) == expected


def test_routes_by_name_changed_cidr_is_delete_then_add():
    desired = dict(BASE, routes=[{"name": "r1", "cidr": "10.9.0.0/16"}, {"name": "r3", "cidr": "10.3.0.0/16"}])
    assert dli.plan_changes(CURRENT, desired, NO_PURGE) == {"delete_routes": ["r1"], "add_routes": desired["routes"]}
    assert dli.plan_changes(CURRENT, desired, PURGE_ALL)["delete_routes"] == ["r1", "r2"]
    # the same network written differently is not a change
    assert dli.plan_changes(CURRENT, dict(BASE, routes=[{"name": "r1", "cidr": "10.1.0.1/16"}]), NO_PURGE) == {}


def test_replace_only_changes_name_the_fields():
    assert dli.replace_only_changes(CURRENT, dict(BASE, dest_vpc_id="vpc-2", dest_network_id="net-2")) == ["dest_vpc_id", "dest_network_id"]
    assert dli.replace_only_changes(CURRENT, dict(BASE, tags=[{"key": "k", "value": "v"}], routetable_id="rt")) == []


def test_predict_applies_the_plan():
    desired = dict(BASE, queues=["q1", "q3"], hosts=[H1], routes=[{"name": "r1", "cidr": "10.9.0.0/16"}])
    after = dli.predict(CURRENT, desired, dli.plan_changes(CURRENT, desired, NO_PURGE))
    assert [(p["name"], p["status"]) for p in after["available_queue_info"]] == [("q1", "ACTIVE"), ("q2", "ACTIVE"), ("q3", "CREATING")]
    assert after["hosts"] == [H1] and [r["name"] for r in after["routes"]] == ["r2", "r1"]
    assert after["elastic_resource_pools"] == CURRENT["elastic_resource_pools"] and after["id"] == "c1"
    # a purge of queues also unbinds the pool no listed queue needs (a pool is how a queue is bound)
    purged = dli.predict(CURRENT, desired, dli.plan_changes(CURRENT, desired, PURGE_ALL))
    assert [p["name"] for p in purged["available_queue_info"]] == ["q1", "q3"] and purged["elastic_resource_pools"] == []
    assert purged["routes"] == [{"name": "r1", "cidr": "10.9.0.0/16"}]
    new = dli.predict(None, dict(BASE, elastic_resource_pools=["p9"], tags=[{"key": "k", "value": "v"}]))
    assert new["elastic_resource_pools"] == [{"name": "p9", "status": "CREATING"}] and "id" not in new and "tags" not in new


@pytest.mark.parametrize("statuses, expected", [
    ([], True),
    (["ACTIVE", "ACTIVE"], True),
    (["ACTIVE", "CREATING"], None),
])
def test_peer_status(statuses, expected):
    connection = {"available_queue_info": [{"name": "q%d" % i, "status": s} for i, s in enumerate(statuses)], "elastic_resource_pools": []}
    assert dli.peer_status(connection) is expected


def test_failed_peer_reports_its_error_message():
    connection = {"available_queue_info": [{"name": "q1", "status": "ACTIVE"}],
                  "elastic_resource_pools": [{"name": "p1", "status": "FAILED", "err_msg": "subnet unreachable"}]}
    assert dli.peer_status(connection) == "peer of p1 is FAILED: subnet unreachable"


# -- through reconcile -----------------------------------------------------------------------------


class FakeApi:
    """Keeps connections like DLI: peers turn ACTIVE (or FAILED) on the next read, deleted rows stay DELETED."""

    # The real wait-then-delete logic, over this fake's show and delete.
    delete_settled = dli.DliEnhancedConnections.delete_settled
    wait_settled = dli.DliEnhancedConnections.wait_settled

    def __init__(self, existing=None, failing=(), hold=False, pools=None):
        self.rows = {c["id"]: copy.deepcopy(c) for c in existing or []}
        self.failing = failing
        self.hold = hold  # peers stay CREATING
        self.pools = pools or {}  # queue -> elastic resource pool; a queue not listed has none
        self.calls = []  # writes
        self.reads = []
        self.queue_reads = []

    def queue_pools(self, queues, where=""):
        self.queue_reads.append((list(queues), where))
        return {queue: self.pools.get(queue) for queue in queues}

    def _bind(self, row, names):
        """Like the API: a queue attaches its pool; only a queue without a pool is listed by its own name."""
        for queue in names.get("queues", []):
            field, name = ("elastic_resource_pools", self.pools[queue]) if queue in self.pools else ("available_queue_info", queue)
            if name not in [p["name"] for p in row[field]]:
                row[field].append(self._peer(name))
        for pool in names.get("elastic_resource_pools", []):
            if pool not in [p["name"] for p in row["elastic_resource_pools"]]:
                row["elastic_resource_pools"].append(self._peer(pool))

    def _peer(self, name):
        return {"name": name, "status": "CREATING", "err_msg": ""}

    def show(self, connection_id):
        row = self.rows.get(connection_id)
        self.reads.append(connection_id)
        for peer in [] if self.hold else [p for field in dict(dli.PEER_FIELDS).values() for p in (row or {}).get(field, [])]:
            if peer["status"] == "CREATING" and peer["name"] in self.failing:
                peer.update(status="FAILED", err_msg="boom")
            elif peer["status"] == "CREATING":
                peer["status"] = "ACTIVE"
        return copy.deepcopy(row)

    def find(self, connection_id, name):
        if connection_id:
            row = self.show(connection_id)
            return row if dli.live(row) else None
        return rc.pick_one([copy.deepcopy(r) for r in self.rows.values() if r["name"] == name and dli.live(r)], "connection", name)

    def create(self, body):
        self.calls.append(("create", body))
        if any(r["name"] == body["name"] and dli.live(r) for r in self.rows.values()):
            raise HuaweiCloudError("duplicate", status=400, error_code="DLI.0006")
        row = {key: copy.deepcopy(body[key]) for key in ("name", "dest_vpc_id", "dest_network_id")}
        row.update(id="id-%d" % len(self.calls), status="ACTIVE", hosts=body.get("hosts", []), routes=[],
                   available_queue_info=[], elastic_resource_pools=[])
        self._bind(row, body)
        self.rows[row["id"]] = row
        return row["id"]

    def delete(self, connection_id):
        if dli.creating_peers(self.rows[connection_id]):  # like the API: a connection being created cannot be deleted
            raise HuaweiCloudError("refused", status=400, error_code="DLI.0001", error_msg="The connection that is being created cannot be deleted")
        self.calls.append(("delete", connection_id))
        self.rows[connection_id]["status"] = "DELETED"

    def set_hosts(self, connection_id, hosts):
        self.calls.append(("set_hosts", hosts))
        self.rows[connection_id]["hosts"] = hosts

    def associate(self, connection_id, names):
        self.calls.append(("associate", names))
        self._bind(self.rows[connection_id], names)

    def disassociate(self, connection_id, names):
        self.calls.append(("disassociate", names))
        gone = {"available_queue_info": [q for q in names.get("queues", []) if q not in self.pools],
                "elastic_resource_pools": names.get("elastic_resource_pools", []) + [self.pools[q] for q in names.get("queues", []) if q in self.pools]}
        for field, removed in gone.items():
            self.rows[connection_id][field] = [p for p in self.rows[connection_id][field] if p["name"] not in removed]

    def add_route(self, connection_id, route):
        self.calls.append(("add_route", route["name"]))
        self.rows[connection_id]["routes"].append(dict(route))

    def delete_route(self, connection_id, name):
        self.calls.append(("delete_route", name))
        self.rows[connection_id]["routes"] = [r for r in self.rows[connection_id]["routes"] if r["name"] != name]


def run(api, check_mode=False, **params):
    module = FakeModule(ARGUMENT_SPEC, check_mode=check_mode, **dict(BASE, **params))
    resource = DliEnhancedConnection(module)
    resource.api = api
    return rc.reconcile(module, resource)


def test_create_adds_routes_and_waits_for_peers():
    api = FakeApi()
    check = run(api, check_mode=True, queues=["q1"], routes=[{"name": "r1", "cidr": "10.1.0.0/16"}], tags=[{"key": "k", "value": "v"}])
    assert check["changed"] and api.calls == [] and check["diff"]["before"] == {}
    result = run(api, queues=["q1"], routes=[{"name": "r1", "cidr": "10.1.0.0/16"}], tags=[{"key": "k", "value": "v"}])
    assert [c[0] for c in api.calls] == ["create", "add_route"]
    assert "routes" not in api.calls[0][1] and api.calls[0][1]["tags"] == [{"key": "k", "value": "v"}]
    assert result["connection"]["available_queue_info"][0]["status"] == "ACTIVE"
    assert run(api, queues=["q1"], routes=[{"name": "r1", "cidr": "10.1.0.0/16"}], tags=[{"key": "other", "value": "v"}])["changed"] is False


def test_update_calls_in_order_and_check_mode_writes_nothing():
    api = FakeApi([CURRENT])
    params = dict(queues=["q1", "q3"], purge_queues=True, hosts=[H1], routes=[{"name": "r1", "cidr": "10.9.0.0/16"}])
    check = run(api, check_mode=True, **params)
    assert check["changed"] and api.calls == []
    assert [p["name"] for p in check["connection"]["available_queue_info"]] == ["q1", "q3"]
    result = run(api, **params)
    assert api.calls == [("set_hosts", [H1]), ("disassociate", {"queues": ["q2"], "elastic_resource_pools": ["p1"]}),
                         ("associate", {"queues": ["q3"]}),
                         ("delete_route", "r1"), ("add_route", "r1")]
    assert [(p["name"], p["status"]) for p in result["connection"]["available_queue_info"]] == [("q1", "ACTIVE"), ("q3", "ACTIVE")]
    assert run(api, **params)["changed"] is False


POOLED = dict(CURRENT, available_queue_info=[], elastic_resource_pools=[{"name": "shared", "status": "ACTIVE"}])


def test_queues_bound_through_their_pools_are_unchanged_and_purge_keeps_needed_pools():
    api = FakeApi([POOLED], pools={"q1": "shared", "q2": "shared", "q3": "adhoc"})
    assert run(api, queues=["q1", "q2"], purge_queues=True)["changed"] is False and api.calls == []
    assert api.queue_reads == [(["q1", "q2"], "")]
    check = run(api, check_mode=True, queues=["q1", "q3"])
    assert check["changed"] and api.calls == []
    assert [p["name"] for p in check["connection"]["elastic_resource_pools"]] == ["shared", "adhoc"]
    assert check["connection"]["available_queue_info"] == []
    result = run(api, queues=["q1", "q3"])
    assert api.calls == [("associate", {"queues": ["q3"]})]
    assert [(p["name"], p["status"]) for p in result["connection"]["elastic_resource_pools"]] == [("shared", "ACTIVE"), ("adhoc", "ACTIVE")]
    assert run(api, queues=["q1", "q3"])["changed"] is False
    result = run(api, queues=["q2"], purge_queues=True)  # q1 is gone from the list, but q2 runs in its pool
    assert api.calls[-1] == ("disassociate", {"elastic_resource_pools": ["adhoc"]})
    assert [p["name"] for p in result["connection"]["elastic_resource_pools"]] == ["shared"]


def test_replace_only_fails_or_recreates():
    api = FakeApi([CURRENT])
    with pytest.raises(ValidationFailed, match=r"dest_network_id cannot be changed on the existing enhanced connection c1; set recreate=true"):
        run(api, dest_network_id="net-2")
    with pytest.raises(ValidationFailed, match=r"^dest_vpc_id and dest_network_id cannot be changed on the existing enhanced connection c1"):
        run(api, dest_vpc_id="vpc-2", dest_network_id="net-2")
    assert api.calls == []
    result = run(api, dest_network_id="net-2", queues=["q1"], recreate=True)
    assert [c[0] for c in api.calls] == ["delete", "create"]
    assert result["connection"]["id"] != "c1" and result["connection"]["dest_network_id"] == "net-2"
    assert api.rows["c1"]["status"] == "DELETED"


def test_failed_peer_fails_with_its_message():
    api = FakeApi(failing=("bad",))
    with pytest.raises(HuaweiCloudError, match=r"peerings of enhanced connection conn failed: peer of bad is FAILED: boom"):
        run(api, queues=["bad"])


def test_duplicate_name_on_create_adopts_the_winner():
    api = FakeApi([CURRENT])

    class Racing(DliEnhancedConnection):
        looked = []

        def lookup(self):  # the first lookup misses: a parallel run creates the connection right after
            self.looked.append(1)
            return None if len(self.looked) == 1 else super().lookup()

    module = FakeModule(ARGUMENT_SPEC, **dict(BASE, queues=["q1", "q3"]))
    resource = Racing(module)
    resource.api = api
    result = rc.reconcile(module, resource)
    assert [c[0] for c in api.calls] == ["create", "associate"]
    assert result["changed"] is True and result["connection"]["id"] == "c1"


def test_deleted_rows_are_absent_and_connection_id_must_exist():
    api = FakeApi([dict(CURRENT, status="DELETED")])
    assert run(api, state="absent")["changed"] is False
    assert run(api, state="absent", connection_id="c1")["changed"] is False
    with pytest.raises(ValidationFailed, match="connection_id c1: no such enhanced connection"):
        run(api, connection_id="c1")
    assert api.calls == []


# -- gone, delete while CREATING, unverifiable fields -------------------------------------------------


@pytest.mark.parametrize("status, code, message, gone", [
    (400, "DLI.0001", "Connection 5f1c9e7a is not exist", True),
    (400, "DLI.0002", "Enhanced connection 5f1c9e7a does not exist.", True),
    (404, "DLI.0023", "Resource not found", True),
    (400, "DLI.0001", "Invalid parameter connection_id: too long", False),
    (400, "DLI.0001", "The connection that is being created cannot be deleted", False),
    (400, "DLI.0001", None, False),
    (404, "APIGW.0101", "The API does not exist or has not been published in the environment", False),
    (400, "DLI.0999", "Connection 5f1c9e7a is not exist", False),
])
def test_gone_means_404_or_a_not_exist_message(status, code, message, gone):
    assert dli.is_gone(HuaweiCloudError("x", status=status, error_code=code, error_msg=message)) is gone


CREATING_ROW = dict(CURRENT, available_queue_info=[{"name": "q1", "status": "ACTIVE"}, {"name": "q2", "status": "CREATING"}])


@pytest.mark.parametrize("wait", [True, False])
def test_absent_waits_for_creating_peers_before_the_delete(wait):
    api = FakeApi([CREATING_ROW])
    result = run(api, state="absent", wait=wait)
    assert result["changed"] is True and api.calls == [("delete", "c1")] and api.reads == ["c1"]


def test_absent_without_creating_peers_deletes_at_once():
    api = FakeApi([CURRENT])
    assert run(api, state="absent")["changed"] is True
    assert api.calls == [("delete", "c1")] and api.reads == []


def test_peers_still_creating_after_wait_timeout_fail_before_any_delete():
    api = FakeApi([CREATING_ROW], hold=True)
    with pytest.raises(WaitTimeoutError) as caught:
        run(api, state="absent", wait_timeout=0)
    assert str(caught.value) == ("enhanced connection conn (id c1) cannot be deleted while peerings are CREATING (q2), and they still "
                                 "were after wait_timeout=0s; the API refuses to delete a connection that is being created. Run "
                                 "again later or raise wait_timeout")
    assert api.calls == [] and api.rows["c1"]["status"] == "ACTIVE"


def test_recreate_waits_for_creating_peers_then_deletes_and_creates():
    api = FakeApi([CREATING_ROW])
    result = run(api, dest_network_id="net-2", recreate=True, wait=False)
    assert [c[0] for c in api.calls] == ["delete", "create"] and result["connection"]["dest_network_id"] == "net-2"


def test_check_mode_absent_neither_waits_nor_deletes():
    api = FakeApi([CREATING_ROW], hold=True)
    assert run(api, check_mode=True, state="absent", wait_timeout=0)["changed"] is True
    assert api.calls == [] and api.reads == []


TAGS = [{"key": "team", "value": "data"}]


@pytest.mark.parametrize("params, fields", [
    (dict(tags=TAGS), "tags: the DLI API does not return it"),
    (dict(routetable_id="rt-1"), "routetable_id: the DLI API does not return it"),
    (dict(tags=TAGS, routetable_id="rt-1"), "routetable_id, tags: the DLI API does not return them"),
])
def test_unverifiable_fields_on_an_existing_connection_warn(params, fields):
    api = FakeApi([CURRENT])
    module = FakeModule(ARGUMENT_SPEC, **dict(BASE, **params))
    resource = DliEnhancedConnection(module)
    resource.api = api
    assert rc.reconcile(module, resource)["changed"] is False
    assert len(module.warnings) == 1 and module.warnings[0].startswith(fields)
    assert "existing enhanced connection conn (id c1)" in module.warnings[0] and "state=absent" in module.warnings[0]


def test_no_warning_when_this_run_creates_or_recreates_the_connection():
    for existing, params in (([], {}), ([CURRENT], dict(dest_network_id="net-2", recreate=True))):
        module = FakeModule(ARGUMENT_SPEC, **dict(BASE, tags=TAGS, routetable_id="rt-1", **params))
        resource = DliEnhancedConnection(module)
        resource.api = FakeApi(existing)
        assert rc.reconcile(module, resource)["changed"] is True
        assert module.warnings == []
