# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The endpoint mapping the runbooks and roles share: entries in, module options out."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET

import pytest
import yaml

from ansible_collections.hwcloud.connections.plugins.plugin_utils.endpoints import (
    DLI_CONNECTION_KEYS, ENTRY_KEYS, KINDS, EndpointError, normalize, plan)
from ansible_collections.hwcloud.connections.plugins.plugin_utils import report
from ansible_collections.hwcloud.connections.plugins.plugin_utils.report import endpoint_results, failures, junit_xml, summary_lines

JOB = {"job_name": "orders-to-kafka", "job_type": "migration"}
VPC = {"vpc_id": "vpc-1", "subnet_id": "subnet-1"}
MYSQL = {"name": "orders-mysql", "kind": "mysql", "host": "192.168.0.27", "user": "drs", "password": "pw", "description": "orders"}
KAFKA = dict(VPC, name="events-kafka", kind="kafka", instance_id="kafka-1", bootstrap_servers=["broker-0.internal:9093", "10.0.0.2:9093"],
             broker_hosts={"broker-0.internal": "192.168.0.11"}, security_protocol="SASL_SSL", sasl_mechanism="SCRAM-SHA-512",
             user="producer", password="kpw", trust_store_key="KEY", trust_store_key_name="ts.pem",
             dli_connection={"name": "events_dli", "elastic_resource_pools": ["pool"]})


def test_a_mysql_endpoint_without_vpc():
    result = plan([MYSQL], JOB)
    assert result["problems"] == []
    assert result["drs"] == [{"name": "orders-mysql", "db_type": "mysql", "update_password": "on_create", "description": "orders",
                              "endpoint": {"endpoint_name": "mysql", "ip": "192.168.0.27", "db_port": 3306, "db_user": "drs",
                                           "db_password": "pw"},
                              "ssl": {"ssl_link": False}}]
    assert result["tests"] == [{"job_name": "orders-to-kafka", "job_type": "migration", "end_point_type": "so", "net_type": "eip",
                                "db_type": "mysql", "ip": "192.168.0.27", "db_port": 3306, "db_user": "drs", "db_password": "pw",
                                "ssl_link": False}]
    assert result["rows"] == [{"name": "orders-mysql", "kind": "mysql", "address": "192.168.0.27:3306"}]
    assert result["eg"] == result["dli"] == []


def test_a_mysql_endpoint_in_a_vpc_with_ssl_and_its_own_job():
    entry = dict(MYSQL, ssl=True, ssl_cert_name="ca.pem", ssl_cert_key="CERT", ssl_cert_check_sum="abc", port=3307, job_id="J1", **VPC)
    result = plan([entry], JOB)
    drs, test = result["drs"][0], result["tests"][0]
    assert drs["vpc"] == VPC and drs["ssl"] == {"ssl_link": True, "ssl_cert_name": "ca.pem", "ssl_cert_key": "CERT",
                                                "ssl_cert_check_sum": "abc"}
    assert test["job_id"] == "J1" and "job_name" not in test
    assert (test["net_type"], test["vpc_id"], test["subnet_id"], test["db_port"], test["ssl_cert_key"]) == ("vpc", "vpc-1", "subnet-1", 3307, "CERT")


def test_a_kafka_endpoint_with_sasl_ssl_broker_hosts_and_dli():
    result = plan([KAFKA], JOB)
    assert result["problems"] == []
    assert result["eg"] == [dict(VPC, name="events-kafka", type="kafka", update_password="on_create", kafka_detail={
        "instance_id": "kafka-1", "addr": "broker-0.internal:9093,10.0.0.2:9093", "security_protocol": "SASL_SSL",
        "enable_sasl_ssl": True, "acks": "1", "user_name": "producer", "password": "kpw"})]
    test = result["tests"][0]
    assert test["ip"] == "192.168.0.11:9093,10.0.0.2:9093"
    assert test["kafka_security_config"] == {"type": "SASL_SSL", "sasl_mechanism": "SCRAM-SHA-512", "trust_store_key": "KEY",
                                             "trust_store_key_name": "ts.pem"}
    assert (test["db_user"], test["db_password"], test["end_point_type"], test["net_type"]) == ("producer", "kpw", "ta", "vpc")
    assert result["dli"] == [{"name": "events_dli", "dest_vpc_id": "vpc-1", "dest_network_id": "subnet-1",
                              "elastic_resource_pools": ["pool"], "hosts": [{"name": "broker-0.internal", "ip": "192.168.0.11"}]}]


