# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the list modules report per element in check mode: the fields that differ (by each resource's own rules, never
a secret), and the connections a purge pattern owns that are not declared; no API call but the one listing."""

from __future__ import annotations

import functools
import json

import pytest
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.hwcloud.connections.plugins.module_utils import dli_enhanced_connection, drs_connection, eg_connection
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import ValidationFailed
from ansible_collections.hwcloud.connections.plugins.module_utils.fleet import Fleet, list_argument_spec
from ansible_collections.hwcloud.connections.plugins.module_utils.module import wait_argument_spec
from ansible_collections.hwcloud.connections.tests.unit.plugins.modules.fake_module import Warnings

VPC = {"vpc_id": "vpc-1", "subnet_id": "subnet-1"}


class NoCalls:
    """The client: a project id, and a failure for any request (check mode reads only through the listing)."""

    project_id = "e8a2f1c0d4b94e5f9a7c3b2d1e0f4a01"

    def __getattr__(self, name):
        raise AssertionError("API call %s in check mode" % name)


class ListModule:
    def __init__(self, options: dict, params: dict):
        spec = dict(list_argument_spec(options), **wait_argument_spec())
        result = ArgumentSpecValidator(spec).validate(params)
        assert not result.error_messages, result.error_messages
        self.params = result.validated_parameters
        self.check_mode = True
        self.diff_mode = True
        self.client = NoCalls()
        self.ansible = self.warnings = Warnings()

    def warn(self, text):
        self.warnings.warn(text)


def run(resource_class, options, rows, connections, id_key="id", **params):
    module = ListModule(options, dict(params, connections=connections))
    return Fleet(module, resource_class, lambda _module: [dict(row) for row in rows], id_key=id_key).run()


DRS_ROW = {"connection_id": "c1", "name": "Orders-MySQL", "db_type": "mysql", "description": "orders",
           "endpoint": {"endpoint_name": "mysql", "ip": "192.168.0.27", "db_port": "3306", "db_user": "drs"}}


def drs_element(**endpoint):
    return {"name": "orders-mysql", "db_type": "mysql", "description": "orders",
            "endpoint": dict({"endpoint_name": "mysql", "ip": "192.168.0.27", "db_port": 3306, "db_user": "drs",
                              "db_password": "drs-secret-pw"}, **endpoint),
            "cloud": {"region": "cn-north-4", "project_id": "e8a2f1c0d4b94e5f9a7c3b2d1e0f4a01"}}


def run_drs(rows, connections, **params):
    return run(drs_connection.DrsConnection, drs_connection.OPTIONS, rows, connections, id_key="connection_id", **params)


def test_an_element_in_sync_has_no_changes_although_secrets_and_unreturned_fields_are_set():
    result = run_drs([DRS_ROW], [drs_element()])
    assert [(r["action"], r["changes"]) for r in result["results"]] == [("unchanged", [])]


def test_an_element_that_differs_names_each_field_with_both_values_and_never_a_secret():
    result = run_drs([dict(DRS_ROW, description=None)], [dict(drs_element(ip="192.168.0.99"), description="orders primary")])
    element = result["results"][0]
    assert element["action"] == "updated" and element["changed"] is True
    # A read without a description has the empty one (huawei-api.md section 11 #10)
    assert element["changes"] == [{"field": "description", "before": "", "after": "orders primary"},
                                  {"field": "endpoint.ip", "before": "192.168.0.27", "after": "192.168.0.99"}]
    assert "drs-secret-pw" not in json.dumps(result)


def test_missing_elements_and_what_the_purge_pattern_owns_are_reported_without_a_call():
    rows = [DRS_ROW, dict(DRS_ROW, connection_id="c2", name="orders-legacy"), dict(DRS_ROW, connection_id="c3", name="billing-mysql")]
    created = dict(drs_element(), name="orders-replica")
    result = run_drs(rows, [drs_element(), created], purge=True, purge_pattern="orders-.*")
    assert [(r["name"], r["action"], r["changes"]) for r in result["results"]] == [
        ("orders-mysql", "unchanged", []), ("orders-replica", "created", [])]
    assert [(p["name"], p["action"]) for p in result["purged"]] == [("orders-legacy", "deleted")]


def test_drs_names_compare_without_case_in_the_duplicate_check_and_the_purge_as_in_matching():
    """One rule for a DRS name (Resource.name_key): the list module's duplicate check and the purge's set of declared
    names use the same case-insensitive comparison that matches an element with its row."""
    rows = [dict(DRS_ROW, connection_id="c1", name="Orders-MySQL"), dict(DRS_ROW, connection_id="c2", name="orders-legacy")]
    plain = functools.partial(run, drs_connection.DrsConnection, drs_connection.OPTIONS, id_key="connection_id")
    result = plain(rows, [drs_element()], purge=True, purge_pattern="(?i)orders-.*")
    assert [(r["name"], r["action"]) for r in result["results"]] == [("orders-mysql", "unchanged")]
    assert [(p["name"], p["action"]) for p in result["purged"]] == [("orders-legacy", "deleted")]
    with pytest.raises(ValidationFailed, match=r"connections\[1\]\.name: 'ORDERS-MYSQL' is also connections\[0\]\.name"):
        plain(rows, [drs_element(), dict(drs_element(), name="ORDERS-MYSQL")])


EG_ROW = {"id": "e1", "name": "events", "status": "CREATED", "type": "KAFKA", "description": "", "vpc_id": "vpc-1",
          "subnet_id": "subnet-1", "kafka_detail": {"instance_id": "i-1", "addr": "192.168.0.11:9092", "security_protocol": "SASL_SSL",
                                                    "enable_sasl_ssl": True, "user_name": "producer", "acks": "1"}}


def eg_element(**changes):
    detail = {"instance_id": "i-1", "addr": "192.168.0.11:9092", "security_protocol": "SASL_SSL", "enable_sasl_ssl": True,
              "user_name": "producer", "password": "eg-secret-pw", "acks": "1"}
    element = dict(VPC, name="events", type="kafka", kafka_detail=detail)
    element.update(changes)
    return element


def test_eg_fields_are_named_replace_only_ones_too_and_the_password_is_never_compared():
    same = run(eg_connection.EgConnection, eg_connection.OPTIONS, [EG_ROW], [eg_element()])
    assert same["results"][0]["changes"] == []
    moved = run(eg_connection.EgConnection, eg_connection.OPTIONS, [EG_ROW],
                [eg_element(description="events", recreate=True, kafka_detail=dict(eg_element()["kafka_detail"], addr="192.168.0.12:9092"))])
    assert moved["results"][0]["changes"] == [{"field": "description", "before": "", "after": "events"},
                                              {"field": "kafka_detail.addr", "before": "192.168.0.11:9092", "after": "192.168.0.12:9092"}]
    assert "eg-secret-pw" not in json.dumps(moved)


DLI_ROW = {"id": "d1", "name": "orders_dli", "status": "ACTIVE", "dest_vpc_id": "vpc-1", "dest_network_id": "subnet-1",
           "hosts": [{"name": "db.internal", "ip": "192.168.0.27"}], "routes": [],
           "available_queue_info": [], "elastic_resource_pools": [{"name": "pool_a", "status": "ACTIVE", "peer_id": "p1"}]}


@pytest.mark.parametrize("element, changes", [
    ({"hosts": [{"name": "db.internal", "ip": "192.168.0.27"}], "elastic_resource_pools": ["pool_a"]}, []),
    ({"hosts": [{"name": "db.internal", "ip": "192.168.0.28"}]},
     [{"field": "hosts", "before": [{"name": "db.internal", "ip": "192.168.0.27"}], "after": [{"name": "db.internal", "ip": "192.168.0.28"}]}]),
    ({"elastic_resource_pools": ["pool_a", "pool_b"]},
     [{"field": "elastic_resource_pools", "before": ["pool_a"], "after": ["pool_a", "pool_b"]}]),
    ({"dest_network_id": "subnet-2", "recreate": True}, [{"field": "dest_network_id", "before": "subnet-1", "after": "subnet-2"}]),
])
def test_dli_fields_are_named_as_the_options_say_them(element, changes):
    result = run(dli_enhanced_connection.DliEnhancedConnection, dli_enhanced_connection.OPTIONS,
                 [DLI_ROW, dict(DLI_ROW, id="d0", status="DELETED")], [dict({"name": "orders_dli", "dest_vpc_id": "vpc-1",
                                                                             "dest_network_id": "subnet-1"}, **element)])
    assert result["results"][0]["changes"] == changes
    assert result["results"][0]["action"] == ("updated" if changes else "unchanged")


def _counting_matches(monkeypatch, resource_class) -> list:
    calls = []
    original = resource_class.matches

    def matches(self, row):
        calls.append(1)
        return original(self, row)
    monkeypatch.setattr(resource_class, "matches", matches)
    return calls


@pytest.mark.parametrize("service", ["drs", "eg", "dli"])
def test_each_element_is_matched_only_against_the_rows_of_its_own_name(monkeypatch, service):
    """A fleet of n elements against a listing of n rows: about n row comparisons, not n * n (issue 21: 600 DRS
    elements spent 0.7 s of the list module's CPU comparing every element with every row). The result is the same: each
    element finds its row whatever the case of a DRS name, a DELETED DLI row of the same name is still ignored."""
    count = 200
    if service == "drs":
        resource_class, options, id_key = drs_connection.DrsConnection, drs_connection.OPTIONS, "connection_id"
        rows = [dict(DRS_ROW, connection_id="c%d" % n, name="Orders-MySQL-%d" % n) for n in range(count)]
        elements = [dict(drs_element(), name="orders-mysql-%d" % n) for n in range(count)]
    elif service == "eg":
        resource_class, options, id_key = eg_connection.EgConnection, eg_connection.OPTIONS, "id"
        rows = [dict(EG_ROW, id="e%d" % n, name="events-%d" % n) for n in range(count)]
        elements = [eg_element(name="events-%d" % n) for n in range(count)]
    else:
        resource_class, options, id_key = dli_enhanced_connection.DliEnhancedConnection, dli_enhanced_connection.OPTIONS, "id"
        rows = [dict(DLI_ROW, id="d%d" % n, name="orders_dli_%d" % n) for n in range(count)]
        rows.append(dict(DLI_ROW, id="gone", name="orders_dli_0", status="DELETED"))
        elements = [{"name": "orders_dli_%d" % n, "dest_vpc_id": "vpc-1", "dest_network_id": "subnet-1",
                     "hosts": [{"name": "db.internal", "ip": "192.168.0.27"}], "elastic_resource_pools": ["pool_a"]} for n in range(count)]
    calls = _counting_matches(monkeypatch, resource_class)
    result = run(resource_class, options, rows, elements, id_key=id_key)
    assert [r["action"] for r in result["results"]] == ["unchanged"] * count
    assert len(calls) <= 2 * (count + 1), "%d comparisons of elements with rows for %d elements" % (len(calls), count)
