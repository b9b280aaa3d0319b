# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The module object a Resource sees, without AnsibleModule: params from an argument spec, modes, warnings."""

from __future__ import annotations


class Warnings(list):
    """Stands in for ``module.ansible``: collects ``warn()`` texts."""

    def warn(self, text):
        self.append(text)


class FakeModule:
    def __init__(self, argument_spec: dict, check_mode=False, **params):
        self.params = {key: spec.get("default") for key, spec in argument_spec.items()}
        self.params.update(params)
        self.check_mode = check_mode
        self.diff_mode = True
        self.client = None
        self.ansible = self.warnings = Warnings()

    def warn(self, text):
        self.warnings.warn(text)