def test_a_plaintext_kafka_endpoint_has_no_credentials_and_no_trust_store():
    entry = dict(KAFKA, security_protocol="PLAINTEXT", dli_connection=None)
    result = plan([entry], JOB)
    detail, test = result["eg"][0]["kafka_detail"], result["tests"][0]
    assert "user_name" not in detail and "password" not in detail and detail["enable_sasl_ssl"] is False
    assert test["kafka_security_config"] == {"type": "PLAINTEXT"} and "db_user" not in test and "db_password" not in test
    assert result["dli"] == []


def test_the_trust_store_password_is_sent_only_when_set():
    with_password = plan([dict(KAFKA, trust_store_password="tspw")], JOB)["tests"][0]["kafka_security_config"]
    assert with_password["trust_store_password"] == "tspw"
    assert "trust_store_password" not in plan([KAFKA], JOB)["tests"][0]["kafka_security_config"]


@pytest.mark.parametrize("entry, problem", [
    (dict(MYSQL, host=None), "orders-mysql: set host"),
    (dict(MYSQL, password=""), "orders-mysql: set password"),
    (dict(MYSQL, ssl=True), "orders-mysql: set ssl_cert_name, ssl_cert_key, ssl_cert_check_sum"),
    (dict(KAFKA, user=None), "events-kafka: set user"),
    (dict(KAFKA, bootstrap_servers=[]), "events-kafka: set bootstrap_servers"),
    (dict(KAFKA, dli_connection={"queues": ["q"]}), "events-kafka: set dli_connection.name"),
    (dict(MYSQL, kind="redis"), "endpoint 0: endpoint orders-mysql: kind must be one of mysql, kafka"),
    ({"kind": "mysql"}, "endpoint 0: every endpoint needs a name"),
])
def test_incomplete_entries_are_problems_naming_what_to_set_never_values(entry, problem):
    result = plan([entry], JOB)
    assert result["problems"] == [problem]
    assert result["tests"] == result["drs"] == result["eg"] == []


def test_without_any_job_the_test_cannot_be_sent():
    assert plan([MYSQL])["problems"] == ["orders-mysql: set job_id or job_name"]
    assert plan([MYSQL], needs_job=False)["problems"] == []


def test_problems_name_the_inputs_as_a_role_calls_them():
    assert plan([dict(MYSQL, user=None)], {}, prefix="mysql_endpoint_")["problems"] == [
        "orders-mysql: set mysql_endpoint_user, mysql_endpoint_job_id or mysql_endpoint_job_name"]


def test_absent_elements_need_only_names():
    result = plan([{"name": "orders-mysql", "kind": "mysql"}, dict(KAFKA, password=None)], state="absent")
    assert result["problems"] == [] and result["tests"] == []
    assert result["drs"] == [{"name": "orders-mysql", "state": "absent"}]
    assert result["eg"] == [{"name": "events-kafka", "state": "absent"}]
    assert result["dli"] == [{"name": "events_dli", "state": "absent"}]


def test_names_are_unique_and_the_input_must_be_a_list():
    assert plan([MYSQL, MYSQL], JOB)["problems"] == ["endpoint orders-mysql is listed twice"]
    with pytest.raises(EndpointError):
        plan({"name": "x"}, JOB)


def test_defaults_fill_what_an_entry_leaves_out():
    entry = normalize({"name": "k", "kind": "kafka"}, JOB)
    assert (entry["security_protocol"], entry["acks"], entry["end_point_type"], entry["job_name"]) == ("PLAINTEXT", "1", "ta", JOB["job_name"])
    assert normalize(dict(MYSQL, port=None), JOB)["port"] == 3306


