# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""drs_batch_connection_test: validation messages, request bodies and the run plan, with an in-memory DRS stand-in."""

from __future__ import annotations

import json
import threading

import pytest

from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError
from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import validate
from ansible_collections.hwcloud.connections.plugins.module_utils.drs_jobs import job_query
from ansible_collections.hwcloud.connections.plugins.module_utils.models.drs_test import ConnectionTestRequest
from ansible_collections.hwcloud.connections.plugins.module_utils.module import ValidationFailed
from ansible_collections.hwcloud.connections.plugins.module_utils.redact import Redactor
from ansible_collections.hwcloud.connections.plugins.modules.drs_batch_connection_test import (
    ARGUMENT_SPEC, BatchConnectionTest, chunked, failure_message, record_answer,
)

READY, BUSY, GONE = "11111111-0000-4000-8000-00000000jb101", "22222222-0000-4000-8000-00000000jb102", "33333333-0000-4000-8000-00000000jb103"
DELETED = "44444444-0000-4000-8000-00000000jb104"
PASSWORD = "s3cret-Pa55"
MYSQL = {"job_id": READY, "net_type": "eip", "db_type": "mysql", "ip": "192.168.0.27", "db_port": 3306, "db_user": "drs",
         "db_password": PASSWORD}
KAFKA = {"job_name": "orders-sync", "job_type": "sync", "end_point_type": "ta", "net_type": "eip", "db_type": "kafka",
         "ip": "192.168.0.40:9092,192.168.0.41:9092", "kafka_security_config": {"type": "PLAINTEXT"}}


def request(*endpoints, concurrency=4):
    return validate(ConnectionTestRequest, {"test_endpoints": list(endpoints), "concurrency": concurrency})


def with_(base, **changes):
    entry = dict(base, **changes)
    return {key: value for key, value in entry.items() if value is not None}


@pytest.mark.parametrize("entry, message", [
    (with_(MYSQL, db_port=70000), "test_endpoints[1].db_port: Input should be less than or equal to 65535"),
    (with_(MYSQL, db_type="mongodb", ip="10.0.0.1:8635", db_port=8635), "test_endpoints[1].db_port: must be 0 for mongodb"),
    (with_(MYSQL, job_name="x"), "test_endpoints[1]: exactly one of job_id or job_name is required"),
    (with_(MYSQL, job_id=None), "test_endpoints[1]: exactly one of job_id or job_name is required"),
    (with_(MYSQL, net_type="vpc", subnet_id="s"), "test_endpoints[1].vpc_id: required when net_type is vpc"),
    (with_(MYSQL, ssl_link=True, ssl_cert_name="ca.pem", ssl_cert_check_sum="ab"), "test_endpoints[1].ssl_cert_key: required when ssl_link is true"),
    (with_(MYSQL, db_user=None), "test_endpoints[1].db_user: required for db_type mysql"),
    (with_(MYSQL, ip="not a host!"), "test_endpoints[1].ip: 'not a host!' is not an IP address or host name"),
    (with_(MYSQL, ip="10.0.0.1:3306"), "test_endpoints[1].ip: '10.0.0.1:3306' is not an IP address"),
    (with_(KAFKA, ip="10.0.0.1"), "test_endpoints[1].ip: '10.0.0.1' is not host:port"),
    (with_(KAFKA, ip="10.0.0.1:9092,10.0.0.2:99999"), "test_endpoints[1].ip: '10.0.0.2:99999' is not host:port"),
    (with_(MYSQL, db_type="postgresql", kafka_security_config={"type": "PLAINTEXT"}),
     "test_endpoints[1].kafka_security_config: only valid with db_type kafka"),
    (with_(KAFKA, kafka_security_config={"type": "SASL_PLAINTEXT"}, db_user="u", db_password="p"),
     "test_endpoints[1].kafka_security_config.sasl_mechanism: required when type is SASL_PLAINTEXT"),
    (with_(KAFKA, kafka_security_config={"type": "SASL_PLAINTEXT", "sasl_mechanism": "PLAIN"}, db_user="u"),
     "test_endpoints[1].db_password: required for db_type kafka with kafka_security_config.type SASL_PLAINTEXT"),
    (with_(KAFKA, kafka_security_config={"type": "SSL", "trust_store_key": "Y2E="}),
     "test_endpoints[1].kafka_security_config.trust_store_key_name: required when type is SSL"),
    (with_(KAFKA, kafka_security_config={"type": "SASL_SSL", "sasl_mechanism": "PLAIN", "trust_store_key_name": "ca.pem"},
           db_user="u", db_password="p"),
     "test_endpoints[1].kafka_security_config.trust_store_key: required when type is SASL_SSL"),
    (with_(MYSQL, customized_dns={"is_set_dns": True}),
     "test_endpoints[1].customized_dns.set_dns_action: required when is_set_dns is true (one of add, keep, update, recover)"),
    (with_(MYSQL, customized_dns={"is_set_dns": True, "set_dns_action": "add"}),
     "test_endpoints[1].customized_dns.dns_ip: required when set_dns_action is add"),
    (with_(MYSQL, customized_dns={"is_set_dns": True, "set_dns_action": "update", "dns_ip": "192.168.0.53,dns.local"}),
     "test_endpoints[1].customized_dns.dns_ip: 'dns.local' is not an IP address"),
    (with_(MYSQL, customized_dns={"is_set_dns": True, "set_dns_action": "replace", "dns_ip": "192.168.0.53"}),
     "test_endpoints[1].customized_dns.set_dns_action: Input should be 'add', 'keep', 'update' or 'recover'"),
    (with_(MYSQL, customized_dns={"set_dns_action": "keep"}), "test_endpoints[1].customized_dns.is_set_dns: Field required"),
    (with_(KAFKA, kafka_security_config={"type": "PLAINTEXT", "enable_key_store": True, "key_store_key_name": "k.p12"}),
     "test_endpoints[1].kafka_security_config.key_store_key: required when enable_key_store is true"),
    (with_(KAFKA, kafka_security_config={"type": "PLAINTEXT", "set_private_key_password": True}),
     "test_endpoints[1].kafka_security_config.key_password: required when set_private_key_password is true"),
    (with_(KAFKA, kafka_security_config={"type": "SASL_PLAINTEXT", "sasl_mechanism": "PLAIN", "delegation_tokens": True},
           db_user="u", db_password="p"),
     "test_endpoints[1].kafka_security_config.delegation_tokens: needs type SASL_PLAINTEXT or SASL_SSL with sasl_mechanism SCRAM"),
    (with_(KAFKA, kafka_security_config={"type": "TLS"}), "test_endpoints[1].kafka_security_config.type"),
    (with_(MYSQL, db_type="oracle"), "test_endpoints[1].db_type"),
])
def test_invalid_endpoint_is_named_with_its_rule(entry, message):
    with pytest.raises(ValidationFailed) as caught:
        request(MYSQL, entry)
    assert str(caught.value).startswith("Invalid input: ")
    assert message in str(caught.value)


