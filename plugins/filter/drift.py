# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Filters of the drift runbook (documented in the .yml file of each filter)."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.hwcloud.connections.plugins.plugin_utils import drift


def drift_elements(plan):
    return drift.elements(plan)


def drift_results(entries, outcomes, patterns=None):
    try:
        return drift.results(entries, outcomes, patterns or {})
    except drift.DriftError as exc:
        raise AnsibleFilterError(str(exc)) from None


def drift_summary(rows, unmanaged_checked=True):
    return drift.summary(rows, bool(unmanaged_checked))


def drift_table(rows, unmanaged_checked=True):
    return drift.table(rows, bool(unmanaged_checked))


def drift_junit(rows, suite="hwcloud.connections.drift"):
    return drift.junit(rows, suite)


def drift_failures(rows):
    return drift.failures(rows)


class FilterModule:
    """Check-mode results of the list modules as drift, and its reports."""

    def filters(self):
        return {
            "drift_elements": drift_elements,
            "drift_results": drift_results,
            "drift_summary": drift_summary,
            "drift_table": drift_table,
            "drift_junit": drift_junit,
            "drift_failures": drift_failures,
        }
