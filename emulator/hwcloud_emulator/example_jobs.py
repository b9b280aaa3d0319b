# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The DRS jobs the collection's documentation names, seeded at start with --example-jobs (config drs.example_jobs).

Every job is in CONFIGURATION (the status a connection test needs) in the project of the first configured region
(cn-north-4 by default). Who uses which:
  example-orders-sync  playbooks/vars/emulator_example.yml and playbooks/inventory/endpoints_example.yml
  orders-to-kafka      the README's role snippets, the drs_job_info and drs_batch_connection_test EXAMPLES
  orders-migration     the first drs_batch_connection_test EXAMPLE (by job ID; its target is an RDS instance)
"""

from __future__ import annotations

from typing import Any

EXAMPLE_JOBS: tuple[dict[str, Any], ...] = (
    {"id": "3f0c9a52-7b1e-4d6a-8c2f-5e9b1d7a3jb101", "name": "example-orders-sync", "status": "CONFIGURATION",
     "job_type": "migration", "engine_type": "mysql-to-mysql",
     "description": "example job of playbooks/vars/emulator_example.yml"},
    {"id": "8d4e2b6f-1a3c-4e5d-9f7b-0c2a4e6d8jb101", "name": "orders-to-kafka", "status": "CONFIGURATION",
     "job_type": "sync", "engine_type": "mysql-to-kafka",
     "description": "example job of the README and the drs_job_info / drs_batch_connection_test examples"},
    {"id": "140b5236-88ad-43c8-811c-1268453jb101", "name": "orders-migration", "status": "CONFIGURATION",
     "job_type": "migration", "engine_type": "mysql-to-mysql", "net_type": "vpc",
     "target_endpoint": {"kind": "rds", "instance_id": "e05a3679efe241d8b5dee80b17c1a863in01"},
     "description": "example job of the first drs_batch_connection_test example"},
)


def configured_jobs(config: dict[str, Any]) -> list[dict[str, Any]]:
    """The jobs to seed at start: drs.jobs, then the example jobs when drs.example_jobs is true."""
    drs = config.get("drs") or {}
    jobs = list(drs.get("jobs") or [])
    if drs.get("example_jobs") is True:
        jobs += [dict(job) for job in EXAMPLE_JOBS]
    return jobs
