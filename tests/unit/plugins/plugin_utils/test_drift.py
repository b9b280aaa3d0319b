# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drift classification: per endpoint and service in_sync, drifted (which fields), missing, unmanaged, error; the
table, the JUnit report and the workflow stats, with secret-looking values masked."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from ansible_collections.hwcloud.connections.plugins.plugin_utils import drift
from ansible_collections.hwcloud.connections.plugins.plugin_utils.endpoints import plan

ENTRIES = [
    {"name": "orders-mysql", "kind": "mysql", "host": "192.168.0.27", "user": "drs", "password": "pw-1", "update_password": "always",
     "dli_connection": {"name": "orders_dli"}, "vpc_id": "vpc-1", "subnet_id": "subnet-1"},
    {"name": "billing-mysql", "kind": "mysql", "host": "192.168.0.28", "user": "drs", "password": "pw-2"},
    {"name": "events-kafka", "kind": "kafka", "vpc_id": "vpc-1", "subnet_id": "subnet-1", "instance_id": "i-1",
     "bootstrap_servers": ["192.168.0.11:9092"]},
]


def element(name, action, changes=(), **extra):
    return dict({"name": name, "action": action, "changed": action != "unchanged", "changes": list(changes)}, **extra)


OUTCOMES = {
    "drs": {"changed": True, "results": [element("ORDERS-MYSQL", "unchanged"),
                                         element("billing-mysql", "updated", [{"field": "endpoint.ip", "before": "192.168.0.28",
                                                                               "after": "192.168.0.29"}])],
            "purged": [element("orders-legacy", "deleted")]},
    "eg": {"changed": True, "results": [element("events-kafka", "created")], "purged": []},
    "dli": {"changed": False, "results": [element("orders_dli", "unchanged")], "purged": []},
}
PATTERNS = {"drs": "orders-.*", "eg": "events-.*"}


def test_every_endpoint_and_service_is_classified_and_unmanaged_ones_follow():
    rows = drift.results(ENTRIES, OUTCOMES, PATTERNS)
    assert [(r["endpoint"], r["service"], r["connection"], r["status"], r["fields"]) for r in rows] == [
        ("orders-mysql", "drs", "orders-mysql", "in_sync", []),
        ("orders-mysql", "dli", "orders_dli", "in_sync", []),
        ("billing-mysql", "drs", "billing-mysql", "drifted", ["endpoint.ip"]),
        ("events-kafka", "eg", "events-kafka", "missing", []),
        (None, "drs", "orders-legacy", "unmanaged", []),
    ]
    assert rows[2]["changes"] == [{"field": "endpoint.ip", "before": "192.168.0.28", "after": "192.168.0.29"}]
    assert rows[4]["reason"] == "exists, matches the drs pattern orders-.*, and is not declared"
    assert drift.summary(rows) == {"total": 5, "in_sync": 2, "drifted": 1, "missing": 1, "unmanaged": 1, "error": 0,
                                   "unmanaged_checked": True}


def test_a_failed_element_is_an_error_with_its_reason_and_a_failed_listing_fails_the_report():
    outcomes = dict(OUTCOMES, eg={"failed": True, "msg": "1 of 1 connections failed", "results": [
        element("events-kafka", "failed", msg="2 connections are named 'events-kafka' (ids: a, b)")], "purged": []})
    rows = drift.results(ENTRIES, outcomes, PATTERNS)
    assert [(r["status"], r["reason"]) for r in rows if r["service"] == "eg"] == [("error", "2 connections are named 'events-kafka' (ids: a, b)")]
    with pytest.raises(drift.DriftError, match="eg_connections: GET /v1/x failed: HTTP 401"):
        drift.results(ENTRIES, dict(OUTCOMES, eg={"failed": True, "msg": "GET /v1/x failed: HTTP 401"}), PATTERNS)


