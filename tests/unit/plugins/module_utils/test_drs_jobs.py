# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DrsJobs against the scripted loopback server: paging, exact name matching, status chunks, test calls."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from ansible_collections.hwcloud.connections.plugins.module_utils.auth import AkSkAuth
from ansible_collections.hwcloud.connections.plugins.module_utils.client import HuaweiCloudClient
from ansible_collections.hwcloud.connections.plugins.module_utils.drs_jobs import DrsJobs, fill_instance_location, name_matches
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError
from ansible_collections.hwcloud.connections.plugins.module_utils.retries import RetryPolicy

PROJECT = "e8a2f1c0d4b94e5f9a7c3b2d1e0f4a01"


class Module:
    def __init__(self, url):
        self.client = HuaweiCloudClient("cn-north-4", AkSkAuth("AK", "SK"), project_id=PROJECT, endpoint_url=url,
                                        retry=RetryPolicy(max_retries=2, base_delay=0.01), sleep=lambda _s: None)


def query(recorded):
    return {key: values[0] for key, values in parse_qs(urlsplit(recorded["path"]).query).items()}


def job(index, name=None):
    return {"id": "id-%03d" % index, "name": name or "job-%03d" % index, "status": "CONFIGURATION"}


def test_list_reads_every_page(server):
    server.queue(200, {"total_count": 150, "jobs": [job(i) for i in range(100)]})
    server.queue(200, {"total_count": 150, "jobs": [job(i) for i in range(100, 150)]})
    jobs = DrsJobs(Module(server.url)).list({"job_type": "migration", "status": "CONFIGURATION"})
    assert [j["id"] for j in jobs] == ["id-%03d" % i for i in range(150)]
    assert [query(r) for r in server.requests] == [
        {"job_type": "migration", "status": "CONFIGURATION", "offset": "0", "limit": "100"},
        {"job_type": "migration", "status": "CONFIGURATION", "offset": "100", "limit": "100"},
    ]
    assert urlsplit(server.requests[0]["path"]).path == "/v5/%s/jobs" % PROJECT


def test_named_keeps_exact_name_matches_only(server):
    server.queue(200, {"total_count": 3, "jobs": [job(1, "orders"), job(2, "orders-old"), {"id": "orders", "name": "x"}]})
    assert [j["id"] for j in DrsJobs(Module(server.url)).named("orders", "sync")] == ["id-001"]
    assert query(server.requests[0])["name"] == "orders"


def test_name_filter_means_a_name_or_ids():
    assert name_matches({"id": "a", "name": "n"}, "n")
    assert name_matches({"id": "b", "name": "n"}, "a, b")
    assert not name_matches({"id": "c", "name": "nn"}, "n")


def test_statuses_ask_at_most_100_ids_per_call(server):
    ids = ["id-%03d" % i for i in range(130)]
    server.queue(200, {"results": [{"id": i, "status": "CONFIGURATION"} for i in ids[:100]], "count": 100})
    server.queue(200, {"results": [{"id": i, "status": "CREATING"} for i in ids[100:]], "count": 30})
    found = DrsJobs(Module(server.url)).statuses(ids)
    bodies = [json.loads(r["body"]) for r in server.requests]
    assert [len(b["jobs"]) for b in bodies] == [100, 30]
    assert bodies[0]["page_req"] == {"cur_page": 1, "per_page": 100}
    assert found["id-129"]["status"] == "CREATING" and len(found) == 130


def test_connection_test_is_retried_because_it_is_read_only(server):
    server.queue(503, {"error_code": "DRS.0500", "error_msg": "busy"})
    server.queue(200, {"results": [{"id": "j", "success": True, "status": "success"}], "count": 1})
    results = DrsJobs(Module(server.url)).test_connections([{"id": "j", "ip": "10.0.0.1"}])
    assert results == [{"id": "j", "success": True, "status": "success"}]
    assert [r["method"] for r in server.requests] == ["POST", "POST"]
    assert json.loads(server.requests[1]["body"]) == {"jobs": [{"id": "j", "ip": "10.0.0.1"}]}
    assert urlsplit(server.requests[1]["path"]).path == "/v3/%s/jobs/batch-connection" % PROJECT


GONE = {"id": "id-002", "status": "", "error_code": "DRS.M00289", "error_message": "The job does not exist."}


def test_a_400_with_per_job_codes_still_gives_every_status(server):
    # huawei-api.md section 11 #6: an unknown job turns the whole answer into an HTTP 400, the code only in results[i]
    server.queue(400, {"results": [{"id": "id-001", "status": "CONFIGURATION"}, GONE], "count": 2})
    found = DrsJobs(Module(server.url)).statuses(["id-001", "id-002"])
    assert found == {"id-001": {"id": "id-001", "status": "CONFIGURATION", "error_code": None, "error_msg": None},
                     "id-002": {"id": "id-002", "status": "", "error_code": "DRS.M00289", "error_msg": "The job does not exist."}}
    assert len(server.requests) == 1


def test_jobs_a_400_leaves_out_are_asked_again_without_the_failed_ones(server):
    server.queue(400, {"results": [GONE]})
    server.queue(200, {"results": [{"id": "id-001", "status": "CONFIGURATION"}, {"id": "id-003", "status": "CREATING"}], "count": 2})
    found = DrsJobs(Module(server.url)).statuses(["id-001", "id-002", "id-003"])
    assert [json.loads(r["body"])["jobs"] for r in server.requests] == [["id-001", "id-002", "id-003"], ["id-001", "id-003"]]
    assert (found["id-002"]["error_code"], found["id-001"]["status"], found["id-003"]["status"]) == ("DRS.M00289", "CONFIGURATION", "CREATING")


def test_a_400_without_per_job_codes_is_an_error(server):
    server.queue(400, {"error_code": "DRS.10000001", "error_msg": "Invalid parameter jobs."})
    with pytest.raises(HuaweiCloudError, match="HTTP 400 DRS.10000001: Invalid parameter jobs."):
        DrsJobs(Module(server.url)).statuses(["id-001"])
    server.queue(400, {"results": [{"id": "id-001", "status": "CONFIGURATION"}]})  # a 400 that names no failed job
    with pytest.raises(HuaweiCloudError, match="HTTP 400"):
        DrsJobs(Module(server.url)).statuses(["id-001"])


class Entry:
    def __init__(self, inst_id=None, region=None, project_id=None):
        self.inst_id, self.region, self.project_id = inst_id, region, project_id


OWN = "0123456789abcdef0123456789abcdef"


def test_an_instance_endpoint_gets_the_module_region_and_project_where_it_names_none():
    entries = [Entry("rds-1"), Entry("rds-2", region="cn-north-4"), Entry(region="cn-north-4"), Entry(project_id=OWN),
               Entry("rds-3", region="ap-southeast-1"), Entry(), Entry("rds-4", project_id="f" * 32)]
    asked = []
    fill_instance_location(entries, "cn-north-4", lambda: asked.append(1) or OWN)
    assert [(e.region, e.project_id) for e in entries] == [
        ("cn-north-4", OWN), ("cn-north-4", OWN), ("cn-north-4", OWN), ("cn-north-4", OWN),
        ("ap-southeast-1", None),  # another region: its project is not known here
        (None, None),  # a self-built database has no location
        (None, "f" * 32)]  # another project: its region is not known here
    nothing = [Entry(), Entry("rds-5", region="r", project_id="p")]
    fill_instance_location(nothing, "cn-north-4", lambda: asked.append("unexpected"))
    assert "unexpected" not in asked
