# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fault injection (seeded rates, fail_next, latency, Retry-After, slower transitions) and the request log."""

from __future__ import annotations

import time

import requests

from emulator_testlib import PROJECT, signed_call

LIST = "/v5/%s/connections" % PROJECT


def _statuses(base_url: str, count: int, path: str = LIST) -> list[int]:
    return [signed_call("GET", base_url + path).status_code for _call in range(count)]


def test_rates_are_deterministic_for_a_seed(emulator) -> None:
    rule = {"match": {"service": "drs"}, "throttle_rate": 0.3, "error_rate": 0.3, "error_status": 503}
    runs = []
    for _round in range(2):
        emulator.admin.set_faults([rule], seed=42)
        runs.append(_statuses(emulator.base_url, 30))
    assert runs[0] == runs[1]
    assert {200, 429, 503} == set(runs[0])
    emulator.admin.set_faults([rule], seed=7)
    assert _statuses(emulator.base_url, 30) != runs[0]


def test_fail_next_then_recover_with_retry_after(emulator) -> None:
    emulator.admin.set_faults([{"match": {"method": "GET", "path": r"/connections$"}, "fail_next": 2,
                                "fail_status": 429, "retry_after": 3}])
    first = signed_call("GET", emulator.base_url + LIST)
    assert first.status_code == 429 and first.headers["Retry-After"] == "3"
    body = first.json()
    assert body["error_code"] == "APIGW.0308" and body["request_id"] == first.headers["X-Request-Id"]
    assert body["error_msg"].startswith("The throttling threshold has been reached: policy user over ratelimit")
    assert _statuses(emulator.base_url, 2) == [429, 200]
    job = emulator.admin.seed_job(name="not-matched", status="CONFIGURATION")  # an unknown job is a 400 (section 11 #6)
    assert signed_call("POST", emulator.base_url + "/v3/%s/jobs/batch-status" % PROJECT, {"jobs": [job["id"]]}).status_code == 200


def test_injected_5xx_uses_service_error_style(emulator) -> None:
    emulator.admin.set_faults([{"match": {"service": "eg"}, "fail_next": 1, "fail_status": 500}])
    response = signed_call("GET", emulator.base_url + "/v1/%s/connections" % PROJECT)
    assert response.status_code == 500 and response.json()["error_code"] == "EG.00015000"


def test_latency_and_jitter(emulator) -> None:
    # A latency long enough that a loaded machine's own delays cannot be taken for it (or hide its absence).
    emulator.admin.set_faults([{"match": {"service": "drs"}, "latency_ms": 1000, "jitter_ms": 20}], seed=1)
    started = time.perf_counter()
    assert signed_call("GET", emulator.base_url + LIST).status_code == 200
    assert 1.0 <= time.perf_counter() - started < 10.0
    assert emulator.admin.requests()[-1]["duration_ms"] >= 1000
    emulator.admin.clear_faults()
    started = time.perf_counter()
    signed_call("GET", emulator.base_url + LIST)
    assert time.perf_counter() - started < 1.0


def test_faults_never_apply_to_admin_and_rules_from_config(emulator_factory) -> None:
    emulator = emulator_factory({"faults": [{"match": {}, "error_rate": 1.0}]})
    assert requests.get(emulator.base_url + "/_emulator/state", timeout=10).status_code == 200
    assert signed_call("GET", emulator.base_url + LIST).status_code == 500


def test_slower_transitions_with_delay_multiplier(emulator) -> None:
    emulator.admin.patch_config({"delay_multiplier": 100})  # 50 ms → 5 s
    job = emulator.admin.seed_job(name="slow-job", status="CREATING")
    time.sleep(0.08)
    results = signed_call("POST", emulator.base_url + "/v3/%s/jobs/batch-status" % PROJECT, {"jobs": [job["id"]]}).json()
    assert results["results"][0]["status"] == "CREATING"


def test_request_log_has_metadata_only(emulator) -> None:
    signed_call("GET", emulator.base_url + LIST + "?fetch_all=true&name=secret-looking-name")
    requests.get(emulator.base_url + "/_emulator/state", timeout=10)
    requests.post(emulator.base_url + "/v3/auth/tokens", json={"auth": {}}, timeout=10)
    log = emulator.admin.requests()
    assert [entry["path"] for entry in log] == [LIST, "/v3/auth/tokens"]  # admin calls are not recorded
    first = log[0]
    assert set(first) == {"seq", "time", "method", "path", "query_keys", "status", "duration_ms", "service", "auth",
                          "request_id"}
    assert (first["method"], first["status"], first["service"], first["auth"]) == ("GET", 200, "drs", "aksk")
    assert first["query_keys"] == ["fetch_all", "name"]
    assert "secret-looking-name" not in str(log)
    assert (log[1]["service"], log[1]["auth"], log[1]["status"]) == ("iam", "none", 400)
    emulator.admin.clear_requests()
    assert emulator.admin.requests() == []


def test_admin_rejects_bad_fault_rules(emulator) -> None:
    response = requests.put(emulator.base_url + "/_emulator/faults", json={"rules": [{"bogus": 1}]}, timeout=10)
    assert response.status_code == 400
    assert requests.get(emulator.base_url + "/_emulator/nothing", timeout=10).status_code == 404
