# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Canary secrets sent through every write route never show up in logs, the request log, state or reads."""

from __future__ import annotations

import logging
import time

import requests

from hwcloud_emulator import admin
from emulator_testlib import AK, PROJECT, iam_token, signed_call

CANARY = "CANARY-7f3a9c"
CANARY_SK = "CANARYSK-7f3a9c0000000000000000000000001"


def _secret_config() -> dict:
    return {"credentials": {"permanent": {"ak": AK, "sk": CANARY_SK}},
            "iam": {"password": CANARY + "-iam"}}


def _drive_every_write_route(base: str) -> list[requests.Response]:
    sk = {"sk": CANARY_SK}
    drs, dli, eg = "%s/v5/%s" % (base, PROJECT), "%s/v2.0/%s/datasource/enhanced-connections" % (base, PROJECT), \
        "%s/v1/%s/connections" % (base, PROJECT)
    endpoint = {"endpoint_name": "mysql", "ip": "10.0.0.1", "db_user": "root", "db_password": CANARY + "-db"}
    ssl = {"ssl_link": True, "ssl_cert_key": CANARY + "-key", "ssl_cert_password": CANARY + "-p12"}
    responses = [
        iam_token(base, password=CANARY + "-iam"),
        iam_token(base, password=CANARY + "-wrong"),
        signed_call("POST", drs + "/connections", {"name": "canary-conn", "db_type": "mysql", "endpoint": endpoint,
                                                   "ssl": ssl, "cloud": {"region": "r", "project_id": CANARY}}, **sk),
        signed_call("POST", drs + "/connections", {"name": "x", "db_type": "mysql", "endpoint": endpoint}, **sk),
    ]
    connection_id = responses[2].json()["connection_id"]
    responses.append(signed_call("PUT", drs + "/connections/" + connection_id,
                                 {"endpoint": dict(endpoint, db_password=CANARY + "-db2")}, **sk))
    job = signed_call("POST", drs + "/jobs", {"job": {"base_info": {"name": "canary-job", "job_type": "migration",
                                                                    "engine_type": "mysql-to-mysql"},
                                                      "source_endpoint": [{"endpoint": endpoint}]}}, **sk)
    requests.post(base + "/_emulator/drs/jobs", json={"name": "ready", "status": "CONFIGURATION", "id": "job-ready"}, timeout=10)
    entry = {"id": "job-ready", "net_type": "eip", "db_type": "mysql", "ip": "192.168.7.7", "db_port": 3306,
             "db_user": "root", "db_password": CANARY + "-probe", "end_point_type": "so"}
    security = {"type": "SSL", "trust_store_key": CANARY + "-trust", "trust_store_key_name": "ca.pem",
                "trust_store_password": CANARY + "-truststore", "enable_key_store": True,
                "key_store_key": CANARY + "-keystore", "key_store_key_name": "client.p12",
                "key_store_password": CANARY + "-keystorepw", "set_private_key_password": True,
                "key_password": CANARY + "-keypw"}
    kafka_entry = {"id": "job-ready", "net_type": "eip", "db_type": "kafka", "ip": "192.168.7.8:9093",
                   "end_point_type": "ta", "kafka_security_config": security}
    rds_entry = dict(entry, inst_id="rds-canary", region="cn-north-4", project_id=PROJECT, db_password=CANARY + "-rds")
    responses += [job, signed_call("POST", "%s/v3/%s/jobs/batch-connection" % (base, PROJECT),
                                   {"jobs": [entry, kafka_entry, rds_entry]}, **sk)]
    responses.append(signed_call("POST", dli, {"name": "canary_dli", "dest_vpc_id": "v", "dest_network_id": "n"}, **sk))
    kafka = {"instance_id": "k", "addr": "10.0.0.2:9093", "enable_sasl_ssl": True, "user_name": "u",
             "password": CANARY + "-kafka"}
    created = signed_call("POST", eg, {"name": "canary-eg", "vpc_id": "v", "subnet_id": "s", "type": "KAFKA",
                                       "kafka_detail": kafka}, **sk)
    time.sleep(0.1)  # past eg_connection_created: a connection still CREATING may not be modified
    responses += [created, signed_call("PUT", eg + "/" + created.json()["id"],
                                       {"kafka_detail": {"password": CANARY + "-kafka2"}}, **sk)]
    responses.append(signed_call("GET", drs + "/connections?fetch_all=true", **sk))
    responses.append(signed_call("GET", eg, **sk))
    responses.append(requests.put(base + "/_emulator/config", json={"probe": {"table": {}}}, timeout=10))
    return responses


def test_canaries_never_leak(emulator_factory, caplog, capsys) -> None:
    caplog.set_level(logging.DEBUG)
    emulator = emulator_factory(_secret_config())
    responses = _drive_every_write_route(emulator.base_url)
    assert [r.status_code for r in responses[:4]] == [201, 401, 200, 400]
    assert all(r.status_code < 300 for r in responses[4:]), [r.text for r in responses]
    for response in responses[1:]:
        assert CANARY not in response.text and CANARY_SK not in response.text
    captured = capsys.readouterr()
    outputs = {
        "request log": str(emulator.admin.requests()),
        "state": str(emulator.admin.state()),
        "config": requests.get(emulator.base_url + "/_emulator/config", timeout=10).text,
        "logging": caplog.text,
        "stdout/stderr": captured.out + captured.err,
    }
    assert len(emulator.admin.requests()) >= 12 and "POST /v5/" in caplog.text  # the outputs were really captured
    for where, text in outputs.items():
        assert CANARY not in text, where
        assert CANARY_SK not in text, where


def test_admin_redact_masks_every_password_and_certificate_key() -> None:
    names = ("password", "db_password", "ssl_cert_key", "ssl_cert_password", "trust_store_key", "trust_store_password",
             "key_store_key", "key_store_password", "key_password", "sk", "security_token")
    redacted = admin.redact({"jobs": [{"kafka_security_config": {name: CANARY for name in names}}]})
    assert redacted == {"jobs": [{"kafka_security_config": {name: "******" for name in names}}]}
