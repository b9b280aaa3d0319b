# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Batch connection test of RDS and ECS endpoints through the SDK: simulated, never dialled, checked per endpoint."""

from __future__ import annotations

import socket
from typing import Iterator

import pytest
import requests
from huaweicloudsdkdrs.v3 import BatchTestConnectionReq, BatchValidateConnectionsRequest, DrsClient
from huaweicloudsdkdrs.v3 import TestEndPoint as EndPoint

from hwcloud_emulator import drs_endpoints, probes
from emulator_testlib import PROJECT, sdk_client

REGION = "cn-north-4"
RDS_ID = "f7c4a8b2e1d94c0b8a5e3f2d1c0b9a87in01"
ECS_ID = "3b9e2c71-5a4d-4f8e-9c6b-1d2e3f4a5b6c"


def _entry(job_id: str, ip: str, role: str = "so", **extra) -> EndPoint:
    fields = dict(id=job_id, net_type="vpc", db_type="mysql", ip=ip, db_port=3306, db_user="root",
                  db_password="Rds-S3cret", end_point_type=role, vpc_id="vpc-1", subnet_id="subnet-1")
    fields.update(extra)
    return EndPoint(**fields)


def _rds_entry(job_id: str, ip: str, role: str = "so", **extra) -> EndPoint:
    return _entry(job_id, ip, role, **{"inst_id": RDS_ID, "region": REGION, "project_id": PROJECT, **extra})


def _run(client: DrsClient, entries: list) -> list:
    body = BatchTestConnectionReq(jobs=entries)
    return client.batch_validate_connections(BatchValidateConnectionsRequest(body=body)).results


def _outcomes(results: list) -> list[tuple]:
    return [(result.success, result.error_code) for result in results]


@pytest.fixture
def client(emulator) -> DrsClient:
    return sdk_client(DrsClient, emulator.base_url)


