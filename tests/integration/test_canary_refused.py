# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Canary secrets in arguments Ansible refuses, at -vvv: no failed result shows one.

Cores before 2.21 put the module arguments in every result, a failed one too. When a list module's arguments were
refused at the top level (an option of the wrong type, an unknown option), the module failed through a lenient
AnsibleModule that took the list's elements as raw values and had not yet been told their passwords: the result
showed them in clear. The matrix runs this file on every core."""

from __future__ import annotations

from stack import PLAY_HEADER, run_playbook  # pylint: disable=import-error

CANARIES = {"db": "CANARY-refused-db-5e1c7a", "kafka": "CANARY-refused-kafka-b82d40", "test_db": "CANARY-refused-test-3fa9c6"}

PLAY = PLAY_HEADER + """    - name: A DRS list element refused
      hwcloud.connections.drs_connections:
        connections:
          - {name: canary-refused-1, db_type: sybase,
             endpoint: {endpoint_name: mysql, ip: 192.168.0.27, db_port: 3306, db_user: drs, db_password: "{{ c.db }}"}}
      register: element_refused
      ignore_errors: true

    - name: A DRS list with a top-level option of the wrong type
      hwcloud.connections.drs_connections:
        api_timeout: soon
        connections:
          - {name: canary-refused-2, db_type: mysql,
             endpoint: {endpoint_name: mysql, ip: 192.168.0.27, db_port: 3306, db_user: drs, db_password: "{{ c.db }}"}}
      register: option_refused
      ignore_errors: true

    - name: An EG list with an unknown option
      hwcloud.connections.eg_connections:
        no_such_option: true
        connections:
          - name: canary-refused-3
            vpc_id: vpc-1
            subnet_id: subnet-1
            type: kafka
            kafka_detail: {instance_id: kafka-1, addr: "192.168.0.11:9093", security_protocol: SASL_SSL, enable_sasl_ssl: true,
                           user_name: eguser, password: "{{ c.kafka }}"}
      register: unknown_refused
      ignore_errors: true

    - name: A batch connection test with a top-level option of the wrong type
      hwcloud.connections.drs_batch_connection_test:
        concurrency: many
        test_endpoints:
          - {job_id: job-1, net_type: eip, db_type: mysql, ip: 192.168.0.27, db_port: 3306, db_user: drs, db_password: "{{ c.test_db }}"}
      register: batch_refused
      ignore_errors: true

    - name: Every one failed before any API call, naming what was refused
      ansible.builtin.assert:
        that:
          - element_refused is failed and 'sybase' in element_refused.msg
          - option_refused is failed and 'api_timeout' in option_refused.msg
          - unknown_refused is failed and 'no_such_option' in unknown_refused.msg
          - batch_refused is failed and 'concurrency' in batch_refused.msg
"""


def test_refused_arguments_show_no_secret(fresh_stack, tmp_path):
    result = run_playbook(PLAY, tmp_path, dict(fresh_stack.target_vars(), c=CANARIES), args=["-vvv"], name="canary-refused")
    assert result.returncode == 0, result.stdout[-8000:]
    leaks = [(where, name) for where, text in (("stdout", result.stdout), ("stderr", result.stderr))
             for name, value in CANARIES.items() if value in text]
    assert leaks == []
    assert "_ArgumentError" not in result.stdout  # no traceback of the refused first check
    assert fresh_stack.admin("GET", "requests")["requests"] == []  # refused before any API call
