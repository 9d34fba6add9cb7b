"""``svctrainer words``: amounts in words for trainers' answer keys, and back."""

from __future__ import annotations

import argparse
import sys

from svctrainer.commands.exit_codes import USAGE_ERROR
from svctrainer.core.amount_words_en import parse_en_words, to_en_words
from svctrainer.core.amount_words_zh import parse_zh_words, to_zh_words
from svctrainer.core.money import AmountError, format_amount, parse_amount


def run(args: argparse.Namespace) -> int:
    try:
        if args.parse is not None:
            text = args.parse
            amount = parse_en_words(text) if text.isascii() else parse_zh_words(text)
            print(format_amount(amount))
            return 0
        if args.amount is None:
            sys.stderr.write(
                "svctrainer words: error: give an AMOUNT or --parse TEXT "
                "(see 'svctrainer words --help')\n"
            )
            return USAGE_ERROR
        amount = parse_amount(args.amount)
        print(to_zh_words(amount) if args.lang == "zh" else to_en_words(amount))
        return 0
    except AmountError as exc:
        sys.stderr.write(f"svctrainer words: error: {exc}\n")
        return USAGE_ERROR
