# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DRS jobs: v5 create/list, v3 list, batch-status and batch-detail; CREATING → CONFIGURATION after a delay."""

from __future__ import annotations

import uuid
from typing import Any

from . import clock
from .config import delay_seconds
from .drs_endpoints import FIELDS, endpoint_spec
from .errors import ApiError, service_error
from .messages import Request, Response
from .paging import page, sort_items
from .router import Route

JOB_TYPES = ("migration", "sync", "cloudDataGuard", "replay")
# Per-job codes of the v3 APIs (batch-status, batch-connection) as Terraform handles them (huawei-api.md
# section 10 #13); the v5 code DRS.10000010 is not used here.
NOT_FOUND_CODE = "DRS.M00289"
NOT_FOUND_MSG = "The job does not exist."
DELETED_CODE = "DRS.M05004"
DELETED_MSG = "The job has been deleted."
ENDPOINT_FIELDS = tuple(FIELDS.values())
SORT_KEYS = ("name", "status", "create_time", "net_type", "job_direction", "pay_mode")


def _invalid(msg: str) -> ApiError:
    return service_error("drs", 400, "DRS.10000001", msg)


def v3_job_error(job: dict[str, Any] | None) -> tuple[str, str] | None:
    """(error_code, error_msg) of a v3 per-job result for an unknown or deleted job, else None."""
    if job is None:
        return NOT_FOUND_CODE, NOT_FOUND_MSG
    if job["status"] == "DELETED":
        return DELETED_CODE, DELETED_MSG
    return None


def new_job_id() -> str:
    """A DRS-looking job id: a UUID whose tail ends in 'jb101'."""
    return str(uuid.uuid4())[:-5] + "jb101"


def make_job(spec: dict[str, Any], project_id: str, configuration_delay: float) -> dict[str, Any]:
    """A stored job from base_info-like fields (no endpoints: jobs keep no secrets)."""
    created = clock.now()
    status = spec.get("status") or "CREATING"
    return {
        "id": spec.get("id") or new_job_id(),
        "name": spec["name"],
        "status": status,
        "job_type": spec.get("job_type") or "migration",
        "engine_type": spec.get("engine_type") or "mysql-to-mysql",
        "net_type": spec.get("net_type") or "eip",
        "task_type": spec.get("task_type") or "FULL_INCR_TRANS",
        "job_direction": spec.get("job_direction") or "up",
        "charging_mode": spec.get("charging_mode") or "on_demand",
        "enterprise_project_id": spec.get("enterprise_project_id") or "0",
        "description": spec.get("description") or "",
        "project_id": project_id,
        "created": created,
        "ready_at": created + configuration_delay if status == "CREATING" else created,
        **{field: None for field in ENDPOINT_FIELDS},  # unknown kinds; only seeded jobs set them (seed_job)
    }


def refresh_all(app: Any) -> None:
    """Apply due CREATING → CONFIGURATION transitions; persist only when something changed."""
    current = clock.now()
    with app.store.lock:
        changed = False
        for job in app.store.data["drs_jobs"].values():
            if job["status"] == "CREATING" and current >= job["ready_at"]:
                job["status"] = "CONFIGURATION"
                changed = True
        if changed:
            app.store.save()


def seed_job(app: Any, spec: dict[str, Any]) -> dict[str, Any]:
    """Add a job from config or the admin API; project defaults to the first configured region. Only seeded jobs
    know where their databases run (source_endpoint/target_endpoint, see drs_endpoints)."""
    if not spec.get("name"):
        raise ValueError("a seeded DRS job needs a name")
    project_id = spec.get("project_id") or next(iter(app.config["projects"].values()))
    job = make_job(spec, project_id, delay_seconds(app.config, "drs_job_configuration"))
    for field in ENDPOINT_FIELDS:
        job[field] = endpoint_spec(spec.get(field), field)
    with app.store.lock:
        app.store.data["drs_jobs"][job["id"]] = job
        app.store.save()
    return dict(job)


