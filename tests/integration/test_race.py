# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Parallel playbooks declaring the same resources end with exactly one of each, and all runs succeed."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from stack import PLAY_HEADER, run_playbook  # pylint: disable=import-error

RUNS = 4
DRS_RACE = PLAY_HEADER + """    - name: Declare the same ten DRS connections
      hwcloud.connections.drs_connection:
        name: "race-drs-{{ item }}"
        db_type: mysql
        endpoint: {endpoint_name: mysql, ip: 192.168.0.27, db_port: 3306, db_user: drs, db_password: race-secret}
      loop: "{{ range(10) | list }}"
"""


def test_four_parallel_runs_create_exactly_ten_drs_connections(fresh_stack, tmp_path):
    variables = fresh_stack.target_vars()
    with ThreadPoolExecutor(RUNS) as pool:
        runs = list(pool.map(lambda n: run_playbook(DRS_RACE, tmp_path, variables, name="race-%d" % n), range(RUNS)))
    for result in runs:
        assert result.returncode == 0, result.stdout[-5000:]
    state = fresh_stack.admin("GET", "state")
    names = sorted(c["name"] for c in state["drs_connections"] if c["name"].startswith("race-drs-"))
    assert names == sorted("race-drs-%d" % n for n in range(10))
