# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The commands the README and the example vars headers print, read from those files (so the docs cannot drift).

README.md: every ```console block is preceded by a marker comment on the line before its fence:
  <!-- replay: install -->      installation steps: run first in every replay
  <!-- replay -->               run in order (a command ending in `&` runs in the background, like a second terminal)
  <!-- replay: vars-header -->  the same commands as a vars file's header (checked equal), replayed from there
  <!-- no-replay: REASON -->    not run, for the reason given (a real account, a source checkout, ...)
and a ```yaml block preceded by <!-- replay: save FILE --> is the file a user saves under that name.
A vars file's header: the comment lines indented by three spaces after '#' ("#   command"), `\\` continues a line.
"""

from __future__ import annotations

import dataclasses
import re

MARKER = re.compile(r"^<!--\s*(replay|no-replay)(?::\s*(.*?))?\s*-->\s*$")
FENCE = re.compile(r"^```(\w*)\s*$")


@dataclasses.dataclass
class Block:
    kind: str          # install | replay | vars-header | no-replay | save
    argument: str      # the reason, or the file name of a save block
    language: str
    text: str
    line: int

    def commands(self) -> list:
        """The `$ ` lines of a console block, continuation lines joined."""
        return joined(self.text)


def joined(text: str) -> list:
    """Commands from console text: a line starting with `$ ` and the lines its trailing `\\` continues."""
    commands, current = [], None
    for line in text.splitlines():
        if current is None and not line.startswith("$ "):
            continue
        part = line[2:] if current is None else line
        current = part if current is None else current + "\n" + part
        if not current.endswith("\\"):
            commands.append(current)
            current = None
    return commands


def readme_blocks(text: str) -> tuple:
    """(blocks, problems): the marked blocks, and every console block without a marker."""
    blocks, problems = [], []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        fence = FENCE.match(lines[index])
        if not fence:
            index += 1
            continue
        end = next(i for i in range(index + 1, len(lines)) if lines[i].startswith("```"))
        language, body = fence.group(1), "\n".join(lines[index + 1:end])
        marker = MARKER.match(lines[index - 1]) if index else None
        if marker:
            name, argument = marker.group(1), (marker.group(2) or "").strip()
            if name == "no-replay":
                kind = "no-replay"
            elif argument.startswith("save "):
                kind, argument = "save", argument[5:].strip()
            else:
                kind = argument or "replay"
            blocks.append(Block(kind, argument, language, body, index + 1))
        elif language == "console":
            problems.append("README.md line %d: a console block without a replay or no-replay marker" % (index + 1))
        index = end + 1
    return blocks, problems


def header_commands(text: str) -> list:
    """The commands of a vars file's header comment."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if lines or line.strip() not in ("", "---"):
                break
            continue
        if line.startswith("#   "):
            lines.append("$ " + line[4:] if not (lines and lines[-1].endswith("\\")) else line[4:])
    return joined("\n".join(lines))
