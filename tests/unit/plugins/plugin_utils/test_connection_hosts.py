# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Connections as inventory hosts: no secret in any host variable, runbook entries, filters, unique stable names."""

from __future__ import annotations

import json

import pytest

from ansible_collections.hwcloud.connections.plugins.plugin_utils import connection_hosts as ch
from ansible_collections.hwcloud.connections.plugins.plugin_utils import endpoints

PROJECT = "e8a2f1c0d4b94e5f9a7c3b2d1e0f4a01"
DRS_ID = "2f6b1c3e-5d4a-4e8b-9c1f-0a2b3c4d5e6f"
EG_ID = "7c1e9a55-2b3d-4f60-8e1a-9d2c3b4a5f60"
DLI_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"


def drs_row(**extra):
    row = {"connection_id": DRS_ID, "name": "orders-mysql", "db_type": "mysql", "create_time": 1716879012121,
           "endpoint": {"endpoint_name": "mysql", "ip": "192.168.0.27", "db_port": "3306", "db_user": "drs_probe"},
           "vpc": {"vpc_id": "vpc-1", "subnet_id": "subnet-1"}, "ssl": {"ssl_link": False}, "description": "orders",
           "enterprise_project_id": "0"}
    row.update(extra)
    return row


def eg_row(**extra):
    row = {"id": EG_ID, "name": "events-kafka", "status": "CREATED", "type": "KAFKA", "vpc_id": "vpc-1", "subnet_id": "subnet-1",
           "kafka_detail": {"instance_id": "6a1c34d2-5b0e-4f8a-9d7c-2e1f0a3b4c5d", "addr": "192.168.0.11:9092,192.168.0.12:9092",
                            "security_protocol": "SASL_PLAINTEXT", "enable_sasl_ssl": False, "user_name": "producer", "acks": "1"},
           "description": ""}
    row.update(extra)
    return row


def dli_row(**extra):
    row = {"id": DLI_ID, "name": "orders_dli", "status": "ACTIVE", "dest_vpc_id": "vpc-1", "dest_network_id": "subnet-1",
           "hosts": [], "routes": [], "available_queue_info": [], "elastic_resource_pools": []}
    row.update(extra)
    return row


# -- secrets ------------------------------------------------------------------------------------------------------------

def test_every_secret_an_api_might_echo_is_removed_at_any_depth():
    echoed = drs_row(endpoint=dict(drs_row()["endpoint"], db_password="pw-1", source_sharding=[
        {"ip": "10.0.0.1", "db_password": "pw-2", "db_user": "shard"}]),
        ssl={"ssl_link": True, "ssl_cert_name": "ca.pem", "ssl_cert_key": "KEY-3", "ssl_cert_password": "pw-4", "ssl_cert_check_sum": "ab"},
        cloud={"region": "cn-north-4", "project_id": PROJECT},
        kafka_security_config={"trust_store_key": "TS-5", "trust_store_password": "pw-6", "key_store_key": "KS-7", "key_password": "pw-8",
                               "trust_store_key_name": "ts.pem"},
        token="tok-9", secret_key="sk-10", access_key="ak-11", private_key="pk-12")
    view = ch.safe_view(echoed)
    text = json.dumps(view)
    for secret in ("pw-1", "pw-2", "KEY-3", "pw-4", "TS-5", "pw-6", "KS-7", "pw-8", "tok-9", "sk-10", "ak-11", "pk-12"):
        assert secret not in text
    assert view["endpoint"]["source_sharding"] == [{"ip": "10.0.0.1", "db_user": "shard"}]
    assert view["ssl"] == {"ssl_link": True, "ssl_cert_name": "ca.pem", "ssl_cert_check_sum": "ab"}
    assert view["kafka_security_config"] == {"trust_store_key_name": "ts.pem"}
    assert ch.safe_view(eg_row(kafka_detail=dict(eg_row()["kafka_detail"], password="kafka-pw")))["kafka_detail"]["user_name"] == "producer"
    assert "kafka-pw" not in json.dumps(ch.safe_view(eg_row(kafka_detail={"password": "kafka-pw"})))
    assert echoed["endpoint"]["db_password"] == "pw-1"  # a copy: the listing itself is untouched


