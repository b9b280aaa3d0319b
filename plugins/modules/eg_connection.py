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
  - The connection is found by O(connection_id), else by O(name) (exact match).
  - Only options you set are compared. O(kafka_detail.password) is never returned by the API, so it is not
    compared; use O(update_password=always) to re-send it.
  - O(description), O(kafka_detail.user_name) and O(kafka_detail.password) are updated in place with one C(PUT).
    Any other difference fails naming the fields, unless O(recreate=true), which deletes and re-creates the connection.
  - Creation is asynchronous. With O(wait=true) the module polls until the status is C(CREATED) and fails with the
    API's C(error_info) when it becomes C(CREATE_FAILED). An existing connection in C(CREATE_FAILED) also makes the
    module fail; delete it with O(state=absent) and create it again.
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
        connections share a name).
    type: str
  name:
    description:
      - Connection name, 1 to 128 letters, digits, periods, underscores or hyphens, starting with a letter or a digit;
        not V(default). Unique per project.
      - Required with O(state=present); with O(state=absent) either O(name) or O(connection_id) is required.
    type: str
  description:
    description: Description, at most 255 characters. Updated in place.
    type: str
  vpc_id:
    description: ID of the VPC to connect, at most 128 characters. Required with O(state=present).
    type: str
  subnet_id:
    description: ID of the subnet to connect, at most 128 characters. Required with O(state=present).
    type: str
  type:
    description:
      - Connection type, an HTTP webhook or a Huawei Cloud Kafka instance. The API defaults to V(webhook).
      - V(kafka) requires O(kafka_detail); O(kafka_detail) is only valid with V(kafka).
    type: str
    choices: [webhook, kafka]
  kafka_detail:
    description: Kafka instance parameters, for O(type=kafka).
    type: dict
    suboptions:
      instance_id:
        description: Kafka instance ID.
        type: str
        required: true
      addr:
        description: Kafka connection address, for example C(192.168.0.10:9092,192.168.0.11:9092).
        type: str
        required: true
      security_protocol:
        description:
          - Security protocol, for example V(SASL_SSL) or V(PLAINTEXT).
          - V(SASL_SSL) implies O(kafka_detail.enable_sasl_ssl=true).
        type: str
      enable_sasl_ssl:
        description:
          - Whether SASL_SSL is enabled for the Kafka instance. The API defaults to V(false).
          - With SASL_SSL, O(kafka_detail.user_name) and O(kafka_detail.password) are required.
        type: bool
      user_name:
        description: Kafka user name. Updated in place.
        type: str
      password:
        description:
          - Kafka password. Never returned by the API, so never compared; see O(update_password).
        type: str
      acks:
        description:
          - Acknowledgements the producer requires; the API defaults to V(1).
        type: str
        choices: ["0", "1", "all"]
  update_password:
    description:
      - V(on_create) sends O(kafka_detail.password) only when creating; existing connections are never changed because of it.
      - V(always) re-sends O(kafka_detail.user_name) and O(kafka_detail.password) of an existing connection with a C(PUT)
        on every run (reported as changed), because the API never returns the password for comparison.
    type: str
    choices: [always, on_create]
    default: on_create
  recreate:
    description:
      - Delete and re-create the connection when an option that cannot be updated in place differs (O(vpc_id),
        O(subnet_id), O(type), O(kafka_detail) other than O(kafka_detail.user_name) and O(kafka_detail.password),
        or O(name) when the connection was selected by O(connection_id)).
      - When V(false), such a difference fails the module and names the fields.
    type: bool
    default: false
extends_documentation_fragment:
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
from ansible_collections.hwcloud.connections.plugins.module_utils.eg import DUPLICATE_NAME, SECRET_PATHS, EgConnections, plan_changes
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError
from ansible_collections.hwcloud.connections.plugins.module_utils.models.common import PYDANTIC_IMPORT_ERROR, validate
from ansible_collections.hwcloud.connections.plugins.module_utils.models.eg import Connection
from ansible_collections.hwcloud.connections.plugins.module_utils.module import HuaweiCloudModule, wait_argument_spec

KAFKA_DETAIL = dict(
    instance_id=dict(type="str", required=True),
    addr=dict(type="str", required=True),
    security_protocol=dict(type="str"),
    enable_sasl_ssl=dict(type="bool"),
    user_name=dict(type="str"),
    password=dict(type="str", no_log=True),
    acks=dict(type="str", choices=["0", "1", "all"]),
)
ARGUMENT_SPEC = dict(
    state=dict(type="str", choices=["present", "absent"], default="present"),
    connection_id=dict(type="str"),
    name=dict(type="str"),
    description=dict(type="str"),
    vpc_id=dict(type="str"),
    subnet_id=dict(type="str"),
    type=dict(type="str", choices=["webhook", "kafka"]),
    kafka_detail=dict(type="dict", options=KAFKA_DETAIL),
    update_password=dict(type="str", choices=["always", "on_create"], default="on_create", no_log=False),
    recreate=dict(type="bool", default=False),
    **wait_argument_spec()
)
BODY_FIELDS = ("name", "description", "vpc_id", "subnet_id", "type", "kafka_detail")


class EgConnection(rc.Resource):
    noun = "connection"
    secret_paths = SECRET_PATHS

    def __init__(self, module):
        super().__init__(module)
        self.api = EgConnections(module)
        self.recreating = False

    def desired(self) -> dict:
        params = self.module.params
        return validate(Connection, rc.prune({k: params[k] for k in BODY_FIELDS})).body()

    def lookup(self):
        params = self.module.params
        return self.api.find(params["connection_id"], params["name"])

    def create(self, desired: dict):
        return self.api.create(desired)

    def delete(self, current: dict) -> None:
        self.api.delete(current["id"])

    def plan_update(self, current: dict, desired: dict) -> list:
        params = self.module.params
        replace, body = plan_changes(current, desired, params["update_password"] == "always")
        if replace and not params["recreate"]:
            raise HuaweiCloudError("EG connection %s (id %s) cannot be changed in place: %s differ; set recreate=true to delete "
                                   "and re-create it" % (current.get("name"), current.get("id"), ", ".join(replace)))
        if replace:
            self.recreating = True
            return [rc.Action("recreate", lambda: self._recreate(current, desired))]
        return [rc.Action("update", lambda: self.api.update(current["id"], body))] if body else []

    def _recreate(self, current: dict, desired: dict) -> dict:
        self.api.delete(current["id"])
        return self.api.create(desired)

    def predict(self, current, desired: dict) -> dict:
        return rc.merge(None if self.recreating else current, desired)

    def read(self, handle: dict, desired: dict) -> dict:
        # Create and update both answer with the full connection.
        return handle

    def wait(self, resource: dict) -> dict:
        params = self.module.params
        return self.api.wait_created(resource, params["wait_timeout"]) if params["wait"] else resource

    def is_duplicate(self, error) -> bool:
        return error.error_code == DUPLICATE_NAME


def main() -> None:
    module = HuaweiCloudModule(
        ARGUMENT_SPEC,
        required_if=[("state", "present", ("name", "vpc_id", "subnet_id")), ("state", "absent", ("name", "connection_id"), True)],
    )
    module.require_pydantic(PYDANTIC_IMPORT_ERROR)
    module.run(lambda m: rc.reconcile(m, EgConnection(m)))


if __name__ == "__main__":
    main()
