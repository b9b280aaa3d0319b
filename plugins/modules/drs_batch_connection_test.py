# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: drs_batch_connection_test
short_description: Test DRS job endpoint connectivity in batches
version_added: 1.0.0
description:
  - Runs the DRS v3 batch connection test (C(POST /v3/{project_id}/jobs/batch-connection)) for any number of
    database endpoints of DRS jobs and reports one result per endpoint, in input order.
  - A read-only probe; it never reports C(changed) and runs normally in check mode.
  - Jobs given by O(test_endpoints[].job_name) are looked up once per distinct name and job type
    (C(GET /v5/{project_id}/jobs), exact name match).
  - The API tests connections only for jobs in status C(CONFIGURATION). The module reads the status of every job
    first with one C(POST /v3/{project_id}/jobs/batch-status) call (per 100 jobs) and does not send endpoints of
    jobs that are unknown or in another status; they are reported as failed with the reason. One extra call saves a
    test call per affected batch and keeps such an endpoint from failing the other endpoints of its batch.
  - The API answers that call with HTTP 400 when a job does not exist or was deleted, with the code only per job
    (C(results[i].error_code) is C(DRS.M00289) when it does not exist, C(DRS.M05004) when deleted). The module reads those per-job
    codes (the jobs the answer leaves out are asked again without the failed ones) and reports each such endpoint
    naming the job (by O(test_endpoints[].job_name) and ID when found by name), the code and what to do.
  - Endpoints are sent at most 10 per request; requests run in parallel (O(concurrency)).
  - Secrets are never returned.
seealso:
  - module: hwcloud.connections.drs_job_info
    description: "Find a job and its status by name."
  - module: hwcloud.connections.drs_connection
    description: "Declare the connection of an endpoint."
  - name: "DRS API: Testing Connections in Batches"
    description: "The API this module calls (at most 10 entries per request)."
    link: https://support.huaweicloud.com/eu/api-drs/drs_03_0105.html
author:
  - hwcloud.connections contributors (!UNKNOWN)
attributes:
  check_mode:
    description: A read-only probe, so it runs normally in check mode and tests the connections.
    support: full
  diff_mode:
    description: Never changes anything, so there is no diff.
    support: N/A
