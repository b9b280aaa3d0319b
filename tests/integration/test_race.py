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


LIST_RACE = PLAY_HEADER + """    - name: The same list of DRS connections
      hwcloud.connections.drs_connections:
        connections: "{{ race_drs }}"
    - name: The same list of EG connections
      hwcloud.connections.eg_connections:
        connections: "{{ race_eg }}"
    - name: The same list of DLI enhanced connections
      hwcloud.connections.dli_enhanced_connections:
        connections: "{{ race_dli }}"
"""
LIST_COUNT = 12


def test_two_parallel_runs_of_the_same_lists_create_exactly_one_of_each(fresh_stack, tmp_path):
    endpoint = {"endpoint_name": "mysql", "ip": "192.168.0.27", "db_port": 3306, "db_user": "drs", "db_password": "race-secret"}
    variables = dict(fresh_stack.target_vars(),
                     race_drs=[{"name": "lrace-drs-%d" % n, "db_type": "mysql", "endpoint": endpoint} for n in range(LIST_COUNT)],
                     race_eg=[{"name": "lrace-eg-%d" % n, "vpc_id": "vpc-1", "subnet_id": "subnet-1"} for n in range(LIST_COUNT)],
                     race_dli=[{"name": "lrace_dli_%d" % n, "dest_vpc_id": "vpc-1", "dest_network_id": "subnet-1", "queues": ["q1"]}
                               for n in range(LIST_COUNT)])
    with ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(lambda n: run_playbook(LIST_RACE, tmp_path, variables, name="list-race-%d" % n), range(2)))
    for result in runs:
        assert result.returncode == 0, result.stdout[-6000:]
    state = fresh_stack.admin("GET", "state")
    assert sorted(c["name"] for c in state["drs_connections"]) == sorted("lrace-drs-%d" % n for n in range(LIST_COUNT))
    assert sorted(c["name"] for c in state["eg_connections"]) == sorted("lrace-eg-%d" % n for n in range(LIST_COUNT))
    assert sorted(c["name"] for c in state["dli_connections"] if c["status"] != "DELETED") == sorted(
        "lrace_dli_%d" % n for n in range(LIST_COUNT))