@pytest.mark.parametrize("concurrency", [0, 17])
def test_concurrency_is_bounded(concurrency):
    with pytest.raises(ValidationFailed, match=r"concurrency: Input should be"):
        request(MYSQL, concurrency=concurrency)


def test_at_least_one_endpoint():
    with pytest.raises(ValidationFailed, match=r"test_endpoints: List should have at least 1 item"):
        request()


@pytest.mark.parametrize("entry", [
    with_(KAFKA),  # PLAINTEXT needs no user
    with_(KAFKA, kafka_security_config=None),  # no security config: PLAINTEXT
    with_(KAFKA, kafka_security_config={"type": "SSL", "trust_store_key": "Y2E=", "trust_store_key_name": "ca.pem",
                                        "trust_store_password": "pw"}),
    # a PEM trust store has no password (huawei-api.md section 10 #4)
    with_(KAFKA, kafka_security_config={"type": "SSL", "trust_store_key": "Y2E=", "trust_store_key_name": "ca.pem"}),
    with_(KAFKA, kafka_security_config={"type": "SASL_SSL", "sasl_mechanism": "PLAIN", "trust_store_key": "Y2E=",
                                        "trust_store_key_name": "ca.pem"}, db_user="u", db_password="p"),
    with_(MYSQL, customized_dns={"is_set_dns": True, "set_dns_action": "add", "dns_ip": "192.168.0.53"}),
    with_(MYSQL, customized_dns={"is_set_dns": True, "set_dns_action": "recover"}),
    with_(MYSQL, customized_dns={"is_set_dns": False}),
    with_(KAFKA, kafka_security_config={"type": "SASL_SSL", "sasl_mechanism": "SCRAM-SHA-512", "delegation_tokens": True,
                                        "trust_store_key": "Y2E=", "trust_store_key_name": "ca.pem", "trust_store_password": "pw"},
          db_user="u", db_password="p"),
    with_(MYSQL, net_type="vpc", vpc_id="v", subnet_id="s", ip="fd00::1"),
    with_(MYSQL, db_type="mongodb", ip="[fd00::1]:8635,10.0.0.2:8635", db_port=0),
])
def test_valid_endpoints(entry):
    assert request(entry).test_endpoints[0].ip == entry["ip"]


