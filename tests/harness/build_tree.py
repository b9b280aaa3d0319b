# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mirror the collection into <dest>/ansible_collections/hwcloud/connections (what ansible-test needs).

Usage: python tests/harness/build_tree.py SRC DEST
Only files that changed are copied and files gone from SRC are removed, so re-runs are cheap.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import sys

SKIP_DIRS = {".git", ".venv", "build", "__pycache__", ".pytest_cache", ".hypothesis", ".ansible", "output", ".cache"}
SKIP_SUFFIXES = (".pyc", ".tar.gz")


def wanted(src: str) -> set:
    files = set()
    for root, dirs, names in os.walk(src):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith(".venv"))
        for name in names:
            if not name.endswith(SKIP_SUFFIXES):
                files.add(os.path.relpath(os.path.join(root, name), src))
    return files


def mirror(src: str, dest: str) -> None:
    files = wanted(src)
    for rel in sorted(files):
        source, target = os.path.join(src, rel), os.path.join(dest, rel)
        if os.path.exists(target) and filecmp.cmp(source, target, shallow=False):
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(source, target)
    for root, dirs, names in os.walk(dest):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and d != ".git"]
        for name in names:
            rel = os.path.relpath(os.path.join(root, name), dest)
            if rel not in files and not name.endswith(SKIP_SUFFIXES):
                os.unlink(os.path.join(root, name))


def main() -> None:
    src, dest_root = sys.argv[1], sys.argv[2]
    mirror(os.path.abspath(src), os.path.join(os.path.abspath(dest_root), "ansible_collections", "hwcloud", "connections"))


if __name__ == "__main__":
    main()
