# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""SDK referee for the facts settled in huawei-api.md section 10: the official SDK 3.1.219 drives each scenario and
its models read the emulator's answers, so the emulator cannot drift back to the assumptions the collection and
the emulator once shared (issue 10)."""

from __future__ import annotations

import json
import time

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkdli.v1 import (CreateEnhancedConnectionRequest, CreateEnhancedConnectionRequestBody, DeleteEnhancedConnectionRequest,
                                  DliClient, ShowEnhancedConnectionRequest, Tag)
from huaweicloudsdkdrs.v3 import (BatchListJobStatusRequest, BatchQueryJobReqPage, BatchTestConnectionReq, BatchValidateConnectionsRequest,
                                  CustomizedDns, KafkaSecurity)
from huaweicloudsdkdrs.v3 import DrsClient as DrsV3Client
from huaweicloudsdkdrs.v3 import TestEndPoint as EndPoint
from huaweicloudsdkdrs.v5 import BaseEndpoint, CreateConnectionReq, CreateConnectionRequest, ModifyConnectionRequest, UpdateConnectionReq
from huaweicloudsdkdrs.v5 import ListConnectionsRequest as ListDrsConnectionsRequest
from huaweicloudsdkdrs.v5 import DrsClient as DrsV5Client
from huaweicloudsdkeg.v1 import ConnectionCreateReq, ConnectionUpdateReq, CreateConnectionRequest as EgCreateRequest, EgClient
from huaweicloudsdkeg.v1 import KafkaConnectionDetail, ListConnectionsRequest, ShowDetailOfConnectionRequest, UpdateConnectionRequest

from emulator_testlib import sdk_client

UNKNOWN = "5f1c9e7a-0d1b-4c2e-9a3f-7b6d5e4c3b2a"


def _raised(call) -> ClientRequestException:
    with pytest.raises(ClientRequestException) as caught:
        call()
    return caught.value


# -- 1, 2, 7: DLI ----------------------------------------------------------------------------------


def _dli_create(client: DliClient, name: str, queues=None, tags=None) -> str:
    body = CreateEnhancedConnectionRequestBody(name=name, dest_vpc_id="vpc-1", dest_network_id="net-1", queues=queues, tags=tags)
    return client.create_enhanced_connection(CreateEnhancedConnectionRequest(body=body)).connection_id


def test_dli_unknown_id_is_400_dli_0001_is_not_exist(emulator) -> None:
    client = sdk_client(DliClient, emulator.base_url)
    for call in (lambda: client.show_enhanced_connection(ShowEnhancedConnectionRequest(connection_id=UNKNOWN)),
                 lambda: client.delete_enhanced_connection(DeleteEnhancedConnectionRequest(connection_id=UNKNOWN))):
        error = _raised(call)
        assert (error.status_code, error.error_code, error.error_msg) == (400, "DLI.0001", "Connection %s is not exist" % UNKNOWN)


def test_dli_deleted_row_is_readable_but_a_second_delete_is_not_exist(emulator) -> None:
    client = sdk_client(DliClient, emulator.base_url)
    connection_id = _dli_create(client, "gone_soon")
    client.delete_enhanced_connection(DeleteEnhancedConnectionRequest(connection_id=connection_id))
    assert client.show_enhanced_connection(ShowEnhancedConnectionRequest(connection_id=connection_id)).status == "DELETED"
    error = _raised(lambda: client.delete_enhanced_connection(DeleteEnhancedConnectionRequest(connection_id=connection_id)))
    assert (error.status_code, error.error_code) == (400, "DLI.0001") and "is not exist" in error.error_msg


def test_dli_delete_is_refused_while_a_peer_is_creating(emulator) -> None:
    client = sdk_client(DliClient, emulator.base_url)
    emulator.admin.patch_config({"dli": {"hold_peers": True}})
    connection_id = _dli_create(client, "busy", queues=["q1"])
    time.sleep(0.08)  # past dli_peer_active: only the hold keeps the peer CREATING
    shown = client.show_enhanced_connection(ShowEnhancedConnectionRequest(connection_id=connection_id))
    assert (shown.status, shown.elastic_resource_pools[0].status) == ("ACTIVE", "CREATING")  # connection status stays ACTIVE
    error = _raised(lambda: client.delete_enhanced_connection(DeleteEnhancedConnectionRequest(connection_id=connection_id)))
    assert error.status_code == 400 and "being created cannot be deleted" in error.error_msg and "q1_pool" in error.error_msg
    emulator.admin.patch_config({"dli": {"hold_peers": False}})
    assert client.delete_enhanced_connection(DeleteEnhancedConnectionRequest(connection_id=connection_id)).is_success is True


@pytest.mark.parametrize("tag", [Tag(key="env", value=""), Tag(key="env", value="v" * 256), Tag(key="", value="v")])
def test_dli_tag_value_and_key_lengths(emulator, tag) -> None:
    client = sdk_client(DliClient, emulator.base_url)
    error = _raised(lambda: _dli_create(client, "tagged", tags=[tag]))
    assert (error.status_code, error.error_code) == (400, "DLI.0001") and "tags" in error.error_msg
    assert _dli_create(client, "tagged", tags=[Tag(key="k" * 128, value="v" * 255)])


# -- 3, 8: DRS v5 connections ----------------------------------------------------------------------


def _endpoint(**extra) -> BaseEndpoint:
    fields = dict(endpoint_name="mysql", ip="10.0.0.1", db_port="3306", db_user="root", db_password="pw-1")
    fields.update(extra)
    return BaseEndpoint(**fields)


def _listed(client, connection_id: str):
    return client.list_connections(ListDrsConnectionsRequest(connection_id=connection_id)).connections[0]


def test_drs_put_takes_no_endpoint_but_a_sent_endpoint_needs_its_password(emulator) -> None:
    """Section 11 #8 (correcting section 10 #3): endpoint is optional in UpdateConnectionReq, db_user/db_password are
    required inside an endpoint that is sent."""
    client = sdk_client(DrsV5Client, emulator.base_url)
    created = client.create_connection(CreateConnectionRequest(body=CreateConnectionReq(name="conn-put", db_type="mysql", endpoint=_endpoint())))
    for endpoint in (_endpoint(db_password=None), _endpoint(db_user=None)):
        body = UpdateConnectionReq(description="x", endpoint=endpoint)
        error = _raised(lambda body=body: client.modify_connection(ModifyConnectionRequest(connection_id=created.connection_id, body=body)))
        assert (error.status_code, error.error_code) == (400, "DRS.10000001") and "endpoint.db_" in error.error_msg
    answer = client.modify_connection(ModifyConnectionRequest(connection_id=created.connection_id, body=UpdateConnectionReq(description="x")))
    assert answer.status_code == 200
    listed = _listed(client, created.connection_id)
    assert (listed.description, listed.endpoint.ip, listed.endpoint.db_user) == ("x", "10.0.0.1", "root")  # the rest is kept
    answer = client.modify_connection(ModifyConnectionRequest(connection_id=created.connection_id, body=UpdateConnectionReq(
        name="conn-put", db_type="mysql", description="x", endpoint=_endpoint(db_password="pw-2"))))
    assert answer.status_code == 200


def test_drs_enterprise_project_defaults_to_0_and_an_empty_description_clears(emulator) -> None:
    """Sections 11 #9 and #10."""
    client = sdk_client(DrsV5Client, emulator.base_url)
    created = client.create_connection(CreateConnectionRequest(body=CreateConnectionReq(
        name="conn-epid", db_type="mysql", endpoint=_endpoint(), description="orders")))
    assert created.enterprise_project_id == "0" and _listed(client, created.connection_id).enterprise_project_id == "0"
    client.modify_connection(ModifyConnectionRequest(connection_id=created.connection_id, body=UpdateConnectionReq(
        name="conn-epid", db_type="mysql", description="", endpoint=_endpoint())))
    assert _listed(client, created.connection_id).description == ""