def test_body_has_the_job_id_and_only_what_was_set():
    mongo, kafka = request(with_(MYSQL, db_type="mongodb", ip="10.0.0.1:8635,10.0.0.2:8635", db_port=None), KAFKA).test_endpoints
    assert mongo.body("J") == {"id": "J", "end_point_type": "so", "net_type": "eip", "db_type": "mongodb",
                               "ip": "10.0.0.1:8635,10.0.0.2:8635", "db_port": 0, "db_user": "drs", "db_password": PASSWORD}
    assert kafka.body("K") == {"id": "K", "end_point_type": "ta", "net_type": "eip", "db_type": "kafka",
                               "ip": "192.168.0.40:9092,192.168.0.41:9092", "kafka_security_config": {"type": "PLAINTEXT"}}


@pytest.mark.parametrize("security, sends_credentials", [
    ({"type": "PLAINTEXT"}, False), (None, False),
    ({"type": "SSL", "trust_store_key": "Y2E=", "trust_store_key_name": "ca.pem"}, False),
    ({"type": "SASL_PLAINTEXT", "sasl_mechanism": "PLAIN"}, True),
])
def test_kafka_sends_a_user_only_with_sasl_and_never_a_port(security, sends_credentials):
    # huawei-api.md section 11 #11: PLAINTEXT and SSL tests omit db_user/db_password, only SASL_* sends them; the
    # ports of a Kafka entry are in ip (host:port list), db_port is omitted
    entry = request(with_(KAFKA, kafka_security_config=security, db_port=9092, db_user="u", db_password=PASSWORD)).test_endpoints[0]
    body = entry.body("K")
    assert "db_port" not in body
    assert ("db_user" in body, "db_password" in body) == (sends_credentials, sends_credentials)


def test_customized_dns_is_sent_as_given():
    entry = request(with_(MYSQL, customized_dns={"is_set_dns": True, "set_dns_action": "add", "dns_ip": "192.168.0.53"})).test_endpoints[0]
    assert entry.body("J")["customized_dns"] == {"is_set_dns": True, "set_dns_action": "add", "dns_ip": "192.168.0.53"}


def test_job_query_limits_ids_and_joins_instance_ids():
    with pytest.raises(ValidationFailed, match=r"^Invalid input: name: a job name or at most 10 comma-separated job IDs$"):
        job_query({"job_type": "migration", "name": ",".join("id%d" % i for i in range(11))})
    query = job_query({"job_type": "sync", "instance_ids": ["a", "b"], "sort_dir": "asc", "status": None})
    assert query == {"job_type": "sync", "instance_ids": "a,b", "sort_dir": "asc"}


def test_chunks_hold_at_most_ten():
    assert [len(chunk) for chunk in chunked(list(range(25)))] == [10, 10, 5]
    assert chunked([]) == []


def test_api_status_string_is_a_fallback_only():
    result = {}
    record_answer(result, {"id": "j", "status": "failed", "success": True}, Redactor())
    assert result["success"] is True
    record_answer(result, {"id": "j", "status": "success"}, Redactor())
    assert result["success"] is True
    record_answer(result, {"id": "j", "status": "false", "error_code": "DRS.1", "error_msg": "no"}, Redactor())
    assert (result["success"], result["error_code"], result["error_msg"]) == (False, "DRS.1", "no")


# --- the run plan, against an in-memory DRS ---------------------------------------------------------

class Failed(Exception):
    def __init__(self, **kwargs):
        super().__init__(kwargs.get("msg"))
        self.result = kwargs


class FakeAnsible:
    @staticmethod
    def fail_json(**kwargs):
        raise Failed(**kwargs)


class FakeModule:
    def __init__(self, endpoints, **params):
        self.params = {key: spec.get("default") for key, spec in ARGUMENT_SPEC.items()}
        self.params.update(params, test_endpoints=endpoints)
        self.ansible = FakeAnsible()
        self.check_mode = False
        self.redact = Redactor()


