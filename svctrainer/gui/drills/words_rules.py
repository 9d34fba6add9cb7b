"""The writing rules of the amounts-in-words drill in words people understand: one
translated phrase per ``amount_words_mistakes.MistakeCode`` value (the stored codes)."""

from __future__ import annotations

from svctrainer.gui.i18n import translate


def rule_name(code: str) -> str:
    names = {
        "wrong_amount": translate("words_rules", "wrong amount (misread or mis-keyed)"),
        "unparseable": translate("words_rules", "not readable as an amount"),
        "missing_zheng": translate("words_rules", "整 missing after 元"),
        "extra_zheng": translate("words_rules", "整 where it does not belong (after 分, or twice)"),
        "wrong_ling": translate("words_rules", "零 missing, doubled or misplaced"),
        "lowercase_digit": translate("words_rules", "一二三… instead of 壹贰叁…"),
        "wrong_unit": translate("words_rules", "十/百/千/毛/块 instead of 拾/佰/仟/角/元"),
        "missing_leading_yi_shi": translate("words_rules", "拾 without 壹 before it"),
        "blank_space": translate("words_rules", "a gap inside the amount"),
        "missing_cents_fraction": translate("words_rules", 'cents not written as "and NN/100"'),
        "missing_hyphen": translate("words_rules", "hyphen missing (twenty-four)"),
        "extra_hyphen": translate("words_rules", "hyphen where none belongs (one-hundred)"),
        "spelling": translate("words_rules", "number word misspelt"),
        "wrong_order": translate("words_rules", "number words in the wrong order"),
        "missing_decimals": translate("words_rules", "not written to the cent (1409.50)"),
        "nonstandard_form": translate("words_rules", "right value, non-standard form"),
    }
    return names.get(code, code)
