# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Attributes (check mode, diff mode, action group) of the collection's modules."""

from __future__ import annotations


class ModuleDocFragment:
    DOCUMENTATION = r"""
attributes:
  check_mode:
    description: Can run in check mode and return the predicted result without making any write call.
    support: full
  diff_mode:
    description: Returns C(diff) with the before and after state; secrets are masked.
    support: full
  action_group:
    description: Use C(group/hwcloud.connections.hwcloud) in C(module_defaults) to set the shared options once.
    support: full
    membership:
      - hwcloud.connections.hwcloud
"""

    INFO_MODULE = r"""
attributes:
  check_mode:
    description: Reads only, so it runs normally in check mode.
    support: full
  diff_mode:
    description: Never changes anything, so there is no diff.
    support: N/A
  action_group:
    description: Use C(group/hwcloud.connections.hwcloud) in C(module_defaults) to set the shared options once.
    support: full
    membership:
      - hwcloud.connections.hwcloud
"""
