# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""CSMS secrets and versions with the official SDK (huaweicloudsdkcsms 3.1.219) as referee; values stay sealed."""

from __future__ import annotations

import json
import logging

import pytest
import requests
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcsms.v1 import (
    CreateSecretRequest, CreateSecretRequestBody, CreateSecretVersionRequest, CreateSecretVersionRequestBody, CsmsClient,
    ListSecretVersionsRequest, ShowSecretRequest, ShowSecretVersionRequest,
)

from emulator_testlib import PROJECT, sdk_client

CANARY = "CANARY-csms-5e1f0a"


@pytest.fixture
def csms(emulator):
    return sdk_client(CsmsClient, emulator.base_url)


def _create(csms, name: str, value: str):
    return csms.create_secret(CreateSecretRequest(body=CreateSecretRequestBody(name=name, secret_string=value)))


def test_the_sdk_creates_a_secret_and_reads_its_versions(csms, emulator):
    created = _create(csms, "orders-db", json.dumps({"user": "app", "password": CANARY + "-1"}))
    assert created.secret.name == "orders-db" and created.secret.state == "ENABLED" and created.secret.id
    second = csms.create_secret_version(CreateSecretVersionRequest(
        secret_name="orders-db", body=CreateSecretVersionRequestBody(secret_string=CANARY + "-2")))
    assert second.version_metadata.id == "v2" and second.version_metadata.version_stages == ["SYSCURRENT"]

    latest = csms.show_secret_version(ShowSecretVersionRequest(secret_name="orders-db", version_id="latest")).version
    first = csms.show_secret_version(ShowSecretVersionRequest(secret_name="orders-db", version_id="v1")).version
    assert latest.secret_string == CANARY + "-2" and latest.version_metadata.id == "v2"
    assert json.loads(first.secret_string)["password"] == CANARY + "-1"
    assert first.version_metadata.version_stages == ["SYSPREVIOUS"] and first.version_metadata.secret_name == "orders-db"

    listed = csms.list_secret_versions(ListSecretVersionsRequest(secret_name="orders-db", limit=1))
    assert [v.id for v in listed.version_metadatas] == ["v1"] and listed.page_info.next_marker == "v1"
    rest = csms.list_secret_versions(ListSecretVersionsRequest(secret_name="orders-db", marker="v1"))
    assert [v.id for v in rest.version_metadatas] == ["v2"] and rest.page_info.next_marker is None
    assert csms.show_secret(ShowSecretRequest(secret_name="orders-db")).secret.kms_key_id == "csms/default"


@pytest.mark.parametrize("name, version, code", [("no-such-secret", "latest", "CSMS.0106"), ("orders-db", "v9", "CSMS.0005")])
def test_unknown_secrets_and_versions_answer_400_with_the_csms_codes(csms, name, version, code):
    _create(csms, "orders-db", "x")
    with pytest.raises(ClientRequestException) as raised:
        csms.show_secret_version(ShowSecretVersionRequest(secret_name=name, version_id=version))
    assert raised.value.status_code == 400 and raised.value.error_code == code


def test_a_secret_needs_exactly_one_value_and_a_valid_unique_name(csms):
    _create(csms, "taken", "x")
    for body in (CreateSecretRequestBody(name="taken", secret_string="y"), CreateSecretRequestBody(name="no value"),
                 CreateSecretRequestBody(name="both", secret_string="a", secret_binary="Yg==")):
        with pytest.raises(ClientRequestException) as raised:
            csms.create_secret(CreateSecretRequest(body=body))
        assert raised.value.status_code == 400 and raised.value.error_code == "CSMS.0002"


def test_seeded_secrets_are_readable_and_their_values_are_nowhere_else(emulator, csms, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)
    seeded = requests.post(emulator.base_url + "/_emulator/csms/secrets", timeout=10, json={"secrets": [
        {"name": "billing", "secret_string": CANARY + "-a", "versions": [{"secret_string": CANARY + "-b"}]}]})
    assert seeded.status_code == 201 and seeded.json() == {"created": [{"name": "billing", "versions": ["v1", "v2"]}]}
    value = csms.show_secret_version(ShowSecretVersionRequest(secret_name="billing", version_id="latest")).version.secret_string
    assert value == CANARY + "-b"
    emulator.app.store.state_file = str(tmp_path / "state.json")
    emulator.app.store.save()
    emulator.app.store.flush()
    outputs = {"state view": json.dumps(emulator.admin.state()), "request log": json.dumps(emulator.admin.requests()),
               "config view": requests.get(emulator.base_url + "/_emulator/config", timeout=10).text,
               "state file": (tmp_path / "state.json").read_text(), "logging": caplog.text, "seed answer": seeded.text}
    assert "billing" in outputs["state file"] and "GET /v1/%s/secrets/billing/versions/latest" % PROJECT in caplog.text
    assert [where for where, text in outputs.items() if CANARY in text] == []
    assert "emulator-sealing-key" not in outputs["config view"]