def test_skipped_services_and_a_run_without_patterns():
    only_mysql = [ENTRIES[1]]
    rows = drift.results(only_mysql, {"drs": OUTCOMES["drs"], "eg": {"skipped": True}, "dli": {"skipped": True}}, {})
    assert [(r["connection"], r["status"]) for r in rows] == [("billing-mysql", "drifted")]  # purged rows need a pattern
    assert drift.summary(rows, unmanaged_checked=False)["unmanaged_checked"] is False


def test_values_of_secret_looking_fields_are_masked_and_long_values_cut_in_the_table():
    outcomes = dict(OUTCOMES, drs={"results": [element("orders-mysql", "updated", [
        {"field": "ssl.ssl_cert_key", "before": None, "after": "LEAKED-KEY"},
        {"field": "description", "before": "a", "after": "x" * 300}]), element("billing-mysql", "unchanged")], "purged": []})
    rows = drift.results(ENTRIES, outcomes, PATTERNS)
    assert "LEAKED-KEY" not in json.dumps(rows)
    assert rows[0]["changes"][0] == {"field": "ssl.ssl_cert_key", "before": None, "after": "********"}
    lines = drift.table(rows)
    assert max(len(line) for line in lines) < 260
    assert "LEAKED-KEY" not in "".join(lines) and "LEAKED-KEY" not in drift.junit(rows)


def test_the_table_lists_every_row_then_the_counts():
    rows = drift.results(ENTRIES, OUTCOMES, PATTERNS)
    assert drift.table(rows) == [
        "ENDPOINT       SERVICE  CONNECTION     STATUS     FIELDS",
        "orders-mysql   drs      orders-mysql   in_sync",
        "orders-mysql   dli      orders_dli     in_sync",
        "billing-mysql  drs      billing-mysql  drifted    endpoint.ip: '192.168.0.28' -> '192.168.0.29'",
        "events-kafka   eg       events-kafka   missing",
        "-              drs      orders-legacy  unmanaged  exists, matches the drs pattern orders-.*, and is not declared",
        "5 connections: 2 in sync, 1 drifted, 1 missing, 1 unmanaged, 0 errors",
    ]
    assert drift.table(rows, unmanaged_checked=False)[-1].endswith("(unmanaged not checked: a sliced run)")


def test_junit_drifted_missing_unmanaged_and_errors_are_failures_with_the_fields_as_message():
    root = ET.fromstring(drift.junit(drift.results(ENTRIES, OUTCOMES, PATTERNS)))
    suite = root.find("testsuite")
    assert (root.get("tests"), root.get("failures"), suite.get("failures")) == ("5", "3", "3")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert sorted(cases) == ["-/orders-legacy", "billing-mysql/billing-mysql", "events-kafka/events-kafka", "orders-mysql/orders-mysql",
                             "orders-mysql/orders_dli"]
    assert cases["billing-mysql/billing-mysql"].get("classname") == "hwcloud.connections.drift.drs"
    failure = cases["billing-mysql/billing-mysql"].find("failure")
    assert (failure.get("type"), failure.get("message")) == ("drifted", "endpoint.ip: '192.168.0.28' -> '192.168.0.29'")
    assert cases["events-kafka/events-kafka"].find("failure").get("type") == "missing"
    assert cases["orders-mysql/orders_dli"].find("failure") is None


def test_failures_name_every_connection_that_is_not_in_sync():
    assert drift.failures(drift.results(ENTRIES, OUTCOMES, PATTERNS)) == [
        "billing-mysql (drs billing-mysql): drifted: endpoint.ip", "events-kafka (eg events-kafka): missing",
        "drs orders-legacy: unmanaged"]


def test_the_elements_drift_sends_predict_an_update_only_for_a_difference():
    elements = drift.elements(plan(ENTRIES, needs_job=False))
    assert [e["update_password"] for e in elements["drs"]] == ["on_create", "on_create"]  # always would always be drift
    assert [e["recreate"] for e in elements["eg"]] == [True] and [e["recreate"] for e in elements["dli"]] == [True]
    assert elements["drs"][0]["endpoint"]["db_password"] == "pw-1"  # the list module needs it to predict an update
