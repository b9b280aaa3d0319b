# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The endpoints runbook while the emulator throttles 30% of API requests (429), fails 10% (503) and adds
0-300 ms of jitter: every task ok, the end state exactly as declared, no duplicates."""

from __future__ import annotations

import pytest
from playbooks import RUNBOOK, credentials_env, declared, endpoints, live_names, runbook_vars  # pylint: disable=import-error
from stack import JOB_ID, run_playbook  # pylint: disable=import-error

# One rule: 429 with probability 0.3, else 503 with 0.1/0.7, so 10% of all requests get a 503.
FAULTS = {"seed": 6, "rules": [{"throttle_rate": 0.3, "error_rate": 0.1 / 0.7, "error_status": 503, "jitter_ms": 300}]}


def _run_under_faults(emulator, tmp_path, entries, rerun=False):
    emulator.admin("PUT", "faults", FAULTS)
    variables = runbook_vars(emulator, entries, JOB_ID)
    result = run_playbook(RUNBOOK, tmp_path, variables, env=credentials_env(emulator), name="faults")
    assert result.returncode == 0, result.stdout[-12000:]
    assert "failed=0" in result.stdout and "%d of %d endpoints verified ok" % (len(entries), len(entries)) in result.stdout
    log = emulator.log()
    statuses = [r["status"] for r in log]
    assert statuses.count(429) > 0 and statuses.count(503) > 0  # the faults really fired
    state = emulator.state()
    assert live_names(state) == declared(entries)  # exactly as declared: no duplicate, nothing missing
    if rerun:
        again = run_playbook(RUNBOOK, tmp_path, variables, env=credentials_env(emulator), name="faults-again")
        assert again.returncode == 0, again.stdout[-12000:]
        assert "changed=0" in again.stdout.split("PLAY RECAP")[-1], again.stdout[-6000:]
        assert live_names(emulator.state()) == declared(entries)
    return log


def test_ten_resources_survive_throttling_and_errors(emulator, tmp_path):
    _run_under_faults(emulator, tmp_path, endpoints("flt", mysql=4, mysql_dli=2, kafka=3, kafka_dli=1))


@pytest.mark.soak
def test_fifty_resources_survive_throttling_and_errors(emulator, tmp_path):
    entries = endpoints("soakflt", mysql=17, mysql_dli=8, kafka=17, kafka_dli=8)
    assert sum(len(names) for names in declared(entries).values()) == 50
    _run_under_faults(emulator, tmp_path, entries, rerun=True)
