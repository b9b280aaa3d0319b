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


class LiveSecrets(set):
    """A set of secrets that counts its changes: a :class:`Redactor` over it sees whether its index is current from the
    count, instead of comparing thousands of secrets at every text it masks."""

    generation = 0


def _counting(name: str):
    method = getattr(set, name)

    def changed(self, *args):
        result = method(self, *args)
        self.generation += 1
        return result

    changed.__name__ = name
    return changed


for _name in ("add", "discard", "remove", "pop", "clear", "update", "intersection_update", "difference_update",
              "symmetric_difference_update", "__ior__", "__iand__", "__isub__", "__ixor__"):
    setattr(LiveSecrets, _name, _counting(_name))


class Redactor:
    """Masks every known secret; ``secrets`` may be a live set that grows (tokens are added after login)."""

    def __init__(self, secrets=()):
        self.secrets = secrets
        self._seen = frozenset()
        self._generation = None
        self._index = _Index(frozenset())

    def _current(self) -> _Index:
        """The index of the secrets as they are now (rebuilt when the live set changed)."""
        generation = getattr(self.secrets, "generation", None)
        if generation is not None and generation == self._generation:
            return self._index
        if generation is not None or len(self.secrets) != len(self._seen) or self.secrets != self._seen:
            self._seen = frozenset(self.secrets)
            self._generation = generation
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


# shown_secrets finds a secret in a text by its first GRAM characters (one dictionary lookup per position).
GRAM = 4


def _occurring(haystack: str, needles) -> set:
    """The ``needles`` that occur in ``haystack``, for the length of the haystack and not its length times the number of
    needles (a list module's thousands of passwords against the text of thousands of results): needles are looked up
    by their first GRAM characters, then by their length, one dictionary lookup each."""
    found = {needle for needle in needles if len(needle) < GRAM and needle in haystack}
    by_start = {}
    for needle in needles:
        if len(needle) >= GRAM:
            by_start.setdefault(needle[:GRAM], {}).setdefault(len(needle), set()).add(needle)
    for start in range(len(haystack) - GRAM + 1):
        lengths = by_start.get(haystack[start:start + GRAM])
        if lengths:
            for length, group in lengths.items():
                if haystack[start:start + length] in group:
                    found.add(haystack[start:start + length])
    return found


def shown_secrets(secrets, values) -> set:
    """The secrets that occur in ``values`` (anything JSON can encode) in a form Ansible's masking would find: raw,
    JSON-escaped, or in another letter case (a stringified boolean or number). The others need no masking."""
    blob = json.dumps(values, ensure_ascii=False, default=str)
    exact, lowered = {}, {}
    for secret in secrets:
        text = str(secret)
        for form in (text, json.dumps(text, ensure_ascii=False)[1:-1]):
            exact.setdefault(form, set()).add(secret)
        lowered.setdefault(text.lower(), set()).add(secret)
    kept = set()
    for found, forms_of in ((_occurring(blob, exact), exact), (_occurring(blob.lower(), lowered), lowered)):
        for form in found:
            kept |= forms_of[form]
    return kept
