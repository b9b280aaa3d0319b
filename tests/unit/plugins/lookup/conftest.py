# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Lookup plugins are loaded as Ansible loads them (options and doc fragments), so the collection loader must own
``ansible_collections`` before any test module imports from it: this conftest is imported first."""

from __future__ import annotations

import os

from ansible.plugins.loader import init_plugin_loader

COLLECTIONS = os.path.abspath(os.path.join(os.path.dirname(__file__), *[".."] * 6))
init_plugin_loader([COLLECTIONS])
