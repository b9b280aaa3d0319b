# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One reconcile algorithm for every resource module: look up, compare, plan once, apply, report.

A module describes its resource by subclassing :class:`Resource`; :func:`reconcile` decides what changes,
honours check mode (the plan is computed, no write call is made) and builds ``diff`` with secrets masked.
"""

from __future__ import annotations

import abc
import copy
import json

from ansible_collections.hwcloud.connections.plugins.module_utils.errors import AmbiguousRequestError, HuaweiCloudError

MASK = "********"


def prune(value):
    """Drop ``None`` recursively: an option the user did not set is not part of the desired state."""
    if isinstance(value, dict):
        return {k: prune(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [prune(v) for v in value]
    return value


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _same_scalar(want, have) -> bool:
    if isinstance(want, bool) or isinstance(have, bool):
        return want is have or (want == have and type(want) is type(have))
    if isinstance(want, (int, float)) or isinstance(have, (int, float)):
        return str(want) == str(have)  # e.g. DRS returns db_port as a string
    return want == have


def differences(desired, current, set_paths=(), ignore=(), path: str = "") -> list:
    """Dotted paths where ``current`` differs from what the user set in ``desired``.

    Keys absent from ``desired`` are not compared; lists at ``set_paths`` are compared as sets;
    ``ignore`` lists paths never compared (secrets the API does not return).
    """
    if path in ignore:
        return []
    if isinstance(desired, dict):
        current = current if isinstance(current, dict) else {}
        found = []
        for key, want in desired.items():
            found.extend(differences(want, current.get(key), set_paths, ignore, "%s.%s" % (path, key) if path else key))
        return found
    if isinstance(desired, list):
        current = current if isinstance(current, list) else []
        if path in set_paths:
            same = sorted(map(_canonical, desired)) == sorted(map(_canonical, current))
        else:
            same = len(desired) == len(current) and not any(differences(w, h, (), ()) for w, h in zip(desired, current))
        return [] if same else [path]
    return [] if _same_scalar(desired, current) else [path]


def value_at(value, path: str):
    """The value at a dotted path of nested dicts, None where it is missing."""
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def value_changes(desired, current, set_paths=(), ignore=()) -> list:
    """``[{field, before, after}]`` for each path :func:`differences` finds: what an update would change, and from what."""
    return [{"field": path, "before": value_at(current, path), "after": value_at(desired, path)}
            for path in differences(desired, current, set_paths, ignore)]


def _walk(value, paths, replace, path=""):
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            child = "%s.%s" % (path, key) if path else key
            if child in paths:
                if replace is not None and item is not None:
                    out[key] = replace
                continue
            out[key] = _walk(item, paths, replace, child)
        return out
    if isinstance(value, list):
        return [_walk(item, paths, replace, path) for item in value]
    return value


def mask(value, secret_paths):
    """Copy of ``value`` with every secret replaced by ``********`` (for diff output)."""
    return _walk(value, set(secret_paths), MASK)


def _resent(before, after, secret_paths, path=""):
    """``before`` with ``********`` wherever ``after`` shows a secret that ``before`` lacks: the API never returns
    secrets, so one the update only re-sends must not show as added."""
    if not (isinstance(before, dict) and isinstance(after, dict)):
        return before
    out = dict(before)
    for key, item in after.items():
        child = "%s.%s" % (path, key) if path else key
        if child in secret_paths and item == MASK and key not in before:
            out[key] = MASK
        elif key in before:
            out[key] = _resent(before[key], item, secret_paths, child)
    return out


def masked_diff(current, after, secret_paths) -> dict:
    """``diff`` of a change: secrets masked, and a secret present on both sides of an update shown as unchanged."""
    before = mask(current, secret_paths) if current else {}
    masked_after = mask(after, secret_paths) if after else {}
    return {"before": _resent(before, masked_after, set(secret_paths)) if current else before, "after": masked_after}


def listed(items) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = [str(item) for item in items]
    return " and ".join(filter(None, [", ".join(items[:-1]), items[-1] if items else ""]))


def what_differs(paths) -> str:
    """``description differs``, ``subnet_id and kafka_detail.acks differ``: the fields an update or a refusal is about."""
    return "%s %s" % (listed(paths), "differs" if len(paths) == 1 else "differ")


def strip(value, secret_paths):
    """Copy of ``value`` without secrets (for returned results)."""
    return _walk(value, set(secret_paths), None)


def merge(current, desired):
    """Predicted state: ``desired`` laid over ``current``."""
    result = copy.deepcopy(current) if isinstance(current, dict) else {}
    for key, value in (desired or {}).items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def pick_one(matches: list, noun: str, name: str, id_key: str = "id", id_option: str = "connection_id"):
    """The single match, None when nothing matched; several matches are an error listing their ids."""
    if len(matches) > 1:
        ids = ", ".join(str(m.get(id_key)) for m in matches)
        raise HuaweiCloudError("%d %ss are named %r (ids: %s); set %s to pick one" % (len(matches), noun, name, ids, id_option))
    return matches[0] if matches else None


class Action:
    """One write call (or a short sequence) of a plan; ``apply`` may return the resource it produced."""

    def __init__(self, name: str, apply):
        self.name = name
        self.apply = apply


class Resource(abc.ABC):
    """What a module says about its resource. Override the hooks; see drs_connection for a small example."""

    noun = "connection"
    secret_paths = ()
    # Where validation errors point: "" for a module's own options, "connections[3]" for an element of a list module.
    prefix = ""

    def __init__(self, module):
        self.module = module

    @property
    def client(self):
        return self.module.client

    @abc.abstractmethod
    def desired(self) -> dict:
        """Validated desired state in API field names, only what the user set. Runs before any API call."""

    @abc.abstractmethod
    def lookup(self):
        """The existing resource (by id, else by name) or None."""

    name_field = "name"  # the option and the listing field that hold a resource's name

    @staticmethod
    def name_key(name):
        """A name as this service compares names (the identity; DRS ignores case). Matching, a list module's
        duplicate check and its purge all compare through it."""
        return name

    @classmethod
    def row_key(cls, row: dict):
        """The name of a listing row as :meth:`matches` compares it: a row whose key is not :meth:`key` never matches,
        so a list module gives each element only the rows of its own key (one pass over the listing, not one per
        element)."""
        return cls.name_key(row.get(cls.name_field))

    def key(self):
        """This resource's name as :meth:`row_key` gives a row's."""
        return self.name_key(self.module.params.get(self.name_field))

    def matches(self, row: dict) -> bool:
        """Whether a row of the service's full listing is this resource (list modules match in memory)."""
        return self.row_key(row) == self.key()

    def from_row(self, row: dict) -> dict:
        """A listing row as :meth:`lookup` would return it."""
        return row

    @abc.abstractmethod
    def create(self, desired: dict):
        """Create the resource; return it (or enough of it for :meth:`read`)."""

    @abc.abstractmethod
    def delete(self, current: dict) -> None:
        """Delete the resource."""

    def plan_update(self, current: dict, desired: dict) -> list:
        """Actions that bring ``current`` to ``desired``; [] when nothing differs."""
        return []

    def changed_fields(self, current: dict, desired: dict) -> list:
        """The fields the user set that differ from ``current``, compared as :meth:`plan_update` compares them, as
        :func:`value_changes` (never a secret: the API does not return them, so they are not compared)."""
        return value_changes(desired, current, ignore=self.secret_paths)

    def predict(self, current, desired: dict) -> dict:
        return merge(current, desired)

    def read(self, handle: dict, desired: dict) -> dict:
        """State after the writes; ``handle`` is what the last write returned, or the resource before the change."""
        return self.lookup()

    def wait(self, resource: dict) -> dict:
        return resource

    def is_duplicate(self, error: HuaweiCloudError) -> bool:
        return False

    def updates_after_race(self, current: dict, desired: dict) -> list:
        return self.plan_update(current, desired)


