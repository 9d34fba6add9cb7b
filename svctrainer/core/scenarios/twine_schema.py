"""The ``twine`` sections of a scenario file: Twine details an import keeps so that
export gives the story back (passage names, tags, metadata, verbatim text, scripts).
Trainers never write these by hand; they are validated like everything else because
an edited file must still load or fail with a located message."""

from __future__ import annotations

from svctrainer.core.scenarios.marked import MScalar, MValue
from svctrainer.core.scenarios.model import RawPassage, ScenarioTwine, TwineExtras
from svctrainer.core.scenarios.schema import MAX_ID, MAX_PASSAGES, MAX_VERBATIM, SchemaReader

FieldMap = dict[str, tuple[MScalar, MValue]]
PASSAGE_KEYS = ("name", "tags", "metadata", "source")


def _read_extras(r: SchemaReader, value: MValue, what: str, keys: tuple[str, ...]) -> TwineExtras:
    return _extras_from_fields(r, r.fields(value, what, keys) or {}, what)


def _extras_from_fields(r: SchemaReader, fields: FieldMap, what: str) -> TwineExtras:
    name = None
    if "name" in fields:
        name = r.text(fields["name"][1], f"{what} name", max_len=MAX_VERBATIM, verbatim=True)
    tags: list[str] = []
    for item in r.items(fields["tags"][1], f"{what} tags", 64) if "tags" in fields else ():
        tag = r.text(item, f"{what} tag", max_len=MAX_ID, single_line=True, verbatim=True)
        if tag is not None and tag and not any(ch.isspace() for ch in tag):
            tags.append(tag)
        elif tag is not None:
            r.error(item, f"{what} tag must be one word")
    metadata = None
    if "metadata" in fields:
        metadata = r.json_data(fields["metadata"][1], f"{what} metadata")
    source = None
    if "source" in fields:
        source = r.text(fields["source"][1], f"{what} source", max_len=MAX_VERBATIM, verbatim=True)
    return TwineExtras(name=name, tags=tuple(tags), metadata=metadata, source=source)


def read_node_extras(r: SchemaReader, value: MValue) -> TwineExtras:
    return _read_extras(r, value, "twine", PASSAGE_KEYS)


def _read_raw_passages(r: SchemaReader, value: MValue) -> tuple[RawPassage, ...]:
    passages = []
    for item in r.items(value, "twine passages", MAX_PASSAGES):
        fields = r.fields(item, "twine passage", ("name", "tags", "metadata", "text"), ("name",))
        if fields is None or "name" not in fields:
            continue
        extras = _extras_from_fields(r, fields, "twine passage")
        text = (
            r.text(fields["text"][1], "passage text", max_len=MAX_VERBATIM, verbatim=True)
            if "text" in fields
            else ""
        )
        passages.append(RawPassage(extras.name or "", extras.tags, extras.metadata, text or ""))
    return tuple(passages)


def read_scenario_twine(r: SchemaReader, value: MValue) -> ScenarioTwine:
    keys = ("story_data", "preamble", "scenario_data", "profile", "passages")
    fields = r.fields(value, "twine", keys) or {}
    story_data = (
        r.json_data(fields["story_data"][1], "story_data") if "story_data" in fields else None
    )
    preamble = (
        r.text(fields["preamble"][1], "preamble", max_len=MAX_VERBATIM, verbatim=True)
        if "preamble" in fields
        else ""
    )
    scenario_data = profile = None
    if "scenario_data" in fields:
        scenario_data = _read_extras(
            r, fields["scenario_data"][1], "scenario_data", ("tags", "metadata")
        )
    if "profile" in fields:
        profile = _read_extras(r, fields["profile"][1], "profile", PASSAGE_KEYS)
    passages = _read_raw_passages(r, fields["passages"][1]) if "passages" in fields else ()
    return ScenarioTwine(story_data, preamble or "", scenario_data, profile, passages)
