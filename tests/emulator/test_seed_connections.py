# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Seeding thousands of connections of every service in one admin call, each created as the service's API creates it."""

from __future__ import annotations

import time

import requests
from huaweicloudsdkdli.v1 import DliClient, ListEnhancedConnectionsRequest
from huaweicloudsdkdrs.v5 import DrsClient, ListConnectionsRequest

from emulator_testlib import OTHER_PROJECT, sdk_client

ENDPOINT = {"endpoint_name": "mysql", "ip": "192.168.0.1", "db_port": "3306", "db_user": "u", "db_password": "seed-db-password"}


def _seed(emulator, body):
    return requests.post(emulator.base_url + "/_emulator/seed/connections", json=body, timeout=60)


def test_thousands_of_each_service_are_seeded_in_one_call_and_read_through_the_api(emulator):
    body = {
        "drs": [{"name": "seed-drs-%d" % n, "db_type": "mysql", "endpoint": ENDPOINT} for n in range(3000)],
        "dli": [{"name": "seed_dli_%d" % n, "dest_vpc_id": "vpc-1", "dest_network_id": "net-1"} for n in range(3000)],
        "eg": [{"name": "seed-eg-%d" % n, "vpc_id": "vpc-1", "subnet_id": "net-1"} for n in range(3000)],
    }
    started = time.monotonic()
    answer = _seed(emulator, body)
    assert answer.status_code == 201, answer.text
    assert answer.json() == {"created": {"drs": 3000, "dli": 3000, "eg": 3000}}
    assert time.monotonic() - started < 10
    assert emulator.admin.requests() == []  # admin calls are not API requests
    drs = sdk_client(DrsClient, emulator.base_url).list_connections(ListConnectionsRequest(name="SEED-DRS-2999"))
    assert drs.count == 1 and drs.connections[0].endpoint.ip == "192.168.0.1"
    dli = sdk_client(DliClient, emulator.base_url).list_enhanced_connections(ListEnhancedConnectionsRequest(name="seed_dli_7"))
    assert [c.name for c in dli.connections] == ["seed_dli_7"]
    counts = emulator.admin.state()["counts"]
    assert (counts["drs_connections"], counts["dli_connections"], counts["eg_connections"]) == (3000, 3000, 3000)
    assert "seed-db-password" not in str(emulator.admin.state())


def test_a_body_the_service_refuses_is_named_and_the_project_can_be_chosen(emulator):
    refused = _seed(emulator, {"drs": [{"name": "ok-name", "db_type": "mysql", "endpoint": ENDPOINT},
                                       {"name": "x", "db_type": "mysql", "endpoint": ENDPOINT}]})
    assert refused.status_code == 400
    assert refused.json()["error"].startswith("drs[1]: Invalid parameter name"), refused.text
    assert "seed-db-password" not in refused.text
    other = _seed(emulator, {"project_id": OTHER_PROJECT, "eg": [{"name": "elsewhere", "vpc_id": "v", "subnet_id": "s"}]})
    assert other.status_code == 201, other.text
    projects = {c["name"]: c["project_id"] for c in emulator.admin.state()["eg_connections"]}
    assert projects == {"elsewhere": OTHER_PROJECT}
    unknown = _seed(emulator, {"project_id": "0" * 32, "eg": []})
    assert unknown.status_code == 400 and "project_id" in unknown.json()["error"]
    assert _seed(emulator, {"rds": []}).status_code == 400
