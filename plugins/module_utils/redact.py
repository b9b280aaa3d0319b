# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Masking of secrets in text a server sent back, before that text is cut and printed.

An error body may echo the request, and with it a password: raw, JSON-escaped, URL-encoded, or cut short by the
server. Ansible's ``no_log`` masks only the raw value, so every form is masked here, and so is any run of
:data:`FRAGMENT` characters of one, and a secret's beginning at the very end of a text (an echo cut short).
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote, quote_plus

MASK = "********"
# Runs of this many characters of a secret (in any form) are masked wherever they appear.
FRAGMENT = 6
# A text that ends with this many first characters of a secret is assumed to be an echo cut short.
CUT_PREFIX = 3
# Secrets shorter than this are left to Ansible's own masking (masking them here would garble every message).
MIN_SECRET = 4
# Printed error text is capped at this many characters, after masking.
TEXT_CAP = 1024
_PERCENT = re.compile(r"%[0-9A-F]{2}")


def forms(secret: str) -> set:
    """The ways ``secret`` can appear in a server's text."""
    once = json.dumps(secret)[1:-1]
    found = {secret, once, json.dumps(secret, ensure_ascii=False)[1:-1], json.dumps(once)[1:-1], html.escape(secret),
             quote(secret, safe=""), quote(secret), quote_plus(secret)}
    found.update({_PERCENT.sub(lambda match: match.group(0).lower(), form) for form in list(found)})
    return {form for form in found if len(form) >= MIN_SECRET}


def _spans(text: str, form: str) -> list:
    """(start, end) of every run of at least FRAGMENT characters of ``form`` in ``text``, and of a cut-short echo."""
    spans = []
    if len(form) >= FRAGMENT:
        grams = {form[i:i + FRAGMENT] for i in range(len(form) - FRAGMENT + 1)}
        start = 0
        while start <= len(text) - FRAGMENT:
            if text[start:start + FRAGMENT] in grams:
                end = start + FRAGMENT
                while end < len(text) and text[start:end + 1] in form:
                    end += 1
                spans.append((start, end))
                start = end
            else:
                start += 1
    for size in range(min(len(form), FRAGMENT) - 1, CUT_PREFIX - 1, -1):
        if text.endswith(form[:size]):
            spans.append((len(text) - size, len(text)))
            break
    whole = text.find(form)
    while whole != -1:
        spans.append((whole, whole + len(form)))
        whole = text.find(form, whole + 1)
    return spans


class _Index:
    """Which forms of which secrets a text may hold, found from the text's own runs of FRAGMENT characters (one
    dictionary lookup each), so masking costs the length of the text, not the number of secrets."""

    def __init__(self, secrets: frozenset):
        self.secrets = secrets
        self.grams, self.prefixes, self.short = {}, {}, set()
        for secret in secrets:
            for form in forms(secret):
                if len(form) < FRAGMENT:
                    self.short.add(form)
                for start in range(len(form) - FRAGMENT + 1):
                    self.grams.setdefault(form[start:start + FRAGMENT], set()).add(form)
                for size in range(CUT_PREFIX, min(len(form), FRAGMENT)):
                    self.prefixes.setdefault(form[:size], set()).add(form)

    def candidates(self, text: str) -> set:
        found = {form for form in self.short if form in text}
        for start in range(len(text) - FRAGMENT + 1):
            found.update(self.grams.get(text[start:start + FRAGMENT], ()))
        for size in range(CUT_PREFIX, FRAGMENT):
            found.update(self.prefixes.get(text[-size:], ()))
        return found


class Redactor:
    """Masks every known secret; ``secrets`` may be a live set that grows (tokens are added after login)."""

    def __init__(self, secrets=()):
        self.secrets = secrets
        self._seen = frozenset()
        self._index = _Index(frozenset())

    def _current(self) -> _Index:
        """The index of the secrets as they are now (rebuilt when the live set changed)."""
        if len(self.secrets) != len(self._seen) or self.secrets != self._seen:
            self._seen = frozenset(self.secrets)
            self._index = _Index(frozenset(secret for secret in self._seen if isinstance(secret, str) and len(secret) >= MIN_SECRET))
        return self._index

    def __call__(self, text, cap: int = TEXT_CAP) -> str:
        """``text`` with secrets masked, then cut to ``cap`` characters."""
        if text is None:
            return None
        text = str(text)
        # Work on a window a little larger than what is printed: the mask must come before the cut.
        window = text[:cap * 4]
        spans = []
        if window:
            for form in self._current().candidates(window):
                spans.extend(_spans(window, form))
        masked = _apply(window, spans)
        if len(masked) > cap or len(window) < len(text):
            masked = masked[:cap] + "... (cut, %d characters in all)" % len(text)
        return masked


def _apply(text: str, spans: list) -> str:
    if not spans:
        return text
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, last = [], 0
    for start, end in merged:
        out.append(text[last:start])
        out.append(MASK)
        last = end
    out.append(text[last:])
    return "".join(out)


def shown_secrets(secrets, values) -> set:
    """The secrets that occur in ``values`` (anything JSON can encode) in a form Ansible's masking would find: raw,
    JSON-escaped, or in another letter case (a stringified boolean or number). The others need no masking."""
    blob = json.dumps(values, ensure_ascii=False, default=str)
    lowered = blob.lower()
    kept = set()
    for secret in secrets:
        text = str(secret)
        if text in blob or json.dumps(text, ensure_ascii=False)[1:-1] in blob or text.lower() in lowered:
            kept.add(secret)
    return kept
