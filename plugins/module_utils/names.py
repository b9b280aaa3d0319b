# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""How each service compares connection names: the one rule used wherever a name is matched (the modules' lookups,
the list modules' matching, duplicate check and purge, ``drs_connection_info``'s name filter, and the drift runbook
pairing list-module results with endpoints). Plain functions, nothing imported: the controller-side plugins use it
too."""

from __future__ import annotations


def exact(name):
    """EG and DLI names compare as they are."""
    return name


def case_insensitive(name):
    """DRS names are case-insensitive (huawei-api.md section 1). A name that is not a string is kept as it is, so it
    never equals a string's key."""
    return name.lower() if isinstance(name, str) else name


BY_SERVICE = {"drs": case_insensitive, "eg": exact, "dli": exact}
