# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark helper (not part of the collection's plugins): wall time of every task, written as JSON.

Enabled by bench/run.py with ANSIBLE_CALLBACK_PLUGINS=bench/callback_plugins, ANSIBLE_CALLBACKS_ENABLED=bench_timer
and BENCH_TIMER_OUTPUT=<file>. For each task: name, start and end (time.monotonic of the controller), item count,
and how many results were ok, changed, failed or skipped.
"""

from __future__ import annotations

import json
import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = r"""
name: bench_timer
type: aggregate
short_description: Record the wall time of every task (benchmarks only)
description:
  - Writes one JSON document with the start, end and outcome counts of every task to C(BENCH_TIMER_OUTPUT).
requirements:
  - enable in ansible.cfg or with ANSIBLE_CALLBACKS_ENABLED
"""


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "bench_timer"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        self.tasks = []
        self.current = None

    def _close(self):
        if self.current is not None and self.current.get("end") is None:
            self.current["end"] = time.monotonic()

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._close()
        self.current = {"name": task.get_name(), "start": time.monotonic(), "end": None,
                        "items": 0, "item_ends": [], "ok": 0, "changed": 0, "failed": 0, "skipped": 0}
        self.tasks.append(self.current)

    def _count(self, result, outcome):
        if self.current is None:
            return
        self.current["end"] = time.monotonic()
        self.current[outcome] += 1
        if result._result.get("changed"):  # pylint: disable=protected-access
            self.current["changed"] += 1

    def _item(self, result, outcome):
        if self.current is not None:
            self.current["items"] += 1
            self.current["item_ends"].append(time.monotonic())
        self._count(result, outcome)

    def v2_runner_item_on_ok(self, result):
        self._item(result, "ok")

    def v2_runner_item_on_failed(self, result):
        self._item(result, "failed")

    def v2_runner_item_on_skipped(self, result):
        self._item(result, "skipped")

    def _task_result(self, result, outcome):
        if "results" in result._result and self.current is not None:  # pylint: disable=protected-access
            self.current["end"] = time.monotonic()  # the loop's summary: its items were counted already
        else:
            self._count(result, outcome)

    def v2_runner_on_ok(self, result):
        self._task_result(result, "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._task_result(result, "failed")

    def v2_runner_on_skipped(self, result):
        self._task_result(result, "skipped")

    def v2_playbook_on_stats(self, stats):
        self._close()
        path = os.environ.get("BENCH_TIMER_OUTPUT")
        if path:
            with open(path, "w", encoding="utf-8") as handle:
                json.dump({"tasks": self.tasks}, handle, indent=1)