OUTCOME = {"summary": {"total": 2, "succeeded": 1, "failed": 1},
           "results": [{"success": True, "status": "success"},
                       {"success": False, "status": "failed", "error_code": "DRS.M00002", "error_msg": "Connection refused <&>"}]}
ROWS = [{"name": "orders-mysql", "kind": "mysql", "address": "192.168.0.27:3306"},
        {"name": "events-kafka", "kind": "kafka", "address": "192.168.0.11:9093"}]


def test_the_summary_table_and_the_results():
    assert summary_lines(ROWS, OUTCOME) == [
        "ENDPOINT      KIND   ADDRESS            RESULT  REASON",
        "orders-mysql  mysql  192.168.0.27:3306  ok",
        "events-kafka  kafka  192.168.0.11:9093  failed  Connection refused <&> (DRS.M00002)",
        "1 of 2 endpoints verified ok",
    ]
    assert [r["success"] for r in endpoint_results(ROWS, OUTCOME)] == [True, False]
    assert failures(ROWS, OUTCOME) == ["events-kafka: Connection refused <&> (DRS.M00002)"]


def test_the_junit_report_has_one_case_per_endpoint():
    root = ET.fromstring(junit_xml(ROWS, OUTCOME))
    cases = root.findall("./testsuite/testcase")
    assert [case.get("name") for case in cases] == ["orders-mysql", "events-kafka"]
    assert cases[0].find("failure") is None
    assert cases[1].find("failure").get("message") == "Connection refused <&> (DRS.M00002)"
    assert root.get("tests") == "2" and root.get("failures") == "1"


CLOUD = {"region": "cn-north-4", "project_id": "0123456789abcdef0123456789abcdef"}


def test_an_rds_for_mysql_endpoint():
    entry = dict(MYSQL, type="rds", instance_id="rds-inst-1", **VPC)
    result = plan([entry], JOB, cloud=CLOUD)
    drs, test = result["drs"][0], result["tests"][0]
    assert drs["endpoint"]["endpoint_name"] == "cloud_mysql" and drs["endpoint"]["instance_id"] == "rds-inst-1"
    assert drs["cloud"] == CLOUD
    assert (test["inst_id"], test["region"], test["project_id"], test["net_type"]) == ("rds-inst-1", "cn-north-4", CLOUD["project_id"], "vpc")


def test_a_mysql_on_ecs_endpoint_with_its_own_region():
    entry = dict(MYSQL, type="ecs", instance_region="ap-southeast-1", instance_project_id="fedcba9876543210fedcba9876543210")
    result = plan([entry], JOB, cloud=CLOUD)
    drs, test = result["drs"][0], result["tests"][0]
    assert drs["endpoint"]["endpoint_name"] == "ecs_mysql" and "instance_id" not in drs["endpoint"]
    assert drs["cloud"] == {"region": "ap-southeast-1", "project_id": "fedcba9876543210fedcba9876543210"}
    assert "inst_id" not in test and test["region"] == "ap-southeast-1"


def test_cloud_types_need_their_instance_inputs():
    assert plan([dict(MYSQL, type="rds")], JOB, cloud=CLOUD)["problems"] == ["orders-mysql: set instance_id"]
    # no region or project id is demanded (huawei-api.md section 11 #7): no cloud block, and the connection test
    # leaves them to drs_batch_connection_test, which takes its own
    without = plan([dict(MYSQL, type="rds", instance_id="i")], JOB, prefix="mysql_endpoint_")
    assert without["problems"] == [] and "cloud" not in without["drs"][0]
    assert without["tests"][0]["inst_id"] == "i" and "region" not in without["tests"][0] and "project_id" not in without["tests"][0]
    region_only = plan([dict(MYSQL, type="ecs")], JOB, cloud={"region": "cn-north-4", "project_id": ""})
    assert "cloud" not in region_only["drs"][0] and region_only["tests"][0]["region"] == "cn-north-4"
    assert "project_id" not in region_only["tests"][0]
    assert plan([dict(MYSQL, type="oracle")], JOB)["problems"] == ["endpoint 0: endpoint orders-mysql: type must be one of self_built, ecs, rds"]
    assert "cloud" not in plan([MYSQL], JOB, cloud=CLOUD)["drs"][0]


