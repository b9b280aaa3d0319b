# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DRS jobs: v5 create/list, v3 show_job_list and batch-status, CREATING → CONFIGURATION, seeding."""

from __future__ import annotations

import json
import time

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkdrs.v3 import BatchListJobStatusRequest, BatchQueryJobReqPage, QueryJobsReq, ShowJobListRequest
from huaweicloudsdkdrs.v3 import DrsClient as DrsV3Client
from huaweicloudsdkdrs.v5 import CreateJobReq, CreateJobRequest, JobBaseInfo, ListJobsRequest, SingleCreateJobReq
from huaweicloudsdkdrs.v5 import DrsClient as DrsV5Client

from emulator_testlib import PROJECT, sdk_client


def _create_job(client: DrsV5Client, name: str) -> dict:
    base = JobBaseInfo(name=name, job_type="migration", engine_type="mysql-to-mysql", job_direction="up",
                       task_type="FULL_INCR_TRANS", net_type="eip", charging_mode="on_demand")
    response = client.create_job(CreateJobRequest(body=SingleCreateJobReq(job=CreateJobReq(base_info=base))))
    assert response.status_code == 200
    return json.loads(response.raw_content)["job"]


def test_create_job_then_configuration(emulator) -> None:
    v5 = sdk_client(DrsV5Client, emulator.base_url)
    v3 = sdk_client(DrsV3Client, emulator.base_url)
    job = _create_job(v5, "DRS-1234")
    assert job["status"] == "CREATING" and job["id"].endswith("jb101") and job["create_time"].endswith("Z")
    status = v3.batch_list_job_status(BatchListJobStatusRequest(body=BatchQueryJobReqPage(jobs=[job["id"]])))
    assert status.count == 1
    assert (status.results[0].id, status.results[0].status) == (job["id"], "CREATING")
    time.sleep(0.08)
    status = v3.batch_list_job_status(BatchListJobStatusRequest(body=BatchQueryJobReqPage(jobs=[job["id"]])))
    assert status.results[0].status == "CONFIGURATION"


def test_list_jobs_v5_requires_job_type_and_filters(emulator) -> None:
    v5 = sdk_client(DrsV5Client, emulator.base_url)
    first = _create_job(v5, "job-a")
    _create_job(v5, "job-b")
    emulator.admin.seed_job(name="sync-job", job_type="sync", status="CONFIGURATION")
    with pytest.raises(ClientRequestException) as caught:
        v5.list_jobs(ListJobsRequest())
    assert caught.value.status_code == 400
    listed = v5.list_jobs(ListJobsRequest(job_type="migration"))
    assert listed.total_count == 2 and [j.name for j in listed.jobs] == ["job-b", "job-a"]
    assert listed.jobs[0].engine_type == "mysql-to-mysql" and listed.jobs[0].job_action.available_actions == []
    assert v5.list_jobs(ListJobsRequest(job_type="migration", name=first["id"])).jobs[0].name == "job-a"
    assert v5.list_jobs(ListJobsRequest(job_type="migration", name="job-b")).total_count == 1
    paged = v5.list_jobs(ListJobsRequest(job_type="migration", offset=1, limit=1, sort_key="name", sort_dir="asc"))
    assert (paged.total_count, [j.name for j in paged.jobs]) == (2, ["job-b"])
    assert v5.list_jobs(ListJobsRequest(job_type="sync")).jobs[0].status == "CONFIGURATION"


def test_show_job_list_v3(emulator) -> None:
    v3 = sdk_client(DrsV3Client, emulator.base_url)
    for index in range(3):
        emulator.admin.seed_job(name="v3-job-%d" % index, status="CONFIGURATION")
    page = v3.show_job_list(ShowJobListRequest(body=QueryJobsReq(db_use_type="migration", cur_page=1, per_page=2)))
    assert page.total_record == 3 and len(page.jobs) == 2
    assert page.jobs[0].name == "v3-job-2" and page.jobs[0].db_use_type == "migration"
    everything = v3.show_job_list(ShowJobListRequest(body=QueryJobsReq(db_use_type="migration", cur_page=0, per_page=0)))
    assert len(everything.jobs) == 3
    named = v3.show_job_list(ShowJobListRequest(body=QueryJobsReq(db_use_type="migration", name="v3-job-1")))
    assert [j.name for j in named.jobs] == ["v3-job-1"]


def test_jobs_seeded_from_config(emulator_factory) -> None:
    emulator = emulator_factory({"drs": {"jobs": [
        {"id": "140b5236-88ad-43c8-811c-1268453jb101", "name": "seeded", "status": "CONFIGURATION",
         "job_type": "migration", "engine_type": "mysql-to-mysql"},
        {"name": "no-id", "status": "INCRE_TRANSFER_STARTED"}]}})
    v5 = sdk_client(DrsV5Client, emulator.base_url)
    jobs = {j.name: j for j in v5.list_jobs(ListJobsRequest(job_type="migration")).jobs}
    assert jobs["seeded"].id == "140b5236-88ad-43c8-811c-1268453jb101" and jobs["seeded"].status == "CONFIGURATION"
    assert jobs["no-id"].id.endswith("jb101") and jobs["no-id"].status == "INCRE_TRANSFER_STARTED"
    emulator.admin.seed_job(name="extra")
    emulator.admin.reset()
    assert sorted(j["name"] for j in emulator.admin.state()["drs_jobs"]) == ["no-id", "seeded"]
    assert all(j["project_id"] == PROJECT for j in emulator.admin.state()["drs_jobs"])
