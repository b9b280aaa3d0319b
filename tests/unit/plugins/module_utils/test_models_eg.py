# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""EG connection contract: validation messages, the update plan and the wait status."""

from __future__ import annotations

import pytest

from ansible_collections.hwcloud.connections.plugins.module_utils.eg import creation_status, plan_changes
from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import validate
from ansible_collections.hwcloud.connections.plugins.module_utils.eg import list_filters
from ansible_collections.hwcloud.connections.plugins.module_utils.models.eg import Connection
from ansible_collections.hwcloud.connections.plugins.module_utils.module import ValidationFailed

BASE = {"name": "orders-eg", "vpc_id": "vpc-1", "subnet_id": "subnet-1"}
KAFKA = {"instance_id": "kafka-1", "addr": "192.168.0.10:9092"}


def body(**changes):
    return validate(Connection, dict(BASE, **changes)).body()


@pytest.mark.parametrize("data, expected", [
    ({"name": ""}, "name: must be 1-128 characters"),
    ({"name": "x" * 129}, "name: must be 1-128 characters"),
    ({"name": "-starts-with-hyphen"}, "name: must be 1-128 characters"),
    ({"name": "has space"}, "name: must be 1-128 characters"),
    ({"name": "Default"}, "name: must not be 'default'"),
    ({"description": "d" * 256}, "description: String should have at most 255 characters"),
    ({"vpc_id": "v" * 129}, "vpc_id: String should have at most 128 characters"),
    ({"subnet_id": ""}, "subnet_id: String should have at least 1 character"),
    ({"type": "rocketmq"}, "type: Input should be 'webhook' or 'kafka'"),
    ({"type": "kafka"}, "type=kafka requires kafka_detail (instance_id, addr)"),
    ({"kafka_detail": KAFKA}, "kafka_detail is only valid with type=kafka"),
    ({"type": "kafka", "kafka_detail": {"addr": "a:1"}}, "kafka_detail.instance_id: Field required"),
    ({"type": "kafka", "kafka_detail": dict(KAFKA, enable_sasl_ssl=True)},
     "SASL_SSL (enable_sasl_ssl=true or security_protocol=SASL_SSL) requires user_name and password"),
    ({"type": "kafka", "kafka_detail": dict(KAFKA, security_protocol="SASL_SSL", user_name="u")}, "requires password"),
    ({"type": "kafka", "kafka_detail": dict(KAFKA, security_protocol="SASL_SSL", enable_sasl_ssl=False)}, "contradicts enable_sasl_ssl=false"),
    ({"type": "kafka", "kafka_detail": dict(KAFKA, acks="2")}, "kafka_detail.acks: Input should be '0', '1' or 'all'"),
])
def test_invalid_input_names_field_and_rule(data, expected):
    with pytest.raises(ValidationFailed) as error:
        validate(Connection, dict(BASE, **data))
    assert str(error.value).startswith("Invalid input: ")
    assert expected in str(error.value)


def test_valid_bodies_send_upper_case_type_and_only_what_was_set():
    assert body(name="a") == dict(BASE, name="a")
    assert body(name="1.b_c-d" + "x" * 121, type="webhook")["type"] == "WEBHOOK"
    kafka = body(type="kafka", kafka_detail=dict(KAFKA, security_protocol="SASL_SSL", user_name="u", password="p", acks="all"))
    assert kafka["type"] == "KAFKA"
    assert kafka["kafka_detail"] == dict(KAFKA, security_protocol="SASL_SSL", enable_sasl_ssl=True, user_name="u", password="p", acks="all")


def test_list_filters_check_sort_shape():
    assert list_filters({"sort": "name:asc", "name": None}) == {"sort": "name:asc"}
    with pytest.raises(ValidationFailed, match="sort: must be <field>:ASC or <field>:DESC"):
        list_filters({"sort": "name"})
    with pytest.raises(ValidationFailed, match="fuzzy_name: must not be empty"):
        list_filters({"fuzzy_name": ""})


CURRENT = {
    "id": "c1", "name": "orders-eg", "description": "first", "status": "CREATED", "vpc_id": "vpc-1", "subnet_id": "subnet-1",
    "type": "kafka", "kafka_detail": dict(KAFKA, enable_sasl_ssl=True, user_name="u", acks="1"),
}
SASL = dict(KAFKA, enable_sasl_ssl=True, user_name="u", password="p")


@pytest.mark.parametrize("desired, resend, replace, put", [
    (dict(BASE, type="KAFKA", kafka_detail=SASL), False, [], {}),
    (dict(BASE, type="KAFKA", kafka_detail=SASL, description="first"), True, [], {"kafka_detail": {"user_name": "u", "password": "p"}}),
    (dict(BASE, description="second"), False, [], {"description": "second"}),
    (dict(BASE, type="KAFKA", kafka_detail=dict(SASL, user_name="v")), False, [], {"kafka_detail": {"user_name": "v", "password": "p"}}),
    (dict(BASE, subnet_id="subnet-2", description="second"), False, ["subnet_id"], {"description": "second"}),
    (dict(BASE, type="WEBHOOK"), False, ["type"], {}),
    (dict(BASE, type="KAFKA", kafka_detail=dict(SASL, addr="10.0.0.1:9092", acks="all")), False,
     ["kafka_detail.addr", "kafka_detail.acks"], {}),
])
def test_plan_changes(desired, resend, replace, put):
    assert plan_changes(CURRENT, desired, resend) == (replace, put)


def test_plan_never_compares_the_password():
    assert plan_changes(CURRENT, dict(BASE, type="KAFKA", kafka_detail=dict(SASL, password="other"))) == ([], {})


def test_creation_status():
    assert creation_status({"status": "CREATING"}) is None
    assert creation_status({"status": "CREATED"}) is True
    reason = creation_status({"status": "CREATE_FAILED", "error_info": {"error_code": "EG.1", "error_msg": "m", "error_detail": "d"}})
    assert reason == "status CREATE_FAILED: error_code EG.1, error_msg m, error_detail d"
    assert "disappeared" in creation_status(None)
