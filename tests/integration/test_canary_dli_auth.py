# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Canaries in every secret field of dli_datasource_auth (passwords and the keytab path) and in a CSMS value read by
the lookup, at -vvv with --diff in normal and check mode: in no output, request log, emulator state or emulator log."""

from __future__ import annotations

import json
import logging

import pytest
from stack import PLAY_HEADER, run_playbook  # pylint: disable=import-error

CANARIES = {"password": "CANARY-auth-pw-61d0", "keytab": "obs://bucket/CANARY-auth-keytab-7a2e/user.keytab",
            "truststore": "CANARY-auth-trust-93b1", "keystore": "CANARY-auth-keystore-0c5d", "key": "CANARY-auth-key-e48f",
            "csms": "CANARY-auth-csms-5b77"}

PLAY = PLAY_HEADER + """    - name: A passwd authentication whose password comes from CSMS, rotated
      hwcloud.connections.dli_datasource_auth:
        auth_info_name: "canary_pw_{{ it_suffix }}"
        datasource_type: passwd
        username: reader
        datasource_password: "{{ lookup('hwcloud.connections.csms_secret', 'canary-' ~ it_suffix, key='password', region=hw_region,
          project_id=hw_project_id, access_key=hw_access_key, secret_key=hw_secret_key, endpoint_url=emulator_url) }}"
        update_password: always

    - name: A Kerberos authentication
      hwcloud.connections.dli_datasource_auth:
        auth_info_name: "canary_krb_{{ it_suffix }}"
        datasource_type: KRB
        krb5_conf: obs://bucket/krb5.conf
        keytab: "{{ c.keytab }}"

    - name: A Kafka_SSL authentication with every password
      hwcloud.connections.dli_datasource_auth:
        auth_info_name: "canary_ssl_{{ it_suffix }}"
        datasource_type: Kafka_SSL
        truststore_location: obs://bucket/truststore.jks
        truststore_password: "{{ c.truststore }}"
        keystore_location: obs://bucket/keystore.jks
        keystore_password: "{{ c.keystore }}"
        key_password: "{{ c.key }}"
        update_password: always

    - name: List them
      hwcloud.connections.dli_datasource_auth_info:
"""


@pytest.mark.parametrize("mode", ["normal", "check"])
def test_auth_info_and_csms_canaries_never_leak(fresh_stack, tmp_path, mode):
    variables = dict(fresh_stack.target_vars(), c=CANARIES)
    suffix = variables["it_suffix"]
    fresh_stack.admin("POST", "csms/secrets", {"secrets": [{"name": "canary-" + suffix,
                                                            "secret_string": json.dumps({"password": CANARIES["csms"]})}]})
    records = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())
    emulator_log = logging.getLogger("hwcloud_emulator")
    level = emulator_log.level
    emulator_log.setLevel(logging.INFO)  # the emulator logs each request at INFO; the root logger would drop it
    emulator_log.addHandler(handler)
    try:
        args = ["-vvv", "--diff"] + (["--check"] if mode == "check" else [])
        result = run_playbook(PLAY, tmp_path, variables, args=args, name="auth-canary-" + mode)
    finally:
        emulator_log.removeHandler(handler)
        emulator_log.setLevel(level)
    assert result.returncode == 0, result.stdout[-8000:]
    state = fresh_stack.admin("GET", "state")
    assert len(state["dli_auth_infos"]) == (3 if mode == "normal" else 0)
    assert "GET /v1/" in "\n".join(records)  # the emulator's log was captured
    haystacks = {"stdout": result.stdout, "stderr": result.stderr, "request log": json.dumps(fresh_stack.admin("GET", "requests")),
                 "emulator state": json.dumps(state), "emulator log": "\n".join(records)}
    leaks = [(where, name) for where, text in haystacks.items() for name, value in CANARIES.items()
             if value.replace("obs://bucket/", "") in text]
    assert leaks == []
