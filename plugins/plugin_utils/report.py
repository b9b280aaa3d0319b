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


# -- rotation (the rotate runbook) ------------------------------------------------------------------------------------

ROTATION_OUTCOMES = ("rotated", "unchanged", "test_failed", "update_failed", "reverify_failed")
SENT = ("created", "updated")


def rotation_plan(plan: dict, tested: dict) -> dict:
    """The part of an endpoint plan whose new secrets passed the connection test: its DRS, EG and DLI datasource auth
    elements with ``update_password: always``, and its rows. Endpoints that failed the test are left out: untouched."""
    passed = {result["name"] for result in endpoint_results(plan["rows"], tested) if result["success"]}

    def always(elements, key="name"):
        return [dict(element, update_password="always") for element in elements if element[key] in passed]

    return {"drs": always(plan["drs"]), "eg": always(plan["eg"]), "dli_auth": always(plan.get("dli_auth") or [], "endpoint"),
            "rows": [row for row in plan["rows"] if row["name"] in passed], "passed": sorted(passed)}


def _update_outcomes(updates: list) -> dict:
    """Endpoint name -> (action, message) over the registered update results in order; a later result of the same
    endpoint wins (the EG fallback deletes and creates after a failed update; the runbook updates an endpoint's DLI
    datasource authentication only after its connection). Every element of a failed list-module task is still
    reported: one failure never hides the others."""
    outcomes = {}
    for update in updates or []:
        if not isinstance(update, dict) or update.get("skipped"):
            continue
        for element in update.get("results") or []:
            if not isinstance(element, dict) or element.get("skipped"):
                continue
            if "action" in element:  # an element of a list module
                name, action, message = element.get("name"), element["action"], element.get("msg")
            else:  # one item of a looped task: the loop runs over endpoint names (an item is printed, so never a secret)
                name = element.get("item") if isinstance(element.get("item"), str) else None
                action = "failed" if element.get("failed") else ("updated" if element.get("changed") else "unchanged")
                message = element.get("msg")
            if name:
                outcomes[name] = (action, message)
    return outcomes


def rotation_retest(rotation: dict, updates: list) -> dict:
    """The rows and connection tests of the endpoints whose updates all went through, to verify them again."""
    outcomes = _update_outcomes(updates)
    updated = [row for row in rotation["rows"] if outcomes.get(row["name"], ("unchanged",))[0] not in ("failed", "deleted")]
    return {"rows": updated, "names": [row["name"] for row in updated]}


def rotation_results(rows: list, tested: dict, updates: list, reverify_rows: list, reverified: dict) -> list:
    """One result per endpoint: name, kind, address, outcome (one of ROTATION_OUTCOMES) and reason."""
    outcomes = _update_outcomes(updates)
    again = {result["name"]: result for result in endpoint_results(reverify_rows or [], reverified or {})}
    found = []
    for result in endpoint_results(rows, tested):
        action, message = outcomes.get(result["name"], ("unchanged", None))
        retest = again.get(result["name"])
        if not result["success"]:
            outcome, reason = "test_failed", "not touched: " + _reason(result)
        elif action == "failed":
            outcome, reason = "update_failed", message or "no reason given"
        elif action == "deleted":  # the EventGrid fallback deleted the connection and did not create it again
            outcome, reason = "update_failed", "deleted to be created again with the new secret, but not created again"
        elif retest is not None and not retest["success"]:
            outcome, reason = "reverify_failed", "updated, but the new secret failed the second test: " + _reason(retest)
        else:
            outcome, reason = ("rotated" if action in SENT else "unchanged"), None
        found.append({"name": result["name"], "kind": result["kind"], "address": result["address"], "outcome": outcome,
                      "reason": reason})
    return found


def rotation_report(rows: list, tested: dict, updates: list, reverify_rows: list, reverified: dict) -> dict:
    """Everything the rotate runbook publishes: per-endpoint ``results``, ``summary`` counts, the table ``lines`` and
    the ``junit`` text. Built only from module results and rows, so no secret can appear in it."""
    results = rotation_results(rows, tested, updates, reverify_rows, reverified)
    summary = {outcome: sum(1 for result in results if result["outcome"] == outcome) for outcome in ROTATION_OUTCOMES}
    summary["total"] = len(results)
    lines = table(["ENDPOINT", "KIND", "ADDRESS", "OUTCOME", "REASON"],
                  [[result["name"], result["kind"], result["address"], result["outcome"], result["reason"] or ""] for result in results],
                  min_widths=[8, 5, 7, 15])
    lines.append(", ".join("%d %s" % (summary[outcome], outcome) for outcome in ROTATION_OUTCOMES) + " of %d endpoints" % len(results))
    suite = "hwcloud.connections.rotate"
    failed = [result for result in results if result["outcome"] not in ("rotated", "unchanged")]
    xml = junit(suite, [{"classname": "%s.%s" % (suite, result["kind"]), "name": result["name"],
                         "out": "%s endpoint at %s: %s" % (result["kind"], result["address"], result["outcome"]),
                         "failure": (result["reason"], result["outcome"]) if result in failed else None} for result in results])
    return {"results": results, "summary": summary, "lines": lines, "junit": xml,
            "failures": ["%s: %s (%s)" % (result["name"], result["reason"], result["outcome"]) for result in failed]}