def test_a_kafka_client_certificate():
    entry = dict(KAFKA, key_store_key="KS", key_store_key_name="client.jks", key_store_password="kspw", key_password="kpw2")
    config = plan([entry], JOB)["tests"][0]["kafka_security_config"]
    assert config["enable_key_store"] is True and config["set_private_key_password"] is True
    assert (config["key_store_key"], config["key_store_key_name"], config["key_store_password"], config["key_password"]) == (
        "KS", "client.jks", "kspw", "kpw2")
    plain = plan([dict(entry, key_password=None, key_store_password=None)], JOB)["tests"][0]["kafka_security_config"]
    assert "set_private_key_password" not in plain and "key_store_password" not in plain


def test_a_client_certificate_needs_its_key_and_tls():
    assert plan([dict(KAFKA, key_store_password="kspw")], JOB)["problems"] == ["events-kafka: set key_store_key, key_store_key_name"]
    assert plan([dict(KAFKA, security_protocol="SASL_PLAINTEXT", key_store_key="KS", key_store_key_name="c.jks")], JOB)["problems"] == [
        "events-kafka: set security_protocol SSL or SASL_SSL (a client certificate needs TLS)"]


# -- unknown keys and incomplete pairs (issue 20, point 8) ----------------------------------------------------------------

@pytest.mark.parametrize("entry, problem", [
    (dict(MYSQL, decsription="orders"), "orders-mysql: unknown key decsription (did you mean description?)"),
    (dict(MYSQL, bootstrap_servers=["b:9092"]), "orders-mysql: unknown key bootstrap_servers (a key of kind kafka, not mysql)"),
    (dict(MYSQL, colour=None), "orders-mysql: unknown key colour"),
    (dict(KAFKA, dli_connection={"name": "events_dli", "queus": ["q"]}),
     "events-kafka: unknown key dli_connection.queus (did you mean queues?)"),
    (dict(MYSQL, vpc_id="vpc-1"), "orders-mysql: vpc_id is set without subnet_id (they only work together)"),
    (dict(MYSQL, subnet_id="subnet-1"), "orders-mysql: subnet_id is set without vpc_id (they only work together)"),
    (dict(MYSQL, security_group_id="sg-1"), "orders-mysql: security_group_id needs vpc_id and subnet_id"),
    (dict(KAFKA, subnet_id=None), "events-kafka: vpc_id is set without subnet_id (they only work together)"),
    (dict(KAFKA, dli_connection={"name": "events_dli", "dest_vpc_id": "vpc-2"}),
     "events-kafka: dli_connection.dest_vpc_id is set without dli_connection.dest_network_id (they only work together)"),
])
def test_unknown_keys_and_incomplete_pairs_are_named(entry, problem):
    result = plan([entry], JOB)
    assert result["problems"] == [problem]
    assert result["tests"] == result["drs"] == result["eg"] == result["dli"] == []


def test_every_unknown_key_is_named_once_in_input_order():
    assert plan([dict(MYSQL, hots="h", pasword="p")], JOB)["problems"] == [
        "orders-mysql: unknown key hots (did you mean host?)", "orders-mysql: unknown key pasword (did you mean password?)"]


def test_teardown_refuses_unknown_keys_too():
    """A typo in dli_connection.name would leave the DLI connection behind."""
    result = plan([{"name": "orders-mysql", "kind": "mysql", "dli_connection": {"nmae": "orders_dli"}}], state="absent")
    assert result["problems"] == ["orders-mysql: unknown key dli_connection.nmae (did you mean name?)"]
    assert result["drs"] == result["dli"] == []