@pytest.fixture(name="tripwire")
def fixture_tripwire() -> Iterator[tuple[str, int, socket.socket]]:
    """A loopback listener that records whether anything (Python or C code) connected to it."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.setblocking(False)
    yield "127.0.0.1", listener.getsockname()[1], listener
    listener.close()


def _was_dialled(listener: socket.socket) -> bool:
    try:
        connection, _address = listener.accept()
    except BlockingIOError:
        return False
    connection.close()
    return True


@pytest.fixture(name="probe_calls")
def fixture_probe_calls(monkeypatch) -> list[dict]:
    """Records every real probe; the cloud endpoints below must never reach one."""
    calls: list[dict] = []
    real = probes.probe_endpoint

    def recording(entry: dict, settings: dict) -> dict:
        calls.append(entry)
        return real(entry, settings)

    monkeypatch.setattr(probes, "probe_endpoint", recording)
    return calls


def _rds_job(emulator, role: str = "source", **endpoint) -> dict:
    spec = {"kind": "rds", "instance_id": RDS_ID, **endpoint}
    return emulator.admin.seed_job(name="rds-job", status="CONFIGURATION", **{role + "_endpoint": spec})


def test_rds_endpoint_is_simulated_even_on_a_loopback_address(emulator, client, tripwire, probe_calls,
                                                              loopback_only) -> None:
    host, port, listener = tripwire
    job = _rds_job(emulator)
    results = _run(client, [_rds_entry(job["id"], host, db_port=port), _entry(job["id"], "192.168.0.40", "ta")])
    assert _outcomes(results) == [(True, None), (True, None)]
    assert results[0].status == "success"
    assert [entry["end_point_type"] for entry in probe_calls] == ["ta"]  # only the self-built target is probed
    assert not _was_dialled(listener) and not loopback_only


def test_an_entry_with_inst_id_is_simulated_for_a_job_without_endpoint_kinds(emulator, client, tripwire,
                                                                             probe_calls) -> None:
    host, port, listener = tripwire
    job = emulator.admin.seed_job(name="plain", status="CONFIGURATION")
    assert _outcomes(_run(client, [_rds_entry(job["id"], "%s:%d" % (host, port))])) == [(True, None)]
    assert not probe_calls and not _was_dialled(listener)


def test_instance_table_fails_the_chosen_instance_without_dialling(emulator, client, tripwire, probe_calls) -> None:
    host, port, listener = tripwire
    job = emulator.admin.seed_job(name="plain", status="CONFIGURATION")
    emulator.admin.patch_config({"probe": {"instance_table": {RDS_ID: {
        "error_code": "DRS.10020003", "error_msg": "Database authentication failed for user 'root' (Rds-S3cret)"}}}})
    results = _run(client, [_rds_entry(job["id"], host, db_port=port),
                            _rds_entry(job["id"], host, "ta", db_port=port, inst_id="another-instance")])
    assert _outcomes(results) == [(False, "DRS.10020003"), (True, None)]
    assert results[0].error_msg == "Database authentication failed for user 'root' (******)"
    assert not probe_calls and not _was_dialled(listener)


def test_rds_endpoint_without_inst_id_fails_that_endpoint_only(emulator, client, probe_calls) -> None:
    job = _rds_job(emulator)
    results = _run(client, [_rds_entry(job["id"], "192.168.0.30", inst_id=None), _entry(job["id"], "192.168.0.40", "ta")])
    assert _outcomes(results) == [(False, drs_endpoints.MISSING_INST_ID_CODE), (True, None)]
    assert results[0].status == "failed"
    assert "inst_id" in results[0].error_msg and "source" in results[0].error_msg
    assert [entry["end_point_type"] for entry in probe_calls] == ["ta"]


def test_rds_inst_id_must_be_the_jobs_instance(emulator, client, probe_calls) -> None:
    job = _rds_job(emulator, role="target")
    results = _run(client, [_rds_entry(job["id"], "192.168.0.30", "ta", inst_id="someone-elses-instance")])
    assert _outcomes(results) == [(False, drs_endpoints.INSTANCE_MISMATCH_CODE)]
    assert "someone-elses-instance" in results[0].error_msg and RDS_ID in results[0].error_msg
    assert not probe_calls


@pytest.mark.parametrize(("missing", "named"), [
    ({"region": None}, ["region"]),
    ({"project_id": None}, ["project_id"]),
    ({"region": None, "project_id": None}, ["region", "project_id"]),
])
def test_rds_endpoint_needs_region_and_project_id(emulator, client, probe_calls, missing, named) -> None:
    job = _rds_job(emulator)
    results = _run(client, [_rds_entry(job["id"], "192.168.0.30", **missing)])
    assert _outcomes(results) == [(False, drs_endpoints.MISSING_LOCATION_CODE)]
    assert all(name in results[0].error_msg for name in named)
    assert ("project_id" in results[0].error_msg) == ("project_id" in named)
    assert not probe_calls


def test_rds_job_without_a_configured_instance_accepts_any_inst_id(emulator, client) -> None:
    job = emulator.admin.seed_job(name="rds-any", status="CONFIGURATION", source_endpoint={"kind": "rds"})
    assert _outcomes(_run(client, [_rds_entry(job["id"], "192.168.0.30", inst_id="whatever-instance")])) == [(True, None)]


def test_ecs_endpoint_is_simulated_and_fails_by_its_instance(emulator, client, tripwire, probe_calls) -> None:
    host, port, listener = tripwire
    job = emulator.admin.seed_job(name="ecs-job", status="CONFIGURATION",
                                  target_endpoint={"kind": "ecs", "instance_id": ECS_ID})
    assert _outcomes(_run(client, [_entry(job["id"], host, "ta", db_port=port)])) == [(True, None)]
    refused = {"success": False, "error_code": "DRS.10020001", "error_msg": "Connection refused (simulated)"}
    emulator.admin.patch_config({"probe": {"instance_table": {ECS_ID: refused}}})
    results = _run(client, [_entry(job["id"], host, "ta", db_port=port)])
    assert _outcomes(results) == [(False, "DRS.10020001")]
    assert not probe_calls and not _was_dialled(listener)


def test_ecs_endpoint_without_an_instance_id_uses_the_address_table(emulator, client, tripwire, probe_calls) -> None:
    host, port, listener = tripwire
    job = emulator.admin.seed_job(name="ecs-job", status="CONFIGURATION", source_endpoint={"kind": "ecs"})
    emulator.admin.patch_config({"probe": {"table": {"%s:%d" % (host, port): {"error_code": "DRS.10020002",
                                                                              "error_msg": "timed out (simulated)"}}}})
    assert _outcomes(_run(client, [_entry(job["id"], host, db_port=port)])) == [(False, "DRS.10020002")]
    assert not probe_calls and not _was_dialled(listener)


def test_ecs_inst_id_must_be_the_jobs_instance(emulator, client) -> None:
    job = emulator.admin.seed_job(name="ecs-job", status="CONFIGURATION",
                                  source_endpoint={"kind": "ecs", "instance_id": ECS_ID})
    results = _run(client, [_entry(job["id"], "192.168.0.30", inst_id="another-ecs")])
    assert _outcomes(results) == [(False, drs_endpoints.INSTANCE_MISMATCH_CODE)]


def test_self_built_endpoint_refuses_an_inst_id_and_is_probed_without_one(emulator, client, probe_calls) -> None:
    job = emulator.admin.seed_job(name="self-built", status="CONFIGURATION", source_endpoint={"kind": "self_built"})
    results = _run(client, [_rds_entry(job["id"], "192.168.0.30"), _entry(job["id"], "192.168.0.30")])
    assert _outcomes(results) == [(False, drs_endpoints.INSTANCE_MISMATCH_CODE), (True, None)]
    assert "self-built" in results[0].error_msg
    assert len(probe_calls) == 1 and "inst_id" not in probe_calls[0]


def test_job_checks_come_before_endpoint_checks(emulator, client) -> None:
    job = emulator.admin.seed_job(name="running", status="INCRE_TRANSFER_STARTED", source_endpoint={"kind": "rds"})
    results = _run(client, [_rds_entry(job["id"], "192.168.0.30", inst_id=None), _rds_entry("no-such-job", "192.168.0.30")])
    assert _outcomes(results) == [(False, "DRS.10000011"), (False, "DRS.M00289")]


@pytest.mark.parametrize("endpoint", [
    {"kind": "cloud"}, {"instance_id": RDS_ID}, "rds", {"kind": "rds", "instance_id": ""},
    {"kind": "self_built", "instance_id": RDS_ID}, {"kind": "rds", "region": REGION},
])
def test_seeding_refuses_a_malformed_endpoint_kind(emulator, endpoint) -> None:
    response = requests.post(emulator.base_url + "/_emulator/drs/jobs", timeout=10,
                             json={"name": "bad", "source_endpoint": endpoint})
    assert response.status_code == 400 and "source_endpoint" in response.json()["error"]
    assert not emulator.admin.state()["drs_jobs"]


def test_configured_jobs_carry_endpoint_kinds(emulator_factory) -> None:
    emulator = emulator_factory({"drs": {"jobs": [{
        "id": "cfg-job", "name": "cfg", "status": "CONFIGURATION",
        "source_endpoint": {"kind": "rds", "instance_id": RDS_ID}, "target_endpoint": {"kind": "ecs"}}]}})
    (job,) = emulator.admin.state()["drs_jobs"]
    assert (job["source_endpoint"], job["target_endpoint"]) == ({"kind": "rds", "instance_id": RDS_ID}, {"kind": "ecs"})
    client = sdk_client(DrsClient, emulator.base_url)
    results = _run(client, [_entry("cfg-job", "192.168.0.30"), _entry("cfg-job", "192.168.0.31", "ta")])
    assert _outcomes(results) == [(False, drs_endpoints.MISSING_INST_ID_CODE), (True, None)]