class FakeDrs:
    """Jobs by id and name; a test fails for the IP 10.9.9.9. Records every call."""

    def __init__(self, barrier=None, failing_chunk=None):
        self.jobs = [{"id": READY, "name": "orders-sync", "status": "CONFIGURATION"},
                     {"id": BUSY, "name": "busy", "status": "INCRE_TRANSFER_STARTED"},
                     {"id": "a1", "name": "twice", "status": "CONFIGURATION"}, {"id": "a2", "name": "twice", "status": "CONFIGURATION"},
                     {"id": "k1", "name": "orders-to-kafka", "status": "CONFIGURATION", "job_type": "migration"}]
        self.named_calls, self.status_calls, self.tests = [], [], []
        self.barrier = barrier
        self.failing_chunk = failing_chunk
        self.lock = threading.Lock()

    def named(self, name, job_type):
        self.named_calls.append((name, job_type))
        return [job for job in self.jobs if job["name"] == name and job.get("job_type", "sync") == job_type]

    def statuses(self, job_ids):
        self.status_calls.append(list(job_ids))
        known = {job["id"]: {"id": job["id"], "status": job["status"]} for job in self.jobs}
        known[DELETED] = {"id": DELETED, "status": "DELETED", "error_code": "DRS.M05004", "error_message": "The job has been deleted."}
        return {job_id: known.get(job_id, {"id": job_id, "status": "", "error_code": "DRS.M00289", "error_message": "The job does not exist."})
                for job_id in job_ids}

    def test_connections(self, entries):
        with self.lock:
            self.tests.append(entries)
            number = len(self.tests)
        if self.barrier is not None:
            self.barrier.wait()  # every chunk must be in flight at the same time, or this times out
        if number == self.failing_chunk:
            raise HuaweiCloudError("POST failed", status=400, error_code="DRS.10000001", error_msg="Invalid parameter jobs.")
        return [{"id": e["id"], "success": e["ip"] != "10.9.9.9", "status": "success" if e["ip"] != "10.9.9.9" else "failed",
                 "error_code": None if e["ip"] != "10.9.9.9" else "DRS.10020001",
                 "error_msg": None if e["ip"] != "10.9.9.9" else "Connection refused: 10.9.9.9:3306"} for e in entries]


def run(endpoints, api, **params):
    return BatchConnectionTest(FakeModule(endpoints, **params), api=api).run()


def test_untestable_endpoints_are_reported_and_not_sent():
    api = FakeDrs()
    endpoints = [
        MYSQL,
        with_(MYSQL, job_id=BUSY),
        with_(MYSQL, job_id=GONE),
        with_(KAFKA),
        with_(KAFKA, end_point_type="so"),  # same name and type: looked up once
        with_(KAFKA, job_name="missing"),
        with_(KAFKA, job_name="twice"),
        with_(MYSQL, ip="10.9.9.9"),
        with_(MYSQL, job_id=DELETED),
    ]
    outcome = run(endpoints, api, fail_on_failure=False)
    results = outcome["results"]
    assert outcome["changed"] is False
    assert outcome["summary"] == {"total": 9, "succeeded": 3, "failed": 6}
    assert [r["index"] for r in results] == list(range(9))
    assert [r["success"] for r in results] == [True, False, False, True, True, False, False, False, False]
    assert results[1]["error_msg"] == "job %s is in status INCRE_TRANSFER_STARTED; connection tests need CONFIGURATION" % BUSY
    assert results[1]["status"] == "not_tested"
    assert results[2]["error_code"] == "DRS.M00289"
    assert results[2]["error_msg"] == ("job %s does not exist (DRS.M00289: The job does not exist.); check job_id or job_name "
                                       "(hwcloud.connections.drs_job_info lists the jobs of a job_type)" % GONE)
    assert results[8]["error_code"] == "DRS.M05004" and results[8]["status"] == "not_tested"
    assert results[8]["error_msg"] == ("job %s has been deleted (DRS.M05004: The job has been deleted.); test the endpoints of a job "
                                       "that is not deleted (in status CONFIGURATION), for example a new one" % DELETED)
    assert results[3]["job_id"] == READY and results[3]["job_name"] == "orders-sync"
    assert results[5]["error_msg"] == "job missing not found (job_type sync)" and results[5]["job_id"] is None
    assert results[6]["error_msg"] == "2 jobs are named 'twice' (ids: a1, a2); set job_id to pick one"
    assert results[7]["error_code"] == "DRS.10020001" and results[7]["status"] == "failed"
    # a name not found is looked up under the other job types once, to say where it is
    assert api.named_calls == [("orders-sync", "sync"), ("missing", "sync"), ("missing", "migration"), ("missing", "cloudDataGuard"),
                               ("missing", "replay"), ("twice", "sync")]
    assert api.status_calls == [[READY, BUSY, GONE, DELETED]]
    assert [[entry["ip"] for entry in chunk] for chunk in api.tests] == [["192.168.0.27", KAFKA["ip"], KAFKA["ip"], "10.9.9.9"]]
    assert all("job_name" not in entry and "job_type" not in entry for entry in api.tests[0])
    assert PASSWORD not in json.dumps(outcome)
    assert "job_name" not in results[0]


