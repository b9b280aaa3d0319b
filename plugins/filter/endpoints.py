# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Filters the runbooks and the endpoint roles share (documented in the .yml file of each filter)."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.hwcloud.connections.plugins.plugin_utils import endpoints, report


def endpoint_plan(value, job=None, declares=True, needs_job=True, state="present", prefix="", cloud=None):
    try:
        return endpoints.plan(value, job, declares=bool(declares), needs_job=bool(needs_job), state=state, prefix=prefix, cloud=cloud)
    except endpoints.EndpointError as exc:
        raise AnsibleFilterError(str(exc)) from None


def endpoint_entries(hosts, hostvars, key="hwcloud_endpoint"):
    """The endpoint entries of inventory hosts: ``hostvars[host][key]``, named after the host unless it says otherwise."""
    entries = []
    for host in hosts:
        variables = hostvars[host]
        if key in variables:
            entry = variables[key]
            if not isinstance(entry, dict):
                raise AnsibleFilterError("host %s: %s must be a dictionary (one endpoint entry)" % (host, key))
            entries.append(dict({"name": host}, **entry))
    return entries


def endpoint_results(rows, outcome):
    return report.endpoint_results(rows, outcome)


def endpoint_failures(rows, outcome):
    return report.failures(rows, outcome)


def endpoint_summary(rows, outcome):
    return report.summary_lines(rows, outcome)


def endpoint_junit(rows, outcome, suite="hwcloud.connections.verify"):
    return report.junit_xml(rows, outcome, suite)


def rotation_plan(plan, tested):
    return report.rotation_plan(plan, tested)


def rotation_retest(rotation, updates):
    return report.rotation_retest(rotation, updates)


def rotation_report(rows, tested, updates, reverify_rows=None, reverified=None):
    return report.rotation_report(rows, tested, updates, reverify_rows or [], reverified or {})


class FilterModule:
    """Endpoint entries to module options, verification reports, and the steps and report of a rotation."""

    def filters(self):
        return {
            "endpoint_plan": endpoint_plan,
            "endpoint_entries": endpoint_entries,
            "endpoint_results": endpoint_results,
            "endpoint_failures": endpoint_failures,
            "endpoint_summary": endpoint_summary,
            "endpoint_junit": endpoint_junit,
            "rotation_plan": rotation_plan,
            "rotation_retest": rotation_retest,
            "rotation_report": rotation_report,
        }
