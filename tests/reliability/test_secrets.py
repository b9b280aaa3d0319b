# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Canary secrets through the endpoints runbook (the list modules and the batched test) and through BOTH roles
(self-built, RDS and client-certificate endpoints) at -vvv with --diff, in normal and check mode, with ansible-playbook
and through ansible-runner: zero occurrences in stdout, results, job events and emulator logs.

tests/integration/test_canary.py covers every module directly; tests/integration/test_runner_awx.py covers the
runbook through ansible-runner in normal mode at default verbosity.
"""

from __future__ import annotations

import json
import logging
import os
import sys

import ansible_runner
import pytest
from playbooks import RUNBOOK, credentials_env, endpoints, runbook_vars  # pylint: disable=import-error
from stack import JOB_ID, ROOT, run_playbook  # pylint: disable=import-error

CANARIES = {
    "db": "CANARY-roles-db-4b1e77",
    "cert_key": "CANARY-roles-certkey-90ac3d",
    "cert_password": "CANARY-roles-certpw-17f0be",
    "kafka": "CANARY-roles-kafka-e25d46",
    "trust_store": "CANARY-roles-truststore-6c03f9",
    "trust_store_password": "CANARY-roles-tspw-a81d52",
    "secret_key": "CANARY-roles-secretkey-3f9b0c0000000000000000",
    "rds_db": "CANARY-roles-rdsdb-51c7e2",
    "key_store": "CANARY-roles-keystore-8d20b4",
    "key_store_password": "CANARY-roles-kspw-3e91af",
    "key_password": "CANARY-roles-keypw-c06d58",
}
# An RDS for MySQL endpoint and a Kafka endpoint with a client certificate (two-way TLS), both simulated by the emulator.
CLOUD_ENTRIES = [
    {"name": "cnry-rds-0", "kind": "mysql", "type": "rds", "instance_id": "rds-canary-0001", "host": "192.168.50.1",
     "user": "probe", "password": CANARIES["rds_db"]},
    {"name": "cnry-mtls-0", "kind": "kafka", "vpc_id": "3c5f1a0e-7d4b-4e63-9f2b-6d1c0a8e2b11",
     "subnet_id": "8e2ee0d5-0f1d-4067-965f-caf00dd65529", "instance_id": "6a1c34d2-5b0e-4f8a-9d7c-2e1f0a3b4c5d",
     "bootstrap_servers": ["192.168.50.2:9093"], "security_protocol": "SSL", "trust_store_key": CANARIES["trust_store"],
     "trust_store_key_name": "ts.pem", "key_store_key": CANARIES["key_store"], "key_store_key_name": "client.jks",
     "key_store_password": CANARIES["key_store_password"], "key_password": CANARIES["key_password"]},
]


def _entries():
    return endpoints("cnry", mysql=1, mysql_dli=1, kafka=1, kafka_dli=1, secrets=CANARIES) + CLOUD_ENTRIES


@pytest.fixture
def canary_emulator(emulator):
    """The emulator accepting the canary secret key, its Python log captured."""
    emulator.admin("PUT", "config", {"credentials": {"permanent": {"sk": CANARIES["secret_key"]}}})
    records = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())
    logging.getLogger().addHandler(handler)
    emulator.records = records
    yield emulator
    logging.getLogger().removeHandler(handler)


def _leaks(emulator, texts: dict) -> list:
    texts = dict(texts, **{
        "request log": json.dumps(emulator.admin("GET", "requests")),
        "emulator state": json.dumps(emulator.state()),
        "emulator config": json.dumps(emulator.admin("GET", "config")),
        "emulator log": "\n".join(emulator.records),
    })
    return [(where, name) for where, text in texts.items() for name, value in CANARIES.items() if value in text]


def _playbook(emulator, tmp_path, check: bool):
    args = ["-vvv", "--diff"] + (["--check"] if check else [])
    entries = _entries()
    result = run_playbook(RUNBOOK, tmp_path, runbook_vars(emulator, entries, JOB_ID), args=args,
                          env=credentials_env(emulator, CANARIES["secret_key"]), name="secrets")
    assert result.returncode == 0, result.stdout[-10000:]
    assert "4 of 4 endpoints verified ok" in result.stdout
    assert "<127.0.0.1> EXEC" in result.stdout or "ESTABLISH LOCAL CONNECTION" in result.stdout  # really at -vvv
    return result


ROLES = """- name: Every endpoint of the canary list through its role
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/hwcloud.connections.hwcloud:
      endpoint_url: "{{ hwcloud_endpoint_url }}"
      region: "{{ hwcloud_region }}"
      project_id: "{{ hwcloud_project_id }}"
  tasks:
    - name: MySQL endpoints (self-built and RDS)
      ansible.builtin.include_role:
        name: hwcloud.connections.mysql_endpoint
      vars:
        mysql_endpoint_name: "{{ item.name }}"
        mysql_endpoint_type: "{{ item.type | default('self_built') }}"
        mysql_endpoint_instance_id: "{{ item.instance_id | default(none) }}"
        mysql_endpoint_host: "{{ item.host }}"
        mysql_endpoint_user: "{{ item.user }}"
        mysql_endpoint_password: "{{ item.password }}"
        mysql_endpoint_job_id: "{{ hwcloud_job_id }}"
      loop: "{{ hwcloud_endpoints | selectattr('kind', 'equalto', 'mysql') }}"
      loop_control:
        label: "{{ item.name }}"
    - name: Kafka endpoint with a client certificate
      ansible.builtin.include_role:
        name: hwcloud.connections.kafka_endpoint
      vars:
        kafka_endpoint_name: "{{ item.name }}"
        kafka_endpoint_vpc_id: "{{ item.vpc_id }}"
        kafka_endpoint_subnet_id: "{{ item.subnet_id }}"
        kafka_endpoint_instance_id: "{{ item.instance_id }}"
        kafka_endpoint_bootstrap_servers: "{{ item.bootstrap_servers }}"
        kafka_endpoint_security_protocol: "{{ item.security_protocol }}"
        kafka_endpoint_trust_store_key: "{{ item.trust_store_key }}"
        kafka_endpoint_trust_store_key_name: "{{ item.trust_store_key_name }}"
        kafka_endpoint_key_store_key: "{{ item.key_store_key }}"
        kafka_endpoint_key_store_key_name: "{{ item.key_store_key_name }}"
        kafka_endpoint_key_store_password: "{{ item.key_store_password }}"
        kafka_endpoint_key_password: "{{ item.key_password }}"
        kafka_endpoint_job_id: "{{ hwcloud_job_id }}"
      loop: "{{ hwcloud_endpoints | selectattr('name', 'equalto', 'cnry-mtls-0') }}"
      loop_control:
        label: "{{ item.name }}"