def _adopt(resource: Resource, found: dict, desired: dict):
    """Bring a resource created by someone else (or by a lost answer) to the desired state."""
    actions = resource.updates_after_race(found, desired)
    handle = found
    for action in actions:
        handle = action.apply() or handle
    return handle, bool(actions)


def _create(resource: Resource, desired: dict, attempts: int = 3):
    """Create; if a parallel run won the race (duplicate name) or the answer was lost, adopt what exists.

    After an ambiguous failure (timeout, 5xx) the create is only re-sent once a lookup shows it was not applied, and
    a resource found then counts as this run's change.
    """
    attempt = 0
    while True:
        attempt += 1
        try:
            return resource.create(desired), True
        except HuaweiCloudError as error:
            ambiguous = isinstance(error, AmbiguousRequestError)
            if not (ambiguous or resource.is_duplicate(error)):
                raise
            found = resource.lookup()
            if found is not None:
                handle, updated = _adopt(resource, found, desired)
                # After a lost answer, what is there now was most likely made by this create: it took effect.
                return handle, updated or ambiguous
            if not ambiguous or attempt >= attempts:
                raise


def settle(module, resource: Resource, desired, current) -> tuple:
    """Bring ``current`` (looked up already) to ``desired`` (validated already; None for state=absent).

    Returns ``(result, action)``: the module result (the resource under its noun) and what was done, one of
    ``created``, ``updated``, ``deleted`` or ``unchanged`` (the prediction in check mode).
    """
    if desired is None:
        plan = [Action("delete", lambda: resource.delete(current))] if current else []
        after, action = None, "deleted" if current else "unchanged"
    elif current is None:
        plan, action = [Action("create", None)], "created"
        after = resource.predict(None, desired)
    else:
        plan = resource.plan_update(current, desired)
        after = resource.predict(current, desired) if plan else current
        action = "updated" if plan else "unchanged"
    changed = bool(plan)
    # A list module waits for all its elements together (one listing per poll), not one by one.
    wait = (lambda found: found) if getattr(module, "defer_wait", False) else resource.wait
    if not module.check_mode:
        if desired is not None and current is None:
            handle, changed = _create(resource, desired)
            action = "created" if changed else "unchanged"
            after = wait(resource.read(handle, desired))
        elif desired is not None and plan:
            handle = current
            for action_step in plan:
                handle = action_step.apply() or handle
            after = wait(resource.read(handle, desired))
        elif desired is not None:
            after = wait(current)
        else:
            for action_step in plan:
                action_step.apply()
    result = {"changed": changed, resource.noun: strip(after, resource.secret_paths) if after else None}
    if module.diff_mode:
        result["diff"] = masked_diff(current, after, resource.secret_paths)
    return result, action


def reconcile(module, resource: Resource) -> dict:
    """Run the plan for ``state`` and return the module result (the resource under its noun)."""
    desired = resource.desired() if module.params.get("state", "present") == "present" else None
    return settle(module, resource, desired, resource.lookup())[0]