def test_the_callers_own_secrets_are_masked_wherever_a_server_echoes_them():
    row = drs_row(description="created with sk=plugin-secret-key-0123 by hand", endpoint={"db_user": "plugin-secret-key-0123"})
    view = ch.safe_view(row, secrets={"plugin-secret-key-0123"})
    assert "plugin-secret-key-0123" not in json.dumps(view)
    assert view["description"].startswith("created with sk=********")
    assert ch.safe_view(drs_row(), secrets={"plugin-secret-key-0123"}) == drs_row()


# -- runbook entries ----------------------------------------------------------------------------------------------------

def test_a_mysql_connection_becomes_an_entry_the_runbooks_accept():
    entry = ch.endpoint_entry("drs", drs_row())
    assert entry == {"name": "orders-mysql", "kind": "mysql", "type": "self_built", "host": "192.168.0.27", "port": 3306,
                     "user": "drs_probe", "vpc_id": "vpc-1", "subnet_id": "subnet-1", "ssl": False, "description": "orders"}
    rds_endpoint = {"endpoint_name": "cloud_mysql", "ip": "192.168.0.31", "db_port": "3306", "db_user": "u",
                    "instance_id": "f3a9c1e7b5d24e6f8a0b2c4d6e8f0a1bin01"}
    rds = ch.endpoint_entry("drs", drs_row(endpoint=rds_endpoint, vpc=None, name="billing-rds"))
    assert rds["type"] == "rds" and rds["instance_id"] == "f3a9c1e7b5d24e6f8a0b2c4d6e8f0a1bin01" and "vpc_id" not in rds
    teardown = endpoints.plan([entry, rds], state="absent")
    assert teardown["problems"] == [] and [e["name"] for e in teardown["drs"]] == ["orders-mysql", "billing-rds"]
    with_password = endpoints.plan([dict(entry, password="from-the-vault")], declares=False, needs_job=False)
    assert with_password["problems"] == [] and with_password["rows"][0]["address"] == "192.168.0.27:3306"


def test_a_kafka_connection_becomes_an_entry_the_runbooks_accept():
    entry = ch.endpoint_entry("eg", eg_row())
    assert entry == {"name": "events-kafka", "kind": "kafka", "vpc_id": "vpc-1", "subnet_id": "subnet-1",
                     "instance_id": "6a1c34d2-5b0e-4f8a-9d7c-2e1f0a3b4c5d", "bootstrap_servers": ["192.168.0.11:9092", "192.168.0.12:9092"],
                     "security_protocol": "SASL_PLAINTEXT", "user": "producer", "acks": "1"}
    assert endpoints.plan([entry], state="absent")["eg"] == [{"name": "events-kafka", "state": "absent"}]
    plain = ch.endpoint_entry("eg", eg_row(kafka_detail={"instance_id": "i", "addr": "10.0.0.1:9092"}))
    assert plain["security_protocol"] == "PLAINTEXT"
    assert endpoints.plan([plain], job={"job_id": "x"}, declares=False)["problems"] == []


@pytest.mark.parametrize("service, row", [
    ("drs", drs_row(db_type="postgresql", endpoint={"endpoint_name": "postgresql", "ip": "10.0.0.1", "db_user": "u"})),
    ("drs", drs_row(endpoint="not an object")),
    ("eg", eg_row(type="WEBHOOK", kafka_detail=None)),
    ("eg", eg_row(kafka_detail="not an object")),
    ("dli", dli_row()),
])
def test_connections_that_are_no_runbook_endpoint_get_no_entry(service, row):
    assert ch.endpoint_entry(service, row) is None


