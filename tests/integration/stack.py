# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The integration stack: emulator + real MariaDB + Kafka-protocol broker on loopback, and a playbook runner.

Every target under targets/ is an ansible-test style role (tasks/main.yml + aliases) run with ansible-playbook
against this stack. Target variables (all prefixed ``hw_`` or ``it_``) are listed in ``target_vars``.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import uuid

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path[:0] = [os.path.join(ROOT, "emulator"), os.path.join(ROOT, "tests", "support")]

import loopback  # noqa: E402  pylint: disable=wrong-import-position,import-error
from hwcloud_emulator.config import DEFAULTS  # noqa: E402  pylint: disable=wrong-import-position,import-error
from hwcloud_emulator.server import EmulatorServer  # noqa: E402  pylint: disable=wrong-import-position,import-error

TARGETS = os.path.join(ROOT, "tests", "integration", "targets")
REGION = "cn-north-4"
JOB_ID = "6d5ad0a7-3f7e-4a8e-9c41-2b0e1f3ajb101"
JOB_NAME = "it-mysql-sync"
BUSY_JOB_ID = "9a1c2b3d-4e5f-4a6b-8c7d-1e2f3a4bjb102"
# Jobs whose source database is an RDS for MySQL instance and MySQL on an ECS server (the emulator simulates their tests).
RDS_JOB_ID = "4b2d6f8a-1c3e-4a5b-9d7f-0e2c4a6bjb103"
RDS_INSTANCE_ID = "f3a9c1e7b5d24e6f8a0b2c4d6e8f0a1bin01"
ECS_JOB_ID = "7e1f3a5c-9b2d-4c6e-8f0a-2b4d6f8ajb104"
ECS_INSTANCE_ID = "2c4e6a8b-0d1f-4e3a-9c5b-7d9f1b3e5a70"
FAST = {"drs_job_configuration": 0.05, "dli_peer_active": 0.3, "eg_connection_created": 0.3}
# The ansible-core under test: this interpreter's, or a matrix virtualenv's (tests/harness/matrix.py sets
# HWCLOUD_TEST_ANSIBLE_BIN to its bin/). Modules run on that virtualenv's Python unless HWCLOUD_TEST_MODULE_PYTHON
# names another (the matrix runs them on the oldest module Python there).
ANSIBLE_BIN = os.environ.get("HWCLOUD_TEST_ANSIBLE_BIN") or os.path.dirname(sys.executable)
MODULE_PYTHON = os.environ.get("HWCLOUD_TEST_MODULE_PYTHON") or os.path.join(ANSIBLE_BIN, "python")


def emulator_config() -> dict:
    return {
        "delays": FAST,
        "drs": {"jobs": [
            {"id": JOB_ID, "name": JOB_NAME, "status": "CONFIGURATION", "job_type": "migration", "engine_type": "mysql-to-mysql"},
            {"id": BUSY_JOB_ID, "name": "it-running-job", "status": "INCRE_TRANSFER_STARTED", "job_type": "migration",
             "engine_type": "mysql-to-mysql"},
            {"id": RDS_JOB_ID, "name": "it-rds-sync", "status": "CONFIGURATION", "job_type": "migration",
             "engine_type": "mysql-to-mysql", "source_endpoint": {"kind": "rds", "instance_id": RDS_INSTANCE_ID}},
            {"id": ECS_JOB_ID, "name": "it-ecs-sync", "status": "CONFIGURATION", "job_type": "migration",
             "engine_type": "mysql-to-mysql", "source_endpoint": {"kind": "ecs", "instance_id": ECS_INSTANCE_ID}},
        ]},
        "dli": {"failing_queues": ["it_failing_queue"]},
        "eg": {"failing_names": ["it-failing-eg"]},
    }


