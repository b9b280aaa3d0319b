# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every module's EXAMPLES, exactly as ansible-doc prints them, run against the emulator seeded as the docs say
(--example-jobs), with the credentials only in the environment as the README tells; and the examples that need a
job fail with a clear message, never a templating error, when the job is not there."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import urllib.request

import pytest
import yaml
from stack import ANSIBLE_BIN, DEFAULTS, REGION, ROOT, ansible_env  # pylint: disable=import-error

from hwcloud_emulator.server import EmulatorServer  # pylint: disable=import-error

MODULES = os.path.join(ROOT, "plugins", "modules")
# The secrets the examples take from a vault: here plain extra variables.
VAULT = {name: "example-password-not-a-secret" for name in (
    "vault_orders_db_password", "vault_orders_db_password_new", "vault_billing_db_password", "vault_kafka_password",
    "vault_source_password", "vault_target_password")}
# Runs the examples of several modules in one playbook, in this order (the info examples read what the others made).
GROUPS = {
    "drs": ["drs_connection", "drs_connection_info", "drs_connections"],
    "dli": ["dli_enhanced_connection", "dli_enhanced_connection_info", "dli_enhanced_connections"],
    "eg": ["eg_connection", "eg_connection_info", "eg_connections"],
    "drs_jobs": ["drs_job_info", "drs_batch_connection_test"],
    "dli_auth": ["dli_datasource_auth", "dli_datasource_auth_info"],
}
# The CSMS secret the dli_datasource_auth examples read with the csms_secret lookup.
CSMS_SECRETS = {"secrets": [{"name": "orders-db", "secret_string": json.dumps({"user": "dli_reader", "password": "example-password-not-a-secret"})}]}
# What the user is promised beyond "the task succeeded": checked after the named example task.
CHECKS = {
    "Move the connection to another subnet (deletes and recreates it)": """
- name: The recreated connection has the hosts of its task
  hwcloud.connections.dli_enhanced_connection_info:
    name: orders_db
    status: ACTIVE
  register: recreated
- ansible.builtin.assert:
    that:
      - recreated.connections | length == 1
      - recreated.connections[0].dest_network_id == '0b2f2c0e-8f4a-4c3b-9a55-3e1d2f6a7b90'
      - recreated.connections[0].hosts | map(attribute='name') | list == ['orders-db-0001']
""",
    "Connections tagged team=data": """
- ansible.builtin.assert:
    that: tagged.connections | map(attribute='status') | unique | list in [[], ['ACTIVE']]
    fail_msg: "the tagged example returned {{ tagged.connections | map(attribute='status') | list }}"
""",
}


def examples(module: str) -> list:
    with open(os.path.join(MODULES, module + ".py"), encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    text = next(node.value.value for node in tree.body if isinstance(node, ast.Assign)
                and getattr(node.targets[0], "id", None) == "EXAMPLES")
    return yaml.safe_load(text)


def test_every_module_documentation_is_yaml_with_seealso():
    """A seealso entry is YAML too (an unquoted ': ' in it once hid every module page)."""
    for module in sorted(sum(GROUPS.values(), [])):
        with open(os.path.join(MODULES, module + ".py"), encoding="utf-8") as handle:
            tree = ast.parse(handle.read())
        text = next(node.value.value for node in tree.body if isinstance(node, ast.Assign)
                    and getattr(node.targets[0], "id", None) == "DOCUMENTATION")
        assert yaml.safe_load(text)["seealso"], module


def test_every_module_is_in_a_group():
    modules = sorted(name[:-3] for name in os.listdir(MODULES) if name.endswith(".py") and not name.startswith("_"))
    assert sorted(sum(GROUPS.values(), [])) == modules


def play(modules: list) -> str:
    tasks = []
    for module in modules:
        for task in examples(module):
            tasks.append(task)
            tasks.extend(yaml.safe_load(CHECKS.get(task.get("name"), "[]")))
    return yaml.safe_dump([{"name": "Examples of %s" % ", ".join(modules), "hosts": "localhost", "gather_facts": False,
                            "tasks": tasks}], sort_keys=False)


def run_examples(modules: list, url: str, tmp_path) -> subprocess.CompletedProcess:
    playbook = tmp_path / "examples.yml"
    playbook.write_text(play(modules))
    secrets = tmp_path / "vault.yml"
    secrets.write_text(yaml.safe_dump(VAULT))
    credentials = DEFAULTS["credentials"]["permanent"]
    env = ansible_env(tmp_path, {"HW_ACCESS_KEY": credentials["ak"], "HW_SECRET_KEY": credentials["sk"],
                                 "HW_REGION_NAME": REGION, "HUAWEICLOUD_ENDPOINT_URL": url})
    command = [os.path.join(ANSIBLE_BIN, "ansible-playbook"), "-i", "localhost,", "-c", "local", "-e", "@%s" % secrets,
               str(playbook)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def seeded_emulator():
    """The emulator as the README starts it: --example-jobs, fast state changes."""
    config = {"drs": {"example_jobs": True},
              "delays": {"drs_job_configuration": 0.05, "dli_peer_active": 0.3, "eg_connection_created": 0.3}}
    with EmulatorServer(config=config, port=0) as server:
        request = urllib.request.Request(server.base_url + "/_emulator/csms/secrets", data=json.dumps(CSMS_SECRETS).encode(),
                                         headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=10) as answer:  # loopback only
            assert answer.status == 201
        yield server


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_examples_run_against_the_seeded_emulator(group, seeded_emulator, tmp_path):
    result = run_examples(GROUPS[group], seeded_emulator.base_url, tmp_path)
    assert result.returncode == 0, "%s\n%s" % (result.stdout[-15000:], result.stderr[-3000:])
    assert "failed=0" in result.stdout


def test_job_examples_fail_clearly_without_the_example_jobs(tmp_path):
    with EmulatorServer(config={"delays": {"drs_job_configuration": 0.05}}, port=0) as server:
        for module, expected in (("drs_job_info", "orders-to-kafka"), ("drs_batch_connection_test", "140b5236-88ad-43c8-811c-1268453jb101")):
            result = run_examples([module], server.base_url, tmp_path)
            output = result.stdout + result.stderr
            assert result.returncode != 0, output[-5000:]
            assert "has no element" not in output and "Traceback" not in output, output[-5000:]
            failure = output[output.index("fatal: [localhost]"):]
            assert expected in failure and ("expected one" in failure or "does not exist" in failure), failure[:3000]
