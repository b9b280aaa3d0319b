# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Markdown guides under docs/ stay the source; their docsite pages (docs/docsite/rst/) are made from them.

Usage: python tests/harness/md_to_rst.py --sync    rewrite the generated pages from the Markdown
       python tests/harness/md_to_rst.py --check   exit 1 naming every page that differs (make docs runs this)
Converts what the guides use (markdown-it-py, CommonMark + tables): headings, paragraphs, inline code, emphasis,
links, bullet and numbered lists, fenced code and tables. Anything else is refused with its line number.
"""

from __future__ import annotations

import argparse
import os
import re
import sys

from markdown_it import MarkdownIt

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Markdown source -> docsite page name (listed in docs/docsite/extra-docs.yml).
GUIDES = {"docs/awx.md": "guide_awx", "docs/credentials.md": "guide_credentials", "docs/inventory.md": "guide_inventory",
          "docs/rotation.md": "guide_rotation"}
UNDERLINES = {"h1": "=", "h2": "-", "h3": "^", "h4": '"'}
LABEL = ".. _ansible_collections.hwcloud.connections.docsite.%s:"
SPECIAL = re.compile(r"([\\`*_|])")


def escape(text: str) -> str:
    return SPECIAL.sub(r"\\\1", text)


def inline(token) -> str:
    """RST for an inline token's children."""
    out, link = [], None
    for child in token.children or []:
        if child.type == "text":
            part = escape(child.content)
        elif child.type == "code_inline":
            part = "``%s``" % child.content if "`" not in child.content else escape(child.content)
        elif child.type in ("strong_open", "strong_close"):
            part = "**"
        elif child.type in ("em_open", "em_close"):
            part = "*"
        elif child.type == "softbreak":
            part = " "
        elif child.type == "link_open":
            link, part = [child.attrs.get("href", "")], ""
            continue
        elif child.type == "link_close":
            href, text = link[0], "".join(link[1:])
            link = None
            part = "`%s <%s>`__" % (text.replace("``", ""), href) if href.startswith(("http://", "https://")) else text
        else:
            raise ValueError("unsupported inline Markdown: %s" % child.type)
        if link is not None:
            link.append(part)
        else:
            out.append(part)
    return "".join(out)


def table(tokens: list, start: int) -> tuple:
    rows, row, index = [], None, start
    while tokens[index].type != "table_close":
        kind = tokens[index].type
        if kind == "tr_open":
            row = []
        elif kind == "tr_close":
            rows.append(row)
        elif kind == "inline":
            row.append(inline(tokens[index]))
        index += 1
    lines = [".. list-table::", "   :header-rows: 1", ""]
    for cells in rows:
        lines.append("   * - " + (cells[0] or " "))
        lines += ["     - " + (cell or " ") for cell in cells[1:]]
    return lines + [""], index + 1


def convert(text: str, page: str) -> str:
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    lines = [".. Generated from the Markdown guide by tests/harness/md_to_rst.py --sync: edit the Markdown, not this page.",
             "", LABEL % page, ""]
    indent, bullets, index = "", [], 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            title = inline(tokens[index + 1])
            lines += [title, UNDERLINES[token.tag] * len(title), ""]
            index += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            bullets.append("* " if kind == "bullet_list_open" else "#. ")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            bullets.pop()
            lines.append("")
        elif kind == "list_item_open":
            indent = "   " * (len(bullets) - 1)
            lines.append(indent + bullets[-1] + "\0")
            indent += " " * len(bullets[-1])
        elif kind == "list_item_close":
            indent = "   " * (len(bullets) - 1)
        elif kind == "paragraph_open":
            body = inline(tokens[index + 1])
            if lines and lines[-1].endswith("\0"):
                lines[-1] = lines[-1][:-1] + body
            else:
                lines += [indent + body]
            if not bullets:
                lines.append("")
            index += 3
            continue
        elif kind == "fence":
            language = token.info.strip() or "text"
            lines += ["", indent + ".. code-block:: %s" % language, ""]
            lines += [(indent + "   " + line) if line else "" for line in token.content.rstrip("\n").split("\n")]
            lines.append("")
        elif kind == "table_open":
            rows, index = table(tokens, index)
            lines += rows
            continue
        else:
            raise ValueError("line %s: unsupported Markdown: %s" % ((token.map or ["?"])[0], kind))
        index += 1
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines).replace("\0", "")).strip() + "\n"


def pages() -> dict:
    """{generated page path: its text from the Markdown now}."""
    found = {}
    for source, page in GUIDES.items():
        with open(os.path.join(ROOT, source), encoding="utf-8") as handle:
            found[os.path.join(ROOT, "docs", "docsite", "rst", page + ".rst")] = convert(handle.read(), page)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sync", action="store_true", help="rewrite the generated pages")
    parser.add_argument("--check", action="store_true", help="fail when a generated page differs from its Markdown")
    args = parser.parse_args()
    stale = []
    for path, text in pages().items():
        current = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if current != text:
            if args.sync:
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(text)
            else:
                stale.append(os.path.relpath(path, ROOT))
    if stale:
        print("md_to_rst: %s not made from the current Markdown; run python tests/harness/md_to_rst.py --sync"
              % ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