class Stack:
    def __init__(self, emulator, mariadb, kafka):
        self.emulator = emulator
        self.mariadb = mariadb
        self.kafka = kafka
        self.url = emulator.base_url

    def admin(self, method: str, path: str, body=None):
        response = requests.request(method, self.url + "/_emulator/" + path, json=body, timeout=10)
        response.raise_for_status()
        return response.json()

    def target_vars(self) -> dict:
        credentials = DEFAULTS["credentials"]
        return {
            "emulator_url": self.url,
            "hw_region": REGION,
            "hw_project_id": DEFAULTS["projects"][REGION],
            "hw_access_key": credentials["permanent"]["ak"],
            "hw_secret_key": credentials["permanent"]["sk"],
            "it_job_id": JOB_ID,
            "it_job_name": JOB_NAME,
            "it_busy_job_id": BUSY_JOB_ID,
            "it_rds_job_id": RDS_JOB_ID,
            "it_rds_instance_id": RDS_INSTANCE_ID,
            "it_ecs_job_id": ECS_JOB_ID,
            "it_ecs_instance_id": ECS_INSTANCE_ID,
            "it_mysql_host": self.mariadb.host,
            "it_mysql_port": self.mariadb.port,
            "it_mysql_user": self.mariadb.user,
            "it_mysql_password": self.mariadb.password,
            "it_closed_port": loopback.free_port(),
            "it_kafka_bootstrap": self.kafka,
            "it_suffix": uuid.uuid4().hex[:6],
        }


CONFIG_HEADER = """\
# Written by the test harness for the emulator stack on loopback (tests/integration/integration_stack.py); the
# settings of every target, read by ansible-test integration (as extra variables) and by tests/integration/test_targets.py.
# For a real account, start from integration_config.yml.template next to this file.
"""


def write_integration_config(stack: "Stack", path) -> str:
    """tests/integration/integration_config.yml for this stack (0600: it holds the emulator's and MariaDB's secrets)."""
    with open(os.open(str(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as handle:
        handle.write(CONFIG_HEADER + json.dumps(stack.target_vars(), indent=2, sort_keys=True) + "\n")
    return str(path)


@contextlib.contextmanager
def running_stack():
    with loopback.mariadb_server() as mariadb, loopback.kafka_broker() as kafka:
        with EmulatorServer(config=emulator_config(), port=0) as emulator:
            yield Stack(emulator, mariadb, kafka)


def ansible_env(tmp_path, extra=None) -> dict:
    env = dict(os.environ)
    env.update(
        ANSIBLE_ROLES_PATH=TARGETS,
        ANSIBLE_HOST_KEY_CHECKING="False",
        ANSIBLE_RETRY_FILES_ENABLED="False",
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
        ANSIBLE_LOCAL_TEMP=str(tmp_path / "ansible-tmp"),
        ANSIBLE_PYTHON_INTERPRETER=MODULE_PYTHON,
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    if ROOT.endswith(os.path.join("ansible_collections", "hwcloud", "connections")):
        env["ANSIBLE_COLLECTIONS_PATH"] = os.path.dirname(os.path.dirname(os.path.dirname(ROOT)))
    env.update(extra or {})
    return env


def run_playbook(playbook_text: str, tmp_path, variables: dict, args=(), env=None, name="play") -> subprocess.CompletedProcess:
    playbook = tmp_path / ("%s.yml" % name)
    playbook.write_text(playbook_text)
    varfile = tmp_path / ("%s-vars.json" % name)
    varfile.write_text(json.dumps(variables))
    command = [os.path.join(ANSIBLE_BIN, "ansible-playbook"), "-i", "localhost,", "-c", "local",
               "-e", "@%s" % varfile, str(playbook)] + list(args)
    return subprocess.run(command, env=ansible_env(tmp_path, env), capture_output=True, text=True, timeout=600, check=False)


# A play on localhost with the emulator's AK/SK set once for every module of the collection.
PLAY_HEADER = """- hosts: localhost
  gather_facts: false
  module_defaults:
    group/hwcloud.connections.hwcloud:
      endpoint_url: "{{ emulator_url }}"
      region: "{{ hw_region }}"
      project_id: "{{ hw_project_id }}"
      access_key: "{{ hw_access_key }}"
      secret_key: "{{ hw_secret_key }}"
  tasks:
"""


def role_playbook(role: str) -> str:
    return "- hosts: localhost\n  gather_facts: false\n  roles:\n    - %s\n" % role
