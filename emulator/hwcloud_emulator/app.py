# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The emulator application: routing, gateway auth, fault injection and error formatting (no I/O here)."""

from __future__ import annotations

import copy
import ipaddress
import logging
import time
import uuid
from typing import Any

from . import admin, csms, dli, dli_auth, drs_connection_test, drs_connections, drs_jobs, eg, iam, metadata
from .config import merge_patch
from .drs_jobs import seed_job
from .example_jobs import configured_jobs
from .errors import ApiError, bad_request, gateway_error, injected_error, unknown_project
from .faults import FaultInjector
from .gateway import authenticate
from .messages import Request, Response
from .request_log import DEFAULT_MAX_ENTRIES, RequestLog
from .router import Router
from .store import DEFAULT_FLUSH_INTERVAL, Store
from .tokens import TemporaryCredentials, TokenRegistry

LOG = logging.getLogger("hwcloud_emulator")
ROUTES = (admin.ROUTES + iam.ROUTES + metadata.ROUTES + drs_connections.ROUTES + drs_connection_test.ROUTES
          + drs_jobs.ROUTES + dli.ROUTES + dli_auth.ROUTES + eg.ROUTES + csms.ROUTES)


def is_loopback(address: str) -> bool:
    """True for 127.0.0.0/8 and ::1 (also IPv4-mapped loopback)."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    mapped = getattr(parsed, "ipv4_mapped", None)
    return parsed.is_loopback or bool(mapped and mapped.is_loopback)


class Emulator:
    """Holds configuration and state; ``handle`` turns a Request into a Response."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.initial_config = copy.deepcopy(config)
        self.config = copy.deepcopy(config)
        self.base_url = ""
        self.store = Store(config.get("state_file"), float(config.get("state_flush_interval", DEFAULT_FLUSH_INTERVAL)))
        self.tokens = TokenRegistry()
        self.temporary = TemporaryCredentials()  # assumed agencies' and the metadata server's temporary AK/SK
        self.metadata_tokens = TokenRegistry(prefix="EMUMETATOKEN")
        self.faults = FaultInjector()
        self.request_log = RequestLog(int((config.get("request_log") or {}).get("max_entries") or DEFAULT_MAX_ENTRIES))
        self.router = Router(list(ROUTES))
        self.faults.configure(self.config.get("faults") or [], int(self.config.get("seed") or 0))
        self._seed_configured_jobs()

    def _seed_configured_jobs(self) -> None:
        """Seed drs.jobs (and the example jobs) from config unless a job with that id (or name, in that project) exists."""
        for spec in configured_jobs(self.config):
            project_id = spec.get("project_id") or next(iter(self.config["projects"].values()))
            with self.store.lock:
                jobs = self.store.data["drs_jobs"].values()
                if any(job["id"] == spec.get("id") or (job["name"] == spec["name"] and job["project_id"] == project_id)
                       for job in jobs):
                    continue
            job = seed_job(self, spec)
            LOG.info("seeded DRS job %s (%s, %s) in status %s", job["name"], job["id"], job["job_type"], job["status"])

    def reset(self) -> None:
        """Back to start-up: initial config, its jobs and faults; empty log; no tokens or temporary credentials."""
        self.config = copy.deepcopy(self.initial_config)
        self.store.reset()
        self.tokens.clear()
        self.temporary.clear()
        self.metadata_tokens.clear()
        self.request_log.clear()
        self.faults.configure(self.config.get("faults") or [], int(self.config.get("seed") or 0))
        self._seed_configured_jobs()

    def close(self) -> None:
        """Write the pending state file (the server stops)."""
        self.store.close()

    def patch_config(self, patch: dict[str, Any]) -> None:
        """Merge-patch the running config; a 'faults' or 'seed' key also replaces the fault rules."""
        config = merge_patch(self.config, patch)
        if "faults" in patch or "seed" in patch:
            self.faults.configure(config.get("faults") or [], int(config.get("seed") or 0))
        self.config = config

    def handle(self, req: Request) -> tuple[Response, str]:
        """Route, authenticate, inject faults, dispatch; every answer gets a fresh request id."""
        request_id = uuid.uuid4().hex
        route, params, req.service = self.router.match(req.method, req.raw_path)
        req.params = params
        try:
            response = self._dispatch(req, route)
        except ApiError as error:
            response = self._error_response(error, request_id)
        except (ValueError, TypeError, AttributeError) as error:
            # Malformed values inside an otherwise valid JSON body (e.g. a string where a number belongs).
            LOG.info("rejected %s %s: %s", req.method, req.raw_path, type(error).__name__)
            response = self._error_response(bad_request(req.service, "Invalid request parameters."), request_id)
        except Exception as error:  # pylint: disable=broad-exception-caught  # the server must keep answering
            LOG.error("unhandled %s in %s %s", type(error).__name__, req.method, route.template if route else "-")
            response = self._error_response(injected_error(req.service, 500), request_id)
        response.headers["X-Request-Id"] = request_id
        return response, request_id

    def _dispatch(self, req: Request, route: Any) -> Response:
        if req.raw_path.startswith("/_emulator/"):
            if not is_loopback(req.client_ip):
                raise ApiError(403, {"error": "the admin API answers loopback clients only"})
            if route is None:
                raise ApiError(404, {"error": "unknown admin endpoint %s %s" % (req.method, req.raw_path)})
            return route.handler(self, req)
        if route is None:
            raise gateway_error(404, "APIGW.0101", "The API does not exist or has not been published in the environment")
        if route.authenticated:
            req.auth_kind = authenticate(req, self.config.get("credentials") or {}, self.tokens, self.temporary)
        decision = self.faults.decide(req.service, req.method, req.raw_path)
        if decision.latency_s > 0:
            time.sleep(decision.latency_s)
        if decision.error is not None:
            raise decision.error
        if req.project_id is not None and req.project_id not in self.config["projects"].values():
            raise unknown_project(req.service, req.project_id)
        return route.handler(self, req)

    @staticmethod
    def _error_response(error: ApiError, request_id: str) -> Response:
        body = dict(error.body)
        if error.with_request_id:
            body["request_id"] = request_id
        return Response(error.status, body, dict(error.headers))
