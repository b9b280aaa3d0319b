# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Command line: PYTHONPATH=emulator python -m hwcloud_emulator [--port 0] [--host 127.0.0.1] [--config F]
[--state-file F] [--example-jobs]. Standard library only (PyYAML only for a .yml config file)."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading

from .config import load_config
from .server import EmulatorServer


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command line options; unset ones fall back to env vars, the config file and defaults."""
    parser = argparse.ArgumentParser(prog="hwcloud_emulator", description="Local Huawei Cloud API emulator (loopback only).")
    parser.add_argument("--port", type=int, default=None, help="port to bind, 0 picks a free one (default 0)")
    parser.add_argument("--host", default=None, help="loopback address to bind (default 127.0.0.1)")
    parser.add_argument("--config", default=None, help="JSON or YAML config file merged over the defaults")
    parser.add_argument("--state-file", default=None, help="persist state to this file (written 0600)")
    parser.add_argument("--example-jobs", action="store_true", default=None,
                        help="seed the DRS jobs the collection's documentation uses (example-orders-sync, orders-to-kafka, "
                             "orders-migration), all in CONFIGURATION")
    parser.add_argument("--log-level", default="INFO", help="logging level for the access log on stderr")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run in the foreground until SIGTERM or SIGINT."""
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), stream=sys.stderr, format="%(asctime)s %(name)s %(message)s")
    config = load_config(path=args.config)
    if args.example_jobs:
        config["drs"]["example_jobs"] = True
    try:
        server = EmulatorServer(full_config=config, port=args.port, host=args.host, state_file=args.state_file)
    except ValueError as exc:
        print("hwcloud-emulator: %s" % exc, file=sys.stderr)
        return 2
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())
    server.start()
    print("hwcloud-emulator listening on %s" % server.base_url, flush=True)
    try:
        while not stopping.wait(0.5):
            pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
