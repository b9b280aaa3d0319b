# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Canary credentials through every credential source at -vvv with --diff, in normal and check mode: the password
(option, HW_USER_PASSWORD, deprecated HW_PASSWORD), the secret key (option, SDK credentials file), a security token,
and the temporary secrets of assumed agencies and of the metadata server (the emulator issues them with fixed
prefixes) appear nowhere: not in the output, the token cache, nor the emulator's request log, state or log."""

from __future__ import annotations

import json
import logging
import os

import pytest
from hwcloud_emulator.tokens import SECRET_PREFIX, SECURITY_TOKEN_PREFIX  # pylint: disable=import-error
from stack import run_playbook  # pylint: disable=import-error

CANARIES = {
    "password": "CANARY-iam-pw-5e1b7c",
    "secret key": "CANARY-sk-0a93d4",
    "security token": "CANARY-sts-token-77c2e9",
    "agency or metadata secret key": SECRET_PREFIX,
    "agency or metadata security token": SECURITY_TOKEN_PREFIX,
    "metadata session token": "EMUMETATOKEN",
}

PLAY = """- hosts: localhost
  gather_facts: false
  module_defaults:
    group/hwcloud.connections.hwcloud:
      endpoint_url: "{{ emulator_url }}"
      region: "{{ hw_region }}"
  tasks:
    - name: Keys as options
      hwcloud.connections.drs_connection_info:
        access_key: "{{ hw_access_key }}"
        secret_key: "{{ c['secret key'] }}"

    - name: Temporary keys with a security token
      hwcloud.connections.drs_connection_info:
        access_key: "{{ temporary_ak }}"
        secret_key: "{{ temporary_sk }}"
        security_token: "{{ c['security token'] }}"

    - name: Password as an option, in a sub-project
      hwcloud.connections.eg_connection:
        name: "canary-cred-{{ it_suffix }}"
        vpc_id: vpc-1
        subnet_id: subnet-1
        domain_name: emulator-domain
        user_name: emulator-user
        password: "{{ c.password }}"
        project_name: cn-north-4_dev

    - name: The SDK credentials file
      hwcloud.connections.dli_enhanced_connection:
        name: "canary_cred_{{ it_suffix }}"
        dest_vpc_id: vpc-1
        dest_network_id: subnet-1
      environment: {HUAWEICLOUD_SDK_CREDENTIALS_FILE: "{{ profile }}"}

    - name: Metadata credentials
      hwcloud.connections.drs_connections:
        connections:
          - {name: "canary-meta-{{ it_suffix }}", db_type: mysql,
             endpoint: {endpoint_name: mysql, ip: 192.168.0.61, db_port: 3306, db_user: drs, db_password: db-pw-not-a-canary}}
        use_metadata: true
        metadata_url: "{{ emulator_url }}"

    - name: An assumed agency
      hwcloud.connections.drs_connection:
        name: "canary-meta-{{ it_suffix }}"
        state: absent
        access_key: "{{ hw_access_key }}"
        secret_key: "{{ c['secret key'] }}"
        assume_role: {agency_name: emulator-ops-agency, domain_name: emulator-domain}

    - name: An agency that cannot be assumed
      hwcloud.connections.drs_connection_info:
        access_key: "{{ hw_access_key }}"
        secret_key: "{{ c['secret key'] }}"
        assume_role: {agency_name: no-such-agency, domain_name: emulator-domain}
      ignore_errors: true

    - name: Tear down
      when: not ansible_check_mode
      block:
        - name: Remove the EG connection
          hwcloud.connections.eg_connection:
            name: "canary-cred-{{ it_suffix }}"
            state: absent
            domain_name: emulator-domain
            user_name: emulator-user
            password: "{{ c.password }}"
            project_name: cn-north-4_dev
        - name: Remove the DLI connection
          hwcloud.connections.dli_enhanced_connection:
            name: "canary_cred_{{ it_suffix }}"
            state: absent
          environment: {HUAWEICLOUD_SDK_CREDENTIALS_FILE: "{{ profile }}"}
"""