def test_drs_redis_scenarios_are_refused_for_every_db_type(emulator) -> None:
    client = sdk_client(DrsV5Client, emulator.base_url)
    error = _raised(lambda: client.create_connection(CreateConnectionRequest(body=CreateConnectionReq(
        name="conn-redis", db_type="mysql", endpoint=_endpoint(endpoint_name="redis")))))
    assert (error.status_code, error.error_code) == (400, "DRS.10000001") and "endpoint_name" in error.error_msg


# -- 4, 6, 9: DRS v3 ---------------------------------------------------------------------------------


def test_v3_results_use_the_v3_job_codes(emulator) -> None:
    client = sdk_client(DrsV3Client, emulator.base_url)
    deleted = emulator.admin.seed_job(name="deleted-job", status="DELETED")
    # batch-status answers them with HTTP 400, the codes only in the results (section 11 #6, test_drs_v3_job_errors.py)
    error = _raised(lambda: client.batch_list_job_status(BatchListJobStatusRequest(body=BatchQueryJobReqPage(jobs=[UNKNOWN, deleted["id"]]))))
    results = json.loads(error.error_msg)["results"]
    assert [(r["id"], r["error_code"]) for r in results] == [(UNKNOWN, "DRS.M00289"), (deleted["id"], "DRS.M05004")]
    entries = [EndPoint(id=job_id, net_type="eip", db_type="mysql", ip="10.0.0.1", db_port=3306, db_user="u", db_password="p",
                        end_point_type="so") for job_id in (UNKNOWN, deleted["id"])]
    tested = client.batch_validate_connections(BatchValidateConnectionsRequest(body=BatchTestConnectionReq(jobs=entries)))
    assert [(r.success, r.error_code) for r in tested.results] == [(False, "DRS.M00289"), (False, "DRS.M05004")]


