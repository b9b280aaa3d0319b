# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drift of declared endpoints (the drift runbook): what the list modules predicted in check mode, classified per
endpoint and service as in_sync, drifted (which fields), missing, unmanaged (exists, matches the run's purge pattern,
not declared) or error, and reported as a table, a JUnit report and workflow stats.

Only what the list modules return is used (their ``changes`` never hold a secret, and values of fields named like
one are masked once more here). Plain data in, plain data out."""

from __future__ import annotations

import json

from ansible_collections.hwcloud.connections.plugins.module_utils.names import BY_SERVICE as NAME_KEYS
from ansible_collections.hwcloud.connections.plugins.plugin_utils import report
from ansible_collections.hwcloud.connections.plugins.plugin_utils.connection_hosts import SECRET_KEY

STATUSES = ("in_sync", "drifted", "missing", "unmanaged", "error")
# Statuses that are drift: a failure in the JUnit report, and what hwcloud_fail_on_drift fails on.
NOT_IN_SYNC = ("drifted", "missing", "unmanaged", "error")
ACTION_STATUS = {"unchanged": "in_sync", "updated": "drifted", "created": "missing", "failed": "error"}
MODULES = {"drs": "drs_connections", "eg": "eg_connections", "dli": "dli_enhanced_connections"}
MASK = "********"
SHOWN_VALUE = 60


class DriftError(ValueError):
    """A list module failed as a whole (not one element): there is nothing to classify for its service."""


def elements(plan: dict) -> dict:
    """The list modules' elements of an endpoint plan, set so that check mode predicts an update only for a difference:
    passwords are re-sent only on create (``update_password: always`` would always look like drift), and a field that
    only re-creation can change is predicted as a re-creation instead of refused."""
    return {"drs": [dict(element, update_password="on_create") for element in plan["drs"]],
            "eg": [dict(element, update_password="on_create", recreate=True) for element in plan["eg"]],
            "dli": [dict(element, recreate=True) for element in plan["dli"]]}


def _masked(change: dict) -> dict:
    if SECRET_KEY.search(str(change.get("field", "")).rsplit(".", 1)[-1]):
        return dict(change, before=None if change.get("before") is None else MASK, after=None if change.get("after") is None else MASK)
    return dict(change)


def _outcomes(outcome, service: str):
    """({name key: element result}, purged results) of one list module's registered result."""
    outcome = outcome or {}
    if outcome.get("skipped") or not outcome:
        return {}, []
    if not isinstance(outcome.get("results"), list):
        raise DriftError("%s: %s" % (MODULES[service], outcome.get("msg") or "no results"))
    key = NAME_KEYS[service]
    return {key(item.get("name")): item for item in outcome["results"]}, outcome.get("purged") or []


def _row(endpoint, service: str, connection: str, result) -> dict:
    if result is None:
        return {"endpoint": endpoint, "service": service, "connection": connection, "status": "error", "fields": [], "changes": [],
                "reason": "%s returned no result for it" % MODULES[service]}
    status = ACTION_STATUS.get(result.get("action"), "error")
    changes = [_masked(change) for change in result.get("changes") or []] if status == "drifted" else []
    reason = result.get("msg") if status == "error" else None
    return {"endpoint": endpoint, "service": service, "connection": connection, "status": status,
            "fields": [change["field"] for change in changes], "changes": changes, "reason": reason}


def results(entries: list, outcomes: dict, patterns: dict) -> list:
    """One row per endpoint and service (its DRS or EG connection, then its DLI connection), in entry order, then the
    unmanaged connections (``purged`` by a service that had a pattern in ``patterns``), by service and name."""
    by_service = {service: _outcomes(outcomes.get(service), service) for service in MODULES}
    rows = []
    for entry in entries:
        name = entry["name"]
        service = "drs" if entry.get("kind") == "mysql" else "eg"
        found = by_service[service][0]
        rows.append(_row(name, service, name, found.get(NAME_KEYS[service](name))))
        dli = entry.get("dli_connection")
        if isinstance(dli, dict) and dli.get("name"):
            rows.append(_row(name, "dli", dli["name"], by_service["dli"][0].get(NAME_KEYS["dli"](dli["name"]))))
    for service in MODULES:
        if not (patterns or {}).get(service):
            continue
        for item in sorted(by_service[service][1], key=lambda purged: str(purged.get("name"))):
            rows.append({"endpoint": None, "service": service, "connection": item.get("name"), "status": "unmanaged", "fields": [],
                         "changes": [], "reason": "exists, matches the %s pattern %s, and is not declared" % (service, patterns[service])})
    return rows


def summary(rows: list, unmanaged_checked: bool = True) -> dict:
    """How many rows have each status; ``unmanaged_checked`` is false in a sliced run (no pattern is applied there)."""
    counts = {"total": len(rows)}
    counts.update((status, sum(1 for row in rows if row["status"] == status)) for status in STATUSES)
    counts["unmanaged_checked"] = bool(unmanaged_checked)
    return counts


def _shown(value) -> str:
    if value is None:
        text = "(not set)"
    elif isinstance(value, str):
        text = "'%s'" % value
    else:
        text = json.dumps(value, sort_keys=True, default=str)
    return text if len(text) <= SHOWN_VALUE else text[:SHOWN_VALUE - 3] + "..."


def _details(row: dict) -> str:
    if row["status"] == "drifted":
        return "; ".join("%s: %s -> %s" % (change["field"], _shown(change["before"]), _shown(change["after"])) for change in row["changes"])
    return row["reason"] or ""


def table(rows: list, unmanaged_checked: bool = True) -> list:
    """One line per row (endpoint, service, connection, status, fields with both values or the reason), then the counts."""
    lines = report.table(["ENDPOINT", "SERVICE", "CONNECTION", "STATUS", "FIELDS"],
                         [[row["endpoint"] or "-", row["service"], row["connection"], row["status"], _details(row)] for row in rows])
    counts = summary(rows, unmanaged_checked)
    footer = "%d connections: %d in sync, %d drifted, %d missing, %d unmanaged, %d errors" % (
        counts["total"], counts["in_sync"], counts["drifted"], counts["missing"], counts["unmanaged"], counts["error"])
    return lines + [footer + ("" if unmanaged_checked else " (unmanaged not checked: a sliced run)")]


def junit(rows: list, suite: str = "hwcloud.connections.drift") -> str:
    """One test case per row; drifted (the fields as message), missing, unmanaged and error rows are failures."""
    return report.junit(suite, [{
        "classname": "%s.%s" % (suite, row["service"]), "name": "%s/%s" % (row["endpoint"] or "-", row["connection"]),
        "out": "%s connection %s: %s" % (row["service"], row["connection"], row["status"]),
        "failure": (_details(row) or "does not exist", row["status"]) if row["status"] in NOT_IN_SYNC else None,
    } for row in rows])


def failures(rows: list) -> list:
    """``endpoint (service connection): status[: fields]`` of every row that is not in sync."""
    found = []
    for row in rows:
        if row["status"] not in NOT_IN_SYNC:
            continue
        where = "%s (%s %s)" % (row["endpoint"], row["service"], row["connection"]) if row["endpoint"] else "%s %s" % (
            row["service"], row["connection"])
        detail = ", ".join(row["fields"]) if row["status"] == "drifted" else row["reason"] if row["status"] == "error" else ""
        found.append("%s: %s%s" % (where, row["status"], ": " + detail if detail else ""))
    return found
