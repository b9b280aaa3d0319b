# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""DRS v3 batch connection test: per-entry results in request order, probes run in parallel."""

from __future__ import annotations

import ipaddress
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from .drs_endpoints import Endpoint, classify
from .drs_jobs import refresh_all, v3_job_error
from .errors import ApiError, service_error
from .messages import Request, Response
from .router import Route

MAX_ENTRIES = 10
DNS_ACTIONS = ("add", "keep", "update", "recover")
REQUIRED = ("id", "net_type", "db_type", "ip", "end_point_type")
WRONG_STATUS_CODE = "DRS.10000011"
PROBE_ERROR_CODE = "DRS.10000001"


def _invalid(msg: str) -> ApiError:
    return service_error("drs", 400, "DRS.10000001", msg)


def _needs_credentials(entry: dict[str, Any]) -> bool:
    """Kafka without SASL (PLAINTEXT/SSL) has no user; every other endpoint needs db_user/db_password."""
    if entry.get("db_type") != "kafka":
        return True
    protocol = str((entry.get("kafka_security_config") or {}).get("type") or "PLAINTEXT").upper()
    return protocol.startswith("SASL")


def _kafka_problem(entry: dict[str, Any]) -> str | None:
    """SDK KafkaSecurity: SSL and SASL_SSL need the trust store (name and key); its password only when the store
    has one (huawei-api.md section 10 #4), so a missing trust_store_password is fine here."""
    security = entry.get("kafka_security_config")
    if security is None:
        return None
    if not isinstance(security, dict):
        return "kafka_security_config: an object is required"
    protocol = str(security.get("type") or "").upper()
    if protocol.endswith("SSL"):
        missing = [key for key in ("trust_store_key_name", "trust_store_key") if not security.get(key)]
        if missing:
            return "kafka_security_config: %s required for %s" % (", ".join(missing), protocol)
    if protocol.startswith("SASL_") and not security.get("sasl_mechanism"):
        return "kafka_security_config: sasl_mechanism required for %s" % protocol
    return _key_store_problem(security)


def _key_store_problem(security: dict[str, Any]) -> str | None:
    """SDK KafkaSecurity, two-way TLS: enable_key_store needs the key store (key and name), its password only when
    the store has one; with set_private_key_password also key_password."""
    for switch in ("enable_key_store", "set_private_key_password"):
        if not isinstance(security.get(switch, False), bool):
            return "kafka_security_config.%s: a boolean is required" % switch
    if not security.get("enable_key_store"):
        return None
    missing = [key for key in ("key_store_key_name", "key_store_key") if not security.get(key)]
    if missing:
        return "kafka_security_config: %s required when enable_key_store is true" % ", ".join(missing)
    if security.get("set_private_key_password") and not security.get("key_password"):
        return "kafka_security_config: key_password required when set_private_key_password is true"
    return None


def _dns_problem(entry: dict[str, Any]) -> str | None:
    """TestEndPoint.customized_dns {is_set_dns, set_dns_action, dns_ip} (SDK v3 CustomizedDns)."""
    dns = entry.get("customized_dns")
    if dns is None:
        return None
    if not isinstance(dns, dict) or not isinstance(dns.get("is_set_dns", False), bool):
        return "customized_dns: an object with a boolean is_set_dns is required"
    action = dns.get("set_dns_action")
    if action is not None and action not in DNS_ACTIONS:
        return "customized_dns.set_dns_action: must be one of %s" % ", ".join(DNS_ACTIONS)
    if dns.get("is_set_dns") and action is None:
        return "customized_dns.set_dns_action: required when is_set_dns is true"
    if action in ("add", "update") and not dns.get("dns_ip"):
        return "customized_dns.dns_ip: required for set_dns_action %s" % action
    for item in str(dns.get("dns_ip") or "").split(","):
        try:
            if item:
                ipaddress.ip_address(item.strip())
        except ValueError:
            return "customized_dns.dns_ip: %s is not an IP address" % item.strip()
    return None