def _kafka(job_id: str, security: KafkaSecurity, **extra) -> EndPoint:
    return EndPoint(id=job_id, net_type="eip", db_type="kafka", ip="192.168.0.40:9093", end_point_type="ta",
                    kafka_security_config=security, **extra)


def test_kafka_ssl_needs_a_trust_store_but_not_its_password(emulator) -> None:
    client = sdk_client(DrsV3Client, emulator.base_url)
    job = emulator.admin.seed_job(name="kafka-job", status="CONFIGURATION")
    store = dict(trust_store_key="dGVzdA==", trust_store_key_name="ca.pem")
    ok = client.batch_validate_connections(BatchValidateConnectionsRequest(body=BatchTestConnectionReq(jobs=[
        _kafka(job["id"], KafkaSecurity(type="SSL", **store)),
        _kafka(job["id"], KafkaSecurity(type="SASL_SSL", sasl_mechanism="PLAIN", **store), db_user="u", db_password="p")])))
    assert [r.success for r in ok.results] == [True, True]
    error = _raised(lambda: client.batch_validate_connections(BatchValidateConnectionsRequest(body=BatchTestConnectionReq(jobs=[
        _kafka(job["id"], KafkaSecurity(type="SSL", trust_store_key_name="ca.pem"))]))))
    assert error.status_code == 400 and "trust_store_key" in error.error_msg


def test_kafka_without_sasl_is_tested_without_a_user_and_without_db_port(emulator) -> None:
    """Section 11 #11: PLAINTEXT and SSL entries omit db_user/db_password (only SASL_* sends them); a Kafka ip is a
    host:port list and db_port is omitted. The Python SDK models db_user/db_password as required, the Go SDK and the
    documented examples leave them out."""
    client = sdk_client(DrsV3Client, emulator.base_url)
    job = emulator.admin.seed_job(name="kafka-plain-job", status="CONFIGURATION")
    store = dict(trust_store_key="dGVzdA==", trust_store_key_name="ca.pem")
    ok = client.batch_validate_connections(BatchValidateConnectionsRequest(body=BatchTestConnectionReq(jobs=[
        _kafka(job["id"], KafkaSecurity(type="PLAINTEXT")), _kafka(job["id"], KafkaSecurity(type="SSL", **store))])))
    assert [(r.success, r.error_code) for r in ok.results] == [(True, None), (True, None)]
    for security in (KafkaSecurity(type="SASL_PLAINTEXT", sasl_mechanism="PLAIN"),
                     KafkaSecurity(type="SASL_SSL", sasl_mechanism="PLAIN", **store)):
        error = _raised(lambda security=security: client.batch_validate_connections(BatchValidateConnectionsRequest(
            body=BatchTestConnectionReq(jobs=[_kafka(job["id"], security)]))))
        assert (error.status_code, error.error_code) == (400, "DRS.10000001")
        assert "db_user, db_password" in error.error_msg


