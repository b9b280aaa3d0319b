# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""List modules: many connections of one service in one task.

Each element goes through the singular module's :class:`reconcile.Resource` and :func:`reconcile.settle`, so the
rules are the same (compare only what is set, secrets never compared, duplicate-name adoption, lookup after an
ambiguous create, replace-only fields). What differs is around them: every element is validated before any API
call, the existing connections come from ONE listing of the service matched in memory, elements run side by side
(at most ``concurrency`` API calls at once), and creations are waited for together, one listing per poll.
"""

from __future__ import annotations

import re

from ansible_collections.hwcloud.connections.plugins.module_utils import reconcile as rc
from ansible_collections.hwcloud.connections.plugins.module_utils.concurrency import MAX_CONCURRENCY, map_bounded
from ansible_collections.hwcloud.connections.plugins.module_utils.errors import HuaweiCloudError, WaitTimeoutError
from ansible_collections.hwcloud.connections.plugins.module_utils.module import ValidationFailed
from ansible_collections.hwcloud.connections.plugins.module_utils.waiter import Waiter

ACTIONS = ("created", "updated", "deleted", "unchanged", "failed")


def list_argument_spec(element_options: dict, required_if: list = None) -> dict:
    """Options of a list module: ``connections`` (each element takes the singular module's options), purge, concurrency."""
    element = dict(element_options, name=dict(element_options["name"], required=True),
                   state=dict(type="str", choices=["present", "absent"], default="present"))
    return {
        "connections": dict(type="list", elements="dict", required=True, options=element, required_if=required_if or []),
        "purge": dict(type="bool", default=False),
        "purge_pattern": dict(type="str"),
        "concurrency": dict(type="int", default=8),
    }


class ElementModule:
    """What a Resource sees of the list module for one element: the element's options as ``params``."""

    def __init__(self, module, params: dict, index: int):
        self._module = module
        self.params = params
        self.index = index
        self.defer_wait = True  # the list module waits for all elements together

    @property
    def client(self):
        return self._module.client

    @property
    def check_mode(self) -> bool:
        return self._module.check_mode

    @property
    def diff_mode(self) -> bool:
        return self._module.diff_mode

    def warn(self, message: str) -> None:
        self._module.warn("connections[%d] (%s): %s" % (self.index, self.params.get("name"), message))


class Fleet:
    """The work of a list module for one service.

    ``resource_class`` is the singular module's Resource; ``list_all(api_module)`` returns every connection of
    the service; ``settled(connection)`` is the waiter status of one connection (True, None while pending, or
    the failure reason), None when the service never needs waiting. Names compare as ``resource_class.name_key``
    has them, in matching, the duplicate check and the purge alike.
    """

    def __init__(self, module, resource_class, list_all, settled=None, id_key: str = "id"):
        self.module = module
        self.resource_class = resource_class
        self.list_all = list_all
        self.settled = settled
        self.id_key = id_key

    # -- preparation (no API call) -----------------------------------------------------------------------

    def _element_params(self, index: int, element: dict) -> dict:
        params = dict(element, connection_id=None)
        for option in ("wait", "wait_timeout"):
            params[option] = self.module.params.get(option)
        return params

    def prepare(self) -> tuple:
        """([(resource, desired)], purge pattern) for every element; any invalid element fails before any call."""
        params = self.module.params
        errors, prepared, names = [], [], {}
        if not 1 <= params["concurrency"] <= MAX_CONCURRENCY:
            errors.append("concurrency: must be between 1 and %d" % MAX_CONCURRENCY)
        pattern = None
        if params["purge"]:
            if not params.get("purge_pattern"):
                errors.append("purge_pattern: required with purge=true (a regular expression that must match a whole name)")
            else:
                try:
                    pattern = re.compile(params["purge_pattern"])
                except re.error as exc:
                    errors.append("purge_pattern: not a valid regular expression (%s)" % exc)
        for index, element in enumerate(params["connections"]):
            where = "connections[%d]" % index
            key = self.resource_class.name_key(element["name"])
            if key in names:
                errors.append("%s.name: %r is also connections[%d].name; each connection may be listed once"
                              % (where, element["name"], names[key]))
                continue
            names[key] = index
            resource = self.resource_class(ElementModule(self.module, self._element_params(index, element), index))
            resource.prefix = where
            try:
                desired = resource.desired() if element["state"] == "present" else None
            except ValidationFailed as exc:
                errors.append(str(exc).replace("Invalid input: ", "", 1))
                continue
            prepared.append((resource, desired))
        if errors:
            raise ValidationFailed("Invalid input: " + "; ".join(errors))
        return prepared, pattern

    # -- the run -------------------------------------------------------------------------------------------

    def run(self) -> dict:
        prepared, pattern = self.prepare()
        self.module.client.project_id  # pylint: disable=pointless-statement  # authenticate once, before the workers
        rows = self.list_all(self.module)
        candidates = self._candidates(rows)
        wanted = {resource.key() for resource, _desired in prepared}
        purge = []
        if pattern is not None:
            owned = sorted((row for row in rows if isinstance(row.get("name"), str) and pattern.fullmatch(row["name"])
                            and self.resource_class.row_key(row) not in wanted), key=lambda row: row["name"])
            purge = [self._purge_item(row, len(prepared) + n) for n, row in enumerate(owned)]
            purge = [item for item in purge if item[0].matches(item[2][0])]  # e.g. DELETED DLI rows are already gone
        work = [(resource, desired, candidates(resource)) for resource, desired in prepared] + purge
        outcomes = map_bounded(self._settle, work, self.module.params["concurrency"])
        self._wait(outcomes)
        return self._result(outcomes[:len(prepared)], outcomes[len(prepared):])

    def _candidates(self, rows: list):
        """resource -> the rows it can match: those of its own key (Resource.row_key), and any row whose key cannot be
        a dictionary key (a server's odd name), which matches() then compares as before."""
        by_key, odd = {}, []
        for row in rows:
            key = self.resource_class.row_key(row)
            if isinstance(key, str):
                by_key.setdefault(key, []).append(row)
            else:
                odd.append(row)
        return lambda resource: by_key.get(resource.key(), []) + odd

    def _purge_item(self, row: dict, index: int) -> tuple:
        params = self._element_params(index, {"name": row["name"], "state": "absent"})
        resource = self.resource_class(ElementModule(self.module, params, index))
        return resource, None, [row]

    def _settle(self, item: tuple) -> dict:
        """One element: its current state from the listing, then the singular rules; an API error fails only it."""
        resource, desired, rows = item
        name = resource.module.params["name"]
        outcome = {"name": name, "action": "failed", "changed": False, resource.noun: None, "changes": [], "_resource": resource}
        try:
            current = rc.pick_one([resource.from_row(row) for row in rows if resource.matches(row)], resource.noun, name)
            if current is not None and desired is not None:  # what differs, also when the update is then refused
                outcome["changes"] = sorted(resource.changed_fields(current, desired), key=lambda change: change["field"])
            result, action = rc.settle(resource.module, resource, desired, current)
        except (HuaweiCloudError, ValidationFailed) as error:
            outcome.update(self._failure(error))
            return outcome
        outcome.update(result, action=action)
        return outcome

    @staticmethod
    def _failure(error) -> dict:
        failure = {"msg": error.message if isinstance(error, HuaweiCloudError) else str(error)}
        for key in ("error_code", "request_id"):
            value = getattr(error, key, None)
            if value:
                failure[key] = value
        return failure

    # -- waiting for all of them at once -------------------------------------------------------------------

    def _pending(self, outcomes: list) -> dict:
        """{connection id: outcome} of the connections still settling."""
        if self.settled is None or self.module.check_mode or not self.module.params.get("wait"):
            return {}
        pending = {}
        for outcome in outcomes:
            connection = outcome.get(outcome["_resource"].noun)
            if outcome["action"] != "failed" and connection and self.settled(connection) is not True:
                pending[connection.get(self.id_key)] = outcome
        return pending

    def _wait(self, outcomes: list) -> None:
        pending = self._pending(outcomes)
        if not pending:
            return

        def status(rows):
            by_id = {row.get(self.id_key): row for row in rows}
            for connection_id in list(pending):
                outcome = pending[connection_id]
                row = by_id.get(connection_id)
                state = self.settled(outcome["_resource"].from_row(row)) if row else "it disappeared while it was being created"
                if state is True:
                    outcome[outcome["_resource"].noun] = rc.strip(outcome["_resource"].from_row(row), outcome["_resource"].secret_paths)
                    del pending[connection_id]
                elif isinstance(state, str):
                    outcome.update(action="failed", msg="%s %s: %s" % (outcome["_resource"].noun, outcome["name"], state))
                    del pending[connection_id]
            return True if not pending else None

        timeout = self.module.params["wait_timeout"]
        try:
            Waiter(timeout).wait(lambda: self.list_all(self.module), status, "%d connections to settle" % len(pending))
        except WaitTimeoutError:
            for outcome in pending.values():
                outcome.update(action="failed", msg="Timed out after %ss waiting for %s %s to settle" % (
                    timeout, outcome["_resource"].noun, outcome["name"]))

    # -- the module result ---------------------------------------------------------------------------------

    def _result(self, outcomes: list, purged: list) -> dict:
        diffs = []
        for outcome in outcomes + purged:
            diff = outcome.pop("diff", None)
            resource = outcome.pop("_resource")
            if diff is not None and outcome["changed"]:
                header = "%s %s" % (resource.noun, outcome["name"])
                diffs.append(dict(diff, before_header=header, after_header=header))
        summary = {action: sum(1 for outcome in outcomes if outcome["action"] == action) for action in ACTIONS}
        summary["purged"] = sum(1 for outcome in purged if outcome["action"] == "deleted")
        result = {"changed": any(outcome["changed"] for outcome in outcomes + purged), "results": outcomes, "purged": purged,
                  "summary": summary}
        if self.module.diff_mode:
            result["diff"] = diffs
        failed = [(index, outcome) for index, outcome in enumerate(outcomes) if outcome["action"] == "failed"]
        failed += [("purge", outcome) for outcome in purged if outcome["action"] == "failed"]
        if failed:
            raise FleetFailed("%d of %d connections failed: %s" % (len(failed), len(outcomes) + len(purged), "; ".join(
                "%s %s: %s" % ("connections[%d]" % index if isinstance(index, int) else "purge of", outcome["name"], outcome["msg"])
                for index, outcome in failed)), result)
        return result


class FleetFailed(HuaweiCloudError):
    """Some elements failed; ``result`` holds every element's outcome."""

    def __init__(self, message: str, result: dict):
        super().__init__(message)
        self.result = result

    def to_result(self) -> dict:
        return dict(self.result, msg=self.message)
