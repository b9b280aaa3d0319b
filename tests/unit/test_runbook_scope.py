# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The runbooks and the mysql_endpoint role default an instance's region and project to the play's, read from the
same environment variables, in the same order, as the modules' region and project_id options."""

from __future__ import annotations

import os
import re

import pytest
import yaml

from ansible_collections.hwcloud.connections.plugins.module_utils.shared_options import auth_argument_spec

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCOPES = {"playbooks/vars/runbook.yml": "hwcloud__cloud", "roles/mysql_endpoint/vars/main.yml": "mysql_endpoint__cloud"}
QUERY = re.compile(r"query\('ansible\.builtin\.env',((?:\s*'[A-Z0-9_]+',?)+)\)")


@pytest.mark.parametrize("path, variable", sorted(SCOPES.items()))
def test_the_play_scope_reads_the_modules_variables(path, variable):
    with open(os.path.join(ROOT, path), encoding="utf-8") as handle:
        scope = yaml.safe_load(handle)[variable]
    spec = auth_argument_spec()
    for option in ("region", "project_id"):
        [names] = QUERY.findall(scope[option])
        assert re.findall(r"[A-Z0-9_]+", names) == spec[option]["fallback"][1], (path, option)
