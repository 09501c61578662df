"""The demo's building blocks: YAML quoting, word pools, and agreement with the models."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.demo import names, phrases
from generator.demo.ratings import CRITERIA, VETOES
from generator.demo.world import SCALES, Ids, months_of
from generator.demo.yamltext import block, flow, q
from generator.model.base import ID_PATTERN
from generator.model.events import ActivityType

ROOT = Path(__file__).resolve().parents[2]
TRICKY = [
    "", " ", "yes", "No", "ON", "off", "y", "null", "Null", "~", "true", "1", "007", "1.5", ".5", "+1",
    "-1", "0x1F", "1e3", ".inf", ".NaN", "2026-10-01", "2026-10", "12:30", "a: b", "a:b", "a #b", "#x",
    "- x", "-x", "? x", "[x]", "{x}", "a, b", "@x", "`x", "%x", "!x", "&x", "*x", "|x", ">x", "'q'",
    '"q"', "\\", "=", "<<", "x\ny", "tab\tx", " lead", "trail ", "楼道：清理", "楼道 #1", "中文，逗号",
    "“引号”", "\u2028", "\ufeffbom", "é", "\x85",
]


def _round_trip(value: str) -> None:
    assert yaml.safe_load(f"k: {q(value)}\n") == {"k": value}
    assert yaml.safe_load(f"k: {flow([value, value])}\n") == {"k": [value, value]}
    assert yaml.safe_load(f"k: {{a: {q(value)}, b: 1}}\n") == {"k": {"a": value, "b": 1}}


@pytest.mark.parametrize("value", TRICKY)
def test_tricky_strings_survive_quoting(value: str) -> None:
    _round_trip(value)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"#%@`~=<.,? \t\n\\+0123yesno楼道：") + ["\u3000"]),
               max_size=12))
def test_any_string_survives_quoting(value: str) -> None:
    _round_trip(value)


def test_plain_chinese_stays_plain() -> None:
    assert q("天润小区楼道清理") == "天润小区楼道清理"
    assert q("1") == '"1"'


def test_markdown_block_round_trips() -> None:
    text = "第一段，**加粗**。\n\n- 清理杂物\n- 张贴提示"
    assert yaml.safe_load("summary: " + block(text)) == {"summary": text + "\n"}


def test_pinyin_makes_valid_ids() -> None:
    pattern = re.compile(ID_PATTERN)
    pools = (names.SURNAMES, names.GIVEN_MALE, names.GIVEN_FEMALE, names.PLACES, names.ESTATE_SUFFIXES,
             names.CITIES, names.AGENCIES, names.INSTITUTIONS, names.COMPANIES, names.ASSOCIATIONS,
             names.INDUSTRIES)
    for pool in pools:
        assert all(pattern.fullmatch(slug) for _, slug in pool), pool


def test_places_are_distinct() -> None:
    assert len({slug for _, slug in names.PLACES}) == len(names.PLACES)
    assert len({word for word, _ in names.PLACES}) == len(names.PLACES)


def test_activity_types_match_the_model() -> None:
    assert [kind for kind, _ in phrases.ACTIVITY_TYPES] == list(get_args(ActivityType))
    assert set(phrases.TITLES) == set(phrases.OPENINGS) == set(get_args(ActivityType))


def test_criteria_match_the_shipped_rules() -> None:
    shipped = yaml.safe_load((ROOT / "content" / "scoring.yml").read_text(encoding="utf-8"))
    assert [(c["id"], c["max_points"]) for c in shipped["criteria"]] == [(c[0], c[2]) for c in CRITERIA]
    assert [v["id"] for v in shipped["vetoes"]] == [v[0] for v in VETOES]


def test_scales() -> None:
    assert months_of(SCALES["city"]) == tuple(
        ["2025-12"] + [f"2026-{m:02d}" for m in range(1, 12)]
    )
    assert SCALES["province"].cities == 10
    assert SCALES["province"].activities == SCALES["city"].activities


def test_ids_never_repeat() -> None:
    ids = Ids()
    got = [ids.unique("x", "a"), ids.unique("x", "a"), ids.unique("x", "a-2"), ids.unique("x", "a"),
           ids.unique("y", "a")]
    assert got == ["a", "a-2", "a-2-2", "a-3", "a"]