def create_job(app: Any, req: Request) -> Response:
    """POST /v5/{project_id}/jobs → 200 {"job": {id, name, status: CREATING, create_time}}."""
    job_body = req.json().get("job")
    base = job_body.get("base_info") if isinstance(job_body, dict) else None
    if not isinstance(base, dict) or not base.get("name"):
        raise _invalid("Invalid parameter job.base_info.name.")
    if base.get("job_type") not in JOB_TYPES:
        raise _invalid("Invalid parameter job.base_info.job_type: must be one of %s." % ", ".join(JOB_TYPES))
    if not base.get("engine_type"):
        raise _invalid("Invalid parameter job.base_info.engine_type.")
    spec = {key: value for key, value in base.items() if key != "status"}
    job = make_job(spec, req.project_id, delay_seconds(app.config, "drs_job_configuration"))
    with app.store.lock:
        app.store.data["drs_jobs"][job["id"]] = job
        app.store.save()
    return Response(200, {"job": {"id": job["id"], "name": job["name"], "status": job["status"],
                                  "create_time": clock.iso_z(job["created"])}})


def _filter(app: Any, project_id: str, filters: dict[str, Any]) -> list[dict[str, Any]]:
    """Jobs of a project matching exact filters; 'name' matches the name or up to N comma-separated ids."""
    found = []
    refresh_all(app)
    for job in app.store.data["drs_jobs"].values():
        if job["project_id"] != project_id:
            continue
        name = filters.get("name")
        if name and name != job["name"] and job["id"] not in [part.strip() for part in name.split(",")]:
            continue
        if any(filters.get(key) and filters[key] != job[key]
               for key in ("job_type", "status", "engine_type", "net_type", "enterprise_project_id")):
            continue
        found.append(job)
    return found


def _v5_view(job: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": job["id"], "name": job["name"], "status": job["status"], "description": job["description"],
        "create_time": clock.iso_z(job["created"]), "engine_type": job["engine_type"], "net_type": job["net_type"],
        "charging_mode": job["charging_mode"], "billing_tag": False, "job_direction": job["job_direction"],
        "job_type": job["job_type"], "task_type": job["task_type"], "enterprise_project_id": job["enterprise_project_id"],
        "job_mode": "single", "is_multi_az": False, "node_new_framework": True, "children": [],
        "job_action": {"available_actions": [], "unavailable_actions": [], "current_action": ""},
    }


def list_jobs_v5(app: Any, req: Request) -> Response:
    """GET /v5/{project_id}/jobs; job_type is required."""
    if not req.arg("job_type"):
        raise _invalid("Invalid parameter job_type: it is required.")
    sort_key = req.arg("sort_key") or "create_time"
    if sort_key not in SORT_KEYS:
        raise _invalid("Invalid parameter sort_key: must be one of %s." % ", ".join(SORT_KEYS))
    descending = (req.arg("sort_dir") or "desc").lower() != "asc"
    filters = {key: req.arg(key) for key in ("job_type", "name", "status", "engine_type", "net_type",
                                             "enterprise_project_id")}
    with app.store.lock:
        found = _filter(app, req.project_id, filters)
        key = "created" if sort_key == "create_time" else ("charging_mode" if sort_key == "pay_mode" else sort_key)
        found = sort_items(found, lambda job: job.get(key), descending)
        jobs = [_v5_view(job) for job in page(found, req.int_arg("offset", 0), req.int_arg("limit", 10))]
    return Response(200, {"total_count": len(found), "jobs": jobs})


