# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Secrets in server text: every form masked, fragments and cut-short echoes too, and the cut comes after the mask."""

from __future__ import annotations

import json
import random
import re
from urllib.parse import quote, quote_plus

import pytest

from ansible_collections.hwcloud.connections.plugins.module_utils.redact import MASK, LiveSecrets, Redactor, shown_secrets

SECRET = 'Pä"ss\\w0rd/x+y &z=1'


LOWER_HEX = re.sub("%[0-9A-F]{2}", lambda match: match.group(0).lower(), quote(SECRET))


@pytest.mark.parametrize("form", [SECRET, json.dumps(SECRET)[1:-1], json.dumps(SECRET, ensure_ascii=False)[1:-1],
                                  json.dumps(json.dumps(SECRET)[1:-1])[1:-1], quote(SECRET, safe=""), LOWER_HEX, quote_plus(SECRET)])
def test_every_form_is_masked(form):
    text = Redactor({SECRET})("error: %s rejected" % form)
    assert text == "error: %s rejected" % MASK


def test_fragments_and_cut_echoes_are_masked():
    redact = Redactor({"Correct-Horse-Battery"})
    assert redact("bad value orse-Batt here") == "bad value %s here" % MASK
    assert redact("the password was Cor") == "the password was %s" % MASK
    assert redact("Co is fine") == "Co is fine"


def test_the_mask_comes_before_the_cut():
    secret = "S3cr3t-Value-0042"
    text = "x" * 1015 + secret + "y" * 100
    masked = Redactor({secret})(text, cap=1024)
    assert "S3cr" not in masked and masked.startswith("x" * 1015 + MASK[:9])
    assert masked.endswith("(cut, %d characters in all)" % len(text))


def test_short_values_and_no_secrets_leave_text_alone():
    assert Redactor({"abc", ""})("abc def") == "abc def"
    assert Redactor()("plain") == "plain"
    assert Redactor()(None) is None


def test_a_live_set_is_read_at_each_call():
    secrets = set()
    redact = Redactor(secrets)
    secrets.add("token-added-later")
    assert redact("X-Auth-Token: token-added-later") == "X-Auth-Token: %s" % MASK


def test_only_secrets_that_occur_in_the_output_are_kept_for_masking():
    secrets = {"absent-secret-1", 'quo"ted-secret', "Päss-unicode", "3306", "True"}
    output = {"msg": 'echo quo"ted-secret', "port": 3306, "flag": True, "nested": [{"text": "Päss-unicode inside"}]}
    assert shown_secrets(secrets, [output]) == {'quo"ted-secret', "Päss-unicode", "3306", "True"}
    assert shown_secrets(secrets, [{"msg": "nothing here"}]) == set()


def test_many_secrets_cost_the_length_of_the_text():
    redact = Redactor({"fleet-password-%04d" % n for n in range(2000)})
    assert redact("login failed with fleet-password-1234") == "login failed with %s" % MASK
    assert redact("no secret here at all") == "no secret here at all"


def _shown_one_by_one(secrets, values) -> set:
    """The rule of shown_secrets written the slow way: every secret searched for in the whole text."""
    blob = json.dumps(values, ensure_ascii=False, default=str)
    return {secret for secret in secrets if str(secret) in blob or json.dumps(str(secret), ensure_ascii=False)[1:-1] in blob
            or str(secret).lower() in blob.lower()}


TRICKY_SECRETS = ["pw-1", "pw-12", "pw-123", "pw-1234", "pw-2", "ab", "", "x", "ΟΔΟΣ-secret", "ΟΔΟΣ", 'say "hi"', "back\\slash",
                  "TRUE", "3306", "end-of-text", "aaaa", "aaaaaa", "Straße-pw", "line\nbreak"]


@pytest.mark.parametrize("values", [
    [{"msg": "pw-123 and pw-2 failed", "flag": True, "port": 3306}],
    [{"msg": "οδος-secret in lower case; aaaaa", "quoted": 'he said "hi"', "path": "C:\\back\\slash"}],
    [{"msg": "nothing"}, ["line\nbreak", "STRASSE-PW", "ends with end-of-text"]],
    [{"name": "ab"}, {"text": "aaaaaaaa"}],
])
def test_shown_secrets_finds_what_a_search_for_each_secret_finds(values):
    assert shown_secrets(set(TRICKY_SECRETS), values) == _shown_one_by_one(TRICKY_SECRETS, values)


def test_shown_secrets_agrees_with_a_search_for_each_secret_on_random_texts():
    rng = random.Random(21)
    alphabet = 'ab-1Σσς"\\\n é'

    def text(longest: int) -> str:
        return "".join(rng.choice(alphabet) for _char in range(rng.randint(0, longest)))

    for _case in range(300):
        secrets = {text(7) for _secret in range(rng.randint(1, 12))}
        values = [{"msg": text(40)} for _value in range(rng.randint(1, 4))]
        assert shown_secrets(secrets, values) == _shown_one_by_one(secrets, values), (secrets, values)


class _CountedSecrets(LiveSecrets):
    """A live set that counts how often it is compared whole."""

    comparisons = 0
    __hash__ = None

    def __eq__(self, other):
        _CountedSecrets.comparisons += 1
        return set.__eq__(self, other)

    def __ne__(self, other):
        _CountedSecrets.comparisons += 1
        return set.__ne__(self, other)


def test_a_live_set_is_checked_by_its_count_of_changes_not_secret_by_secret():
    # The batch test masks three texts of each of thousands of answers: comparing the module's thousands of no_log
    # values with the index's at every text cost more than the masking.
    secrets = _CountedSecrets({"fleet-password-%04d" % n for n in range(100)})
    redact = Redactor(secrets)
    for _text in range(50):
        assert redact("no secret here") == "no secret here"
    assert _CountedSecrets.comparisons == 0
    secrets.discard("fleet-password-0001")
    secrets.add("fleet-password-9999")  # the same size, other contents
    assert redact("login with fleet-password-9999") == "login with %s" % MASK
    secrets |= {"token-from-iam-1"}
    secrets.intersection_update({"token-from-iam-1"})
    assert redact("fleet-password-9999 token-from-iam-1") == "fleet-password-9999 %s" % MASK
