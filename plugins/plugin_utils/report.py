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


def table(header: list, rows: list, min_widths: list = ()) -> list:
    """Lines of a plain-text table: every column but the last padded to its widest cell (at least its header and its
    ``min_widths`` entry), two spaces between columns, no trailing blanks."""
    widths = [max([len(title), (list(min_widths) + [0] * len(header))[index]] + [len(str(row[index])) for row in rows])
              for index, title in enumerate(header)]

    def line(cells):
        return "  ".join([str(cell).ljust(width) for cell, width in zip(cells[:-1], widths)] + [str(cells[-1])]).rstrip()

    return [line(header)] + [line(row) for row in rows]


def junit(suite: str, cases: list) -> str:
    """A JUnit XML report: ``cases`` are ``{classname, name, out, failure}`` with ``failure`` None or (message, type)."""
    failed = sum(1 for case in cases if case["failure"])
    root = ET.Element("testsuites", name=suite, tests=str(len(cases)), failures=str(failed))
    testsuite = ET.SubElement(root, "testsuite", name=suite, tests=str(len(cases)), failures=str(failed), errors="0", skipped="0")
    for case in cases:
        element = ET.SubElement(testsuite, "testcase", classname=case["classname"], name=case["name"])
        ET.SubElement(element, "system-out").text = case["out"]
        if case["failure"]:
            ET.SubElement(element, "failure", message=case["failure"][0], type=case["failure"][1])
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def summary_lines(rows: list, outcome: dict) -> list:
    """The table the runbooks print: one line per endpoint, then how many were verified ok."""
    results = endpoint_results(rows, outcome)
    lines = table(["ENDPOINT", "KIND", "ADDRESS", "RESULT", "REASON"],
                  [[result["name"], result["kind"], result["address"], "ok" if result["success"] else "failed", "" if result["success"]
                    else _reason(result)] for result in results], min_widths=[8, 5, 7, 6])
    succeeded = sum(1 for result in results if result["success"])
    return lines + ["%d of %d endpoints verified ok" % (succeeded, len(results))]


def junit_xml(rows: list, outcome: dict, suite: str = "hwcloud.connections.verify") -> str:
    """A JUnit XML report: one test case per endpoint, a failure carrying the reason."""
    return junit(suite, [{"classname": "%s.%s" % (suite, result["kind"]), "name": result["name"],
                          "out": "%s endpoint at %s" % (result["kind"], result["address"]),
                          "failure": None if result["success"] else (_reason(result), result["error_code"] or "ConnectionTestFailed")}
                         for result in endpoint_results(rows, outcome)])
