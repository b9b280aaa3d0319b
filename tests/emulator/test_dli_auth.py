# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DLI datasource authentications (auth-infos) with the official SDK (huaweicloudsdkdli 3.1.219, v3 and v2.0 calls) as
referee: create, list, update, delete; passwords never come back and are sealed in the state."""

from __future__ import annotations

import json

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkdli.v1 import (
    CreateAuthInfoRequest, CreateAuthInfoRequestBody, CreateJobAuthInfoRequest, CreateJobAuthInfoRequestBody, DeleteJobAuthInfoRequest,
    DliClient, ListAuthInfoRequest, ListJobAuthInfosRequest, UpdateJobAuthInfoRequest, UpdateJobAuthInfoRequestBody,
)

from hwcloud_emulator import sealed
from emulator_testlib import PROJECT, sdk_client

CANARY = "CANARY-dliauth-3c7e21"
KEYTAB = "obs://bucket/CANARY-keytab-77/user.keytab"


@pytest.fixture
def dli(emulator):
    return sdk_client(DliClient, emulator.base_url)


def _names(dli) -> list:
    return [info.auth_info_name for info in dli.list_job_auth_infos(ListJobAuthInfosRequest()).auth_infos]


def test_the_sdk_creates_lists_updates_and_deletes_auth_infos(dli, emulator):
    dli.create_job_auth_info(CreateJobAuthInfoRequest(body=CreateJobAuthInfoRequestBody(
        auth_info_name="orders_rds", datasource_type="passwd", user_name="app", password=CANARY + "-1")))
    dli.create_job_auth_info(CreateJobAuthInfoRequest(body=CreateJobAuthInfoRequestBody(
        auth_info_name="mrs_krb", datasource_type="KRB", user_name="spark", krb5_conf="obs://bucket/krb5.conf", keytab=KEYTAB)))
    listed = dli.list_job_auth_infos(ListJobAuthInfosRequest(auth_info_name="orders_rds"))
    assert listed.count == 1 and listed.auth_infos[0].user_name == "app" and listed.auth_infos[0].datasource_type == "passwd"
    assert listed.auth_infos[0].owner and listed.auth_infos[0].create_time > 0
    krb = dli.list_job_auth_infos(ListJobAuthInfosRequest(auth_info_name="mrs_krb")).auth_infos[0]
    assert krb.keytab == KEYTAB and krb.krb5_conf == "obs://bucket/krb5.conf"

    dli.update_job_auth_info(UpdateJobAuthInfoRequest(body=UpdateJobAuthInfoRequestBody(
        auth_info_name="orders_rds", user_name="app2", password=CANARY + "-2")))
    record = emulator.app.store.data["dli_auth_infos"][PROJECT + "/orders_rds"]
    assert sealed.matches(emulator.app.config, record["password"], CANARY + "-2")
    assert dli.list_job_auth_infos(ListJobAuthInfosRequest(auth_info_name="orders_rds")).auth_infos[0].user_name == "app2"

    assert sorted(_names(dli)) == ["mrs_krb", "orders_rds"]
    dli.delete_job_auth_info(DeleteJobAuthInfoRequest(auth_info_name="orders_rds"))
    assert _names(dli) == ["mrs_krb"]
    state = json.dumps(emulator.app.store.data) + json.dumps(emulator.admin.state())
    assert CANARY not in state and "CANARY-keytab" not in state


def test_the_v2_calls_reach_the_same_auth_infos(dli):
    dli.create_auth_info(CreateAuthInfoRequest(body=CreateAuthInfoRequestBody(
        auth_info_name="kafka_ssl", datasource_type="Kafka_SSL", truststore_location="obs://b/truststore.jks",
        truststore_password=CANARY, keystore_location="obs://b/keystore.jks", keystore_password=CANARY, key_password=CANARY)))
    assert [i.auth_info_name for i in dli.list_auth_info(ListAuthInfoRequest()).auth_infos] == _names(dli) == ["kafka_ssl"]


@pytest.mark.parametrize("body, code, words", [
    (dict(auth_info_name="1234", datasource_type="passwd", user_name="u", password="p"), "DLI.0001", "auth_info_name"),
    (dict(auth_info_name="_x", datasource_type="passwd", user_name="u", password="p"), "DLI.0001", "auth_info_name"),
    (dict(auth_info_name="x", datasource_type="LDAP"), "DLI.0001", "datasource_type"),
    (dict(auth_info_name="x", datasource_type="passwd", user_name="u"), "DLI.0001", "requires password"),
    (dict(auth_info_name="x", datasource_type="CSS", user_name="u", password="p", certificate_location="/local/ca.cer"), "DLI.0001",
     "OBS path"),
    (dict(auth_info_name="taken", datasource_type="passwd", user_name="u", password="p"), "DLI.0006", "already exists"),
])
def test_invalid_and_duplicate_auth_infos_are_refused(dli, body, code, words):
    dli.create_job_auth_info(CreateJobAuthInfoRequest(body=CreateJobAuthInfoRequestBody(
        auth_info_name="taken", datasource_type="passwd", user_name="u", password="p")))
    with pytest.raises(ClientRequestException) as raised:
        dli.create_job_auth_info(CreateJobAuthInfoRequest(body=CreateJobAuthInfoRequestBody(**body)))
    assert raised.value.status_code == 400 and raised.value.error_code == code and words in raised.value.error_msg


def test_unknown_auth_infos_cannot_be_updated_or_deleted(dli):
    for call in (lambda: dli.delete_job_auth_info(DeleteJobAuthInfoRequest(auth_info_name="nothing")),
                 lambda: dli.update_job_auth_info(UpdateJobAuthInfoRequest(body=UpdateJobAuthInfoRequestBody(
                     auth_info_name="nothing", password="p")))):
        with pytest.raises(ClientRequestException) as raised:
            call()
        assert raised.value.status_code == 400 and raised.value.error_code == "DLI.0002"
