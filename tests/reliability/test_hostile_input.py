# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostile playbook values (issue 9, items 1, 3, 6, 9 and 10): whatever a typo or a malicious inventory puts into a
URL-bound option is refused before any request, naming the option; what a server returns never steers a URL."""

from __future__ import annotations

import math

import pytest
from conftest import run_module  # pylint: disable=import-error
from hostile import HostileServer, Reply  # pylint: disable=import-error

DLI = {"name": "hostile_dli", "dest_vpc_id": "vpc-1", "dest_network_id": "subnet-1"}
EG = {"name": "hostile-eg", "vpc_id": "vpc-1", "subnet_id": "subnet-1"}
DRS = {"name": "hostile-drs", "db_type": "mysql",
       "endpoint": {"endpoint_name": "mysql", "ip": "192.168.0.27", "db_port": 3306, "db_user": "drs", "db_password": "pw-123456"}}
PASSWORD_AUTH = {"access_key": None, "secret_key": None, "domain_name": "emulator-domain", "user_name": "emulator-user",
                 "password": "emulator-password"}


def _refused(run, option: str):
    assert run.error is None, run.error
    assert run.failed, run.stdout
    assert option in run.msg, run.msg


# -- item 1: a DLI route named ".." ------------------------------------------------------------------------------------

def test_route_named_dot_dot_is_refused_before_any_call(emulator):
    run = run_module("dli_enhanced_connection", emulator.auth_args(**dict(DLI, routes=[{"name": "..", "cidr": "10.1.0.0/24"}])))
    _refused(run, "routes[0].name")
    assert emulator.log() == []


@pytest.mark.parametrize("auth", ["aksk", "password"])
def test_a_server_route_named_dot_dot_never_deletes_the_connection(emulator, hostile, auth):
    created = run_module("dli_enhanced_connection", emulator.auth_args(**DLI))
    assert created.result and created.result["changed"], created.stdout
    connection_id = created.result["connection"]["id"]

    def respond(request):
        if request.method != "GET" or "/enhanced-connections" not in request.path:
            return None
        reply, body = hostile.forward_json(request)
        for row in body.get("connections", [body]):
            row["routes"] = [{"name": "..", "cidr": "10.1.0.0/24", "create_time": 1}]
        return Reply(reply.status, body, reply.headers)

    hostile.respond = respond
    args = hostile.args(**dict(DLI, routes=[], purge_routes=True, **(PASSWORD_AUTH if auth == "password" else {})))
    run = run_module("dli_enhanced_connection", args)
    _refused(run, "route")
    assert [p for p in hostile.paths("DELETE") if p.rstrip("/").endswith(connection_id)] == []
    assert [c["status"] for c in emulator.state()["dli_connections"]] == ["ACTIVE"]


# -- item 3: region goes into host names ---------------------------------------------------------------------------------

def test_a_region_with_userinfo_never_dials_where_it_points(emulator):
    with HostileServer() as trap:
        trap.respond = lambda request: Reply(200, {"connections": [], "count": 0})
        region = "x@127.0.0.1:%s/#" % trap.url.rsplit(":", 1)[1]
        run = run_module("drs_connection_info", emulator.auth_args(endpoint_url=None, region=region))
        _refused(run, "region")
        assert trap.connections == 0 and trap.requests == []


@pytest.mark.parametrize("region", ["cn-north-4/../x", "cn-north-4\n", "cn-north-4?x=1", "CN-North-4", "cn north 4", "-cn"])
def test_malformed_regions_are_refused_before_any_call(emulator, region):
    _refused(run_module("drs_connection_info", emulator.auth_args(region=region)), "region")
    assert emulator.log() == []


@pytest.mark.parametrize("cloud", ["myhuaweicloud.com/x", "127.0.0.1:1@evil", "a..b", "myhuaweicloud.com\n"])
def test_malformed_cloud_domains_are_refused(emulator, cloud):
    _refused(run_module("drs_connection_info", emulator.auth_args(endpoint_url=None, cloud_domain=cloud)), "cloud_domain")


# -- item 6: ids spliced into URLs -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("module, args", [
    ("eg_connection", dict(EG, state="absent")),
    ("eg_connection_info", {}),
    ("dli_enhanced_connection", dict(DLI, state="absent")),
    ("dli_enhanced_connection_info", {}),
    ("drs_connection", {"name": "hostile-drs", "state": "absent"}),
])
@pytest.mark.parametrize("bad_id", ["..", ".", "x/../../../v5/e8a2f1c0d4b94e5f9a7c3b2d1e0f4a01/connections", "?limit=1",
                                    "a#b", "", "id\n"])
def test_ids_that_would_change_the_url_are_refused(emulator, module, args, bad_id):
    run = run_module(module, emulator.auth_args(connection_id=bad_id, **args))
    _refused(run, "connection_id")
    assert emulator.log() == []


@pytest.mark.parametrize("project_id", ["../x", "e8a2f1c0d4b94e5f9a7c3b2d1e0f4a0", "E8A2F1C0D4B94E5F9A7C3B2D1E0F4A01x",
                                        "e8a2f1c0d4b94e5f9a7c3b2d1e0f4a01/../x"])
def test_project_ids_must_be_32_hex_characters(emulator, project_id):
    _refused(run_module("drs_connection_info", emulator.auth_args(project_id=project_id)), "project_id")
    assert emulator.log() == []


def test_a_project_id_from_iam_that_is_not_32_hex_is_refused(emulator, hostile):
    def respond(request):
        if request.path.startswith("/v3/projects"):
            return Reply(200, {"projects": [{"id": "../../_emulator/reset", "name": "cn-north-4"}]})
        return None

    hostile.respond = respond
    run = run_module("drs_connection_info", hostile.args(project_id=None))
    _refused(run, "project")
    assert [p for p in hostile.paths() if not p.startswith("/v3/projects")] == []


def test_an_id_returned_by_the_server_never_steers_a_request(emulator, hostile):
    assert run_module("eg_connection", emulator.auth_args(**dict(EG, wait=False))).result["changed"]

    def respond(request):
        if request.method == "GET" and request.path.startswith("/v1/"):
            reply, body = hostile.forward_json(request)
            for item in body.get("items", []):
                item["id"] = "../../../admin/wipe?all=1"
            return Reply(reply.status, body, reply.headers)
        return None

    hostile.respond = respond
    run = run_module("eg_connection", hostile.args(**dict(EG, state="absent")))
    assert run.error is None and run.failed, run.stdout
    assert "id" in run.msg
    assert hostile.paths("DELETE") == [] and not any("/admin" in p for p in hostile.paths())
    assert len(emulator.state()["eg_connections"]) == 1


# -- items 9 and 10: options that shape the requests --------------------------------------------------------------------

@pytest.mark.parametrize("value", [0, -1, math.inf, math.nan])
def test_api_timeout_must_be_positive_and_finite(emulator, value):
    _refused(run_module("drs_connection_info", emulator.auth_args(api_timeout=value)), "api_timeout")
    assert emulator.log() == []


def test_wait_timeout_must_not_be_negative(emulator):
    _refused(run_module("eg_connection", emulator.auth_args(wait_timeout=-1, **EG)), "wait_timeout")
    assert emulator.log() == []


def test_max_retries_must_not_be_negative(emulator):
    _refused(run_module("eg_connection_info", emulator.auth_args(max_retries=-1)), "max_retries")
    assert emulator.log() == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1:21/", "http://[::1", "http://", "127.0.0.1:8080",
                                 "http://127.0.0.1:8080/?x=1", "http://127.0.0.1:8080/#frag", "http://127.0.0.1:99999",
                                 "http://exa mple.com"])
def test_malformed_endpoint_urls_fail_once_naming_the_option(emulator, url):
    run = run_module("drs_connection_info", emulator.auth_args(endpoint_url=url))
    _refused(run, "endpoint_url")
    assert "gave up" not in run.msg


def test_per_service_endpoints_are_checked_like_endpoint_url(emulator):
    _refused(run_module("drs_connection_info", emulator.auth_args(endpoints={"drs": "file:///x"})), "endpoints.drs")


def test_credentials_inside_endpoint_url_are_refused(emulator):
    with HostileServer() as trap:
        url = trap.url.replace("http://", "http://user:secret@")
        run = run_module("drs_connection_info", emulator.auth_args(endpoint_url=url))
        _refused(run, "endpoint_url")
        assert trap.requests == []
        assert "secret" not in run.stdout


def test_a_missing_ca_bundle_is_named(emulator, tmp_path):
    _refused(run_module("drs_connection_info", emulator.auth_args(ca_bundle=str(tmp_path / "missing.pem"))), "ca_bundle")
    assert emulator.log() == []


def test_ca_bundle_with_validate_certs_false_is_a_clear_error(emulator, tmp_path):
    bundle = tmp_path / "ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    run = run_module("drs_connection_info", emulator.auth_args(ca_bundle=str(bundle), validate_certs=False))
    _refused(run, "validate_certs")
    assert "ca_bundle" in run.msg and emulator.log() == []


@pytest.mark.parametrize("module, args, field", [
    ("drs_connection", dict(DRS, name="orders-mysql\n"), "name"),
    ("drs_connection", dict(DRS, endpoint=dict(DRS["endpoint"], ip="db.example\n")), "endpoint.ip"),
    ("eg_connection", dict(EG, name="events\n"), "name"),
    ("dli_enhanced_connection", dict(DLI, name="orders_db\n"), "name"),
    ("dli_enhanced_connection", dict(DLI, hosts=[{"name": "db\n", "ip": "192.168.0.1"}]), "hosts[0].name"),
])
def test_values_with_a_trailing_newline_are_refused(emulator, module, args, field):
    _refused(run_module(module, emulator.auth_args(**args)), field)
    assert emulator.log() == []


def test_the_drs_cloud_block_is_not_mistaken_for_the_cloud_domain(emulator):
    # drs_connection's cloud {region, project_id} (ecs_*/cloud_* scenarios) and the endpoints' domain are two options.
    args = dict(DRS, endpoint=dict(DRS["endpoint"], endpoint_name="ecs_mysql"),
                cloud={"region": "cn-north-4", "project_id": "e8a2f1c0d4b94e5f9a7c3b2d1e0f4a01"})
    run = run_module("drs_connection", emulator.auth_args(**args))
    assert run.error is None and not run.failed, run.stdout
    assert run.result["connection"]["endpoint"]["endpoint_name"] == "ecs_mysql"
    _refused(run_module("drs_connection", emulator.auth_args(endpoint_url=None, cloud_domain="bad domain", **args)), "cloud_domain")
