# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Verification results as people and tools read them: a summary table, per-endpoint results, a JUnit report.

``rows`` are the endpoints in test order (``name``, ``kind``, ``address``, from :func:`endpoints.plan`); ``outcome``
is what ``drs_batch_connection_test`` returned (``results`` in the same order, ``summary``). Only what that module
returns is used, so no secret can appear here.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET


def endpoint_results(rows: list, outcome: dict) -> list:
    """One result per endpoint: name, kind, address, success, error_code, reason."""
    results = outcome.get("results") or []
    found = []
    for index, row in enumerate(rows):
        result = results[index] if index < len(results) else {}
        found.append({"name": row["name"], "kind": row["kind"], "address": row["address"], "success": bool(result.get("success")),
                      "error_code": result.get("error_code"), "reason": result.get("error_msg")})
    return found


def _reason(result: dict) -> str:
    reason = result["reason"] or "no reason given"
    return "%s (%s)" % (reason, result["error_code"]) if result["error_code"] else reason


def failures(rows: list, outcome: dict) -> list:
    """``name: reason (error code)`` of every endpoint that failed."""
    return ["%s: %s" % (result["name"], _reason(result)) for result in endpoint_results(rows, outcome) if not result["success"]]


def summary_lines(rows: list, outcome: dict) -> list:
    """The table the runbooks print: one line per endpoint, then how many were verified ok."""
    results = endpoint_results(rows, outcome)
    name_width = max([8] + [len(result["name"]) for result in results])
    address_width = max([7] + [len(result["address"]) for result in results])
    lines = ["%s  KIND   %s  RESULT  REASON" % ("ENDPOINT".ljust(name_width), "ADDRESS".ljust(address_width))]
    for result in results:
        verdict = "ok" if result["success"] else "failed  " + _reason(result)
        lines.append(("%s  %s  %s  %s" % (result["name"].ljust(name_width), result["kind"].ljust(5),
                                          result["address"].ljust(address_width), verdict)).rstrip())
    succeeded = sum(1 for result in results if result["success"])
    lines.append("%d of %d endpoints verified ok" % (succeeded, len(results)))
    return lines


def junit_xml(rows: list, outcome: dict, suite: str = "hwcloud.connections.verify") -> str:
    """A JUnit XML report: one test case per endpoint, a failure carrying the reason."""
    results = endpoint_results(rows, outcome)
    failures = sum(1 for result in results if not result["success"])
    root = ET.Element("testsuites", name=suite, tests=str(len(results)), failures=str(failures))
    testsuite = ET.SubElement(root, "testsuite", name=suite, tests=str(len(results)), failures=str(failures), errors="0", skipped="0")
    for result in results:
        case = ET.SubElement(testsuite, "testcase", classname="%s.%s" % (suite, result["kind"]), name=result["name"])
        ET.SubElement(case, "system-out").text = "%s endpoint at %s" % (result["kind"], result["address"])
        if not result["success"]:
            ET.SubElement(case, "failure", message=_reason(result), type=result["error_code"] or "ConnectionTestFailed")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
