# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The rotate runbook against real loopback MariaDB accounts whose passwords the test changes, and the endpoints
runbook's dli_connection.datasource_auth: only tested secrets are sent, a wrong new password leaves its connection
untouched (zero writes in the request log), the report tells which is which, and no secret shows anywhere."""

from __future__ import annotations

import json
import re

import pymysql
import pytest

from hwcloud_emulator import sealed  # pylint: disable=import-error
from runbooks import names_in, runbook  # pylint: disable=import-error
from stack import DEFAULTS, REGION  # pylint: disable=import-error

PROJECT = DEFAULTS["projects"][REGION]
VPC = {"vpc_id": "3c5f1a0e-7d4b-4e63-9f2b-6d1c0a8e2b11", "subnet_id": "8e2ee0d5-0f1d-4067-965f-caf00dd65529"}


def _sql(stack, statement: str, *args) -> None:
    connection = pymysql.connect(host=stack.mariadb.host, port=stack.mariadb.port, user=stack.mariadb.user,
                                 password=stack.mariadb.password, connect_timeout=5)
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement, args)
    finally:
        connection.close()


@pytest.fixture
def accounts(fresh_stack):
    """Two database accounts with their first passwords; dropped afterwards."""
    suffix = fresh_stack.target_vars()["it_suffix"]
    users = {"a": "rot_a_" + suffix, "b": "rot_b_" + suffix}
    for key, user in users.items():
        _sql(fresh_stack, "CREATE USER %s@'127.0.0.1' IDENTIFIED BY %s", user, "old-%s-%s" % (key, suffix))
    yield users, suffix
    for user in users.values():
        _sql(fresh_stack, "DROP USER IF EXISTS %s@'127.0.0.1'", user)


def _entries(stack, users: dict, passwords: dict, suffix: str) -> list:
    return [
        dict(VPC, name="rot-a-" + suffix, kind="mysql", host=stack.mariadb.host, port=stack.mariadb.port, user=users["a"],
             password=passwords["a"], dli_connection={"name": "rot_a_" + suffix, "datasource_auth": True}),
        dict(name="rot-b-" + suffix, kind="mysql", host=stack.mariadb.host, port=stack.mariadb.port, user=users["b"],
             password=passwords["b"]),
    ]


def _connection(stack, name: str) -> dict:
    rows = [row for row in stack.emulator.app.store.data["drs_connections"].values() if row["name"] == name]
    assert len(rows) == 1, name
    return rows[0]


def _writes(stack, connection_id: str) -> list:
    return ["%s %s" % (entry["method"], entry["path"]) for entry in stack.admin("GET", "requests")["requests"]
            if entry["method"] != "GET" and connection_id in entry["path"]]


def test_rotation_sends_only_tested_secrets_and_reports_each_endpoint(fresh_stack, accounts, tmp_path):
    users, suffix = accounts
    stack = fresh_stack
    first = runbook("endpoints", stack, tmp_path, {"hwcloud_endpoints": _entries(stack, users, {"a": "old-a-" + suffix,
                                                                                                "b": "old-b-" + suffix}, suffix)})
    assert first.rc == 0, first.explain()
    auth_name = "rot_a_" + suffix
    assert names_in(stack.admin("GET", "state")) == {"rot-a-" + suffix, "rot-b-" + suffix, auth_name}
    auth_key = "%s/%s" % (PROJECT, auth_name)
    auth = stack.emulator.app.store.data["dli_auth_infos"][auth_key]
    assert auth["user_name"] == users["a"] and sealed.matches(stack.emulator.app.config, auth["password"], "old-a-" + suffix)
    again = runbook("endpoints", stack, tmp_path, {"hwcloud_endpoints": _entries(stack, users, {"a": "old-a-" + suffix,
                                                                                                "b": "old-b-" + suffix}, suffix)})
    assert again.rc == 0 and again.changed == 0, again.explain()

    new_a, new_b, wrong_b = "CANARY-rot-newa-" + suffix, "CANARY-rot-newb-" + suffix, "CANARY-rot-wrongb-" + suffix
    _sql(stack, "ALTER USER %s@'127.0.0.1' IDENTIFIED BY %s", users["a"], new_a)
    _sql(stack, "ALTER USER %s@'127.0.0.1' IDENTIFIED BY %s", users["b"], new_b)
    stack.admin("DELETE", "requests")
    junit = tmp_path / "rotate.xml"
    connection_b = _connection(stack, "rot-b-" + suffix)["connection_id"]
    connection_a = _connection(stack, "rot-a-" + suffix)["connection_id"]
    run = runbook("rotate", stack, tmp_path, {"hwcloud_endpoints": _entries(stack, users, {"a": new_a, "b": wrong_b}, suffix),
                                              "hwcloud_report_junit": str(junit)},
                  args=["-vvv", "--diff"], env_extra={"ANSIBLE_SHOW_CUSTOM_STATS": "1"})

    assert run.rc != 0 and run.failed == 1, run.explain()
    table = run.summary()
    assert re.match(r"rot-a-%s +mysql +\S+ +rotated$" % suffix, table[1]), table
    assert re.match(r"rot-b-%s +mysql +\S+ +test_failed +not touched: " % suffix, table[2]), table
    assert table[-1] == "1 rotated, 0 unchanged, 1 test_failed, 0 update_failed, 0 reverify_failed of 2 endpoints"
    (task, message), = run.failures()
    assert task == "Fail when an endpoint was not rotated"
    assert message.startswith("1 of 2 endpoints were not rotated: rot-b-%s: not touched: " % suffix), message
    assert _writes(stack, connection_b) == [], "the endpoint whose new password failed was written to"
    assert _writes(stack, connection_a) == ["PUT /v5/%s/connections/%s" % (PROJECT, connection_a)]
    assert _connection(stack, "rot-a-" + suffix)["endpoint"]["db_password"] == new_a
    assert _connection(stack, "rot-b-" + suffix)["endpoint"]["db_password"] == "old-b-" + suffix
    auth = stack.emulator.app.store.data["dli_auth_infos"][auth_key]
    assert sealed.matches(stack.emulator.app.config, auth["password"], new_a)
    tests = [entry for entry in stack.admin("GET", "requests")["requests"] if entry["path"].endswith("/jobs/batch-connection")]
    assert len(tests) == 2, "one batched test, then one re-test of the updated endpoint"
    report = junit.read_text()
    assert report.count("<testcase ") == 2 and report.count("<failure ") == 1 and 'type="test_failed"' in report
    assert '"hwcloud_rotate_summary"' in run.stdout and '"rotated": 1' in run.stdout
    haystacks = {"stdout": run.stdout, "stderr": run.stderr, "junit": report, "request log": json.dumps(stack.admin("GET", "requests")),
                 "emulator state": json.dumps(stack.admin("GET", "state"))}
    leaks = [(where, secret) for where, text in haystacks.items() for secret in (new_a, new_b, wrong_b) if secret in text]
    assert leaks == []

    fixed = runbook("rotate", stack, tmp_path, {"hwcloud_endpoints": _entries(stack, users, {"a": new_a, "b": new_b}, suffix)})
    assert fixed.rc == 0, fixed.explain()
    assert fixed.summary()[-1] == "2 rotated, 0 unchanged, 0 test_failed, 0 update_failed, 0 reverify_failed of 2 endpoints"
    assert _connection(stack, "rot-b-" + suffix)["endpoint"]["db_password"] == new_b

    removed = runbook("teardown", stack, tmp_path, {"hwcloud_endpoints": _entries(stack, users, {"a": "x", "b": "x"}, suffix)})
    assert removed.rc == 0, removed.explain()
    assert names_in(stack.admin("GET", "state")) == set()


def test_an_endpoint_password_from_csms_reaches_drs_and_is_never_shown(fresh_stack, accounts, tmp_path):
    users, suffix = accounts
    stack = fresh_stack
    canary = "CANARY-csms-rot-" + suffix
    _sql(stack, "ALTER USER %s@'127.0.0.1' IDENTIFIED BY %s", users["a"], canary)
    stack.admin("POST", "csms/secrets", {"secrets": [{"name": "rot-db-" + suffix,
                                                      "secret_string": json.dumps({"user": users["a"], "password": canary})}]})
    entry = _entries(stack, users, {"a": None, "b": None}, suffix)[0]
    entry["password"] = ("{{ lookup('hwcloud.connections.csms_secret', 'rot-db-%s', key='password', "
                         "endpoint_url=hwcloud_endpoint_url) }}" % suffix)
    run = runbook("rotate", stack, tmp_path, {"hwcloud_endpoints": [entry]}, args=["-vvv", "--diff"])
    assert run.rc == 0, run.explain()
    assert run.summary()[-1] == "1 rotated, 0 unchanged, 0 test_failed, 0 update_failed, 0 reverify_failed of 1 endpoints"
    assert _connection(stack, entry["name"])["endpoint"]["db_password"] == canary
    assert sealed.matches(stack.emulator.app.config, stack.emulator.app.store.data["dli_auth_infos"][
        "%s/rot_a_%s" % (PROJECT, suffix)]["password"], canary)
    reads = [e["path"] for e in stack.admin("GET", "requests")["requests"] if "/secrets/" in e["path"]]
    assert reads and set(reads) == {"/v1/%s/secrets/rot-db-%s/versions/latest" % (PROJECT, suffix)}
    for where, text in {"stdout": run.stdout, "stderr": run.stderr, "request log": json.dumps(stack.admin("GET", "requests")),
                        "emulator state": json.dumps(stack.admin("GET", "state"))}.items():
        assert canary not in text, where
    runbook("teardown", stack, tmp_path, {"hwcloud_endpoints": [entry]})


def _eg(stack, name: str) -> dict:
    rows = [row for row in stack.emulator.app.store.data["eg_connections"].values() if row["name"] == name]
    assert len(rows) == 1, name
    return rows[0]


def test_eventgrid_credentials_in_place_and_the_delete_and_create_fallback(fresh_stack, tmp_path):
    stack = fresh_stack
    suffix = stack.target_vars()["it_suffix"]
    name = "rot-kafka-" + suffix

    def entry(password: str) -> dict:  # a documentation address: the emulator simulates its test (default success)
        return dict(VPC, name=name, kind="kafka", instance_id="6a1c34d2-5b0e-4f8a-9d7c-2e1f0a3b4c5d", bootstrap_servers=["192.168.0.11:9093"],
                    security_protocol="SASL_SSL", user="producer", password=password, trust_store_key="Q0VSVA==", trust_store_key_name="ca.pem")

    declared = runbook("endpoints", stack, tmp_path, {"hwcloud_endpoints": [entry("old-kafka-" + suffix)]})
    assert declared.rc == 0, declared.explain()
    first_id = _eg(stack, name)["id"]

    in_place = runbook("rotate", stack, tmp_path, {"hwcloud_endpoints": [entry("new-kafka-1-" + suffix)]})
    assert in_place.rc == 0, in_place.explain()
    assert in_place.summary()[1].split()[3] == "rotated"
    assert _eg(stack, name)["id"] == first_id and _eg(stack, name)["kafka_detail"]["password"] == "new-kafka-1-" + suffix

    refused = {"rules": [{"match": {"service": "eg", "method": "PUT"}, "fail_next": 2, "fail_status": 403}]}
    stack.admin("PUT", "faults", refused)
    no_fallback = runbook("rotate", stack, tmp_path, {"hwcloud_endpoints": [entry("new-kafka-2-" + suffix)]})
    assert no_fallback.rc != 0, no_fallback.explain()
    assert no_fallback.summary()[1].split()[3] == "update_failed" and "HTTP 403" in no_fallback.summary()[1]
    assert _eg(stack, name)["kafka_detail"]["password"] == "new-kafka-1-" + suffix

    stack.admin("PUT", "faults", refused)
    fallback = runbook("rotate", stack, tmp_path, {"hwcloud_endpoints": [entry("new-kafka-2-" + suffix)], "hwcloud_rotate_eg_recreate": True})
    assert fallback.rc == 0, fallback.explain()
    assert fallback.summary()[1].split()[3] == "rotated"
    assert _eg(stack, name)["id"] != first_id and _eg(stack, name)["kafka_detail"]["password"] == "new-kafka-2-" + suffix
    stack.admin("DELETE", "faults")
    runbook("teardown", stack, tmp_path, {"hwcloud_endpoints": [entry("x")]})
