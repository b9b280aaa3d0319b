# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Secrets in server text: every form masked, fragments and cut-short echoes too, and the cut comes after the mask."""

from __future__ import annotations

import json
import re
from urllib.parse import quote, quote_plus

import pytest

from ansible_collections.hwcloud.connections.plugins.module_utils.redact import MASK, Redactor, shown_secrets

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