def list_jobs_v3(app: Any, req: Request) -> Response:
    """POST /v3/{project_id}/jobs (show_job_list); cur_page 0 means all."""
    body = req.json()
    if body.get("db_use_type") not in ("migration", "sync", "cloudDataGuard"):
        raise _invalid("Invalid parameter db_use_type: must be migration, sync or cloudDataGuard.")
    cur_page, per_page = int(body.get("cur_page", 1)), int(body.get("per_page", 10))
    if per_page < 0 or per_page > 100 or cur_page < 0:
        raise _invalid("Invalid parameter per_page/cur_page: 0 <= per_page <= 100.")
    filters = {key: body.get(key) for key in ("name", "status", "engine_type", "net_type", "enterprise_project_id")}
    filters["job_type"] = body["db_use_type"]
    with app.store.lock:
        found = sort_items(_filter(app, req.project_id, filters), lambda job: job["created"], True)
        if cur_page > 0 and per_page > 0:
            found_page = page(found, (cur_page - 1) * per_page, per_page)
        else:
            found_page = found
        jobs = [{
            "id": job["id"], "name": job["name"], "status": job["status"], "create_time": clock.plain_utc(job["created"]),
            "description": job["description"], "engine_type": job["engine_type"], "net_type": job["net_type"],
            "billing_tag": False, "job_direction": job["job_direction"], "db_use_type": job["job_type"],
            "task_type": job["task_type"], "node_newFramework": True, "children": [],
        } for job in found_page]
    return Response(200, {"total_record": len(found), "jobs": jobs})


def _batch_ids(body: dict[str, Any]) -> list[str]:
    """The job ids of a v3 batch query ({"jobs": [...], "page_req"?: {cur_page, per_page}}), paged when asked."""
    ids = body.get("jobs")
    if not isinstance(ids, list) or not ids or not all(isinstance(job_id, str) for job_id in ids):
        raise _invalid("Invalid parameter jobs: a non-empty list of job IDs is required.")
    page_req = body.get("page_req") or {}
    per_page = int(page_req.get("per_page", 0))
    if page_req and per_page > 0:
        return page(ids, (max(int(page_req.get("cur_page", 1)), 1) - 1) * per_page, per_page)
    return ids


def _batch_answer(app: Any, req: Request, found: Any) -> Response:
    """The answer of a v3 batch job query: ``{"results": [...], "count"}``, one result per id; ``found(job)`` is the
    result of a job that can be read. An unknown (DRS.M00289) or deleted (DRS.M05004) job makes it an HTTP 400 with no
    top-level error code: the codes are only in ``results[i].error_code`` (huawei-api.md section 11 #6; TF reads
    ``results[0].error_code``). That the whole answer is a 400 as soon as one of several jobs is unknown is
    UNCONFIRMED; the results of the other jobs stay in it."""
    body = req.json()
    ids = _batch_ids(body)
    results, failed = [], False
    with app.store.lock:
        refresh_all(app)
        for job_id in ids:
            job = app.store.data["drs_jobs"].get(job_id)
            if job is not None and job["project_id"] != req.project_id:
                job = None
            error = v3_job_error(job)
            if error:
                failed = True
                results.append({"id": job_id, "status": job["status"] if job else "", "error_code": error[0],
                                "error_message": error[1]})
            else:
                results.append(found(job))
    return Response(400 if failed else 200, {"results": results, "count": len(body["jobs"])})


def batch_status(app: Any, req: Request) -> Response:
    """POST /v3/{project_id}/jobs/batch-status → {results: [{id, status}], count}."""
    return _batch_answer(app, req, lambda job: {"id": job["id"], "status": job["status"]})


def batch_detail(app: Any, req: Request) -> Response:
    """POST /v3/{project_id}/jobs/batch-detail → {results: [QueryJobResp], count} (the fields the emulator keeps)."""
    def detail(job: dict[str, Any]) -> dict[str, Any]:
        return {"id": job["id"], "name": job["name"], "status": job["status"], "description": job["description"],
                "create_time": clock.plain_utc(job["created"]), "task_type": job["task_type"], "net_type": job["net_type"],
                "job_direction": job["job_direction"], "db_use_type": job["job_type"]}
    return _batch_answer(app, req, detail)


ROUTES = [
    Route("POST", "/v5/{project_id}/jobs", "drs", create_job),
    Route("GET", "/v5/{project_id}/jobs", "drs", list_jobs_v5),
    Route("POST", "/v3/{project_id}/jobs", "drs", list_jobs_v3),
    Route("POST", "/v3/{project_id}/jobs/batch-status", "drs", batch_status),
    Route("POST", "/v3/{project_id}/jobs/batch-detail", "drs", batch_detail),
]