options:
  test_endpoints:
    description:
      - The endpoints to test. Each belongs to a DRS job, set by exactly one of O(test_endpoints[].job_id) or
        O(test_endpoints[].job_name).
      - Invalid entries fail the task before any API call, naming the entry, for example C(test_endpoints[3].db_port).
      - Not called C(endpoints) because O(endpoints) is the shared option for service endpoint URLs.
    type: list
    elements: dict
    required: true
    suboptions:
      job_id:
        description: ID of the DRS job.
        type: str
      job_name:
        description:
          - Name of the DRS job, matched exactly. When no job or several jobs have this name, the endpoint fails
            without being tested (several matches list their IDs).
        type: str
      job_type:
        description: Job scenario used to look up O(test_endpoints[].job_name).
        type: str
        choices: [migration, sync, cloudDataGuard, replay]
        default: migration
      end_point_type:
        description: Whether the endpoint is the job's source (V(so)) or target (V(ta)).
        type: str
        choices: [so, ta]
        default: so
      net_type:
        description: Network type. Required. V(vpc) needs O(test_endpoints[].vpc_id) and O(test_endpoints[].subnet_id).
        type: str
        choices: [vpn, vpc, eip]
      db_type:
        description: Database type. Required.
        type: str
        choices: [mysql, mongodb, gaussdbv5, postgresql, kafka, gaussdbv5ha, taurus]
      ip:
        description:
          - Database address. Required.
          - One IP address or host name; for V(mongodb) and V(kafka) a comma-separated list of C(host:port).
        type: str
      db_port:
        description:
          - Database port, 0 to 65535.
          - Must be V(0) for V(mongodb) (the ports are part of O(test_endpoints[].ip)); sent as V(0) when omitted.
          - Never sent for V(kafka), whose ports are part of O(test_endpoints[].ip).
        type: int
      inst_id:
        description:
          - Database instance ID; required by the API for Huawei Cloud instances such as RDS. Its missing
            O(test_endpoints[].region) and O(test_endpoints[].project_id) are the module's own.
        type: str
      db_user:
        description:
          - Database user. Required, except for V(kafka) without SASL
            (O(test_endpoints[].kafka_security_config.type) V(PLAINTEXT) or V(SSL), or no security config).
          - For V(kafka) without SASL it is not sent, nor is O(test_endpoints[].db_password), even when given, because the API
            tests those brokers without a user.
        type: str
      db_password:
        description: Database password. Required when O(test_endpoints[].db_user) is. Never returned.
        type: str
      ssl_link:
        description:
          - Whether the connection uses SSL. When V(true), O(test_endpoints[].ssl_cert_key), O(test_endpoints[].ssl_cert_name)
            and O(test_endpoints[].ssl_cert_check_sum) are required.
        type: bool
      ssl_cert_key:
        description: SSL certificate content, base64 encoded. Never returned.
        type: str
      ssl_cert_name:
        description: SSL certificate name.
        type: str
      ssl_cert_check_sum:
        description: SHA-256 checksum of the certificate content.
        type: str
      ssl_cert_password:
        description: Password of a C(.p12) certificate. Never returned.
        type: str
      vpc_id:
        description: VPC of the database instance; required with O(test_endpoints[].net_type=vpc).
        type: str
      subnet_id:
        description: Subnet of the database instance; required with O(test_endpoints[].net_type=vpc).
        type: str
      region:
        description:
          - Region of the database instance; the API needs it for Huawei Cloud instances.
          - B(Defaulted) for an endpoint on an instance (one with O(test_endpoints[].inst_id), or with
            O(test_endpoints[].project_id)) to the module's own O(region).
        type: str
      project_id:
        description:
          - Project ID of the region where the database instance is.
          - B(Defaulted) for an endpoint on an instance (one with O(test_endpoints[].inst_id) or
            O(test_endpoints[].region)) in the module's own region to the module's project ID - O(project_id), or the one
            resolved from IAM - so it is never demanded. An endpoint in another region keeps what it has.
        type: str
      db_name:
        description: DDS authentication database or Oracle service name.
        type: str
      kafka_security_config:
        description: Kafka security settings; only with O(test_endpoints[].db_type=kafka).
        type: dict
        suboptions:
          type:
            description:
              - Security protocol (Kafka C(security.protocol)). Required when the block is given.
              - C(SASL_*) needs O(test_endpoints[].kafka_security_config.sasl_mechanism), O(test_endpoints[].db_user) and
                O(test_endpoints[].db_password).
              - V(SSL) and V(SASL_SSL) need O(test_endpoints[].kafka_security_config.trust_store_key) and
                O(test_endpoints[].kafka_security_config.trust_store_key_name);
                O(test_endpoints[].kafka_security_config.trust_store_password) only when the trust store has a password.
            type: str
            choices: [PLAINTEXT, SASL_PLAINTEXT, SSL, SASL_SSL]
          sasl_mechanism:
            description: SASL mechanism (Kafka C(sasl.mechanism)).
            type: str
            choices: [PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, GSSAPI]
          delegation_tokens:
            description: Whether to use token authentication; only with C(SASL_*) and a C(SCRAM-*) mechanism.
            type: bool
          trust_store_key_name:
            description: Trust store certificate name.
            type: str
          trust_store_key:
            description: Trust store certificate, base64 encoded. Never returned.
            type: str
          trust_store_password:
            description:
              - Trust store password, only for a password-protected trust store (for example a PKCS#12 file); a PEM
                trust store needs none. Never returned.
            type: str
          endpoint_algorithm:
            description:
              - Host name verification algorithm (Kafka C(ssl.endpoint.identification.algorithm)); empty disables it.
            type: str
          enable_key_store:
            description:
              - Whether to use two-way SSL. When V(true), O(test_endpoints[].kafka_security_config.key_store_key) and
                O(test_endpoints[].kafka_security_config.key_store_key_name) are required.
            type: bool
          key_store_key_name:
            description: Key store certificate name.
            type: str
          key_store_key:
            description: Key store certificate, base64 encoded. Never returned.
            type: str
          key_store_password:
            description: Key store password (Kafka C(ssl.keystore.password)). Never returned.
            type: str
          set_private_key_password:
            description: Whether the key store private key has a password (O(test_endpoints[].kafka_security_config.key_password)).
            type: bool
          key_password:
            description: Private key password (Kafka C(ssl.key.password)). Never returned.
            type: str
      customized_dns:
        description:
          - A custom DNS server the DRS test uses to resolve O(test_endpoints[].ip) (the API's C(customized_dns)).
        type: dict
        suboptions:
          is_set_dns:
            description: Whether to set a custom DNS server.
            type: bool
            required: true
          set_dns_action:
            description:
              - What to do with the custom DNS server. Required when O(test_endpoints[].customized_dns.is_set_dns=true).
              - V(add) a DNS IP, V(keep) the current one, V(update) it (takes effect when the IP changes), or
                V(recover) the system default (name resolution may then fail).
            type: str
            choices: [add, keep, update, recover]
          dns_ip:
            description:
              - IP address of the DNS server; required for V(add) and V(update). Several addresses may be given
                separated by commas (each must be an IP address; whether the API accepts more than one is unconfirmed).
            type: str
  concurrency:
    description: How many batch requests run at the same time, 1 to 16.
    type: int
    default: 4
  fail_on_failure:
    description:
      - Fail the task when any endpoint failed, listing the failing endpoints and their errors.
      - With V(false) the task succeeds and the outcome is in RV(results) and RV(summary).
    type: bool
    default: true
notes:
  - Job statuses and test results are UNCONFIRMED in detail against the real service; the module relies on the
    boolean C(success) of each result, as the Terraform provider does.
extends_documentation_fragment:
  - hwcloud.connections.auth
  - hwcloud.connections.attributes
"""

EXAMPLES = r"""
- name: Test both ends of a MySQL migration job
  hwcloud.connections.drs_batch_connection_test:
    test_endpoints:
      - job_id: 140b5236-88ad-43c8-811c-1268453jb101
        end_point_type: so
        net_type: eip
        db_type: mysql
        ip: 192.168.0.27
        db_port: 3306
        db_user: drs
        db_password: "{{ vault_source_password }}"
      - job_id: 140b5236-88ad-43c8-811c-1268453jb101
        end_point_type: ta
        net_type: vpc
        db_type: mysql
        ip: 192.168.0.131
        db_port: 3306
        db_user: root
        db_password: "{{ vault_target_password }}"
        inst_id: e05a3679efe241d8b5dee80b17c1a863in01
        vpc_id: 3c5f1a0e-7d4b-4e63-9f2b-6d1c0a8e2b11
        subnet_id: 8e2ee0d5-0f1d-4067-965f-caf00dd65529
        region: cn-north-4

- name: A Kafka target of a sync job found by name, without failing the task
  hwcloud.connections.drs_batch_connection_test:
    test_endpoints:
      - job_name: orders-to-kafka
        job_type: sync
        end_point_type: ta
        net_type: eip
        db_type: kafka
        ip: 192.168.0.40:9092,192.168.0.41:9092
        kafka_security_config:
          type: SASL_PLAINTEXT
          sasl_mechanism: SCRAM-SHA-512
        db_user: drs
        db_password: "{{ vault_kafka_password }}"
    fail_on_failure: false
  register: kafka_test

- name: Report the endpoints that failed
  ansible.builtin.debug:
    msg: "{{ kafka_test.results | rejectattr('success') | map(attribute='error_msg') | list }}"
"""

RETURN = r"""
results:
  description: One entry per endpoint, in the order of O(test_endpoints). Never contains secrets.
  returned: always
  type: list
  elements: dict
  contains:
    index:
      description: Position of the endpoint in O(test_endpoints).
      type: int
      sample: 0
    job_id:
      description: ID of the job (resolved from O(test_endpoints[].job_name) when given; V(null) when it could not be).
      type: str
      sample: 140b5236-88ad-43c8-811c-1268453jb101
    job_name:
      description: The job name as given; only when O(test_endpoints[].job_name) was used.
      type: str
      returned: when O(test_endpoints[].job_name) is set
      sample: orders-migration
    end_point_type:
      description: V(so) (source) or V(ta) (target).
      type: str
      sample: so
    db_type:
      description: Database type.
      type: str
      sample: mysql
    ip:
      description: Database address as given.
      type: str
      sample: 192.168.0.27
    db_port:
      description: Database port as sent (V(0) for MongoDB), or V(null).
      type: int
      sample: 3306
    success:
      description: Whether the connection test succeeded.
      type: bool
      sample: true
    status:
      description:
        - The API's test status (documented as V(success)/V(failed)).
        - V(not_tested) when the endpoint was not tested - its job is unknown, ambiguous or not in C(CONFIGURATION),
          or the request carrying it failed.
      type: str
      sample: success
    error_code:
      description: Error code from the API, or V(null).
      type: str
      sample: DRS.10020003
    error_msg:
      description: Why the test failed, or V(null).
      type: str
      sample: job 9a1c2b3d-4e5f-4a6b-8c7d-1e2f3a4bjb102 is in status INCRE_TRANSFER_STARTED; connection tests need CONFIGURATION
summary:
  description: Counts of the results.
  returned: always
  type: dict
  contains:
    total:
      description: Number of endpoints.
      type: int
      sample: 25
    succeeded:
      description: Endpoints whose test succeeded.
      type: int
      sample: 24
    failed:
      description: Endpoints that failed or were not tested.
      type: int
      sample: 1
"""

from ansible_collections.hwcloud.connections.plugins.module_utils import reconcile as rc
from ansible_collections.hwcloud.connections.plugins.module_utils.concurrency import map_bounded
from ansible_collections.hwcloud.connections.plugins.module_utils.drs_jobs import (
    JOB_TYPES, NET_TYPES, TEST_BATCH, DrsJobs, fill_instance_location, job_status_problem, not_found,
)
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError
from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import PYDANTIC_IMPORT_ERROR, validate
from ansible_collections.hwcloud.connections.plugins.module_utils.models.drs_test import (
    DB_TYPES, DNS_ACTIONS, END_POINT_TYPES, HOST_PORT_LIST_TYPES, KAFKA_PROTOCOLS, SASL_MECHANISMS, ConnectionTestRequest,
)
from ansible_collections.hwcloud.connections.plugins.module_utils.module import HuaweiCloudModule

KAFKA_SECURITY = dict(
    type=dict(type="str", choices=list(KAFKA_PROTOCOLS)),
    sasl_mechanism=dict(type="str", choices=list(SASL_MECHANISMS)),
    delegation_tokens=dict(type="bool", no_log=False),
    trust_store_key_name=dict(type="str", no_log=False),
    trust_store_key=dict(type="str", no_log=True),
    trust_store_password=dict(type="str", no_log=True),
    endpoint_algorithm=dict(type="str"),
    enable_key_store=dict(type="bool", no_log=False),
    key_store_key_name=dict(type="str", no_log=False),
    key_store_key=dict(type="str", no_log=True),
    key_store_password=dict(type="str", no_log=True),
    set_private_key_password=dict(type="bool", no_log=False),
    key_password=dict(type="str", no_log=True),
)
ENDPOINT = dict(
    job_id=dict(type="str"),
    job_name=dict(type="str"),
    job_type=dict(type="str", choices=list(JOB_TYPES), default="migration"),
    end_point_type=dict(type="str", choices=list(END_POINT_TYPES), default="so"),
    net_type=dict(type="str", choices=list(NET_TYPES)),
    db_type=dict(type="str", choices=list(DB_TYPES)),
    ip=dict(type="str"),
    db_port=dict(type="int"),
    inst_id=dict(type="str"),
    db_user=dict(type="str"),
    db_password=dict(type="str", no_log=True),
    ssl_link=dict(type="bool"),
    ssl_cert_key=dict(type="str", no_log=True),
    ssl_cert_name=dict(type="str"),
    ssl_cert_check_sum=dict(type="str"),
    ssl_cert_password=dict(type="str", no_log=True),
    vpc_id=dict(type="str"),
    subnet_id=dict(type="str"),
    region=dict(type="str"),
    project_id=dict(type="str"),
    db_name=dict(type="str"),
    kafka_security_config=dict(type="dict", options=KAFKA_SECURITY),
    customized_dns=dict(type="dict", options=dict(is_set_dns=dict(type="bool", required=True),
                                                  set_dns_action=dict(type="str", choices=list(DNS_ACTIONS)),
                                                  dns_ip=dict(type="str"))),
)
ARGUMENT_SPEC = dict(
    test_endpoints=dict(type="list", elements="dict", required=True, options=ENDPOINT),
    concurrency=dict(type="int", default=4),
    fail_on_failure=dict(type="bool", default=True),
)
NOT_TESTED = "not_tested"


def chunked(items: list, size: int = TEST_BATCH) -> list:
    return [items[start:start + size] for start in range(0, len(items), size)]


def new_result(index: int, endpoint) -> dict:
    """The reported entry for an endpoint, untested yet (``success`` None); no secret is ever copied into it."""
    result = dict(index=index, job_id=endpoint.job_id, end_point_type=endpoint.end_point_type, db_type=endpoint.db_type,
                  ip=endpoint.ip, db_port=endpoint.db_port, success=None, status=None, error_code=None, error_msg=None)
    if endpoint.job_name is not None:
        result["job_name"] = endpoint.job_name
    return result


def mark_failed(result: dict, error_msg: str, error_code: str = None, status: str = NOT_TESTED) -> None:
    result.update(success=False, status=status, error_code=error_code, error_msg=error_msg)


def record_answer(result: dict, answer: dict, redact) -> None:
    """Copy one API result; the boolean ``success`` decides (``status`` is documented inconsistently).

    The server's texts are masked (a test result may echo the password it was given) and capped.
    """
    success = answer.get("success")
    if success is None:
        success = str(answer.get("status")).lower() in ("success", "true")
    result.update(success=bool(success), status=redact(answer.get("status"), 64), error_code=redact(answer.get("error_code"), 64) or None,
                  error_msg=redact(answer.get("error_msg")) or None)


def record_chunk(results: list, chunk: list, answers, redact) -> None:
    """Results of one request (a list in request order, or the HuaweiCloudError that failed it)."""
    if isinstance(answers, HuaweiCloudError) and len(answers.results) == len(chunk):
        answers = answers.results  # a failed call that still says per entry what happened (huawei-api.md 11 #6)
    for position, index in enumerate(chunk):
        if isinstance(answers, HuaweiCloudError):
            mark_failed(results[index], answers.error_msg or answers.message, answers.error_code)
        elif position < len(answers):
            record_answer(results[index], answers[position], redact)
        else:
            mark_failed(results[index], "the API returned no result for this endpoint", status=None)


def summarize(results: list) -> dict:
    succeeded = sum(1 for result in results if result["success"])
    return {"total": len(results), "succeeded": succeeded, "failed": len(results) - succeeded}


def address(result: dict) -> str:
    if result["db_port"] is None or result["db_type"] in HOST_PORT_LIST_TYPES:
        return result["ip"]
    host = "[%s]" % result["ip"] if ":" in result["ip"] else result["ip"]
    return "%s:%s" % (host, result["db_port"])


def failure_message(results: list) -> str:
    failed = [result for result in results if not result["success"]]
    lines = ["test_endpoints[%d] %s (job %s) \u2192 %s" % (
        result["index"], address(result), result.get("job_name") or result["job_id"],
        result["error_msg"] or result["error_code"] or result["status"]) for result in failed]
    return "%d of %d connection tests failed: %s" % (len(failed), len(results), "; ".join(lines))


class BatchConnectionTest:
    """Validate, resolve job names, pre-check job status, test in parallel batches, report in input order."""

    def __init__(self, module, api=None):
        self.module = module
        self.api = api or DrsJobs(module)

    def run(self) -> dict:
        params = self.module.params
        request = validate(ConnectionTestRequest, {"test_endpoints": rc.prune(params["test_endpoints"]), "concurrency": params["concurrency"]})
        endpoints = request.test_endpoints
        fill_instance_location(endpoints, self.module.params.get("region"), lambda: self.module.client.project_id)
        results = [new_result(index, endpoint) for index, endpoint in enumerate(endpoints)]
        self.resolve_names(endpoints, results)
        self.check_job_status(results)
        self.test(endpoints, results, request.concurrency)
        outcome = {"changed": False, "results": results, "summary": summarize(results)}
        if params["fail_on_failure"] and outcome["summary"]["failed"]:
            self.module.ansible.fail_json(msg=failure_message(results), **outcome)
        return outcome

    def resolve_names(self, endpoints: list, results: list) -> None:
        """One lookup per distinct (name, job_type)."""
        resolved = {}
        for endpoint, result in zip(endpoints, results):
            if endpoint.job_name is None:
                continue
            key = (endpoint.job_name, endpoint.job_type)
            if key not in resolved:
                resolved[key] = self.resolve(*key)
            job_id, error = resolved[key]
            if error:
                mark_failed(result, error)
            else:
                result["job_id"] = job_id

    def resolve(self, name: str, job_type: str) -> tuple:
        """(job id, None) or (None, why not)."""
        matches = self.api.named(name, job_type)
        if not matches:
            return None, not_found(self.api, name, job_type)
        try:
            return rc.pick_one(matches, "job", name, "id", "job_id")["id"], None
        except HuaweiCloudError as error:
            return None, error.message

    def check_job_status(self, results: list) -> None:
        """Endpoints of unknown jobs or jobs not in CONFIGURATION fail here and are not sent."""
        pending = [result for result in results if result["success"] is None]
        job_ids = list(dict.fromkeys(result["job_id"] for result in pending))
        if not job_ids:
            return
        statuses = self.api.statuses(job_ids)
        for result in pending:
            job = statuses.get(result["job_id"])
            if job is None:
                continue  # not reported: let the connection test itself decide
            problem = job_status_problem(result["job_id"], job, result.get("job_name"))
            if problem:
                mark_failed(result, *problem)

    def test(self, endpoints: list, results: list, concurrency: int) -> None:
        chunks = chunked([index for index, result in enumerate(results) if result["success"] is None])
        if not chunks:
            return
        bodies = [[endpoints[index].body(results[index]["job_id"]) for index in chunk] for chunk in chunks]
        answers = map_bounded(self.send, bodies, concurrency)
        for chunk, answer in zip(chunks, answers):
            record_chunk(results, chunk, answer, self.module.redact)

    def send(self, entries: list):
        """The results of one request, or the error that failed it (the other requests still count)."""
        try:
            return self.api.test_connections(entries)
        except HuaweiCloudError as error:
            return error


def main() -> None:
    module = HuaweiCloudModule(ARGUMENT_SPEC)
    module.require_pydantic(PYDANTIC_IMPORT_ERROR)
    module.run(lambda m: BatchConnectionTest(m).run())


if __name__ == "__main__":
    main()
