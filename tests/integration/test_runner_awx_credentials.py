# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The AWX credential types of docs/credential-type, their injectors rendered the way AWX renders them (a blank
optional field becomes ""), run through ansible-runner as an AWX job: the password + sub-project type, and the
assume-agency type next to the AK/SK type. The request log says which identity signed each call; no job event
carries the password or the secret key."""

from __future__ import annotations

import json
import os

import ansible_runner
import jinja2.sandbox
import pytest
import yaml
from stack import ROOT  # pylint: disable=import-error
from test_runner_awx import private_data_dir  # pylint: disable=import-error

TYPES = os.path.join(ROOT, "docs", "credential-type")
CANARY_PASSWORD = "CANARY-awx-pw-3d8e51"
SITE = """- name: A job on Huawei Cloud credentials from AWX
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Declare an EG connection
      hwcloud.connections.eg_connection:
        name: "awx-cred-{{ suffix }}"
        vpc_id: 3c5f1a0e-7d4b-4e63-9f2b-6d1c0a8e2b11
        subnet_id: 8e2ee0d5-0f1d-4067-965f-caf00dd65529
    - name: Remove it
      hwcloud.connections.eg_connection:
        name: "awx-cred-{{ suffix }}"
        state: absent
"""


def injected(type_file: str, inputs: dict) -> dict:
    """The environment AWX injects for a credential of ``type_file`` holding ``inputs`` (blank fields are "")."""
    with open(os.path.join(TYPES, type_file), encoding="utf-8") as handle:
        definition = yaml.safe_load(handle)
    fields = {field["id"]: inputs.get(field["id"], "") for field in definition["inputs"]["fields"]}
    assert set(definition["inputs"]["required"]) <= {name for name, value in fields.items() if value}
    environment = jinja2.sandbox.SandboxedEnvironment()
    return {name: environment.from_string(template).render(**fields) for name, template in definition["injectors"]["env"].items()}


def run_job(stack, tmp_path, credentials_env: dict):
    stack.admin("POST", "reset")
    stack.admin("PUT", "config", {"iam": {"password": CANARY_PASSWORD}})
    data = private_data_dir(tmp_path)
    (data / "project" / "site.yml").write_text(SITE)
    env = dict(credentials_env, HUAWEICLOUD_ENDPOINT_URL=stack.url, XDG_CACHE_HOME=str(tmp_path / "cache"))
    if ROOT.endswith(os.path.join("ansible_collections", "hwcloud", "connections")):
        env["ANSIBLE_COLLECTIONS_PATH"] = os.path.dirname(os.path.dirname(os.path.dirname(ROOT)))
    runner = ansible_runner.run(private_data_dir=str(data), playbook="site.yml", inventory=str(data / "inventory" / "hosts"),
                                ident="job-1", envvars=env, extravars={"suffix": stack.target_vars()["it_suffix"]},
                                suppress_env_files=True, quiet=True, timeout=300)
    return runner, stack.admin("GET", "requests")["requests"]


def assert_clean(runner, secrets):
    stdout = runner.stdout.read()
    assert runner.status == "successful" and runner.rc == 0, stdout[-6000:]
    assert runner.stats["changed"].get("localhost", 0) == 2
    events = json.dumps(list(runner.events))
    assert [secret for secret in secrets if secret in events or secret in stdout] == []


def test_password_credential_in_a_sub_project(stack, tmp_path):
    target = stack.target_vars()
    env = injected("huaweicloud-password-credential-type.yml", {
        "domain_name": "emulator-domain", "user_name": "emulator-user", "password": CANARY_PASSWORD, "region": target["hw_region"],
        "project_name": "cn-north-4_dev", "auth_url": stack.url + "/v3"})
    assert env["HW_PROJECT_ID"] == "" and env["HW_USER_PASSWORD"] == CANARY_PASSWORD  # a blank field: injected as ""
    runner, log = run_job(stack, tmp_path, env)
    assert_clean(runner, [CANARY_PASSWORD])
    sub_project = stack.admin("GET", "config")["config"]["projects"]["cn-north-4_dev"]
    calls = [r for r in log if r["service"] == "eg"]
    assert calls and {r["auth"] for r in calls} == {"token"} and all(sub_project in r["path"] for r in calls)


@pytest.mark.parametrize("agency_inputs", [{"agency_name": "emulator-ops-agency", "domain_name": "emulator-domain"},
                                           {"agency_name": "emulator-ops-agency", "domain_id": "d0c1a2b3c4d5e6f7a8b9c0d1e2f3a4d1",
                                            "duration": "1800"}])
def test_agency_credential_next_to_the_aksk_credential(stack, tmp_path, agency_inputs):
    target = stack.target_vars()
    keys = injected("huaweicloud-credential-type.yml", {"access_key": target["hw_access_key"], "secret_key": target["hw_secret_key"],
                                                        "region": target["hw_region"]})
    agency = injected("huaweicloud-agency-credential-type.yml", agency_inputs)
    runner, log = run_job(stack, tmp_path, dict(keys, **agency))
    assert_clean(runner, [target["hw_secret_key"]])
    assumes = [r for r in log if r["path"] == "/v3.0/OS-CREDENTIAL/securitytokens"]
    assert len(assumes) == 2 and {r["auth"] for r in assumes} == {"aksk"}
    assert {r["auth"] for r in log if r["service"] == "eg"} == {"agency"}


def test_an_agency_that_cannot_be_assumed_fails_the_job_before_any_change(stack, tmp_path):
    target = stack.target_vars()
    keys = injected("huaweicloud-credential-type.yml", {"access_key": target["hw_access_key"], "secret_key": target["hw_secret_key"],
                                                        "region": target["hw_region"]})
    agency = injected("huaweicloud-agency-credential-type.yml", {"agency_name": "no-such-agency", "domain_name": "emulator-domain"})
    runner, log = run_job(stack, tmp_path, dict(keys, **agency))
    assert runner.status == "failed"
    assert "never used instead" in runner.stdout.read()
    assert [r["path"] for r in log] == ["/v3.0/OS-CREDENTIAL/securitytokens"]
