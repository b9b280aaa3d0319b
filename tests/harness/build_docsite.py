# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""`make docs`: the collection's HTML docsite (antsibull-docs + Sphinx), built offline.

Usage: python tests/harness/build_docsite.py DEST   (the collection must be on ANSIBLE_COLLECTIONS_PATH)
Writes DEST/build/html/index.html. antsibull-docs sphinx-init's conf.py maps intersphinx to inventories on
docs.python.org and docs.ansible.com; here intersphinx reads a local inventory holding only the two labels the
generated pages use, so Sphinx never fetches anything and still links them to the Ansible docs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zlib

BIN = os.path.dirname(sys.executable)
ANSIBLE_DOCS = "https://docs.ansible.com/projects/ansible/devel/"
# label, page (relative to ANSIBLE_DOCS), title: what module and environment-variable pages refer to.
LABELS = [
    ("common_return_values", "reference_appendices/common_return_values.html", "Return Values"),
    ("ansible_configuration_settings", "reference_appendices/config.html", "Ansible Configuration Settings"),
]
# ansible-core's own environment variables the generated pages refer to (the inventory cache options of an inventory
# plugin): Sphinx resolves them to the Ansible configuration page.
ENVVARS = ["ANSIBLE_CACHE_PLUGIN", "ANSIBLE_CACHE_PLUGIN_CONNECTION", "ANSIBLE_CACHE_PLUGIN_PREFIX", "ANSIBLE_CACHE_PLUGIN_TIMEOUT"]
OFFLINE_CONF = """
# Offline (tests/harness/build_docsite.py): intersphinx reads the local inventory only, never the network.
intersphinx_mapping = {'ansible_devel': (%r, '../ansible_devel.inv')}
intersphinx_timeout = 1
"""


def write_inventory(path: str) -> None:
    """A Sphinx objects.inv (version 2) for LABELS and ENVVARS."""
    body = "".join("%s std:label -1 %s#$ %s\n" % (label, page, title) for label, page, title in LABELS)
    body += "".join("%s std:envvar -1 reference_appendices/config.html#envvar-$ -\n" % name for name in ENVVARS)
    with open(path, "wb") as handle:
        handle.write(b"# Sphinx inventory version 2\n# Project: Ansible\n# Version: devel\n"
                     b"# The remainder of this file is compressed using zlib.\n")
        handle.write(zlib.compress(body.encode("utf-8")))


def run(args: list, cwd: str) -> None:
    print("$ " + " ".join(args), flush=True)
    subprocess.run(args, cwd=cwd, check=True)


def main() -> None:
    dest = os.path.abspath(sys.argv[1])
    # The Markdown guides (docs/*.md) are the source of their docsite pages: a page that lags behind fails the build.
    run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "md_to_rst.py"), "--check"], os.getcwd())
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest, mode=0o700)
    run([os.path.join(BIN, "antsibull-docs"), "sphinx-init", "--use-current", "--squash-hierarchy", "--fail-on-error",
         "--no-add-antsibull-docs-version", "--project", "hwcloud.connections", "--copyright", "hwcloud.connections contributors",
         "--title", "hwcloud.connections", "--html-short-title", "hwcloud.connections", "--dest-dir", dest,
         "hwcloud.connections"], dest)
    write_inventory(os.path.join(dest, "ansible_devel.inv"))
    with open(os.path.join(dest, "conf.py"), "a", encoding="utf-8") as handle:
        handle.write(OFFLINE_CONF % ANSIBLE_DOCS)
    rst = os.path.join(dest, "rst")
    os.makedirs(rst, exist_ok=True)
    os.chmod(rst, 0o755)
    run([os.path.join(BIN, "antsibull-docs"), "--config-file", "antsibull-docs.cfg", "collection", "--cleanup", "everything",
         "--fail-on-error", "--use-current", "--squash-hierarchy", "--dest-dir", rst, "hwcloud.connections"], dest)
    run([os.path.join(BIN, "sphinx-build"), "-M", "html", rst, os.path.join(dest, "build"), "-c", dest, "-W", "--keep-going", "-q"], dest)
    print("docsite: %s" % os.path.join(dest, "build", "html", "index.html"))


if __name__ == "__main__":
    main()