# Credentials in the process environment, as an AWX credential injects them (a task's environment keyword is printed by
# ansible-playbook itself at -vvv, so secrets never belong there).
ENVIRONMENT_PLAY = """- hosts: localhost
  gather_facts: false
  tasks:
    - name: Credentials from the environment only
      hwcloud.connections.drs_connection_info:
        endpoint_url: "{{ emulator_url }}"
"""


def environments(target) -> dict:
    login = {"HW_USER_NAME": "emulator-user", "HW_DOMAIN_NAME": "emulator-domain", "HW_REGION_NAME": target["hw_region"]}
    return {"HW_USER_PASSWORD": dict(login, HW_USER_PASSWORD=CANARIES["password"]),
            "HW_PASSWORD": dict(login, HW_PASSWORD=CANARIES["password"])}


@pytest.mark.parametrize("mode", ["normal", "check"])
def test_credential_canaries_never_leak(fresh_stack, tmp_path, mode):
    target = fresh_stack.target_vars()
    temporary = {"ak": "EMULATORTEMPKEY00001", "sk": "EMULATORTEMPSECRET000000000000000000001"}
    fresh_stack.admin("PUT", "config", {"iam": {"password": CANARIES["password"]}, "credentials": {
        "permanent": {"sk": CANARIES["secret key"]}, "temporary": dict(temporary, security_token=CANARIES["security token"])}})
    profile = tmp_path / "credentials"
    profile.write_text("[basic]\nak = %s\nsk = %s\nproject_id = %s\n"
                       % (target["hw_access_key"], CANARIES["secret key"], target["hw_project_id"]))
    os.chmod(str(profile), 0o600)
    records = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())
    emulator_logger = logging.getLogger("hwcloud_emulator")
    level = emulator_logger.level
    emulator_logger.setLevel(logging.DEBUG)  # the access log is INFO: below the root logger's default level
    logging.getLogger().addHandler(handler)
    try:
        args = ["-vvv", "--diff"] + (["--check"] if mode == "check" else [])
        variables = dict(target, c=CANARIES, profile=str(profile), temporary_ak=temporary["ak"], temporary_sk=temporary["sk"])
        results = [run_playbook(PLAY, tmp_path, variables, args=args, name="credential-canary-" + mode)]
        for name, environment in environments(target).items():
            results.append(run_playbook(ENVIRONMENT_PLAY, tmp_path, variables, args=args, env=environment, name=name))
    finally:
        logging.getLogger().removeHandler(handler)
        emulator_logger.setLevel(level)
    assert [result.returncode for result in results] == [0, 0, 0], [result.stdout[-4000:] for result in results]
    assert "HW_PASSWORD is deprecated" in results[2].stdout + results[2].stderr
    log = fresh_stack.admin("GET", "requests")["requests"]
    assert {"agency", "metadata", "token", "aksk"} <= {r["auth"] for r in log}  # every source really signed something
    cache = tmp_path / "cache" / "hwcloud.connections"
    haystacks = {
        "stdout": "\n".join(result.stdout for result in results),
        "stderr": "\n".join(result.stderr for result in results),
        "request log": json.dumps(log),
        "emulator state": json.dumps(fresh_stack.admin("GET", "state")),
        "emulator config": json.dumps(fresh_stack.admin("GET", "config")),
        "emulator log": "\n".join(records),
        "token cache": "\n".join(p.read_text() for p in sorted(cache.glob("*.json"))),
    }
    assert haystacks["token cache"]  # the password token and the project ids were cached: the scan has something to scan
    assert "/openstack/latest/securitykey" in haystacks["emulator log"]
    leaks = [(where, name) for where, text in haystacks.items() for name, value in CANARIES.items() if value in text]
    assert leaks == []
