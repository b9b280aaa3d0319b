# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The first EXAMPLE of drs_batch_connection_test, as documented, against the emulator: its RDS target names a region
but no project id, which the module fills from its own authenticated context (huawei-api.md section 11 #7). The
project comes from IAM: no project_id anywhere."""

from __future__ import annotations

import os
import textwrap

import yaml
from stack import PLAY_HEADER, ROOT, run_playbook  # pylint: disable=import-error

PROJECT_LINE = '      project_id: "{{ hw_project_id }}"\n'
MODULE = os.path.join(ROOT, "plugins", "modules", "drs_batch_connection_test.py")


def first_example() -> dict:
    with open(MODULE, encoding="utf-8") as handle:
        source = handle.read()
    examples = source.split('EXAMPLES = r"""', 1)[1].split('"""', 1)[0]
    return yaml.safe_load(examples)[0]


def test_the_first_example_works_as_documented(fresh_stack, tmp_path):
    task = first_example()
    entries = task["hwcloud.connections.drs_batch_connection_test"]["test_endpoints"]
    job_id = entries[0]["job_id"]
    target = [entry for entry in entries if entry["end_point_type"] == "ta"][0]
    assert "project_id" not in target and target.get("inst_id"), "the example no longer shows what this test is about"
    job = {"id": job_id, "name": "example-job", "status": "CONFIGURATION", "target_endpoint": {"kind": "rds", "instance_id": target["inst_id"]}}
    fresh_stack.admin("POST", "drs/jobs", job)
    variables = dict(fresh_stack.target_vars(), vault_source_password="Xq7-src-Secret", vault_target_password="Zk9-tgt-Secret")
    playbook = PLAY_HEADER.replace(PROJECT_LINE, "")  # no project id: the module resolves it from IAM
    assert PROJECT_LINE in PLAY_HEADER
    playbook += textwrap.indent(yaml.safe_dump([dict(task, register="tested")], sort_keys=False), "    ") + """
    - name: Both ends verified
      ansible.builtin.assert:
        that:
          - tested.results | map(attribute='success') | list == [true, true]
"""
    result = run_playbook(playbook, tmp_path, variables, name="example")
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-3000:]
