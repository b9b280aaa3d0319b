# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DRS job calls (huawei-api.md section 4): v5 job list, v3 job status and the v3 batch connection test."""

from __future__ import annotations

from ansible_collections.hwcloud.connections.plugins.module_utils import reconcile as rc
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError
from ansible_collections.hwcloud.connections.plugins.module_utils.module import ServiceApi, ValidationFailed

NET_TYPES = ("vpn", "vpc", "eip")
JOB_TYPES = ("migration", "sync", "cloudDataGuard", "replay")
JOB_SORT_KEYS = ("name", "status", "create_time", "net_type", "job_direction", "pay_mode")
# The v5 list's name filter takes a job name or up to 10 comma-separated job IDs.
MAX_NAME_IDS = 10
JOBS_V5 = "/v5/{project_id}/jobs"
BATCH_STATUS = "/v3/{project_id}/jobs/batch-status"
BATCH_CONNECTION = "/v3/{project_id}/jobs/batch-connection"
# batch-status pages its answer (per_page 0-100, default 5): ask for at most one full page per call.
STATUS_PAGE = 100
# "Recommended not more than 10 entries per call" (reference); the seed calls 10 a maximum.
TEST_BATCH = 10


def job_query(params: dict) -> dict:
    """Query of the v5 job list from drs_job_info's options (choices are checked by the argument spec).

    Plain Python rather than a model: an info module then does not pay pydantic's import.
    """
    query = rc.prune(params)
    if query.get("name") is not None:
        if not query["name"] or len(query["name"].split(",")) > MAX_NAME_IDS:
            raise ValidationFailed("Invalid input: name: a job name or at most %d comma-separated job IDs" % MAX_NAME_IDS)
    if query.get("instance_ids"):
        query["instance_ids"] = ",".join(query["instance_ids"])  # the SDK's csv collection format
    return query


# Per-job codes of the v3 batch calls (huawei-api.md sections 10 #13 and 11 #6); the v5 DRS.10000010 is accepted too.
JOB_GONE_CODES = {"DRS.M00289": "does not exist", "DRS.M05004": "has been deleted", "DRS.10000010": "does not exist"}
CHECK_JOB = "check job_id or job_name (hwcloud.connections.drs_job_info lists the jobs of a job_type)"
NEW_JOB = "test the endpoints of a job that is not deleted (in status CONFIGURATION), for example a new one"
WHAT_TO_DO = {"DRS.M00289": CHECK_JOB, "DRS.10000010": CHECK_JOB, "DRS.M05004": NEW_JOB}


def job_status_problem(job_id: str, job: dict, job_name: str = None):
    """Why a batch-status entry rules out a connection test (message naming the job, its code and what to do,
    error_code), or None when the job can be tested."""
    code = job.get("error_code") or None
    status = job.get("status")
    named = "job %s (id %s)" % (job_name, job_id) if job_name else "job %s" % job_id
    if code or not status:
        what = JOB_GONE_CODES.get(code, "could not be read")
        detail = job.get("error_message") or job.get("error_msg")
        reason = ": ".join(part for part in (code, detail) if part) or "no status"
        return "%s %s (%s); %s" % (named, what, reason, WHAT_TO_DO.get(code, CHECK_JOB)), code
    if status == "DELETED":
        return "%s has been deleted; %s" % (named, NEW_JOB), None
    if status != "CONFIGURATION":
        return "%s is in status %s; connection tests need CONFIGURATION" % (named, status), None
    return None


def fill_instance_location(endpoints: list, region: str, project_id) -> None:
    """Give an endpoint on a Huawei Cloud instance the module's own region and project where it names none.

    An endpoint is on an instance when it has ``inst_id`` (an RDS instance) or names ``region`` or ``project_id``
    (an ECS server, say). The API wants the instance's region (and project) for it; never demanding them from the user
    (huawei-api.md section 11 #7), the missing ones come from the authenticated context: the client's region and its
    project id (``project_id()``, given or resolved from IAM, called only when needed). An endpoint in another region
    than the module's keeps what it has: that region's project is not known here.
    """
    for endpoint in endpoints:
        if not (endpoint.inst_id or endpoint.region or endpoint.project_id) or (endpoint.region and endpoint.project_id):
            continue
        if endpoint.region not in (None, region):
            continue
        own_project = project_id()
        if endpoint.project_id in (None, own_project):
            endpoint.region, endpoint.project_id = region, own_project


def name_matches(job: dict, name: str) -> bool:
    """The v5 ``name`` filter means a job name or comma-separated job IDs; how loosely the API matches is
    UNCONFIRMED, so results are filtered again with exact comparison."""
    ids = [part.strip() for part in name.split(",")]
    return job.get("name") == name or job.get("id") in ids


def not_found(api, name: str, job_type: str) -> str:
    """Why no job ``name`` of ``job_type`` was found; the list call needs a type, so the other types are asked too
    (only on this failure path), to say where a job of that name is."""
    others = [other for other in JOB_TYPES if other != job_type and api.named(name, other)]
    text = "job %s not found (job_type %s)" % (name, job_type)
    if others:
        text += "; a job of that name exists with job_type %s: set job_type %s" % (" and ".join(others), others[0])
    return text


class DrsJobs(ServiceApi):
    """Thin wrappers over the DRS job endpoints the connection-test and job-info modules use."""

    def list(self, query: dict) -> list:
        """Every job matching ``query`` (``job_type`` is required by the API), all pages."""
        jobs = self.client.paginate("drs", JOBS_V5, "jobs", query=query, total_key="total_count", id_key="id")
        if query.get("name"):
            jobs = [job for job in jobs if name_matches(job, query["name"])]
        return jobs

    def named(self, name: str, job_type: str) -> list:
        """Jobs whose name is exactly ``name`` (not an id that happens to be equal)."""
        return [job for job in self.list({"job_type": job_type, "name": name}) if job.get("name") == name]

    def statuses(self, job_ids: list) -> dict:
        """``{id: {id, status, error_code?, error_message?|error_msg?}}`` for the given job ids."""
        found = {}
        for start in range(0, len(job_ids), STATUS_PAGE):
            found.update(self._status_page(job_ids[start:start + STATUS_PAGE]))
        return found

    def _status_page(self, chunk: list) -> dict:
        """One batch-status call for ``chunk``. An unknown or deleted job makes the API answer HTTP 400 with the code
        only in ``results[i].error_code`` (huawei-api.md section 11 #6): those results are kept, and the jobs that
        answer left out are asked again without the failed ones (bounded: each round removes at least one job)."""
        found, pending = {}, list(chunk)
        while pending:
            body = {"jobs": pending, "page_req": {"cur_page": 1, "per_page": STATUS_PAGE}}
            try:
                answer = self.client.request("drs", "POST", BATCH_STATUS, body=body, idempotent=True)
            except HuaweiCloudError as error:
                failed = {item["id"]: item for item in error.results if item["error_code"] and item["id"] in pending}
                if error.status != 400 or not failed:
                    raise
                found.update((item["id"], item) for item in error.results if item["id"] in pending)
                pending = [job_id for job_id in pending if job_id not in found]
                continue
            found.update((item.get("id"), item) for item in answer.items("results", count_key="count"))
            return found
        return found

    def test_connections(self, entries: list) -> list:
        """One batch connection test call (at most TEST_BATCH entries); results come back in request order.

        Read-only on the service side, so it is safe to retry (``idempotent=True``).
        """
        answer = self.client.request("drs", "POST", BATCH_CONNECTION, body={"jobs": entries}, idempotent=True)
        return answer.items("results", count_key="count")
