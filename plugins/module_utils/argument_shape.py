# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Input whose shape ansible-core cannot handle: a dict option (with sub-options) given a non-mapping.

ansible-core raises a TypeError on such a value (an int) or fails without naming the option (a list), so the
module wrapper checks shapes first and fails with a message naming the option.
"""

from __future__ import annotations


def shape_errors(spec: dict, params, prefix: str = "") -> list:
    """Options of type dict (with sub-options) given something that is not a mapping, anywhere in ``params``.

    Only option names and value types are reported, never values.
    """
    errors = []
    for name, option in spec.items():
        value = params.get(name) if isinstance(params, dict) else None
        if value is None or not option.get("options"):
            continue
        where = prefix + name
        if option.get("type") == "dict":
            if not isinstance(value, (dict, str)):
                errors.append("%s must be a dictionary, not %s" % (where, type(value).__name__))
            elif isinstance(value, dict):
                errors.extend(shape_errors(option["options"], value, where + "."))
        elif option.get("type") == "list" and isinstance(value, list):
            for index, item in enumerate(value):
                if not isinstance(item, dict):
                    errors.append("%s[%d] must be a dictionary, not %s" % (where, index, type(item).__name__))
                else:
                    errors.extend(shape_errors(option["options"], item, "%s[%d]." % (where, index)))
    return errors


def _has_mapping(value) -> bool:
    if isinstance(value, dict):
        return True
    return isinstance(value, (list, tuple)) and any(_has_mapping(item) for item in value)


def lenient_spec(spec: dict, params_list: list) -> dict:
    """``spec`` with each malformed option turned into a raw one, so AnsibleModule accepts the input long enough to
    fail with a message naming it. ``params_list`` holds every mapping the spec applies to (one per list element).
    Siblings keep their no_log; a raw value holding a mapping (it may carry secret sub-options) is kept out of logs."""
    lenient = {}
    for name, option in spec.items():
        values = [params.get(name) for params in params_list if params.get(name) is not None]
        if not values or not option.get("options") or not any(shape_errors({name: option}, {name: v}) for v in values):
            lenient[name] = option
            continue
        if option.get("type") == "dict" and all(isinstance(v, dict) for v in values):
            nested = values
        elif option.get("type") == "list" and all(isinstance(v, list) and all(isinstance(i, dict) for i in v) for v in values):
            nested = [item for v in values for item in v]
        else:
            lenient[name] = {"type": "raw", "no_log": any(_has_mapping(v) for v in values)}
            continue
        lenient[name] = dict(option, options=lenient_spec(option["options"], nested))
    return lenient


_RULES = ("mutually_exclusive", "required_together", "required_one_of", "required_if", "required_by")


def element_errors(spec: dict, params) -> list:
    """Each element of a top-level list option with sub-options checked on its own, so that a message names the
    element: ``connections[3]: value of db_type must be one of ...`` (ansible-core only says "found in connections")."""
    from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
    from ansible.module_utils.errors import UnsupportedError

    errors = []
    for name, option in spec.items():
        value = params.get(name) if isinstance(params, dict) else None
        if option.get("type") != "list" or not option.get("options") or not isinstance(value, list):
            continue
        validator = ArgumentSpecValidator(option["options"], **{rule: option[rule] for rule in _RULES if option.get(rule)})
        for index, item in enumerate(value):
            if isinstance(item, dict):
                errors.extend("%s[%d]: %s%s" % (name, index, "unsupported parameter " if isinstance(error, UnsupportedError) else "",
                                                error.msg) for error in validator.validate(dict(item)).errors)
    return errors


def secret_values(spec: dict, params) -> set:
    """Values of every no_log option anywhere in ``params`` (to mask them while the spec itself is relaxed)."""
    found = set()
    for name, option in spec.items():
        value = params.get(name) if isinstance(params, dict) else None
        if value is None:
            continue
        if option.get("no_log") and isinstance(value, (str, int, float)):
            found.add(str(value))
        if option.get("options"):
            for item in value if isinstance(value, list) else [value]:
                found |= secret_values(option["options"], item)
    return found


# What Ansible's masking prints in place of an argument that is a no_log value.
NO_LOG_PLACEHOLDER = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"


def masked_arguments(spec: dict, params):
    """``params`` as Ansible's masking prints them in a result's ``invocation``: the value of every no_log option
    (under its name or an alias, at any depth) replaced by Ansible's placeholder. Anything else is left as it is."""
    if not isinstance(params, dict):
        return params
    masked = dict(params)
    for name, option in spec.items():
        for key in [name] + list(option.get("aliases") or []):
            value = masked.get(key)
            if value is None:
                continue
            if option.get("no_log") and isinstance(value, (str, int, float)) and not isinstance(value, bool):
                masked[key] = NO_LOG_PLACEHOLDER
            elif option.get("options"):
                masked[key] = ([masked_arguments(option["options"], item) for item in value] if isinstance(value, list)
                               else masked_arguments(option["options"], value))
    return masked


def without_element_rules(spec: dict) -> dict:
    """``spec`` with the top-level lists of sub-options taken as plain lists (so a lenient module can report)."""
    return {name: ({"type": "list", "elements": "raw", "no_log": False} if option.get("type") == "list" and option.get("options")
                   else option) for name, option in spec.items()}