def test_hostile_field_values_never_make_an_entry_field():
    entry = ch.endpoint_entry("drs", drs_row(endpoint={"endpoint_name": "mysql", "ip": ["x"], "db_port": "99999", "db_user": 7},
                                             vpc={"vpc_id": "vpc-1"}, ssl="yes"))
    assert entry == {"name": "orders-mysql", "kind": "mysql", "type": "self_built", "description": "orders"}


# -- filters ------------------------------------------------------------------------------------------------------------

def test_filters_by_name_db_type_status_and_deleted_rows():
    keep = ch.Filters(name_pattern="orders.*")
    assert keep.keeps("drs", drs_row()) and not keep.keeps("eg", eg_row())
    assert not ch.Filters(name_pattern="orders").keeps("drs", drs_row())  # the whole name must match
    assert ch.Filters(db_types=["MySQL"]).keeps("drs", drs_row()) and not ch.Filters(db_types=["oracle"]).keeps("drs", drs_row())
    assert ch.Filters(db_types=["oracle"]).keeps("eg", eg_row())  # db_types is about DRS connections only
    assert ch.Filters(statuses=["created"]).keeps("eg", eg_row()) and not ch.Filters(statuses=["CREATING"]).keeps("eg", eg_row())
    assert ch.Filters(statuses=["CREATING"]).keeps("drs", drs_row())  # DRS connections have no status
    assert not ch.Filters().keeps("dli", dli_row(status="DELETED"))
    assert ch.Filters(exclude_deleted=False).keeps("dli", dli_row(status="DELETED"))
    assert not ch.Filters().keeps("drs", drs_row(name=None))


@pytest.mark.parametrize("options, named", [
    ({"regions": [{"name": "cn-north-4/../x"}]}, "regions[0].name: must be a region ID"),
    ({"regions": [{"name": "cn-north-4", "project_id": "nope"}]}, "regions[0].project_id"),
    ({"regions": [{"name": "cn-north-4", "zone": "a"}]}, "regions[0]: unknown key zone"),
    ({"regions": [{"name": "cn-north-4"}, "cn-north-4"]}, "regions[1]: cn-north-4 is listed twice"),
    ({"regions": []}, "regions: list at least one region"),
    ({"services": ["drs", "rds"]}, "services: rds is not one of drs, eg, dli"),
    ({"hostnames": ["static"]}, "hostnames[0]: static names no field"),
    ({"hostnames": ["{name.__class__}"]}, "hostnames[0]: {name.__class__}"),
    ({"hostnames": ["{name!r}"]}, "hostnames[0]"),
    ({"name_pattern": "("}, "name_pattern: not a valid regular expression"),
])
def test_plugin_options_are_checked_before_any_call_naming_the_option(options, named):
    settings = dict({"regions": [{"name": "cn-north-4"}], "services": ["drs"], "hostnames": ["{service}_{name}"], "name_pattern": None},
                    **options)
    problems = ch.option_problems(settings["regions"], settings["services"], settings["hostnames"], settings["name_pattern"])
    assert any(problem.startswith(named) for problem in problems), problems


def test_regions_may_be_names_or_name_and_project():
    assert ch.regions([{"name": "cn-north-4", "project_id": PROJECT}, "cn-east-3"], None) == [("cn-north-4", PROJECT), ("cn-east-3", None)]
    assert ch.regions(None, "eu-west-101") == [("eu-west-101", None)]
    assert ch.option_problems(None, ["drs"], ["{service}_{name}"], None, default_region=None) == [
        "regions: list at least one region (or set region or HW_REGION_NAME)"]


# -- hosts --------------------------------------------------------------------------------------------------------------

def listing(region, service, rows):
    return {"region": region, "project_id": PROJECT, "service": service, "connections": rows}