def test_a_job_name_of_another_type_is_named_with_its_type():
    outcome = run([with_(KAFKA, job_name="orders-to-kafka")], FakeDrs(), fail_on_failure=False)
    assert outcome["results"][0]["error_msg"] == (
        "job orders-to-kafka not found (job_type sync); a job of that name exists with job_type migration: set job_type migration")


def test_many_endpoints_go_in_parallel_chunks_and_come_back_in_order():
    api = FakeDrs(barrier=threading.Barrier(3, timeout=10))
    endpoints = [with_(MYSQL, ip="10.9.9.9" if index % 4 == 3 else "10.0.0.%d" % index) for index in range(25)]
    outcome = run(endpoints, api, concurrency=3, fail_on_failure=False)
    assert [len(chunk) for chunk in api.tests] == [10, 10, 5]
    assert [r["ip"] for r in outcome["results"]] == [e["ip"] for e in endpoints]
    assert [r["index"] for r in outcome["results"] if not r["success"]] == [3, 7, 11, 15, 19, 23]
    assert outcome["summary"] == {"total": 25, "succeeded": 19, "failed": 6}


def test_a_failed_request_fails_only_its_own_endpoints():
    api = FakeDrs(failing_chunk=2)
    outcome = run([MYSQL] * 12, api, concurrency=1, fail_on_failure=False)
    assert [r["success"] for r in outcome["results"]] == [True] * 10 + [False] * 2
    assert outcome["results"][11]["error_code"] == "DRS.10000001"
    assert outcome["results"][11]["error_msg"] == "Invalid parameter jobs."


def test_a_job_found_by_name_is_named_by_name_and_id():
    api = FakeDrs()
    api.jobs.append({"id": DELETED, "name": "old-sync", "status": "DELETED"})
    results = run([with_(KAFKA, job_name="old-sync")], api, fail_on_failure=False)["results"]
    assert results[0]["error_msg"].startswith("job old-sync (id %s) has been deleted (DRS.M05004: The job has been deleted.); " % DELETED)


def test_a_failed_test_call_that_names_each_entry_reports_each_entry():
    class PerEntry(FakeDrs):
        def test_connections(self, entries):
            raise HuaweiCloudError("POST failed: HTTP 400", status=400, error_code="DRS.M00289", results=[
                {"id": READY, "status": "success", "error_code": None, "error_msg": None},
                {"id": READY, "status": "failed", "error_code": "DRS.10020001", "error_msg": "Connection refused"}])

    results = run([MYSQL, with_(MYSQL, ip="10.0.0.9")], PerEntry(), fail_on_failure=False)["results"]
    assert [(r["success"], r["error_code"], r["error_msg"]) for r in results] == [(True, None, None), (False, "DRS.10020001", "Connection refused")]


def test_fail_on_failure_lists_the_failing_endpoints():
    with pytest.raises(Failed) as caught:
        run([MYSQL, with_(MYSQL, ip="10.9.9.9"), with_(KAFKA, job_name="missing")], FakeDrs())
    failed = caught.value.result
    assert failed["msg"] == (
        "2 of 3 connection tests failed: test_endpoints[1] 10.9.9.9:3306 (job %s) \u2192 Connection refused: 10.9.9.9:3306; "
        "test_endpoints[2] 192.168.0.40:9092,192.168.0.41:9092 (job missing) \u2192 job missing not found (job_type sync)" % READY
    )
    assert failed["summary"] == {"total": 3, "succeeded": 1, "failed": 2}
    assert len(failed["results"]) == 3


def test_invalid_input_makes_no_call():
    api = FakeDrs()
    with pytest.raises(ValidationFailed):
        run([MYSQL, with_(MYSQL, db_port=-1)], api)
    assert (api.named_calls, api.status_calls, api.tests) == ([], [], [])


def test_failure_message_brackets_ipv6_hosts():
    results = [{"index": 0, "ip": "fd00::1", "db_port": 3306, "db_type": "mysql", "job_id": "j", "success": False,
                "status": "failed", "error_code": "DRS.1", "error_msg": None}]
    assert failure_message(results) == "1 of 1 connection tests failed: test_endpoints[0] [fd00::1]:3306 (job j) \u2192 DRS.1"
