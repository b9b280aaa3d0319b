# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostile servers (issue 9, items 2, 4, 5, 7, 9, 11 and 12): redirects, echoed secrets, endless pages, trickled
answers, garbage and wrong-shape bodies, TLS failures and lost create answers. The module fails clearly and quickly,
never deletes or creates because of garbage, never follows a redirect and never prints a secret in any form."""

from __future__ import annotations

import json
import time
import uuid
from urllib.parse import quote, quote_plus

import pytest
from conftest import run_module  # pylint: disable=import-error
from hostile import Reply  # pylint: disable=import-error

SECRET = 'Pä"ss\\w0rd/Canary+Zq81 &x=1'
JOB = "6d5ad0a7-3f7e-4a8e-9c41-2b0e1f3ajb101"
DRS = {"name": "hostile-drs", "db_type": "mysql",
       "endpoint": {"endpoint_name": "mysql", "ip": "192.168.0.27", "db_port": 3306, "db_user": "drs", "db_password": SECRET}}
EG = {"name": "hostile-eg", "vpc_id": "vpc-1", "subnet_id": "subnet-1"}
PASSWORD_AUTH = {"access_key": None, "secret_key": None, "domain_name": "emulator-domain", "user_name": "emulator-user",
                 "password": SECRET, "token_cache": False}


def secret_forms(secret: str) -> list:
    """Every way a server may echo a secret: raw, JSON-escaped (ASCII or not, once or twice), URL-encoded."""
    once = json.dumps(secret)[1:-1]
    forms = {secret, once, json.dumps(secret, ensure_ascii=False)[1:-1], json.dumps(once)[1:-1], quote(secret, safe=""),
             quote(secret), quote_plus(secret)}
    return sorted(forms)


def _strings(value):
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return [value] if isinstance(value, str) else []


def leaks(output, secret: str = SECRET, fragment: int = 6) -> list:
    """Forms of ``secret`` in a module's output (as printed and as decoded), and any run of ``fragment`` characters
    of one (an echo cut short)."""
    text = output if isinstance(output, str) else "\n".join([output.stdout] + _strings(output.result))
    found = []
    for form in secret_forms(secret):
        if form in text:
            found.append(form)
        found.extend(form[i:i + fragment] for i in range(len(form) - fragment + 1) if form[i:i + fragment] in text)
    return found


def _failed(run):
    assert run.error is None, run.error
    assert run.failed, run.stdout
    return run.msg


# -- item 2: redirects -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirects_are_never_followed(hostile, sink, status):
    hostile.respond = lambda request: Reply(status, b"", {"Location": sink.url + "/steal"})
    msg = _failed(run_module("drs_connection", hostile.args(**DRS)))
    assert sink.requests == [] and sink.connections == 0
    assert str(status) in msg and "redirect" in msg.lower() and "127.0.0.1" in msg
    assert len(hostile.requests) == 1
    assert leaks(msg) == []


def test_the_iam_password_login_is_never_redirected(hostile, sink):
    hostile.respond = lambda request: Reply(307, b"", {"Location": sink.url + "/v3/auth/tokens"})
    run = run_module("drs_connection_info", hostile.args(**PASSWORD_AUTH))
    _failed(run)
    assert sink.requests == [] and sink.connections == 0
    assert leaks(run) == []


# -- item 4: secrets echoed by error bodies -----------------------------------------------------------------------------------

def _echo_json(request):
    """A 400 whose error_msg quotes the request body as received (JSON-escaped) and URL-encoded."""
    text = request.body.decode("utf-8")
    return Reply(400, {"error_code": "DRS.10000001", "error_msg": "rejected %s (%s)" % (text, quote(text, safe=""))})


def _echo_cut(request):
    """A plain-text error that repeats the request with the secret across the 500th character."""
    text = request.body.decode("utf-8")
    start = text.index(json.dumps(SECRET)[1:-1])
    return Reply(400, ("x" * (490 - start)).encode() + request.body + b" " * 400, {"Content-Type": "text/plain"})


@pytest.mark.parametrize("respond", [_echo_json, _echo_cut], ids=["json-escaped", "plain-text-cut"])
def test_an_error_body_echoing_the_request_never_prints_the_secret(hostile, respond):
    hostile.respond = lambda request: respond(request) if request.method == "POST" else None
    run = run_module("drs_connection", hostile.args(**DRS))
    _failed(run)
    assert "HTTP 400" in run.msg
    assert leaks(run) == [], run.stdout


def test_a_server_that_cut_the_echo_short_still_leaks_nothing(hostile):
    hostile.respond = lambda request: Reply(400, {"error_code": "X", "error_msg": "bad password " + SECRET[:9]}) \
        if request.method == "POST" else None
    run = run_module("drs_connection", hostile.args(**DRS))
    _failed(run)
    assert leaks(run) == [], run.stdout


def test_connection_test_results_echoing_the_password_are_masked(hostile):
    def respond(request):
        if request.path.endswith("/jobs/batch-status"):
            return Reply(200, {"results": [{"id": JOB, "status": "CONFIGURATION"}], "count": 1})
        if request.path.endswith("/jobs/batch-connection"):
            entries = request.json()["jobs"]
            return Reply(200, {"count": len(entries), "results": [
                {"id": JOB, "success": False, "status": "failed", "error_code": "DRS.M00001",
                 "error_msg": "login failed for %s" % json.dumps(entry)} for entry in entries]})
        return None

    hostile.respond = respond
    endpoint = {"job_id": JOB, "net_type": "eip", "db_type": "mysql", "ip": "192.168.0.27", "db_port": 3306, "db_user": "u",
                "db_password": SECRET}
    run = run_module("drs_batch_connection_test", hostile.args(test_endpoints=[endpoint], fail_on_failure=False))
    assert run.error is None and not run.failed, run.stdout
    assert run.result["results"][0]["error_msg"].startswith("login failed for")
    assert leaks(run) == [], run.stdout


def test_printed_error_text_is_capped(hostile):
    hostile.respond = lambda request: Reply(400, {"error_code": "EG.00014000", "error_msg": "A" * (10 * 1024 * 1024)})
    started = time.monotonic()
    run = run_module("eg_connection_info", hostile.args())
    _failed(run)
    assert len(run.stdout) < 8 * 1024, len(run.stdout)
    assert time.monotonic() - started < 10


# -- item 5: unbounded pages and answers -------------------------------------------------------------------------------------

def _eg_item(item_id: str) -> dict:
    return {"id": item_id, "name": "n-" + item_id[:8], "status": "CREATED", "vpc_id": "v", "subnet_id": "s", "type": "WEBHOOK"}


def test_a_server_ignoring_offset_ends_the_listing_with_an_error(hostile):
    page = [_eg_item(str(uuid.UUID(int=n))) for n in range(100)]
    hostile.respond = lambda request: Reply(200, {"total": 10 ** 9, "size": 100, "items": page})
    msg = _failed(run_module("eg_connection_info", hostile.args()))
    assert len(hostile.requests) <= 3, len(hostile.requests)
    assert "page" in msg.lower()


def test_endless_new_pages_stop_at_the_page_cap(hostile):
    hostile.respond = lambda request: Reply(200, {"total_count": 10 ** 9, "jobs": [
        {"id": str(uuid.uuid4()), "name": "job", "status": "CONFIGURATION"} for _n in range(100)]})
    msg = _failed(run_module("drs_job_info", hostile.args(job_type="migration")))
    assert len(hostile.requests) <= 1001, len(hostile.requests)
    assert "page" in msg.lower()


def test_a_trickled_answer_is_cut_at_api_timeout(hostile):
    hostile.respond = lambda request: Reply(200, {"connections": [], "count": 0}, trickle=0.2)
    started = time.monotonic()
    msg = _failed(run_module("drs_connection_info", hostile.args(api_timeout=1, max_retries=0)))
    elapsed = time.monotonic() - started
    assert elapsed < 3.5, "took %.1f s with api_timeout=1" % elapsed
    assert "api_timeout" in msg


# -- items 7 and 9: garbage and wrong-shape answers ----------------------------------------------------------------------------

GARBAGE = [
    Reply(200, b"<html>maintenance</html>", {"Content-Type": "text/html"}),
    Reply(200, b""),
    Reply(200, [{"connections": []}]),
    Reply(200, {"connections": None}),
    Reply(200, {"connections": "none"}),
    Reply(200, {"connections": [None]}),
    Reply(200, {"connections": [{"name": "hostile-drs"}], "count": 1}),
    Reply(302, b"", {"Location": "/elsewhere"}),
]


@pytest.mark.parametrize("reply", GARBAGE, ids=range(len(GARBAGE)))
@pytest.mark.parametrize("state", ["present", "absent"])
def test_a_garbage_lookup_is_an_error_never_absent(hostile, reply, state):
    hostile.respond = lambda request: reply if request.method == "GET" else Reply(500, {"error_code": "X"})
    msg = _failed(run_module("drs_connection", hostile.args(**dict(DRS, state=state))))
    assert hostile.paths("POST") == [] and hostile.paths("DELETE") == []
    assert "GET /v5/" in msg


WRONG_SHAPES = {
    "dli create without connection_id": ("dli_enhanced_connection", {"name": "shape_dli", "dest_vpc_id": "v", "dest_network_id": "s"},
                                         "POST", Reply(201, {"is_success": True, "message": ""}), "connection_id"),
    "eg create answering a list": ("eg_connection", EG, "POST", Reply(200, [EG]), "POST /v1/"),
    "eg create without id": ("eg_connection", EG, "POST", Reply(200, {"name": "hostile-eg", "status": "CREATED"}), "id"),
    "dli show with null peers": ("dli_enhanced_connection_info", {"connection_id": "2a620c33-5609-40c9-affd-2b6453071b0f"}, "GET",
                                 Reply(200, ["not", "an", "object"]), "GET /v2.0/"),
}


@pytest.mark.parametrize("case", sorted(WRONG_SHAPES))
def test_wrong_shape_answers_fail_without_a_traceback(hostile, case):
    module, args, method, reply, named = WRONG_SHAPES[case]

    def respond(request):
        if request.method == method and (method != "GET" or request.path.startswith(("/v1/", "/v2.0/"))):
            return reply
        if request.method == "GET" and "/connections" in request.path:
            return Reply(200, {"items": [], "total": 0, "size": 0} if request.path.startswith("/v1/")
                         else {"is_success": True, "connections": [], "count": 0})
        return None

    hostile.respond = respond
    msg = _failed(run_module(module, hostile.args(**args)))
    assert named in msg and "Traceback" not in msg


# -- item 11: TLS ----------------------------------------------------------------------------------------------------------------

def test_a_failed_certificate_check_is_not_retried_and_names_the_options(tls_server):
    msg = _failed(run_module("drs_connection_info", tls_server.args()))
    assert "ca_bundle" in msg and "validate_certs" in msg
    assert tls_server.connections == 1, tls_server.connections


def test_ca_bundle_makes_the_certificate_check_pass(tls_server):
    run = run_module("drs_connection_info", tls_server.args(ca_bundle=str(tls_server.cert)))
    assert run.error is None and not run.failed, run.stdout
    assert tls_server.paths() == ["/v5/e8a2f1c0d4b94e5f9a7c3b2d1e0f4a01/connections?fetch_all=true"]


# -- item 12: a create whose answer was lost ------------------------------------------------------------------------------------

@pytest.mark.parametrize("module, args, created", [
    ("drs_connection", DRS, "drs_connections"),
    ("eg_connection", dict(EG, wait=False), "eg_connections"),
])
def test_a_create_whose_answer_was_lost_reports_changed(emulator, hostile, module, args, created):
    def respond(request):
        if request.method == "POST":
            hostile.forward(request)  # applied upstream, answer lost on the way back
            return Reply(504, {"error_code": "APIGW.0504", "error_msg": "Gateway timeout"})
        return None

    hostile.respond = respond
    run = run_module(module, hostile.args(**args))
    assert run.error is None and not run.failed, run.stdout
    assert run.result["changed"] is True
    assert len(emulator.state()[created]) == 1
    assert len(hostile.paths("POST")) == 1
