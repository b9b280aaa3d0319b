# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Secret values kept sealed in the emulator's state (CSMS versions, DLI datasource auth passwords).

CSMS encrypts every secret version with a KMS key; the emulator stands in with a keyed stream (HMAC-SHA256 in counter
mode) and a MAC, so the state file and every admin view hold ciphertext only. The key lives in the running
configuration (``sealing_key``, masked in the admin config view), never in the state file. This keeps test canaries
out of files and logs; it is not a security boundary.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from typing import Any

DEFAULT_KEY = "emulator-sealing-key-0001"
PREFIX = "sealed:"


def _key(config: dict[str, Any]) -> bytes:
    return str(config.get("sealing_key") or DEFAULT_KEY).encode("utf-8")


def _stream(key: bytes, nonce: bytes, length: int) -> bytes:
    blocks = []
    for counter in range((length + 31) // 32):
        blocks.append(hmac.new(key, b"stream" + nonce + counter.to_bytes(4, "big"), hashlib.sha256).digest())
    return b"".join(blocks)[:length]


def seal(config: dict[str, Any], value: str) -> str:
    """``value`` as an opaque text for the state."""
    key, nonce, data = _key(config), os.urandom(16), value.encode("utf-8")
    cipher = bytes(a ^ b for a, b in zip(data, _stream(key, nonce, len(data))))
    tag = hmac.new(key, b"tag" + nonce + cipher, hashlib.sha256).digest()[:16]
    return PREFIX + base64.b64encode(nonce + tag + cipher).decode("ascii")


def unseal(config: dict[str, Any], text: str) -> str:
    """The value :func:`seal` sealed; ValueError when it was sealed with another key or altered."""
    if not isinstance(text, str) or not text.startswith(PREFIX):
        raise ValueError("not a sealed value")
    raw = base64.b64decode(text[len(PREFIX):])
    key, nonce, tag, cipher = _key(config), raw[:16], raw[16:32], raw[32:]
    if not hmac.compare_digest(tag, hmac.new(key, b"tag" + nonce + cipher, hashlib.sha256).digest()[:16]):
        raise ValueError("sealed with another sealing_key")
    return bytes(a ^ b for a, b in zip(cipher, _stream(key, nonce, len(cipher)))).decode("utf-8")


def matches(config: dict[str, Any], text: str, value: str) -> bool:
    """Whether the sealed ``text`` holds ``value`` (tests compare without ever printing the value)."""
    try:
        return hmac.compare_digest(unseal(config, text).encode("utf-8"), value.encode("utf-8"))
    except ValueError:
        return False