def test_customized_dns_is_accepted_and_checked(emulator) -> None:
    client = sdk_client(DrsV3Client, emulator.base_url)
    job = emulator.admin.seed_job(name="dns-job", status="CONFIGURATION")

    def entry(dns: CustomizedDns) -> EndPoint:
        return EndPoint(id=job["id"], net_type="eip", db_type="mysql", ip="db.example.internal", db_port=3306, db_user="u",
                        db_password="p", end_point_type="so", customized_dns=dns)

    ok = client.batch_validate_connections(BatchValidateConnectionsRequest(body=BatchTestConnectionReq(jobs=[
        entry(CustomizedDns(is_set_dns=True, set_dns_action="add", dns_ip="192.168.0.53")),
        entry(CustomizedDns(is_set_dns=False))])))
    assert [r.success for r in ok.results] == [True, True]
    for dns in (CustomizedDns(is_set_dns=True, set_dns_action="replace", dns_ip="192.168.0.53"),
                CustomizedDns(is_set_dns=True, set_dns_action="add"), CustomizedDns(is_set_dns=True, set_dns_action="update", dns_ip="dns")):
        error = _raised(lambda dns=dns: client.batch_validate_connections(BatchValidateConnectionsRequest(
            body=BatchTestConnectionReq(jobs=[entry(dns)]))))
        assert error.status_code == 400 and "customized_dns" in error.error_msg


# -- 10: EG list bounds ------------------------------------------------------------------------------


def test_eg_list_offset_is_at_most_100_and_limit_at_most_1000(emulator) -> None:
    """Section 11 #14 (correcting section 10 #10): offset 0-100, limit 1-1000; a page holds at most 100 items by
    default (one doc variant, UNCONFIRMED: eg.max_page_items)."""
    client = sdk_client(EgClient, emulator.base_url)
    emulator.admin.seed_eg_connections(["bulk-%03d" % index for index in range(205)])
    client.create_connection(EgCreateRequest(body=ConnectionCreateReq(name="made-by-sdk", vpc_id="vpc-1", subnet_id="subnet-1")))
    last = client.list_connections(ListConnectionsRequest(offset=100, limit=1000, sort="name:ASC"))
    assert (last.total, last.size, last.items[0].name, last.items[-1].name) == (206, 100, "bulk-100", "bulk-199")
    assert last.items[0].status == "CREATED"
    for query in (dict(offset=101, limit=10), dict(offset=0, limit=1001), dict(offset=0, limit=0)):
        error = _raised(lambda query=query: client.list_connections(ListConnectionsRequest(**query)))
        assert (error.status_code, error.error_code) == (400, "EG.00513000") and "offset" in error.error_msg
    emulator.admin.patch_config({"eg": {"max_page_items": None}})
    whole = client.list_connections(ListConnectionsRequest(offset=0, limit=1000))
    assert (whole.total, whole.size) == (206, 206)


def _kafka_detail(**extra) -> KafkaConnectionDetail:
    return KafkaConnectionDetail(**dict({"instance_id": "k1", "addr": "10.0.0.1:9092", "security_protocol": "PLAINTEXT"}, **extra))


def _eg_create(client: EgClient, name: str, **extra):
    return client.create_connection(EgCreateRequest(body=ConnectionCreateReq(name=name, vpc_id="vpc-1", subnet_id="subnet-1", **extra)))


def test_eg_kafka_detail_needs_enable_sasl_ssl(emulator) -> None:
    """Section 11 #13: required (Go SDK, no omitempty); the Python SDK leaves it out when it is None."""
    client = sdk_client(EgClient, emulator.base_url)
    error = _raised(lambda: _eg_create(client, "kafka-no-flag", type="KAFKA", kafka_detail=_kafka_detail()))
    assert (error.status_code, error.error_code) == (400, "EG.00513000") and "enable_sasl_ssl" in error.error_msg
    created = _eg_create(client, "kafka-flag", type="KAFKA", kafka_detail=_kafka_detail(enable_sasl_ssl=False))
    assert created.kafka_detail.enable_sasl_ssl is False


@pytest.mark.parametrize("name", ["default", "Default", "-lead", "a" * 129, "bad name"])
def test_eg_name_rules(emulator, name) -> None:
    """Section 11 #14: 1-128 letters, digits, . _ -, starting with a letter or digit, not default."""
    error = _raised(lambda: _eg_create(sdk_client(EgClient, emulator.base_url), name))
    assert (error.status_code, error.error_code) == (400, "EG.00513000")


