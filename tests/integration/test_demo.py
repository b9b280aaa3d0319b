# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""`make demo` end to end: every endpoint verified, a second run with changed=0, nothing left running."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from stack import ROOT  # pylint: disable=import-error


def session_members(session_id: int) -> list:
    """PIDs (other than the leader) still in the demo's session: anything it started and left behind."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry, encoding="utf-8") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session_id and fields[0] != "Z":
            members.append(int(entry))
    return members


def test_demo_verifies_everything_twice_and_leaves_nothing_behind():
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    process = subprocess.Popen([sys.executable, os.path.join(ROOT, "demo", "run_demo.py"), "--quiet-second-run"],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    try:
        output, _unused = process.communicate(timeout=600)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, 9)
            process.wait()
    assert process.returncode == 0, output[-8000:]
    first, second = output.split("=== Run 2", 1)
    assert "5 of 5 endpoints verified ok" in first and "5 of 5 endpoints verified ok" in second
    recaps = re.findall(r"localhost\s+: ok=\d+\s+changed=(\d+)\s+unreachable=0\s+failed=(\d+)", output)
    assert [changed for changed, _failed in recaps][0] != "0"
    assert recaps[1] == ("0", "0")
    assert session_members(process.pid) == []
