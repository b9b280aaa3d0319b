# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Four concurrent playbooks declaring the same names of all three resource types: exactly one of each, all green.
(tests/integration/test_race.py covers DRS alone; this adds DLI and EG.)"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from stack import PLAY_HEADER, run_playbook  # pylint: disable=import-error

RUNS = 4
PLAY = PLAY_HEADER + """    - name: The same DRS connections
      hwcloud.connections.drs_connection:
        name: "race-drs-{{ item }}"
        db_type: mysql
        endpoint: {endpoint_name: mysql, ip: 192.168.0.27, db_port: 3306, db_user: drs, db_password: race-secret}
      loop: "{{ range(race_count) | list }}"
    - name: The same DLI enhanced connections
      hwcloud.connections.dli_enhanced_connection:
        name: "race_dli_{{ item }}"
        dest_vpc_id: vpc-1
        dest_network_id: subnet-1
        hosts: [{name: db-host, ip: 192.168.0.27}]
      loop: "{{ range(race_count) | list }}"
    - name: The same EG connections
      hwcloud.connections.eg_connection:
        name: "race-eg-{{ item }}"
        vpc_id: vpc-1
        subnet_id: subnet-1
      loop: "{{ range(race_count) | list }}"
"""


def _race(emulator, tmp_path, count):
    variables = dict(emulator.play_vars(), race_count=count)
    with ThreadPoolExecutor(RUNS) as pool:
        runs = list(pool.map(lambda n: run_playbook(PLAY, tmp_path, variables, name="race-%d" % n), range(RUNS)))
    for result in runs:
        assert result.returncode == 0, result.stdout[-6000:]
    state = emulator.state()
    live_dli = [c["name"] for c in state["dli_connections"] if c.get("status") != "DELETED"]
    assert sorted(c["name"] for c in state["drs_connections"]) == sorted("race-drs-%d" % n for n in range(count))
    assert sorted(live_dli) == sorted("race_dli_%d" % n for n in range(count))
    assert sorted(c["name"] for c in state["eg_connections"]) == sorted("race-eg-%d" % n for n in range(count))


def test_four_parallel_runs_over_five_names_of_each_type(emulator, tmp_path):
    _race(emulator, tmp_path, 5)


@pytest.mark.soak
def test_four_parallel_runs_over_twenty_names_of_each_type(emulator, tmp_path):
    _race(emulator, tmp_path, 20)
