# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Kafka with a client certificate (key store) in the batch connection test, driven with the SDK's KafkaSecurity."""

from __future__ import annotations

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkdrs.v3 import BatchTestConnectionReq, BatchValidateConnectionsRequest, DrsClient, KafkaSecurity
from huaweicloudsdkdrs.v3 import TestEndPoint as EndPoint

from hwcloud_emulator import probes
from emulator_testlib import PROJECT, sdk_client, signed_call

BROKERS = "192.168.0.21:9093,192.168.0.22:9093"
KEY_STORE = {"enable_key_store": True, "key_store_key": "S0VZLVNUT1JFLUJMT0I=", "key_store_key_name": "client.p12",
             "key_store_password": "Store-S3cret"}
TRUST_STORE = {"type": "SSL", "trust_store_key": "VFJVU1QtU1RPUkU=", "trust_store_key_name": "ca.pem"}


def _kafka(job_id: str, **security) -> EndPoint:
    return EndPoint(id=job_id, net_type="eip", db_type="kafka", ip=BROKERS, end_point_type="ta",
                    kafka_security_config=KafkaSecurity(**{**TRUST_STORE, **KEY_STORE, **security}))


def _run(client: DrsClient, entries: list) -> list:
    body = BatchTestConnectionReq(jobs=entries)
    return client.batch_validate_connections(BatchValidateConnectionsRequest(body=body)).results


@pytest.fixture
def client(emulator) -> DrsClient:
    return sdk_client(DrsClient, emulator.base_url)


@pytest.fixture(name="job")
def fixture_job(emulator) -> dict:
    return emulator.admin.seed_job(name="kafka-job", status="CONFIGURATION")


@pytest.fixture(name="no_kafka_client")
def fixture_no_kafka_client(monkeypatch) -> None:
    """A Kafka client must never be built for remote brokers."""
    def forbidden(*_args, **_kwargs):
        raise AssertionError("a Kafka client was created")

    monkeypatch.setattr(probes, "AdminClient", forbidden)


@pytest.mark.parametrize(("security", "named"), [
    ({"key_store_key": None}, "key_store_key required when enable_key_store is true"),
    ({"key_store_key_name": None}, "key_store_key_name required when enable_key_store is true"),
    ({"key_store_key": None, "key_store_key_name": None},
     "key_store_key_name, key_store_key required when enable_key_store is true"),
    ({"set_private_key_password": True}, "key_password required when set_private_key_password is true"),
])
def test_incomplete_key_store_is_400_naming_the_field(client, job, security, named) -> None:
    with pytest.raises(ClientRequestException) as caught:
        _run(client, [_kafka(job["id"], **security)])
    assert (caught.value.status_code, caught.value.error_code) == (400, "DRS.10000001")
    assert caught.value.error_msg == "Invalid parameter jobs[0].kafka_security_config: %s." % named


@pytest.mark.parametrize("security", [
    {},
    {"key_store_password": None},  # needed only when the store has a password (SDK KafkaSecurity)
    {"set_private_key_password": True, "key_password": "Key-S3cret"},
    {"enable_key_store": False, "key_store_key": None, "key_store_key_name": None, "set_private_key_password": True},
    {"type": "SASL_SSL", "sasl_mechanism": "SCRAM-SHA-512"},
], ids=["full", "no-store-password", "private-key-password", "key-store-off", "sasl-ssl"])
def test_complete_key_store_to_remote_brokers_is_simulated(client, job, no_kafka_client, loopback_only,
                                                           security) -> None:  # pylint: disable=unused-argument
    extra = {"db_user": "kafka_user", "db_password": "Sasl-S3cret"} if "sasl_mechanism" in security else {}
    entry = _kafka(job["id"], **security)
    for name, value in extra.items():
        setattr(entry, name, value)
    assert [(r.success, r.error_code) for r in _run(client, [entry])] == [(True, None)]
    assert not loopback_only


def test_remote_broker_failure_from_the_table_masks_key_store_secrets(emulator, client, job,
                                                                      no_kafka_client) -> None:  # pylint: disable=unused-argument
    echo = "bad store %s, key %s, blob %s" % (KEY_STORE["key_store_password"], "Key-S3cret", KEY_STORE["key_store_key"])
    emulator.admin.patch_config({"probe": {"table": {"192.168.0.22:9093": {"error_code": "DRS.10020004",
                                                                           "error_msg": echo}}}})
    (result,) = _run(client, [_kafka(job["id"], set_private_key_password=True, key_password="Key-S3cret")])
    assert (result.success, result.error_code) == (False, "DRS.10020004")
    assert result.error_msg == "bad store ******, key ******, blob ******"


@pytest.mark.parametrize("field", ["enable_key_store", "set_private_key_password"])
def test_key_store_switches_must_be_booleans(emulator, job, field) -> None:
    security = {**TRUST_STORE, **KEY_STORE, "key_password": "Key-S3cret", field: "true"}
    entry = {"id": job["id"], "net_type": "eip", "db_type": "kafka", "ip": BROKERS, "end_point_type": "ta",
             "kafka_security_config": security}
    response = signed_call("POST", "%s/v3/%s/jobs/batch-connection" % (emulator.base_url, PROJECT), {"jobs": [entry]})
    assert response.status_code == 400
    assert response.json()["error_msg"] == "Invalid parameter jobs[0].kafka_security_config.%s: a boolean is required." % field
