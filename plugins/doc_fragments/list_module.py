# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Options every list module has, and how the service fragments document ``connections`` from the singular
module's options (one text, two places: top-level options of the singular module, suboptions of the list module)."""

from __future__ import annotations

import re

_TOP_LEVEL = re.compile(r"^([a-z_]+):\s*$", re.MULTILINE)
_REFERENCE = re.compile(r"O\(([a-z_]+)")
_NAME_TYPE = re.compile(r"(^name:\n(?:  .*\n)*?  type: str\n)", re.MULTILINE)


def _indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "".join(pad + line if line.strip() else line for line in text.splitlines(True))


def _dedent(text: str, spaces: int) -> str:
    return "".join(line[spaces:] if line.startswith(" " * spaces) else line for line in text.splitlines(True))


def list_options(documentation: str, noun: str, singular: str) -> str:
    """A service fragment's ``DOCUMENTATION`` (the singular module's top-level options) as the suboptions of a list
    module's ``connections``; references to those options get ``connections[].``."""
    options = _dedent(documentation.split("options:\n", 1)[1], 2)
    names = set(_TOP_LEVEL.findall(options)) | {"state"}
    options = _NAME_TYPE.sub(r"\1  required: true\n", options, count=1)  # elements are matched by name
    element = _REFERENCE.sub(lambda match: "O(connections[]." + match.group(1) if match.group(1) in names else match.group(0),
                             STATE + options)
    return """options:
  connections:
    description:
      - The %(noun)ss to declare, in the order their results are returned. Each element takes the options of
        M(hwcloud.connections.%(singular)s) (except C(connection_id)) and follows its rules; elements are matched by
        O(connections[].name) against one listing of every %(noun)s of the project.
      - Each name may appear once. Invalid input in any element fails the task before any API call, naming the element,
        for example C(connections[3].name).
    type: list
    elements: dict
    required: true
    suboptions:
""" % {"noun": noun, "singular": singular} + _indent(element, 6)


STATE = """state:
  description: Whether the connection should exist.
  type: str
  choices: [present, absent]
  default: present
"""


class ModuleDocFragment:
    DOCUMENTATION = r"""
options:
  purge:
    description:
      - Delete existing connections of the service whose name matches O(purge_pattern) and that are not listed in
        O(connections). Nothing whose name does not match O(purge_pattern) is ever touched.
      - In check mode the deletions are predicted (RV(purged)) and none is made.
    type: bool
    default: false
  purge_pattern:
    description:
      - Regular expression (Python syntax) that must match a whole connection name for O(purge) to delete it,
        for example V(team-a-.*).
      - Required with O(purge=true).
    type: str
  concurrency:
    description:
      - How many API calls run at the same time, 1 to 32. Each element's calls run in order; elements run side by side.
    type: int
    default: 8
notes:
  - The existing connections are read with one listing of the service (all its pages) and matched in memory, so a run
    where nothing changes costs only that listing, whatever the number of elements.
  - An API failure of one element does not stop the others; the task then fails, listing every failed element, and
    RV(results) still reports every element.
"""
