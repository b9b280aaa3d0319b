# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Canary secrets through every module at -vvv with --diff, in normal and check mode: they must appear nowhere."""

from __future__ import annotations

import json
import logging

import pytest
from stack import PLAY_HEADER, run_playbook  # pylint: disable=import-error

CANARIES = {
    "db": "CANARY-db-7f3a91",
    "cert_key": "CANARY-certkey-51bd02",
    "cert_password": "CANARY-certpw-c4e8aa",
    "kafka": "CANARY-kafka-0d9e13",
    "trust_store": "CANARY-truststore-6a27f0",
    "key_store": "CANARY-keystore-93c1d5",
    "iam": "CANARY-iam-2be84f",
    "list_db": "CANARY-listdb-4e8b21",
    "list_kafka": "CANARY-listkafka-a3c9f7",
}

PLAY = PLAY_HEADER + """    - name: DRS connection with every secret
      hwcloud.connections.drs_connection:
        name: "canary-drs-{{ it_suffix }}"
        db_type: mysql
        endpoint: {endpoint_name: mysql, ip: 192.168.0.27, db_port: 3306, db_user: drs, db_password: "{{ c.db }}"}
        ssl: {ssl_link: true, ssl_cert_name: ca.pem, ssl_cert_key: "{{ c.cert_key }}", ssl_cert_check_sum: abc123,
              ssl_cert_password: "{{ c.cert_password }}"}
        update_password: always

    - name: DRS connection info
      hwcloud.connections.drs_connection_info:
        name: "canary-drs-{{ it_suffix }}"

    - name: EG Kafka connection with a SASL_SSL password
      hwcloud.connections.eg_connection:
        name: "canary-eg-{{ it_suffix }}"
        vpc_id: vpc-1
        subnet_id: subnet-1
        type: kafka
        kafka_detail: {instance_id: kafka-1, addr: "192.168.0.11:9093", security_protocol: SASL_SSL, enable_sasl_ssl: true,
                       user_name: eguser, password: "{{ c.kafka }}"}
        update_password: always

    - name: EG connection info
      hwcloud.connections.eg_connection_info:
        name: "canary-eg-{{ it_suffix }}"

    - name: DLI enhanced connection
      hwcloud.connections.dli_enhanced_connection:
        name: "canary_dli_{{ it_suffix }}"
        dest_vpc_id: vpc-1
        dest_network_id: subnet-1
        hosts: [{name: db-host, ip: 192.168.0.27}]

    - name: DLI enhanced connection info
      hwcloud.connections.dli_enhanced_connection_info:
        name: "canary_dli_{{ it_suffix }}"

    - name: DRS job info
      hwcloud.connections.drs_job_info:
        job_type: migration

    - name: DRS connections as a list, with every secret
      hwcloud.connections.drs_connections:
        connections:
          - name: "canary-ldrs-{{ it_suffix }}"
            db_type: mysql
            endpoint: {endpoint_name: mysql, ip: 192.168.0.28, db_port: 3306, db_user: drs, db_password: "{{ c.list_db }}"}
            ssl: {ssl_link: true, ssl_cert_name: ca.pem, ssl_cert_key: "{{ c.cert_key }}", ssl_cert_check_sum: abc123,
                  ssl_cert_password: "{{ c.cert_password }}"}
            update_password: always
          - name: "canary-lrds-{{ it_suffix }}"
            db_type: mysql
            endpoint: {endpoint_name: cloud_mysql, instance_id: rds-canary-1, db_user: drs, db_password: "{{ c.list_db }}"}
            cloud: {region: "{{ hw_region }}", project_id: "{{ hw_project_id }}"}

    - name: EG connections as a list, with a SASL_SSL password
      hwcloud.connections.eg_connections:
        connections:
          - name: "canary-leg-{{ it_suffix }}"
            vpc_id: vpc-1
            subnet_id: subnet-1
            type: kafka
            kafka_detail: {instance_id: kafka-1, addr: "192.168.0.12:9093", security_protocol: SASL_SSL, enable_sasl_ssl: true,
                           user_name: eguser, password: "{{ c.list_kafka }}"}
            update_password: always

    - name: Connection tests carrying every secret
      hwcloud.connections.drs_batch_connection_test:
        test_endpoints:
          - {job_id: "{{ it_job_id }}", net_type: eip, db_type: mysql, ip: "{{ it_mysql_host }}", db_port: "{{ it_mysql_port }}",
             db_user: "{{ it_mysql_user }}", db_password: "{{ c.db }}"}
          - job_id: "{{ it_job_id }}"
            end_point_type: ta
            net_type: eip
            db_type: kafka
            ip: "192.168.0.11:9093"
            db_user: kuser
            db_password: "{{ c.kafka }}"
            kafka_security_config: {type: SASL_SSL, sasl_mechanism: PLAIN, trust_store_key_name: ts.pem, trust_store_key: "{{ c.trust_store }}",
                                    trust_store_password: "{{ c.trust_store }}", enable_key_store: true, key_store_key_name: ks.pem,
                                    key_store_key: "{{ c.key_store }}", key_store_password: "{{ c.key_store }}",
                                    set_private_key_password: true, key_password: "{{ c.key_store }}"}
        fail_on_failure: false

    - name: Password authentication with a canary password
      hwcloud.connections.drs_connection_info:
        access_key: "{{ omit }}"
        secret_key: "{{ omit }}"
        domain_name: emulator-domain
        user_name: emulator-user
        password: "{{ c.iam }}"

    - name: Tear down
      when: not ansible_check_mode
      block:
        - name: Remove the DRS connection
          hwcloud.connections.drs_connection:
            name: "canary-drs-{{ it_suffix }}"
            state: absent
        - name: Remove the EG connection
          hwcloud.connections.eg_connection:
            name: "canary-eg-{{ it_suffix }}"
            state: absent
        - name: Remove the DLI connection
          hwcloud.connections.dli_enhanced_connection:
            name: "canary_dli_{{ it_suffix }}"
            state: absent
        - name: Remove the listed DRS connections
          hwcloud.connections.drs_connections:
            connections:
              - {name: "canary-ldrs-{{ it_suffix }}", state: absent}
              - {name: "canary-lrds-{{ it_suffix }}", state: absent}
        - name: Remove the listed EG connection
          hwcloud.connections.eg_connections:
            connections:
              - {name: "canary-leg-{{ it_suffix }}", state: absent}
"""


@pytest.mark.parametrize("mode", ["normal", "check"])
def test_canaries_never_leak(fresh_stack, tmp_path, mode):
    fresh_stack.admin("PUT", "config", {"iam": {"password": CANARIES["iam"]}})
    records = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())
    logging.getLogger().addHandler(handler)
    try:
        args = ["-vvv", "--diff"] + (["--check"] if mode == "check" else [])
        result = run_playbook(PLAY, tmp_path, dict(fresh_stack.target_vars(), c=CANARIES), args=args, name="canary-" + mode)
    finally:
        logging.getLogger().removeHandler(handler)
    assert result.returncode == 0, result.stdout[-8000:]
    assert "Remove the DRS connection" in result.stdout and "changed=" in result.stdout
    haystacks = {
        "stdout": result.stdout,
        "stderr": result.stderr,
        "request log": json.dumps(fresh_stack.admin("GET", "requests")),
        "emulator state": json.dumps(fresh_stack.admin("GET", "state")),
        "emulator log": "\n".join(records),
    }
    leaks = [(where, name) for where, text in haystacks.items() for name, value in CANARIES.items() if value in text]
    assert leaks == []
    assert fresh_stack.target_vars()["hw_secret_key"] not in result.stdout