def test_eg_error_codes_quota_modify_duplicate_and_not_found(emulator_factory) -> None:
    """Section 11 #15: EG.00513001 duplicate (400), EG.00514003 quota (403), EG.00514004 may not be modified (403),
    EG.00014040 not found (404); section 11 #10: description "" clears."""
    emulator = emulator_factory({"eg": {"quota": 2}, "delays": {"eg_connection_created": 30}})
    client = sdk_client(EgClient, emulator.base_url)
    created = _eg_create(client, "first-eg", description="orders")
    assert _raised(lambda: _eg_create(client, "first-eg")).error_code == "EG.00513001"
    _eg_create(client, "second-eg")
    error = _raised(lambda: _eg_create(client, "third-eg"))
    assert (error.status_code, error.error_code) == (403, "EG.00514003")
    update = UpdateConnectionRequest(connection_id=created.id, body=ConnectionUpdateReq(description=""))
    error = _raised(lambda: client.update_connection(update))
    assert (error.status_code, error.error_code) == (403, "EG.00514004")  # still CREATING
    emulator.admin.patch_config({"delays": {"eg_connection_created": 0.0}})
    emulator.app.store.data["eg_connections"][created.id]["ready_at"] = 0  # let it finish now
    assert client.update_connection(update).description == ""
    assert client.show_detail_of_connection(ShowDetailOfConnectionRequest(connection_id=created.id)).description == ""
    error = _raised(lambda: client.show_detail_of_connection(ShowDetailOfConnectionRequest(connection_id=UNKNOWN)))
    assert (error.status_code, error.error_code) == (404, "EG.00014040")


# -- section 11 #5: DLI tag characters -----------------------------------------------------------------


@pytest.mark.parametrize("tag, where", [
    (Tag(key="_sys_owner", value="v"), "tags[0].key"), (Tag(key="_SYS_owner", value="v"), "tags[0].key"),
    (Tag(key=" team", value="v"), "tags[0].key"), (Tag(key="team", value="data "), "tags[0].value"),
    (Tag(key="team#1", value="v"), "tags[0].key"), (Tag(key="team", value="a/b"), "tags[0].value"),
])
def test_dli_tag_characters_and_reserved_prefix(emulator, tag, where) -> None:
    client = sdk_client(DliClient, emulator.base_url)
    error = _raised(lambda: _dli_create(client, "tagged_rules", tags=[tag]))
    assert (error.status_code, error.error_code) == (400, "DLI.0001") and where in error.error_msg


def test_dli_tags_take_letters_of_any_language_digits_spaces_and_the_documented_signs(emulator) -> None:
    client = sdk_client(DliClient, emulator.base_url)
    tags = [Tag(key="团队 owner", value="数据 team_1"), Tag(key="a.b:c=d+e-f@g", value="x_sys_y")]
    assert _dli_create(client, "tagged_ok", tags=tags)


# -- section 11 #3: three ways a gone DLI connection is answered ---------------------------------------


@pytest.mark.parametrize("answer, expected", [
    ("DLI.0001", (400, "DLI.0001", "Connection %s is not exist")),
    ("DLI.0002", (400, "DLI.0002", "Enhanced connection %s does not exist.")),
    ("404", (404, "DLI.0023", "Enhanced connection %s not found.")),
])
def test_dli_gone_answers_are_configurable(emulator_factory, answer, expected) -> None:
    emulator = emulator_factory({"dli": {"gone_answer": answer, "deleted_rows": "gone"}})
    client = sdk_client(DliClient, emulator.base_url)
    connection_id = _dli_create(client, "gone_%s" % answer.replace(".", ""))
    client.delete_enhanced_connection(DeleteEnhancedConnectionRequest(connection_id=connection_id))
    for gone in (UNKNOWN, connection_id):
        for call in (lambda: client.show_enhanced_connection(ShowEnhancedConnectionRequest(connection_id=gone)),
                     lambda: client.delete_enhanced_connection(DeleteEnhancedConnectionRequest(connection_id=gone))):
            error = _raised(call)
            status, code, text = expected
            assert (error.status_code, error.error_code, error.error_msg) == (status, code, text % gone)


def test_dli_deleted_rows_are_shown_by_default_and_unknown_ids_get_the_gone_answer(emulator_factory) -> None:
    emulator = emulator_factory({"dli": {"gone_answer": "404"}})
    client = sdk_client(DliClient, emulator.base_url)
    connection_id = _dli_create(client, "gone_row")
    client.delete_enhanced_connection(DeleteEnhancedConnectionRequest(connection_id=connection_id))
    assert client.show_enhanced_connection(ShowEnhancedConnectionRequest(connection_id=connection_id)).status == "DELETED"
    assert _raised(lambda: client.show_enhanced_connection(ShowEnhancedConnectionRequest(connection_id=UNKNOWN))).status_code == 404
