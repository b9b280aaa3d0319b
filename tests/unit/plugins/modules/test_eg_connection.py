# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""eg_connection's resource through the reconcile algorithm, with an in-memory stand-in for the EG API."""

from __future__ import annotations

import copy

import pytest

from ansible_collections.hwcloud.connections.plugins.module_utils import reconcile as rc
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError
from ansible_collections.hwcloud.connections.plugins.module_utils.eg_connection import EgConnection
from ansible_collections.hwcloud.connections.plugins.modules.eg_connection import ARGUMENT_SPEC
from ansible_collections.hwcloud.connections.tests.unit.plugins.modules.fake_module import FakeModule


class FakeApi:
    """Stores connections like the service: the password is kept but never read back."""

    def __init__(self, existing=None):
        self.rows = {c["id"]: dict(c, status="CREATED") for c in existing or []}
        self.calls = []

    def _view(self, row):
        view = copy.deepcopy(row)
        view.get("kafka_detail", {}).pop("password", None)
        return view

    def find(self, connection_id, name):
        if connection_id:
            row = self.rows.get(connection_id)
            return self._view(row) if row else None
        return rc.pick_one([self._view(r) for r in self.rows.values() if r["name"] == name], "connection", name)

    def create(self, body):
        self.calls.append(("create", body))
        row = dict(copy.deepcopy(body), id="id-%d" % len(self.calls), status="CREATING")
        self.rows[row["id"]] = row
        return self._view(row)

    def update(self, connection_id, body):
        self.calls.append(("update", body))
        self.rows[connection_id].update(copy.deepcopy(body))
        return self._view(self.rows[connection_id])

    def delete(self, connection_id):
        self.calls.append(("delete", connection_id))
        del self.rows[connection_id]

    def wait_created(self, connection, timeout):
        if connection["status"] == "CREATED":  # like the real one: no poll needed
            return connection
        self.calls.append(("wait", connection["id"]))
        self.rows[connection["id"]]["status"] = "CREATED"
        return self._view(self.rows[connection["id"]])


BASE = {"name": "orders-eg", "vpc_id": "vpc-1", "subnet_id": "subnet-1"}
KAFKA = {"instance_id": "k1", "addr": "10.0.0.1:9092", "enable_sasl_ssl": True, "user_name": "u", "password": "secret"}
EXISTING = dict(BASE, id="c1", type="KAFKA", description="first", kafka_detail=KAFKA)


def run(api, check_mode=False, **params):
    module = FakeModule(ARGUMENT_SPEC, check_mode=check_mode, **dict(BASE, **params))
    resource = EgConnection(module)
    resource.api = api
    return rc.reconcile(module, resource)


def test_create_waits_and_returns_no_password():
    api = FakeApi()
    result = run(api, type="kafka", kafka_detail=KAFKA)
    assert result["changed"] is True
    assert [c[0] for c in api.calls] == ["create", "wait"]
    assert api.calls[0][1]["type"] == "KAFKA"
    assert result["connection"]["status"] == "CREATED"
    assert "password" not in result["connection"]["kafka_detail"]
    assert "password" not in result["diff"]["after"]["kafka_detail"]


def test_check_mode_create_and_no_wait():
    api = FakeApi()
    predicted = run(api, check_mode=True, type="kafka", kafka_detail=KAFKA)
    assert predicted["changed"] and api.calls == []
    assert predicted["connection"]["name"] == "orders-eg" and "password" not in predicted["connection"]["kafka_detail"]
    assert predicted["diff"]["after"]["kafka_detail"]["password"] == rc.MASK
    created = run(api, wait=False)
    assert created["connection"]["status"] == "CREATING" and [c[0] for c in api.calls] == ["create"]


def test_rerun_with_other_password_is_not_changed_unless_always():
    api = FakeApi([EXISTING])
    assert run(api, type="kafka", description="first", kafka_detail=dict(KAFKA, password="other"))["changed"] is False
    assert api.calls == []
    result = run(api, type="kafka", kafka_detail=dict(KAFKA, password="other"), update_password="always")
    assert result["changed"] is True
    assert api.calls == [("update", {"kafka_detail": {"user_name": "u", "password": "other"}})]


def test_update_description_in_place():
    api = FakeApi([EXISTING])
    check = run(api, check_mode=True, description="second")
    assert check["changed"] and check["diff"]["before"]["description"] == "first" and check["diff"]["after"]["description"] == "second"
    assert api.calls == []
    assert run(api, description="second")["connection"]["description"] == "second"
    assert api.calls == [("update", {"description": "second"})]


def test_replace_only_difference_fails_naming_fields_or_recreates():
    api = FakeApi([EXISTING])
    with pytest.raises(HuaweiCloudError, match=r"cannot be changed in place: subnet_id and kafka_detail.addr differ; set recreate=true"):
        run(api, subnet_id="subnet-2", type="kafka", kafka_detail=dict(KAFKA, addr="10.0.0.2:9092"))
    assert api.calls == []
    check = run(api, check_mode=True, subnet_id="subnet-2", recreate=True)
    assert check["changed"] and "id" not in check["connection"] and api.calls == []
    result = run(api, subnet_id="subnet-2", recreate=True)
    assert [c[0] for c in api.calls] == ["delete", "create", "wait"]
    assert result["connection"]["subnet_id"] == "subnet-2" and result["connection"]["id"] != "c1"
    assert list(api.rows) == [result["connection"]["id"]]


def test_absent():
    api = FakeApi([EXISTING])
    assert run(api, state="absent")["changed"] is True
    assert run(api, state="absent")["changed"] is False
    assert api.calls == [("delete", "c1")]


def test_an_empty_description_is_sent_to_clear_it_and_an_absent_one_counts_as_empty():
    # huawei-api.md section 11 #10: the EG acceptance test reads back "" after sending ""
    api = FakeApi([EXISTING])
    assert run(api, description="")["changed"] is True and api.calls == [("update", {"description": ""})]
    api = FakeApi([{key: value for key, value in EXISTING.items() if key != "description"}])
    assert run(api, description="")["changed"] is False and api.calls == []


def test_enable_sasl_ssl_is_always_sent_and_a_read_without_it_means_false():
    # huawei-api.md section 11 #13: kafka_detail.enable_sasl_ssl is required (default false)
    api = FakeApi()
    detail = {"instance_id": "k1", "addr": "10.0.0.1:9092", "security_protocol": "PLAINTEXT"}
    run(api, type="kafka", kafka_detail=detail)
    assert api.calls[0] == ("create", dict(BASE, type="KAFKA", kafka_detail=dict(detail, enable_sasl_ssl=False)))
    unread = dict(BASE, id="c2", type="KAFKA", kafka_detail=detail)  # an answer that leaves the flag out
    api = FakeApi([unread])
    assert run(api, type="kafka", kafka_detail=detail)["changed"] is False and api.calls == []


def test_an_update_of_a_connection_still_creating_waits_for_it_first():
    # huawei-api.md section 11 #15: EG.00514004, a resource that may not be modified; one being created is such a one
    api = FakeApi([EXISTING])
    api.rows["c1"]["status"] = "CREATING"
    assert run(api, description="second", wait=False)["changed"] is True
    assert api.calls == [("wait", "c1"), ("update", {"description": "second"})]
