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
