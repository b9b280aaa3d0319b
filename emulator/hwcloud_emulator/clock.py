# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time helpers shared by the services (wall clock, so state files survive restarts)."""

from __future__ import annotations

import time
from datetime import datetime, timezone


def now() -> float:
    """Epoch seconds."""
    return time.time()


def epoch_ms(epoch: float) -> int:
    """Epoch seconds as integer milliseconds (DRS and DLI timestamps)."""
    return int(epoch * 1000)


def iso_z(epoch: float) -> str:
    """ISO-8601 UTC to the second with a Z suffix (DRS v5 job times)."""
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def plain_utc(epoch: float) -> str:
    """'YYYY-MM-DD hh:mm:ss' UTC (DRS v3 job list, EG connection times)."""
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
