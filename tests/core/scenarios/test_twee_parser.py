"""Twee 3: every header, escape and link form, StoryTitle/StoryData, and the writer."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svctrainer.core.problems import ContentError, Severity
from svctrainer.core.scenarios.twee import (
    LinkForm,
    TwinePassage,
    TwineStory,
    parse_link,
    parse_twee,
    scan_links,
    write_twee,
)

# Our own story: the real ones have neither <- links nor escaped header characters.
OWN_STORY = r"""
:: StoryTitle
Escapes \[and\] arrows

:: StoryData
{
  "ifid": "D674C58C-DEFA-4F70-B7A2-27742230C0FC",
  "format": "Chapbook",
  "format-version": "2.0.0",
  "start": "Counter [1]",
  "tag-colors": {"vip": "red"},
  "zoom": 0.25,
  "x-custom": [1, 2]
}

:: Counter \[1\] [queue vip\]tag] {"position":"600,400","size":"100,200"}
Good morning.
[[Counter \[1\]<-Back to the counter]]
[[Ask for ID->ID \{check\}]]
[[Offer a seat|Seat]]
[[Seat]]
[[Go->elsewhere->Seat]]
[[Seat<-a<-b]]
[[Setter->Seat][$seated to true]]
[[Help->https://example.org/help]]
[[|empty text]]
[[nothing->]]

:: ID \{check\} [a\\b]
\:: not a header
\:colon line

:: Seat
A seat.
"""


@pytest.fixture(scope="module")
def own():
    return parse_twee(OWN_STORY, "own.twee")


def test_headers_with_escapes_tags_and_metadata(own):
    counter = own.story.passage("Counter [1]")
    assert counter is not None
    assert counter.tags == ("queue", "vip]tag")
    assert counter.metadata == {"position": "600,400", "size": "100,200"}
    id_check = own.story.passage("ID {check}")
    assert id_check is not None
    assert id_check.tags == ("a\\b",)
    assert id_check.metadata is None
    assert [p.name for p in own.story.passages] == [
        "StoryTitle",
        "StoryData",
        "Counter [1]",
        "ID {check}",
        "Seat",
    ]


def test_story_title_and_data(own):
    story = own.story
    assert story.title == r"Escapes \[and\] arrows"  # escapes apply to headers only
    data = story.data
    assert data is not None
    assert (data.ifid, data.format, data.format_version) == (
        "D674C58C-DEFA-4F70-B7A2-27742230C0FC",
        "Chapbook",
        "2.0.0",
    )
    assert data.start == "Counter [1]"
    assert data.tag_colors == {"vip": "red"}
    assert data.zoom == 0.25
    assert data.extra == {"x-custom": [1, 2]}
    assert story.start_name == "Counter [1]"
    assert own.warnings == ()


def test_text_line_escapes(own):
    passage = own.story.passage("ID {check}")
    assert passage is not None
    assert passage.text == ":: not a header\n:colon line"


def test_all_link_forms(own):
    counter = own.story.passage("Counter [1]")
    assert counter is not None
    links = [
        (link.text, link.target, link.form, link.setter, link.is_external)
        for link in scan_links(counter.text)
    ]
    assert links == [
        ("Back to the counter", r"Counter \[1\]", LinkForm.BACK_ARROW, None, False),
        ("Ask for ID", r"ID \{check\}", LinkForm.ARROW, None, False),
        ("Offer a seat", "Seat", LinkForm.PIPE, None, False),
        ("Seat", "Seat", LinkForm.SIMPLE, None, False),
        ("Go->elsewhere", "Seat", LinkForm.ARROW, None, False),  # rightmost ->
        ("a<-b", "Seat", LinkForm.BACK_ARROW, None, False),  # leftmost <-
        ("Setter", "Seat", LinkForm.ARROW, "$seated to true", False),
        ("Help", "https://example.org/help", LinkForm.ARROW, None, True),
        ("", "empty text", LinkForm.PIPE, None, False),
        ("nothing", "", LinkForm.ARROW, None, False),
    ]


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        ("a->b<-c", ("a", "b<-c", LinkForm.ARROW)),  # -> wins over <-
        ("a|b->c", ("a|b", "c", LinkForm.ARROW)),  # -> wins over |
        ("a<-b|c", ("b|c", "a", LinkForm.BACK_ARROW)),  # <- wins over |
        ("a|b|c", ("a|b", "c", LinkForm.PIPE)),  # last |
        ("x", ("x", "x", LinkForm.SIMPLE)),
    ],
)
def test_link_precedence(inner, expected):
    assert parse_link(inner)[:3] == expected


def test_links_are_single_line_and_non_greedy():
    links = scan_links("[[a]] and [[b\nc]] then [[d->e]]]")
    assert [(link.target, link.start, link.end) for link in links] == [("a", 0, 5), ("e", 23, 31)]


def test_external_targets():
    assert scan_links("[[x->mailto://a]]")[0].is_external
    assert scan_links("[[x->FILE:///tmp/y]]")[0].is_external
    assert not scan_links("[[x->note: not a url]]")[0].is_external


def test_start_falls_back_to_start_passage():
    parsed = parse_twee(
        ':: StoryData\n{"ifid": "X", "start": "Missing"}\n\n:: Start\nHi\n', "s.twee"
    )
    assert parsed.story.start_name == "Start"
    assert [str(w) for w in parsed.warnings] == [
        's.twee:2:1: warning: StoryData start "Missing" names no passage; using Start'
    ]
    assert parse_twee(":: Start\nHi").story.start_name == "Start"
    assert parse_twee(":: Begin\nHi").story.start_name is None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            ':: A {"position": 12}\n',
            '1:6: warning: invalid metadata "position" ignored: expected "x,y" numbers',
        ),
        (
            ":: A {nope}\n",
            "1:7: warning: invalid metadata ignored: Expecting property name enclosed in double "
            "quotes",
        ),
        (':: A [t] {"a": NaN}\n', "1:10: warning: invalid metadata ignored: NaN is not JSON"),
        (":: A [t] [u]\n", "1:10: warning: unexpected text in header ignored: '[u]'"),
        (":: A [t\n", "1:6: warning: tag block has no closing ']'"),
        (":: A ] B\n", "1:6: warning: unescaped ']' in passage name (write \\])"),
        (":: [tag]\n", "1:3: warning: passage has no name"),
        ("note\n:: A\n", "1:1: warning: text before the first passage header"),
        (':: StoryData\n{"ifid": 5}\n', '2:1: warning: StoryData "ifid" ignored: not text'),
        (":: StoryData\n  oops\n", "2:3: warning: invalid StoryData ignored: Expecting value"),
        (
            ':: StoryData\n{"ifid": "X",\n "zoom": 1,,}\n',
            "3:12: warning: invalid StoryData ignored: Expecting",
        ),
        (":: A\n:: A\n", '2:4: warning: another passage is already named "A"'),
    ],
)
def test_invalid_header_parts_are_warned_about_and_ignored(source, expected):
    parsed = parse_twee(source, "w.twee")
    assert any(str(w).startswith(f"w.twee:{expected}") for w in parsed.warnings), parsed.warnings
    assert all(w.severity is Severity.WARNING for w in parsed.warnings)


def test_invalid_metadata_is_dropped_but_the_passage_kept():
    passage = parse_twee(':: A [t] {"position": "1,2", "size": [1]}\nText').story.passages[0]
    assert (passage.name, passage.tags, passage.metadata, passage.text) == (
        "A",
        ("t",),
        {"position": "1,2"},
        "Text",
    )


def test_crlf_is_read_as_lf_and_text_trimmed():
    parsed = parse_twee(":: A [x]\r\n\r\n  Line one\r\nLine two  \r\n\r\n:: B\r\nb", "c.twee")
    a = parsed.story.passages[0]
    assert a.text == "Line one\nLine two"
    assert (a.text_line, a.text_col) == (3, 3)
    assert parsed.story.passages[1].text == "b"


def test_escaped_spaces_around_names_are_kept():
    story = parse_twee(r":: \ padded\ \  [t]" + "\n").story
    assert story.passages[0].name == " padded  "


def test_positions_inside_text_account_for_trim_and_unescape():
    passage = parse_twee(":: A\n\n  x\n\\:: y [[z]]\n").story.passages[0]
    assert passage.text == "x\n:: y [[z]]"
    assert passage.locate(passage.text.index("[[")).__repr__() == "Mark(line=4, col=7)"


def test_non_utf8_twee_is_a_content_error():
    with pytest.raises(ContentError) as caught:
        parse_twee(b":: A\n\xff", "b.twee")
    assert (
        str(caught.value.problems[0])
        == "b.twee:2:1: not UTF-8 text (byte 0xff); save the file as UTF-8"
    )


names = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
    min_size=1,
    max_size=12,
)
tags = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=6,
)
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40).map(
    lambda t: "\n".join(
        line for line in t.replace("\r", "").split("\n") if not line.startswith("\\:")
    ).strip()
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.builds(
            TwinePassage,
            name=names.filter(lambda n: n.strip() == n or n.strip()),
            tags=st.lists(tags.filter(lambda t: not any(c.isspace() for c in t)), max_size=3).map(
                tuple
            ),
            metadata=st.one_of(st.none(), st.just({"position": "1,2"}), st.just({"k": ["v", 1]})),
            text=texts,
        ),
        max_size=4,
    )
)
def test_writer_and_parser_round_trip(passages):
    story = TwineStory(tuple(passages))
    parsed = parse_twee(write_twee(story))
    assert parsed.story.passages == story.passages


def test_huge_numbers_in_metadata_are_warned_about():
    parsed = parse_twee(':: A {"x": ' + "1" * 5000 + "}\n", "h.twee")
    assert [str(w) for w in parsed.warnings] == [
        "h.twee:1:6: warning: invalid metadata ignored: number is too large"
    ]
    data = parse_twee(':: StoryData\n{"zoom": ' + "1" * 5000 + "}\n", "h.twee")
    assert data.warnings[0].message == "invalid StoryData ignored: number is too large"