def test_pairs_are_named_as_a_role_calls_them():
    assert plan([dict(MYSQL, vpc_id="vpc-1")], JOB, prefix="mysql_endpoint_")["problems"] == [
        "orders-mysql: mysql_endpoint_vpc_id is set without mysql_endpoint_subnet_id (they only work together)"]


def test_the_known_keys_are_the_roles_inputs():
    """The one list of entry keys (ENTRY_KEYS, DLI_CONNECTION_KEYS) is what each role passes in its entry and documents."""
    roles = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "roles")
    for kind in KINDS:
        with open(os.path.join(roles, kind + "_endpoint", "vars", "main.yml"), encoding="utf-8") as handle:
            entry = yaml.safe_load(handle)[kind + "_endpoint__entry"]
        assert set(entry) == set(ENTRY_KEYS[kind]), kind
        with open(os.path.join(roles, kind + "_endpoint", "meta", "argument_specs.yml"), encoding="utf-8") as handle:
            options = yaml.safe_load(handle)["argument_specs"]["main"]["options"]
        assert set(options["%s_endpoint_dli_connection" % kind]["options"]) == set(DLI_CONNECTION_KEYS), kind
        documented = {name[len(kind + "_endpoint_"):] for name in options}
        assert set(ENTRY_KEYS[kind]) - {"name", "kind"} <= documented, kind


def test_a_datasource_auth_gives_dli_the_endpoints_own_credentials():
    entry = dict(MYSQL, **VPC, dli_connection={"name": "orders_dli", "datasource_auth": True})
    result = plan([entry, dict(KAFKA, dli_connection={"name": "events_dli", "datasource_auth": {
        "auth_info_name": "events_ssl", "datasource_type": "Kafka_SSL", "truststore_location": "obs://b/t.jks",
        "truststore_password": "tpw"}})], JOB)
    assert result["problems"] == []
    assert result["dli_auth"] == [
        {"auth_info_name": "orders_dli", "datasource_type": "passwd", "username": "drs", "datasource_password": "pw", "update_password": "on_create",
         "endpoint": "orders-mysql"},
        {"auth_info_name": "events_ssl", "datasource_type": "Kafka_SSL", "truststore_location": "obs://b/t.jks",
         "truststore_password": "tpw", "update_password": "on_create", "endpoint": "events-kafka"}]
    assert [dli["name"] for dli in result["dli"]] == ["orders_dli", "events_dli"] and "datasource_auth" not in result["dli"][0]
    assert plan([entry], JOB, state="absent")["dli_auth"] == [{"auth_info_name": "orders_dli", "state": "absent"}]
    assert plan([dict(MYSQL)], JOB)["dli_auth"] == []


def test_a_datasource_auth_must_be_a_dictionary_or_true():
    entry = dict(MYSQL, dli_connection={"name": "orders_dli", "datasource_auth": "yes please"})
    assert plan([entry], JOB)["problems"] == ["orders-mysql: set dli_connection.datasource_auth (a dictionary, or true)"]


ROTATED_ENDPOINTS = [("a", "mysql"), ("b", "mysql"), ("k", "kafka"), ("p", "kafka"), ("c", "mysql")]
ROTATED_ROWS = [{"name": name, "kind": kind, "address": "10.0.0.%d:1" % index} for index, (name, kind) in enumerate(ROTATED_ENDPOINTS)]


def _tested(*passed):
    return {"results": [{"success": row["name"] in passed, "error_code": None if row["name"] in passed else "DRS.M05107",
                         "error_msg": None if row["name"] in passed else "Access denied"} for row in ROTATED_ROWS]}


