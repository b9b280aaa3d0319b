# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: eg_connection
short_description: Manage EventGrid (EG) target connections
version_added: 1.0.0
description:
  - Create, update and delete EventGrid target connections (C(/v1/{project_id}/connections)), the private
    network links EG uses to deliver events to webhooks or Huawei Cloud Kafka instances in a VPC.
  - The connection is found by O(connection_id), else by O(name) with the API's exact C(name) filter (one list
    call, so it is found however many connections the project has).
  - Only options you set are compared. O(kafka_detail.password) is never returned by the API, so it is not
    compared; use O(update_password=always) to re-send it.
  - O(description), O(kafka_detail.user_name) and O(kafka_detail.password) are updated in place with one C(PUT).
    Any other difference fails naming the fields, unless O(recreate=true), which deletes and re-creates the connection.
  - Creation is asynchronous. With O(wait=true) the module polls until the status is C(CREATED) and fails with the
    API's C(error_info) when it becomes C(CREATE_FAILED). An existing connection in C(CREATE_FAILED) also makes the
    module fail; delete it with O(state=absent) and create it again.
seealso:
  - module: hwcloud.connections.eg_connections
    description: "Any number of EventGrid connections in one task, with a purge by name pattern."
  - module: hwcloud.connections.eg_connection_info
    description: "Read EventGrid connections."
  - name: "EventGrid API: Creating a Connection"
    description: "The API this module calls, with every field."
    link: https://support.huaweicloud.com/intl/en-us/api-eg/CreateConnection.html
author:
  - hwcloud.connections contributors (!UNKNOWN)
options:
  state:
    description: Whether the connection should exist.
    type: str
    choices: [present, absent]
    default: present
  connection_id:
    description:
      - ID of the connection. When set, it selects the connection instead of O(name) (use it when several
        connections share a name). With O(state=absent) either O(name) or O(connection_id) is required.
      - An ID is 1 to 128 letters, digits, hyphens or underscores; any other value is refused before any request.
    type: str
extends_documentation_fragment:
  - hwcloud.connections.eg_connection
  - hwcloud.connections.auth
  - hwcloud.connections.wait
  - hwcloud.connections.attributes
"""

EXAMPLES = r"""
- name: A webhook connection in a VPC
  hwcloud.connections.eg_connection:
    name: orders-webhook
    description: deliveries to the orders service
    vpc_id: 3c5f1a0e-7d4b-4e63-9f2b-6d1c0a8e2b11
    subnet_id: 8e2ee0d5-0f1d-4067-965f-caf00dd65529
    type: webhook

- name: A connection to a Kafka instance with SASL_SSL
  hwcloud.connections.eg_connection:
    name: orders-kafka
    vpc_id: 3c5f1a0e-7d4b-4e63-9f2b-6d1c0a8e2b11
    subnet_id: 8e2ee0d5-0f1d-4067-965f-caf00dd65529
    type: kafka
    kafka_detail:
      instance_id: 2a8c4b7e-51d2-4d0e-9d3f-6c1e2f3a4b5c
      addr: 192.168.0.10:9093,192.168.0.11:9093
      security_protocol: SASL_SSL
      user_name: eg
      password: "{{ vault_kafka_password }}"
      acks: all
    wait_timeout: 300

- name: Move the connection to another subnet (delete and re-create)
  hwcloud.connections.eg_connection:
    name: orders-webhook
    vpc_id: 3c5f1a0e-7d4b-4e63-9f2b-6d1c0a8e2b11
    subnet_id: 0b6a3c1d-2e4f-4a5b-8c9d-0e1f2a3b4c5d
    recreate: true

- name: Remove it
  hwcloud.connections.eg_connection:
    name: orders-webhook
    state: absent
"""

RETURN = r"""
connection:
  description:
    - The connection as the API returns it (without the Kafka password); in check mode the predicted connection.
    - V(null) after deletion.
  returned: always
  type: dict
  contains:
    id:
      description: Connection ID (absent in check mode before creation).
      type: str
      sample: 90e0b962-c6c1-438c-ba8a-3024fe592bda
    name:
      description: Connection name.
      type: str
      sample: orders-webhook
    description:
      description: Description.
      type: str
    status:
      description: V(CREATING), V(CREATED) or V(CREATE_FAILED).
      type: str
      sample: CREATED
    error_info:
      description: Why creation failed (C(error_code), C(error_msg), C(error_detail)); empty otherwise.
      type: dict
    vpc_id:
      description: VPC ID.
      type: str
    subnet_id:
      description: Subnet ID.
      type: str
    agency:
      description: IAM agency used by the private network connection.
      type: str
      sample: EG_TRUST
    flavor:
      description: Flavor (C(name), C(concurrency_type), C(concurrency), C(bandwidth_type)).
      type: dict
    type:
      description: Connection type as the API reports it.
      type: str
      sample: WEBHOOK
    kafka_detail:
      description: Kafka parameters without the password; empty for webhook connections.
      type: dict
      sample: {"instance_id": "2a8c4b7e-51d2-4d0e-9d3f-6c1e2f3a4b5c", "addr": "192.168.0.10:9093", "enable_sasl_ssl": true,
               "user_name": "eg", "acks": "all", "security_protocol": "SASL_SSL"}
    created_time:
      description: Creation time (UTC).
      type: str
      sample: "2021-12-09 09:00:00"
    updated_time:
      description: Last update time (UTC).
      type: str
      sample: "2021-12-09 09:00:00"
"""

from ansible_collections.hwcloud.connections.plugins.module_utils import reconcile as rc
from ansible_collections.hwcloud.connections.plugins.module_utils.eg_connection import OPTIONS, REQUIRED_PRESENT, EgConnection
from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import PYDANTIC_IMPORT_ERROR
from ansible_collections.hwcloud.connections.plugins.module_utils.module import HuaweiCloudModule, wait_argument_spec

ARGUMENT_SPEC = dict(
    state=dict(type="str", choices=["present", "absent"], default="present"),
    connection_id=dict(type="str"),
    **OPTIONS,
    **wait_argument_spec()
)


def main() -> None:
    module = HuaweiCloudModule(
        ARGUMENT_SPEC,
        required_if=[("state", "present", REQUIRED_PRESENT), ("state", "absent", ("name", "connection_id"), True)],
    )
    module.require_pydantic(PYDANTIC_IMPORT_ERROR)
    module.run(lambda m: rc.reconcile(m, EgConnection(m)))


if __name__ == "__main__":
    main()
