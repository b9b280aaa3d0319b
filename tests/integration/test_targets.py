# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run every integration target (tests/integration/targets/<name>) with ansible-playbook against the stack."""

from __future__ import annotations

import os

import pytest
from stack import TARGETS, role_playbook, run_playbook, write_integration_config  # pylint: disable=import-error

NAMES = sorted(name for name in os.listdir(TARGETS) if os.path.exists(os.path.join(TARGETS, name, "tasks", "main.yml")))


@pytest.mark.parametrize("target", NAMES)
def test_target(target, fresh_stack, tmp_path):
    # The targets' settings come from integration_config.yml, as ansible-test integration passes them.
    config = write_integration_config(fresh_stack, tmp_path / "integration_config.yml")
    result = run_playbook(role_playbook(target), tmp_path, {}, args=["--diff", "-e", "@" + config], name=target)
    assert result.returncode == 0, "%s failed:\n%s\n%s" % (target, result.stdout[-20000:], result.stderr[-5000:])
