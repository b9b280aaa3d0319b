# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""huawei-api.md section 11 #6 with the official SDK as referee: the v3 job queries answer an unknown or deleted job
with HTTP 400 and no top-level error code; the code is only in results[i].error_code."""

from __future__ import annotations

import json

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkdrs.v3 import BatchListJobDetailsRequest, BatchListJobStatusRequest, BatchQueryJobReqPage
from huaweicloudsdkdrs.v3 import DrsClient as DrsV3Client

from emulator_testlib import PROJECT, sdk_client, signed_call

UNKNOWN = "5f1c9e7a-0d1b-4c2e-9a3f-7b6d5e4cjb199"


@pytest.fixture
def client(emulator) -> DrsV3Client:
    return sdk_client(DrsV3Client, emulator.base_url)


def test_known_jobs_answer_200_with_the_sdk_models(emulator, client) -> None:
    job = emulator.admin.seed_job(name="known-job", status="CONFIGURATION")
    status = client.batch_list_job_status(BatchListJobStatusRequest(body=BatchQueryJobReqPage(jobs=[job["id"]])))
    assert (status.count, status.results[0].id, status.results[0].status) == (1, job["id"], "CONFIGURATION")
    detail = client.batch_list_job_details(BatchListJobDetailsRequest(body=BatchQueryJobReqPage(jobs=[job["id"]])))
    assert (detail.results[0].name, detail.results[0].status, detail.results[0].db_use_type) == ("known-job", "CONFIGURATION", "migration")


@pytest.mark.parametrize("call", ["batch_list_job_status", "batch_list_job_details"])
def test_an_unknown_or_deleted_job_is_a_400_with_the_code_only_in_the_results(emulator, client, call) -> None:
    deleted = emulator.admin.seed_job(name="deleted-job", status="DELETED")
    request = {"batch_list_job_status": BatchListJobStatusRequest, "batch_list_job_details": BatchListJobDetailsRequest}[call]
    for jobs, codes in (([UNKNOWN], ["DRS.M00289"]), ([deleted["id"]], ["DRS.M05004"])):
        with pytest.raises(ClientRequestException) as caught:
            getattr(client, call)(request(body=BatchQueryJobReqPage(jobs=jobs)))
        assert (caught.value.status_code, caught.value.error_code) == (400, "400")  # the SDK's stand-in: no code in the body
        path = "/v3/%s/jobs/%s" % (PROJECT, "batch-status" if call == "batch_list_job_status" else "batch-detail")
        body = signed_call("POST", emulator.base_url + path, {"jobs": jobs}).json()
        assert "error_code" not in body and [r["error_code"] for r in body["results"]] == codes
        assert body["results"][0]["id"] == jobs[0] and body["results"][0]["error_message"]


def test_a_known_job_next_to_an_unknown_one_keeps_its_result(emulator) -> None:
    job = emulator.admin.seed_job(name="known-job", status="CONFIGURATION")
    answer = signed_call("POST", emulator.base_url + "/v3/%s/jobs/batch-status" % PROJECT, {"jobs": [job["id"], UNKNOWN]})
    assert answer.status_code == 400
    assert json.loads(answer.text)["results"] == [
        {"id": job["id"], "status": "CONFIGURATION"},
        {"id": UNKNOWN, "status": "", "error_code": "DRS.M00289", "error_message": "The job does not exist."}]