"""


def test_the_roles_at_vvv_with_diff_never_print_secrets(canary_emulator, tmp_path):
    entries = [entry for entry in _entries() if entry["kind"] == "mysql" or entry["name"] == "cnry-mtls-0"]
    result = run_playbook(ROLES, tmp_path, runbook_vars(canary_emulator, entries, JOB_ID), args=["-vvv", "--diff"],
                          env=credentials_env(canary_emulator, CANARIES["secret_key"]), name="roles")
    assert result.returncode == 0, result.stdout[-10000:]
    assert sorted(c["name"] for c in canary_emulator.state()["drs_connections"]) == ["cnry-mysql-0", "cnry-rds-0"]
    assert _leaks(canary_emulator, {"stdout": result.stdout, "stderr": result.stderr}) == []


def test_runbook_at_vvv_with_diff_never_prints_secrets(canary_emulator, tmp_path):
    result = _playbook(canary_emulator, tmp_path, check=False)
    assert len(canary_emulator.state()["dli_connections"]) == 2  # both roles really declared their resources
    assert _leaks(canary_emulator, {"stdout": result.stdout, "stderr": result.stderr}) == []


@pytest.mark.soak
def test_runbook_in_check_mode_at_vvv_with_diff_never_prints_secrets(canary_emulator, tmp_path):
    result = _playbook(canary_emulator, tmp_path, check=True)
    assert canary_emulator.state()["drs_connections"] == []  # check mode created nothing
    assert _leaks(canary_emulator, {"stdout": result.stdout, "stderr": result.stderr}) == []


def test_runner_job_events_in_check_mode_at_vvv_never_carry_secrets(canary_emulator, tmp_path):
    data = tmp_path / "runner"
    (data / "project").mkdir(parents=True)
    (data / "inventory").mkdir()
    (data / "project" / "site.yml").write_text(RUNBOOK)
    (data / "inventory" / "hosts").write_text("localhost ansible_connection=local ansible_python_interpreter=%s\n" % sys.executable)
    env = dict(credentials_env(canary_emulator, CANARIES["secret_key"]), XDG_CACHE_HOME=str(tmp_path / "cache"))
    if ROOT.endswith(os.path.join("ansible_collections", "hwcloud", "connections")):
        env["ANSIBLE_COLLECTIONS_PATH"] = os.path.dirname(os.path.dirname(os.path.dirname(ROOT)))
    runner = ansible_runner.run(private_data_dir=str(data), playbook="site.yml", inventory=str(data / "inventory" / "hosts"),
                                ident="secrets", envvars=env, extravars=runbook_vars(canary_emulator, _entries(), JOB_ID),
                                cmdline="--check --diff", verbosity=3, suppress_env_files=True, quiet=True, timeout=600)
    stdout = runner.stdout.read()
    assert runner.status == "successful", stdout[-8000:]
    events = list(runner.events)
    assert len(events) > 30 and "4 of 4 endpoints verified ok" in stdout
    event_files = "\n".join(path.read_text() for path in (data / "artifacts" / "secrets" / "job_events").glob("*.json"))
    assert _leaks(canary_emulator, {"stdout": stdout, "events": json.dumps(events), "job_events files": event_files}) == []
