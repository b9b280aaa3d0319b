# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Make ``ansible-test`` work without its one non-registry download (the pip bootstrap script)."""

from __future__ import annotations

import os
import shutil
import sys

from ansible_test._internal.python_requirements import get_venv_packages  # pylint: disable=import-error


class _Python:
    version = "%d.%d" % sys.version_info[:2]


def main() -> None:
    pip_version = get_venv_packages(_Python())["pip"]
    cache = os.path.expanduser("~/.ansible/test/cache/get_pip_%s.py" % pip_version.replace(".", "_"))
    if os.path.exists(cache):
        return
    os.makedirs(os.path.dirname(cache), exist_ok=True)
    shutil.copyfile(os.path.join(os.path.dirname(os.path.abspath(__file__)), "get_pip.py"), cache)
    print("installed offline pip bootstrap for ansible-test: %s" % cache)


if __name__ == "__main__":
    main()
