# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Admin API under /_emulator/ for tests: reset, request log, faults, seeding, token expiry, runtime config, state."""

from __future__ import annotations

import copy
from typing import Any

from . import csms, dli, dli_auth, drs_connections, eg, seeding
from .drs_jobs import refresh_all, seed_job
from .errors import ApiError
from .messages import Request, Response
from .router import Route

SECRET_KEYS = {"sk", "password", "security_token", "db_password", "ssl_cert_key", "ssl_cert_password",
               "trust_store_key", "trust_store_password", "key_store_key", "key_store_password", "key_password",
               "truststore_password", "keystore_password", "sealing_key"}


def _bad(message: str) -> ApiError:
    return ApiError(400, {"error": message})


def redact(value: Any) -> Any:
    """Deep copy with secret-named keys replaced by '******'."""
    if isinstance(value, dict):
        return {k: ("******" if k in SECRET_KEYS and v is not None else redact(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(item) for item in value]
    return value


def reset(app: Any, _req: Request) -> Response:
    """Back to the state right after start-up: config, seeded jobs, config faults; no log, no tokens."""
    app.reset()
    return Response(200, {"reset": True})


def list_requests(app: Any, req: Request) -> Response:
    """The request log (metadata only); ``?since=<seq>`` returns only later entries. ``dropped`` counts the entries
    the bounded log lost since it was last cleared (0 means it is complete)."""
    log = app.request_log
    return Response(200, {"requests": log.entries(req.int_arg("since", 0)), "dropped": log.dropped,
                          "max_entries": log.max_entries})


def clear_requests(app: Any, _req: Request) -> Response:
    """Empty the request log."""
    app.request_log.clear()
    return Response(200, {"cleared": True})


def get_faults(app: Any, _req: Request) -> Response:
    """Current rules, with fail_next_remaining counters."""
    return Response(200, {"seed": app.faults.seed, "rules": app.faults.rules()})


def put_faults(app: Any, req: Request) -> Response:
    """Replace the rules: {"seed"?: int, "rules": [...]}."""
    body = req.json()
    rules = body.get("rules", [])
    if not isinstance(rules, list):
        raise _bad("rules must be a list")
    try:
        app.faults.configure(rules, int(body.get("seed", app.config.get("seed", 0))))
    except (ValueError, TypeError, KeyError) as exc:
        raise _bad("invalid fault rules: %s" % exc) from None
    return get_faults(app, req)


def clear_faults(app: Any, req: Request) -> Response:
    """Remove every rule."""
    app.faults.configure([], app.faults.seed)
    return get_faults(app, req)


def add_job(app: Any, req: Request) -> Response:
    """Seed a DRS job: {name, status?, job_type?, engine_type?, id?, project_id?, source_endpoint?, target_endpoint?,
    ...}; the endpoints are {kind: self_built|ecs|rds, instance_id?} (drs_endpoints)."""
    try:
        job = seed_job(app, req.json())
    except ValueError as exc:
        raise _bad(str(exc)) from None
    return Response(201, {"job": job})


def add_eg_connections(app: Any, req: Request) -> Response:
    """Seed CREATED EG connections in one call: {names: [...], vpc_id?, subnet_id?, description?, project_id?}."""
    try:
        count = eg.seed_connections(app, req.json())
    except ValueError as exc:
        raise _bad(str(exc)) from None
    return Response(201, {"created": count})


def add_connections(app: Any, req: Request) -> Response:
    """Seed connections of every service in one call: {drs?: [...], dli?: [...], eg?: [...], project_id?} of create bodies."""
    try:
        created = seeding.seed_connections(app, req.json())
    except ValueError as exc:
        raise _bad(str(exc)) from None
    return Response(201, {"created": created})


def expire_tokens(app: Any, _req: Request) -> Response:
    """Make every issued IAM token, metadata session token and temporary AK/SK expired."""
    expired = app.tokens.expire_all() + app.metadata_tokens.expire_all() + app.temporary.expire_all()
    return Response(200, {"expired": expired})


def get_config(app: Any, _req: Request) -> Response:
    """The running configuration with secrets masked."""
    return Response(200, {"config": redact(app.config)})


def patch_config(app: Any, req: Request) -> Response:
    """JSON merge-patch of the running configuration (delays, probe table, failing queues, credentials, faults)."""
    try:
        app.patch_config(req.json())
    except (ValueError, TypeError, KeyError) as exc:
        raise _bad("invalid config patch: %s" % exc) from None
    return get_config(app, req)


def state(app: Any, _req: Request) -> Response:
    """Counts and full resource lists per type, without secrets."""
    with app.store.lock:
        refresh_all(app)
        data = app.store.data
        dli.refresh_all(app)
        eg.refresh_all(app)
        lists = {
            "drs_connections": [dict(drs_connections.public_view(c), project_id=c["project_id"])
                                for c in data["drs_connections"].values()],
            "drs_jobs": [{k: v for k, v in job.items() if k not in ("ready_at",)} for job in data["drs_jobs"].values()],
            "dli_connections": [dict(dli.view(c, listing=False), project_id=c["project_id"])
                                for c in data["dli_connections"].values()],
            "eg_connections": [dict(eg.view(c), project_id=c["project_id"]) for c in data["eg_connections"].values()],
            "dli_auth_infos": [dli_auth.admin_view(record) for record in data["dli_auth_infos"].values()],
            "csms_secrets": [csms.admin_view(secret) for secret in data["csms_secrets"].values()],
        }
    result = redact(copy.deepcopy(lists))
    result["counts"] = {name: len(items) for name, items in lists.items()}
    return Response(200, result)


def health(_app: Any, _req: Request) -> Response:
    """Liveness probe for helper scripts."""
    return Response(200, {"status": "ok"})


ROUTES = [
    Route("POST", "/_emulator/reset", "admin", reset, authenticated=False),
    Route("GET", "/_emulator/requests", "admin", list_requests, authenticated=False),
    Route("DELETE", "/_emulator/requests", "admin", clear_requests, authenticated=False),
    Route("GET", "/_emulator/faults", "admin", get_faults, authenticated=False),
    Route("PUT", "/_emulator/faults", "admin", put_faults, authenticated=False),
    Route("DELETE", "/_emulator/faults", "admin", clear_faults, authenticated=False),
    Route("POST", "/_emulator/drs/jobs", "admin", add_job, authenticated=False),
    Route("POST", "/_emulator/eg/connections", "admin", add_eg_connections, authenticated=False),
    Route("POST", "/_emulator/seed/connections", "admin", add_connections, authenticated=False),
    Route("POST", "/_emulator/iam/expire-tokens", "admin", expire_tokens, authenticated=False),
    Route("GET", "/_emulator/config", "admin", get_config, authenticated=False),
    Route("PUT", "/_emulator/config", "admin", patch_config, authenticated=False),
    Route("GET", "/_emulator/state", "admin", state, authenticated=False),
    Route("GET", "/_emulator/health", "admin", health, authenticated=False),
]