def validate(entries: Any) -> list[dict[str, Any]]:
    """Reject the whole request when the list is empty, too long or an entry lacks a required field."""
    if not isinstance(entries, list) or not entries:
        raise _invalid("Invalid parameter jobs: a non-empty list is required.")
    if len(entries) > MAX_ENTRIES:
        raise _invalid("Invalid parameter jobs: at most %d connection tests are allowed per request, got %d."
                       % (MAX_ENTRIES, len(entries)))
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise _invalid("Invalid parameter jobs[%d]: an object is required." % index)
        missing = [name for name in REQUIRED if entry.get(name) in (None, "")]
        if _needs_credentials(entry):
            missing += [name for name in ("db_user", "db_password") if entry.get(name) in (None, "")]
        if missing:
            raise _invalid("Invalid parameter jobs[%d]: missing %s." % (index, ", ".join(missing)))
        if entry["end_point_type"] not in ("so", "ta"):
            raise _invalid("Invalid parameter jobs[%d].end_point_type: must be so or ta." % index)
        problem = _kafka_problem(entry) or _dns_problem(entry)
        if problem:
            raise _invalid("Invalid parameter jobs[%d].%s." % (index, problem))
    return entries


def _failed(job_id: str, code: str, msg: str) -> dict[str, Any]:
    return {"id": job_id, "status": "failed", "success": False, "error_code": code, "error_msg": msg}


def _run_probe(entry: dict[str, Any], endpoint: Endpoint, settings: dict[str, Any]) -> dict[str, Any]:
    """Probe the endpoint, or simulate it when it is on Huawei Cloud; an unexpected exception becomes a failed
    result naming only its type (no secrets)."""
    from . import probes  # pylint: disable=import-outside-toplevel  # optional drivers load only when testing

    try:
        if endpoint.on_cloud:
            outcome = probes.simulate_endpoint(entry, settings, endpoint.instance_id)
        else:
            outcome = probes.probe_endpoint(entry, settings)
    except Exception as exc:  # pylint: disable=broad-exception-caught  # one entry must not fail the batch
        return _failed(entry["id"], PROBE_ERROR_CODE, "Connection test failed: %s." % type(exc).__name__)
    if outcome.get("success"):
        return {"id": entry["id"], "status": "success", "success": True}
    return _failed(entry["id"], outcome.get("error_code") or PROBE_ERROR_CODE,
                   outcome.get("error_msg") or "Connection test failed.")


def _precheck(app: Any, project_id: str, entry: dict[str, Any]) -> tuple[dict[str, Any] | None, Endpoint | None]:
    """(failed result, None) when the job is unknown, deleted or not in CONFIGURATION, or the entry contradicts the
    job's endpoint on its side (drs_endpoints); else (None, the endpoint to test)."""
    job = app.store.data["drs_jobs"].get(entry["id"])
    if job is not None and job["project_id"] != project_id:
        job = None
    error = v3_job_error(job)
    if error:
        return _failed(entry["id"], *error), None
    if job["status"] != "CONFIGURATION":
        return _failed(entry["id"], WRONG_STATUS_CODE,
                       "The job status is %s; connections can be tested only when the job status is CONFIGURATION."
                       % job["status"]), None
    error, endpoint = classify(job, entry)
    return (_failed(entry["id"], *error), None) if error else (None, endpoint)


def batch_connection(app: Any, req: Request) -> Response:
    """POST /v3/{project_id}/jobs/batch-connection."""
    entries = validate(req.json().get("jobs"))
    with app.store.lock:
        refresh_all(app)
        checked = [_precheck(app, req.project_id, entry) for entry in entries]
    results: list[dict[str, Any] | None] = [failed for failed, _endpoint in checked]
    settings = dict(app.config.get("probe") or {})
    pending = {index: endpoint for index, (_failed_result, endpoint) in enumerate(checked) if endpoint is not None}
    if pending:
        with ThreadPoolExecutor(max_workers=len(pending)) as pool:
            futures = {index: pool.submit(_run_probe, entries[index], endpoint, settings)
                       for index, endpoint in pending.items()}
            for index, future in futures.items():
                results[index] = future.result()
    return Response(200, {"results": results, "count": len(results)})


ROUTES = [
    Route("POST", "/v3/{project_id}/jobs/batch-connection", "drs", batch_connection),
]
