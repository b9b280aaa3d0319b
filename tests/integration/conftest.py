# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One integration stack per pytest worker; targets reset the emulator before they start."""

from __future__ import annotations

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from stack import running_stack  # noqa: E402  pylint: disable=wrong-import-position,import-error


@pytest.fixture(scope="session")
def stack():
    with running_stack() as value:
        yield value


@pytest.fixture
def fresh_stack(stack):
    stack.admin("POST", "reset")
    return stack
