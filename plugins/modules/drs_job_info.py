# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: drs_job_info
short_description: List DRS jobs
version_added: 1.0.0
description:
  - Returns the DRS jobs (C(GET /v5/{project_id}/jobs)) of one job type matching the given filters, all pages
    (the module pages by offset until a short page or the reported C(total_count)).
  - Useful to find a job's ID and status, for example before M(hwcloud.connections.drs_batch_connection_test),
    which needs jobs in status C(CONFIGURATION).
seealso:
  - module: hwcloud.connections.drs_batch_connection_test
    description: "Test endpoints through a job in status CONFIGURATION."
  - module: hwcloud.connections.drs_connection
    description: "The DRS connections the endpoints of a job can use."
author:
  - hwcloud.connections contributors (!UNKNOWN)
options:
  job_type:
    description: Job scenario; the API requires it.
    type: str
    required: true
    choices: [migration, sync, cloudDataGuard, replay]
  name:
    description:
      - A job name, or up to 10 job IDs separated by commas.
      - The results are filtered again here to exact name or ID matches, because how loosely the API matches is
        not documented.
    type: str
  status:
    description:
      - Only jobs in this status, for example V(CONFIGURATION) or V(INCRE_TRANSFER_STARTED).
      - The API also accepts several comma-separated statuses.
    type: str
  engine_type:
    description: Only jobs of this engine type, for example V(mysql-to-mysql).
    type: str
  net_type:
    description: Only jobs of this network type.
    type: str
    choices: [vpn, vpc, eip]
  enterprise_project_id:
    description: Only jobs of this enterprise project.
    type: str
  instance_ids:
    description: Only jobs of these database instances (sent comma-separated).
    type: list
    elements: str
  instance_ip:
    description: Only jobs with a database at this IP address.
    type: str
  sort_key:
    description: Sort field (the API sorts by V(create_time) by default).
    type: str
    choices: [name, status, create_time, net_type, job_direction, pay_mode]
  sort_dir:
    description: Sort direction (the API default is V(desc)).
    type: str
    choices: [asc, desc]
extends_documentation_fragment:
  - hwcloud.connections.auth
  - hwcloud.connections.attributes.info_module
"""

EXAMPLES = r"""
- name: Migration jobs waiting for configuration
  hwcloud.connections.drs_job_info:
    job_type: migration
    status: CONFIGURATION
  register: waiting

- name: One job by name
  hwcloud.connections.drs_job_info:
    job_type: sync
    name: orders-to-kafka
  register: orders_job

- name: Stop unless exactly one job has that name
  ansible.builtin.assert:
    that: orders_job.jobs | length == 1
    fail_msg: "{{ orders_job.jobs | length }} sync jobs named orders-to-kafka in this project, expected one"
    quiet: true

- name: Its ID
  ansible.builtin.debug:
    msg: "{{ orders_job.jobs[0].id }}"
"""

RETURN = r"""
jobs:
  description: The matching jobs as the API returns them.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Job ID.
      type: str
      sample: 140b5236-88ad-43c8-811c-1268453jb101
    name:
      description: Job name.
      type: str
      sample: orders-migration
    status:
      description: Job status, for example C(CONFIGURATION) or C(INCRE_TRANSFER_STARTED).
      type: str
      sample: CONFIGURATION
    job_type:
      description: Job scenario.
      type: str
      sample: migration
    engine_type:
      description: Engine type.
      type: str
      sample: mysql-to-mysql
    net_type:
      description: Network type.
      type: str
      sample: eip
    create_time:
      description: Creation time.
      type: str
      sample: "2026-05-28T07:46:00Z"
    description:
      description: Description.
      type: str
    enterprise_project_id:
      description: Enterprise project ID.
      type: str
    job_action:
      description: Available, unavailable and current actions.
      type: dict
    children:
      description: Child jobs.
      type: list
      elements: dict
"""

from ansible_collections.hwcloud.connections.plugins.module_utils.drs_jobs import JOB_SORT_KEYS, JOB_TYPES, NET_TYPES, DrsJobs, job_query
from ansible_collections.hwcloud.connections.plugins.module_utils.module import HuaweiCloudModule

ARGUMENT_SPEC = dict(
    job_type=dict(type="str", required=True, choices=list(JOB_TYPES)),
    name=dict(type="str"),
    status=dict(type="str"),
    engine_type=dict(type="str"),
    net_type=dict(type="str", choices=list(NET_TYPES)),
    enterprise_project_id=dict(type="str"),
    instance_ids=dict(type="list", elements="str"),
    instance_ip=dict(type="str"),
    sort_key=dict(type="str", choices=list(JOB_SORT_KEYS)),
    sort_dir=dict(type="str", choices=["asc", "desc"]),
)


def list_jobs(module) -> dict:
    query = job_query({key: module.params[key] for key in ARGUMENT_SPEC})
    return {"changed": False, "jobs": DrsJobs(module).list(query)}


def main() -> None:
    module = HuaweiCloudModule(ARGUMENT_SPEC)
    module.run(list_jobs)


if __name__ == "__main__":
    main()