def test_a_rotation_updates_only_what_passed_and_reports_every_outcome():
    plan_ = {"rows": ROTATED_ROWS, "drs": [{"name": n} for n in ("a", "b", "c")], "eg": [{"name": n} for n in ("k", "p")],
             "dli_auth": [{"auth_info_name": "a_auth", "endpoint": "a", "password": "pw"}]}
    rotation = report.rotation_plan(plan_, _tested("a", "c", "k", "p"))
    assert [e["name"] for e in rotation["drs"]] == ["a", "c"] and {e["update_password"] for e in rotation["drs"]} == {"always"}
    assert rotation["dli_auth"] == [{"auth_info_name": "a_auth", "endpoint": "a", "password": "pw", "update_password": "always"}]
    drs = {"failed": True, "results": [{"name": "a", "action": "updated"}, {"name": "c", "action": "failed", "msg": "HTTP 500 DRS.1"}]}
    eg = {"failed": True, "results": [{"name": "k", "action": "failed", "msg": "HTTP 403 EG.00514004"}, {"name": "p", "action": "unchanged"}]}
    eg_removed, eg_recreated = {"results": [{"name": "k", "action": "deleted"}]}, {"results": [{"name": "k", "action": "created"}]}
    auth = {"results": [{"item": "a", "changed": True}]}
    updates = [drs, eg, eg_removed, eg_recreated, auth]
    retest = report.rotation_retest(rotation, updates)
    assert retest["names"] == ["a", "k", "p"]
    reverified = {"results": [{"success": True}, {"success": False, "error_code": "DRS.M05107", "error_msg": "Access denied"},
                              {"success": True}]}
    built = report.rotation_report(ROTATED_ROWS, _tested("a", "c", "k", "p"), updates, retest["rows"], reverified)
    assert [(r["name"], r["outcome"]) for r in built["results"]] == [
        ("a", "rotated"), ("b", "test_failed"), ("k", "reverify_failed"), ("p", "unchanged"), ("c", "update_failed")]
    assert built["results"][1]["reason"] == "not touched: Access denied (DRS.M05107)"
    assert built["results"][4]["reason"] == "HTTP 500 DRS.1"
    assert built["summary"] == {"rotated": 1, "unchanged": 1, "test_failed": 1, "update_failed": 1, "reverify_failed": 1, "total": 5}
    assert built["lines"][-1] == "1 rotated, 1 unchanged, 1 test_failed, 1 update_failed, 1 reverify_failed of 5 endpoints"
    assert built["failures"][0] == "b: not touched: Access denied (DRS.M05107) (test_failed)"
    cases = ET.fromstring(built["junit"]).findall("./testsuite/testcase")
    assert [case.find("failure").get("type") if case.find("failure") is not None else None for case in cases] == [
        None, "test_failed", "reverify_failed", None, "update_failed"]


def test_a_failed_authentication_update_makes_the_endpoint_update_failed():
    rotation = report.rotation_plan({"rows": ROTATED_ROWS[:1], "drs": [{"name": "a"}], "eg": []}, {"results": [{"success": True}]})
    updates = [{"results": [{"name": "a", "action": "updated"}]}, {"results": [{"item": "a", "failed": True, "msg": "HTTP 400 DLI.0001"}]}]
    assert report.rotation_retest(rotation, updates)["names"] == []
    built = report.rotation_report(ROTATED_ROWS[:1], {"results": [{"success": True}]}, updates, [], {})
    assert built["results"][0]["outcome"] == "update_failed" and built["results"][0]["reason"] == "HTTP 400 DLI.0001"


def test_a_connection_the_fallback_deleted_but_did_not_create_again_is_update_failed():
    rotation = report.rotation_plan({"rows": ROTATED_ROWS[2:3], "drs": [], "eg": [{"name": "k"}]}, {"results": [{"success": True}]})
    updates = [{"results": [{"name": "k", "action": "failed", "msg": "HTTP 403"}]}, {"results": [{"name": "k", "action": "deleted"}]},
               {"skipped": True}]
    assert report.rotation_retest(rotation, updates)["names"] == []
    built = report.rotation_report(ROTATED_ROWS[2:3], {"results": [{"success": True}]}, updates, [], {})
    assert built["results"][0]["outcome"] == "update_failed" and "not created again" in built["results"][0]["reason"]
