# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Start the integration stack (emulator, MariaDB, Kafka broker on 127.0.0.1), write integration_config.yml, wait.

Usage, from the collection's directory in ansible_collections/hwcloud/connections (make tree builds one):
    python tests/integration/integration_stack.py [--config tests/integration/integration_config.yml]
then, in another terminal, the conventional way:
    ansible-test integration --python 3.13 drs_job_info        # or any target, or none for all of them
Stops everything on Ctrl-C / SIGTERM and removes the file it wrote (it holds the stack's passwords).
Needs the development requirements (MariaDB, pymysql, confluent-kafka), see CONTRIBUTING.md.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from stack import ROOT, running_stack, write_integration_config  # noqa: E402  pylint: disable=wrong-import-position,import-error


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=os.path.join(ROOT, "tests", "integration", "integration_config.yml"),
                        help="where to write the targets' settings (default: where ansible-test reads them)")
    args = parser.parse_args()
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())
    with running_stack() as stack:
        path = write_integration_config(stack, args.config)
        print("integration stack ready: emulator %s; settings in %s" % (stack.url, path), flush=True)
        try:
            while not stopping.wait(0.5):
                pass
        finally:
            os.unlink(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
