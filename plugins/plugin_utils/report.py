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
    name_width = max([8] + [len(result["name"]) for result in results])
    address_width = max([7] + [len(result["address"]) for result in results])
    lines = ["%s  KIND   %s  OUTCOME          REASON" % ("ENDPOINT".ljust(name_width), "ADDRESS".ljust(address_width))]
    for result in results:
        lines.append(("%s  %s  %s  %s  %s" % (result["name"].ljust(name_width), result["kind"].ljust(5), result["address"].ljust(address_width),
                                              result["outcome"].ljust(15), result["reason"] or "")).rstrip())
    lines.append(", ".join("%d %s" % (summary[outcome], outcome) for outcome in ROTATION_OUTCOMES) + " of %d endpoints" % len(results))
    suite = "hwcloud.connections.rotate"
    failed = [result for result in results if result["outcome"] not in ("rotated", "unchanged")]
    root = ET.Element("testsuites", name=suite, tests=str(len(results)), failures=str(len(failed)))
    testsuite = ET.SubElement(root, "testsuite", name=suite, tests=str(len(results)), failures=str(len(failed)), errors="0", skipped="0")
    for result in results:
        case = ET.SubElement(testsuite, "testcase", classname="%s.%s" % (suite, result["kind"]), name=result["name"])
        ET.SubElement(case, "system-out").text = "%s endpoint at %s: %s" % (result["kind"], result["address"], result["outcome"])
        if result in failed:
            ET.SubElement(case, "failure", message=result["reason"], type=result["outcome"])
    junit = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    return {"results": results, "summary": summary, "lines": lines, "junit": junit,
            "failures": ["%s: %s (%s)" % (result["name"], result["reason"], result["outcome"]) for result in failed]}
