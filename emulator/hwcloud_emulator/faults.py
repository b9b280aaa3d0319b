# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Deterministic fault injection: latency, throttling, 5xx rates and "fail the next N requests"."""

from __future__ import annotations

import random
import re
import threading
from dataclasses import dataclass
from typing import Any

from .errors import ApiError, gateway_error, injected_error

THROTTLE_MSG = "The throttling threshold has been reached: policy user over ratelimit,limit:100,time:1 second"
RULE_KEYS = {"match", "latency_ms", "jitter_ms", "throttle_rate", "error_rate", "error_status",
             "fail_next", "fail_status", "retry_after"}


@dataclass
class FaultDecision:
    """What to do with one request: sleep first, then answer error instead of the handler (if set)."""

    latency_s: float = 0.0
    error: ApiError | None = None


def throttled(retry_after: Any = None) -> ApiError:
    """429 APIGW.0308, with Retry-After when configured."""
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
    return gateway_error(429, "APIGW.0308", THROTTLE_MSG, headers)


def _status_error(status: int, service: str, retry_after: Any) -> ApiError:
    if status == 429:
        return throttled(retry_after)
    return injected_error(service, status)


class _Rule:
    """One configured rule; its own RNG (seeded from seed and position) keeps rules independent."""

    def __init__(self, spec: dict[str, Any], seed: int, index: int) -> None:
        unknown = set(spec) - RULE_KEYS
        if unknown:
            raise ValueError("unknown fault rule keys: %s" % ", ".join(sorted(unknown)))
        match = spec.get("match") or {}
        self.method = (match.get("method") or "").upper() or None
        self.path = re.compile(match["path"]) if match.get("path") else None
        self.service = match.get("service")
        self.spec = spec
        self.remaining = int(spec.get("fail_next") or 0)
        self.rng = random.Random("%s:%s" % (seed, index))

    def matches(self, service: str, method: str, path: str) -> bool:
        return ((self.method is None or self.method == method)
                and (self.service is None or self.service == service)
                and (self.path is None or self.path.search(path) is not None))

    def apply(self, decision: FaultDecision, service: str) -> None:
        spec = self.spec
        decision.latency_s += float(spec.get("latency_ms") or 0) / 1000.0
        if spec.get("jitter_ms"):
            decision.latency_s += self.rng.uniform(0, float(spec["jitter_ms"])) / 1000.0
        if decision.error is not None:
            return
        retry_after = spec.get("retry_after")
        if self.remaining > 0:
            self.remaining -= 1
            decision.error = _status_error(int(spec.get("fail_status") or 503), service, retry_after)
        elif spec.get("throttle_rate") and self.rng.random() < float(spec["throttle_rate"]):
            decision.error = throttled(retry_after)
        elif spec.get("error_rate") and self.rng.random() < float(spec["error_rate"]):
            decision.error = _status_error(int(spec.get("error_status") or 500), service, retry_after)


class FaultInjector:
    """Rules are evaluated in order; all matching rules add latency, the first error wins."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[_Rule] = []
        self._specs: list[dict[str, Any]] = []
        self.seed = 0

    def configure(self, rules: list[dict[str, Any]], seed: int = 0) -> None:
        """Replace all rules (raises ValueError on a malformed rule, leaving the old rules)."""
        compiled = [_Rule(spec, seed, index) for index, spec in enumerate(rules or [])]
        with self._lock:
            self._rules = compiled
            self._specs = [dict(spec) for spec in rules or []]
            self.seed = seed

    def rules(self) -> list[dict[str, Any]]:
        """The configured rules with the remaining fail_next counters."""
        with self._lock:
            return [dict(spec, fail_next_remaining=rule.remaining) for spec, rule in zip(self._specs, self._rules)]

    def decide(self, service: str, method: str, path: str) -> FaultDecision:
        """Evaluate the rules for one request (under the lock, so counters and RNGs stay consistent)."""
        decision = FaultDecision()
        if not self._rules:
            return decision
        with self._lock:
            for rule in self._rules:
                if rule.matches(service, method, path):
                    rule.apply(decision, service)
        return decision
