# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The options of one EG connection: top-level in eg_connection (DOCUMENTATION), elements of eg_connections (LIST).
The argument spec they document is module_utils/eg_connection.py OPTIONS."""

from __future__ import annotations

from ansible_collections.hwcloud.connections.plugins.doc_fragments.list_module import list_options


class ModuleDocFragment:
    DOCUMENTATION = r"""
options:
  name:
    description:
      - Connection name, 1 to 128 letters, digits, periods, underscores or hyphens, starting with a letter or a digit;
        not V(default). Unique per project.
      - Required with O(state=present).
    type: str
  description:
    description:
      - Description, at most 255 characters. Updated in place; V("") clears it (the API is sent V("")), and a connection
        the API shows without a description counts as having V("").
      - The API refuses to modify a connection that is still C(CREATING) (C(EG.00514004)), so an update first waits for
        C(CREATED), for at most O(wait_timeout) seconds, also with O(wait=false).
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
          - Whether SASL_SSL is enabled for the Kafka instance. Defaults to V(false), or to V(true) with
            O(kafka_detail.security_protocol=SASL_SSL).
          - The API requires the field, so it is always sent; a connection the API shows without it counts as V(false).
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
        or the name when the connection was selected by C(connection_id)).
      - When V(false), such a difference fails the module and names the fields.
    type: bool
    default: false
"""

    # The same options as the elements of the list module, derived from the text above so that there is one. The
    # annotation keeps ansible-test's yamllint, which expects literal documentation strings, to DOCUMENTATION.
    LIST: str = list_options(DOCUMENTATION, "EG connection", "eg_connection")