def test_one_host_per_connection_with_its_variables_and_default_groups():
    hosts = ch.build_hosts([listing("cn-north-4", "drs", [drs_row()]), listing("cn-north-4", "eg", [eg_row()]),
                            listing("cn-east-3", "dli", [dli_row()])], ["{service}_{name}"], ch.Filters())
    assert [host["name"] for host in hosts] == ["drs_orders-mysql", "eg_events-kafka", "dli_orders_dli"]
    drs = hosts[0]
    assert drs["groups"] == ["hwcloud_drs", "hwcloud_cn_north_4"]
    assert drs["vars"]["hwcloud_service"] == "drs" and drs["vars"]["hwcloud_region"] == "cn-north-4"
    assert drs["vars"]["hwcloud_project_id"] == PROJECT and drs["vars"]["hwcloud_connection"] == drs_row()
    assert drs["vars"]["hwcloud_endpoint"]["kind"] == "mysql"
    assert "hwcloud_endpoint" not in hosts[2]["vars"] and hosts[2]["groups"] == ["hwcloud_dli", "hwcloud_cn_east_3"]


def test_a_shared_name_keeps_the_first_and_qualifies_the_others_stably():
    first = listing("cn-north-4", "drs", [drs_row()])
    second = listing("cn-east-3", "drs", [drs_row(connection_id="5d2c1b0a-9e8f-4a7b-8c6d-5e4f3a2b1c0d")])
    hosts = ch.build_hosts([first, second], ["{service}_{name}"], ch.Filters())
    assert [host["name"] for host in hosts] == ["drs_orders-mysql", "drs_orders-mysql_cn-east-3"]
    deleted_twin = listing("cn-north-4", "dli", [dli_row(status="DELETED"), dli_row(id="1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e")])
    names = [host["name"] for host in ch.build_hosts([deleted_twin], ["{service}_{name}"], ch.Filters(exclude_deleted=False))]
    assert names == ["dli_orders_dli", "dli_orders_dli_cn-north-4"]
    assert [h["name"] for h in ch.build_hosts([first, second], ["{name}"], ch.Filters())] == ["orders-mysql", "orders-mysql_cn-east-3"]
    thrice = listing("cn-north-4", "eg", [eg_row(), eg_row(id="a" * 8 + "-0000-4000-8000-" + "0" * 12),
                                          eg_row(id="b" * 8 + "-0000-4000-8000-" + "0" * 12)])
    assert [h["name"] for h in ch.build_hosts([thrice], ["{name}"], ch.Filters())] == [
        "events-kafka", "events-kafka_cn-north-4", "events-kafka_bbbbbbbb-0000-4000-8000-000000000000"]


def test_the_first_hostname_format_that_has_every_field_wins_and_names_are_made_safe():
    rows = [drs_row(), drs_row(connection_id="5d2c1b0a-9e8f-4a7b-8c6d-5e4f3a2b1c0d", name="we ird/name{{x}}")]
    hosts = ch.build_hosts([listing("cn-north-4", "drs", rows)], ["{status}_{name}", "{region}-{db_type}-{name}"], ch.Filters())
    assert [host["name"] for host in hosts] == ["cn-north-4-mysql-orders-mysql", "cn-north-4-mysql-we_ird_name__x__"]
    eg = ch.build_hosts([listing("cn-north-4", "eg", [eg_row()])], ["{status}_{name}", "{id}"], ch.Filters())
    assert eg[0]["name"] == "CREATED_events-kafka"
    assert ch.build_hosts([listing("cn-north-4", "drs", rows)], ["{status}"], ch.Filters()) == []


def test_filtered_rows_make_no_host():
    hosts = ch.build_hosts([listing("cn-north-4", "drs", [drs_row(), drs_row(connection_id="x" * 8, name="billing")])],
                           ["{service}_{name}"], ch.Filters(name_pattern="bill.*"))
    assert [host["name"] for host in hosts] == ["drs_billing"]
