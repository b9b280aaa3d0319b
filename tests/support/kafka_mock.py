# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Serve a one-broker librdkafka mock cluster on 127.0.0.1 until stdin closes.

Run as ``python kafka_mock.py``: prints the bootstrap servers (``127.0.0.1:PORT``) as the first
line of stdout. The cluster lives inside this process's Producer, so the broker stops as soon as
the process exits; reading stdin to EOF makes it exit when its parent goes away.
"""

from __future__ import annotations

import sys

from confluent_kafka import Producer


def main() -> int:
    """Start the mock cluster, announce it, and serve until stdin reaches EOF."""
    # Silence librdkafka: probes send it TLS and SASL traffic on purpose, which it logs as
    # protocol errors. Python errors (e.g. a failed import) still reach stderr.
    producer = Producer({"test.mock.num.brokers": 1, "log_level": 0})
    metadata = producer.list_topics(timeout=10)
    brokers = ",".join(f"{broker.host}:{broker.port}" for broker in metadata.brokers.values())
    print(brokers, flush=True)
    sys.stdin.read()
    return 0


if __name__ == "__main__":
    sys.exit(main())
