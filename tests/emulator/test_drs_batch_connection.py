# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DRS v3 batch connection test through the SDK: order, limits, job status, table-driven remote probes."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkdrs.v3 import BatchTestConnectionReq, BatchValidateConnectionsRequest, DrsClient
from huaweicloudsdkdrs.v3 import TestEndPoint as EndPoint

from hwcloud_emulator import probes
from emulator_testlib import sdk_client


def _entry(job_id: str, ip: str, role: str = "so", **extra) -> EndPoint:
    fields = dict(id=job_id, net_type="eip", db_type="mysql", ip=ip, db_port=3306, db_user="root",
                  db_password="pw", end_point_type=role)
    fields.update(extra)
    return EndPoint(**fields)


def _run(client: DrsClient, entries: list) -> object:
    return client.batch_validate_connections(BatchValidateConnectionsRequest(body=BatchTestConnectionReq(jobs=entries)))


@pytest.fixture
def client(emulator) -> DrsClient:
    return sdk_client(DrsClient, emulator.base_url)


def test_results_keep_request_order_while_probes_run_concurrently(emulator, client, monkeypatch) -> None:
    job = emulator.admin.seed_job(name="ready", status="CONFIGURATION")
    active = {"now": 0, "max": 0}
    lock = threading.Lock()

    def fake_probe(entry: dict, settings: dict) -> dict:
        with lock:
            active["now"] += 1
            active["max"] = max(active["max"], active["now"])
        time.sleep(0.05 if entry["ip"].endswith(".1") else 0.01)  # the first entry finishes last
        with lock:
            active["now"] -= 1
        ok = not entry["ip"].endswith(".3")
        return {"success": ok, "error_code": None if ok else "DRS.X", "error_msg": None if ok else "nope"}

    monkeypatch.setattr(probes, "probe_endpoint", fake_probe)
    ips = ["10.0.0.%d" % index for index in range(1, 6)]
    response = _run(client, [_entry(job["id"], ip) for ip in ips])
    assert response.count == 5
    assert [r.success for r in response.results] == [True, True, False, True, True]
    assert [r.status for r in response.results] == ["success", "success", "failed", "success", "success"]
    assert (response.results[2].error_code, response.results[2].error_msg) == ("DRS.X", "nope")
    assert active["max"] > 1


def test_more_than_ten_entries_is_400(emulator, client) -> None:
    job = emulator.admin.seed_job(name="ready", status="CONFIGURATION")
    with pytest.raises(ClientRequestException) as caught:
        _run(client, [_entry(job["id"], "10.0.0.1")] * 11)
    assert caught.value.status_code == 400 and "at most 10" in caught.value.error_msg


def test_missing_required_field_is_400_but_kafka_plaintext_needs_no_user(emulator, client) -> None:
    job = emulator.admin.seed_job(name="ready", status="CONFIGURATION")
    with pytest.raises(ClientRequestException) as caught:
        _run(client, [_entry(job["id"], "10.0.0.1", db_password=None)])
    assert caught.value.status_code == 400 and "db_password" in caught.value.error_msg
    kafka = EndPoint(id=job["id"], net_type="eip", db_type="kafka", ip="10.0.0.9:9092", end_point_type="ta")
    assert _run(client, [kafka]).results[0].success is True


def test_unknown_and_unconfigured_jobs_fail_per_entry(emulator, client) -> None:
    emulator.admin.patch_config({"delays": {"drs_job_configuration": 60}})
    creating = emulator.admin.seed_job(name="slow", status="CREATING")
    running = emulator.admin.seed_job(name="running", status="INCRE_TRANSFER_STARTED")
    ready = emulator.admin.seed_job(name="ready", status="CONFIGURATION")
    response = _run(client, [_entry("no-such-job", "10.0.0.1"), _entry(running["id"], "10.0.0.1"),
                             _entry(ready["id"], "10.0.0.1"), _entry(creating["id"], "10.0.0.1")])
    first, second, third, fourth = response.results
    assert (first.success, first.error_code, first.error_msg) == (False, "DRS.M00289", "The job does not exist.")
    assert second.success is False and "INCRE_TRANSFER_STARTED" in second.error_msg and "CONFIGURATION" in second.error_msg
    assert third.success is True
    assert fourth.success is False and "The job status is CREATING" in fourth.error_msg


def test_remote_targets_come_from_the_table_without_a_socket(emulator, client, monkeypatch, loopback_only) -> None:
    job = emulator.admin.seed_job(name="ready", status="CONFIGURATION")
    emulator.admin.patch_config({"probe": {"table": {"192.168.0.27:3306": {
        "success": False, "error_code": "DRS.10030001", "error_msg": "Connection refused (simulated)"}}}})
    dialled: list = []
    real = socket.create_connection

    def spy(address, *args, **kwargs):
        dialled.append(address)
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", spy)
    response = _run(client, [_entry(job["id"], "192.168.0.27"), _entry(job["id"], "192.168.0.131", role="ta")])
    assert [(r.success, r.error_code) for r in response.results] == [(False, "DRS.10030001"), (True, None)]
    assert response.results[0].error_msg == "Connection refused (simulated)"
    assert not [address for address in dialled if not str(address[0]).startswith("127.")]
    assert not loopback_only
