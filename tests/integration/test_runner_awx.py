# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run the endpoints runbook through ansible-runner the way AWX does and look for leaked secrets.

AWX gives ansible-runner a private data directory, the credential's injected environment variables
(``envvars``, with ``suppress_env_files`` so they are not written to ``env/``) and the job's extra vars.
Every job event AWX would store is scanned for the canary secrets: the secret key, the database password
and a Kafka SASL password must appear in none of them, nor in stdout.
"""

from __future__ import annotations

import json
import os
import sys

import ansible_runner
import pytest
from stack import ROOT  # pylint: disable=import-error

KAFKA_CANARY = "CANARY-kafka-sasl-7f3a9c"
SITE = "- name: Endpoints runbook, as an AWX job template runs it\n  ansible.builtin.import_playbook: hwcloud.connections.endpoints\n"


def private_data_dir(tmp_path):
    data = tmp_path / "awx-job"
    (data / "project").mkdir(parents=True)
    (data / "inventory").mkdir()
    (data / "project" / "site.yml").write_text(SITE)
    (data / "inventory" / "hosts").write_text(
        "localhost ansible_connection=local ansible_python_interpreter=%s\n" % sys.executable)
    return data


def credential_env(stack, tmp_path) -> dict:
    """What the Huawei Cloud credential type injects, plus what the job needs to find the collection."""
    target = stack.target_vars()
    env = {
        "HW_ACCESS_KEY": target["hw_access_key"],
        "HW_SECRET_KEY": target["hw_secret_key"],
        "HW_SECURITY_TOKEN": "",  # an optional credential field left empty is injected as ""
        "HW_REGION_NAME": target["hw_region"],
        "HW_PROJECT_ID": target["hw_project_id"],
        "HUAWEICLOUD_ENDPOINT_URL": target["emulator_url"],
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    if ROOT.endswith(os.path.join("ansible_collections", "hwcloud", "connections")):
        env["ANSIBLE_COLLECTIONS_PATH"] = os.path.dirname(os.path.dirname(os.path.dirname(ROOT)))
    return env


def job_extra_vars(stack) -> dict:
    target = stack.target_vars()
    return {
        "hwcloud_job_id": target["it_job_id"],
        "hwcloud_endpoints": [
            {"name": "awx-orders-mysql", "kind": "mysql", "host": target["it_mysql_host"], "port": target["it_mysql_port"],
             "user": target["it_mysql_user"], "password": target["it_mysql_password"]},
            {"name": "awx-events-kafka", "kind": "kafka", "vpc_id": "3c5f1a0e-7d4b-4e63-9f2b-6d1c0a8e2b11",
             "subnet_id": "8e2ee0d5-0f1d-4067-965f-caf00dd65529", "instance_id": "6a1c34d2-5b0e-4f8a-9d7c-2e1f0a3b4c5d",
             "bootstrap_servers": [target["it_kafka_bootstrap"]]},
            # A documentation address: simulated by the emulator, never dialled; carries a SASL password canary.
            {"name": "awx-audit-kafka", "kind": "kafka", "vpc_id": "3c5f1a0e-7d4b-4e63-9f2b-6d1c0a8e2b11",
             "subnet_id": "8e2ee0d5-0f1d-4067-965f-caf00dd65529", "instance_id": "6a1c34d2-5b0e-4f8a-9d7c-2e1f0a3b4c5d",
             "bootstrap_servers": ["192.0.2.21:9093"], "security_protocol": "SASL_PLAINTEXT", "user": "audit",
             "password": KAFKA_CANARY},
        ],
    }


@pytest.fixture(scope="module")
def awx_job(stack, tmp_path_factory):
    """One AWX-style job run, shared by the tests below."""
    stack.admin("POST", "reset")
    tmp_path = tmp_path_factory.mktemp("awx")
    data = private_data_dir(tmp_path)
    runner = ansible_runner.run(
        private_data_dir=str(data), playbook="site.yml", inventory=str(data / "inventory" / "hosts"), ident="job-1",
        envvars=credential_env(stack, tmp_path), extravars=job_extra_vars(stack),
        suppress_env_files=True, quiet=True, timeout=600,
    )
    canaries = {"secret key": stack.target_vars()["hw_secret_key"], "database password": stack.mariadb.password,
                "kafka password": KAFKA_CANARY}
    return runner, data, canaries


def test_endpoints_runbook_succeeds_like_an_awx_job(awx_job):
    runner, _data, _canaries = awx_job
    stdout = runner.stdout.read()
    assert runner.status == "successful" and runner.rc == 0, stdout[-6000:]
    assert "3 of 3 endpoints verified ok" in stdout
    assert runner.stats["changed"].get("localhost", 0) > 0  # it really declared the endpoints


def test_no_job_event_contains_a_secret(awx_job):
    runner, _data, canaries = awx_job
    events = list(runner.events)
    assert len(events) > 25  # the scan must have something to scan: every task of the runbook, with its results
    ok_tasks = {event.get("event_data", {}).get("task") for event in events if event.get("event") == "runner_on_ok"}
    assert {"Declare the DRS connections of the MySQL endpoints", "Test every endpoint in one batched call"} <= ok_tasks
    assert any(event.get("event") == "runner_on_ok" and "verified ok" in json.dumps(event) for event in events)
    leaks = [(name, event.get("event"), event.get("event_data", {}).get("task"))
             for event in events for name, value in canaries.items() if value in json.dumps(event)]
    assert leaks == []
    stdout = runner.stdout.read()
    assert [name for name, value in canaries.items() if value in stdout] == []


def test_where_ansible_runner_keeps_the_injected_environment(awx_job):
    """Documented in docs/awx.md: runner itself writes the job environment to artifacts/<ident>/command."""
    _runner, data, canaries = awx_job
    command = data / "artifacts" / "job-1" / "command"
    assert canaries["secret key"] in command.read_text()
    assert oct(command.stat().st_mode & 0o777) == "0o600"
    assert not (data / "env" / "envvars").exists()  # suppress_env_files, as AWX sets it
