"""The writing rules of the amounts-in-words drill in words people understand: one
translated phrase per ``amount_words_mistakes.MistakeCode`` value (the stored codes)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("words_rules", text)


def rule_name(code: str) -> str:
    names = {
        "wrong_amount": tr("wrong amount (misread or mis-keyed)"),
        "unparseable": tr("not readable as an amount"),
        "missing_zheng": tr("整 missing after 元"),
        "extra_zheng": tr("整 where it does not belong (after 分, or twice)"),
        "wrong_ling": tr("零 missing, doubled or misplaced"),
        "lowercase_digit": tr("一二三… instead of 壹贰叁…"),
        "wrong_unit": tr("十/百/千/毛/块 instead of 拾/佰/仟/角/元"),
        "missing_leading_yi_shi": tr("拾 without 壹 before it"),
        "blank_space": tr("a gap inside the amount"),
        "missing_cents_fraction": tr('cents not written as "and NN/100"'),
        "missing_hyphen": tr("hyphen missing (twenty-four)"),
        "extra_hyphen": tr("hyphen where none belongs (one-hundred)"),
        "spelling": tr("number word misspelt"),
        "wrong_order": tr("number words in the wrong order"),
        "missing_decimals": tr("not written to the cent (1409.50)"),
        "nonstandard_form": tr("right value, non-standard form"),
    }
    return names.get(code, code)
