"""The public view carries nothing private: privacy is applied once, here."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator.model.privacy import mask_name, mask_numbers
from generator.model.public import PublicView, Ref
from generator.project import require_content


def _all_text(value: object) -> str:
    """Every string reachable from a public dataclass (what a template could print)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return " ".join(_all_text(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, (list, tuple)):
        return " ".join(_all_text(v) for v in value)
    return str(value)


def _view(root: Path) -> PublicView:
    content, _ = require_content(root)
    return PublicView(content)


def _everything(view: PublicView) -> str:
    parts = [view.people, view.activities, view.meetings, view.wishes, view.units, view.groups,
             view.communities]
    return " ".join(_all_text(p) for p in parts)


def test_private_details_are_not_in_the_public_view(mini_content: Path) -> None:
    text = _everything(_view(mini_content))
    for secret in ("13800001111", "13900002222", "陈桂兰", "高龄"):  # 高龄 is only a hardship
        assert secret not in text, secret
    assert "陈**" in text


def test_wisher_title_style(mini_content: Path) -> None:
    site = mini_content / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("wisher_name_style: stars",
                                                              "wisher_name_style: title"), encoding="utf-8")
    [wish] = _view(mini_content).wishes
    assert wish.wisher == "陈女士"


def test_person_not_public_appears_only_in_counts(mini_content: Path) -> None:
    person = mini_content / "people/lin-xiaofang.yml"
    person.write_text(person.read_text(encoding="utf-8").replace("public: true", "public: false"),
                      encoding="utf-8")
    view = _view(mini_content)
    assert view.people == [] and "林晓芳" not in _everything(view)
    assert {f.id: f.value for f in view.figures()["people"]}["people"] == 1
    [wish] = view.wishes
    assert wish.timeline[2].by == "暖心便民帮帮团"


def test_story_and_photo_need_consent(mini_content: Path) -> None:
    person = mini_content / "people/lin-xiaofang.yml"
    text = person.read_text(encoding="utf-8").replace("consent: true", "consent: false")
    person.write_text(text + "photo: {file: people/lin.jpg, consent: true}\n", encoding="utf-8")
    [shown] = _view(mini_content).people
    assert shown.name == "林晓芳" and shown.story_html == "" and shown.photo is None


def test_photos_of_children_need_guardian_consent(mini_content: Path) -> None:
    activity = mini_content / "activities/2026/10/2026-10-10-loudao-qingli.yml"
    activity.write_text(activity.read_text(encoding="utf-8") + (
        "photos:\n"
        "  - {file: a.jpg, caption: 大家一起, consent: true}\n"
        "  - {file: b.jpg, caption: 小朋友, consent: true, minors: true}\n"
        "  - {file: c.jpg, caption: 小朋友获准, consent: true, minors: true, guardian_consent: true}\n"
        "  - {file: d.jpg, caption: 未同意}\n"
    ), encoding="utf-8")
    activity_view = next(a for a in _view(mini_content).activities if a.id.endswith("loudao-qingli"))
    assert [p.file for p in activity_view.photos] == ["a.jpg", "c.jpg"]


def test_numbers_in_free_text_are_masked_and_warned(mini_content: Path) -> None:
    activity = mini_content / "activities/2026/10/2026-10-10-loudao-qingli.yml"
    activity.write_text(activity.read_text(encoding="utf-8").replace(
        "summary: 居民们一起清理楼道杂物。", "summary: 居民们一起清理楼道杂物，联系13812345678。"), encoding="utf-8")
    content, warnings = require_content(mini_content)
    [warning] = [w for w in warnings if "手机号码" in w.message]
    assert warning.field == "summary" and warning.path.endswith("loudao-qingli.yml")
    shown = next(a for a in PublicView(content).activities if a.id.endswith("loudao-qingli"))
    assert "13812345678" not in shown.summary_html and "138****5678" in shown.summary_html


def test_only_files_with_a_number_in_published_text_are_masked_word_by_word(mini_content: Path) -> None:
    """A phone number under ``phone`` (even nested, as a wisher's) is never published, so
    it does not make the loader mark the file for masking word by word; a number anywhere
    else does (nested, or escaped in quotes too), and is masked."""
    person, wish = mini_content / "people/lin-xiaofang.yml", mini_content / "wishes/2026/shouyinji.yml"

    def flags() -> tuple[bool, bool]:
        content, _ = require_content(mini_content, cache_dir=None)
        found = (content.people["lin-xiaofang"], next(iter(content.wishes.values())))
        return found[0]._source.may_hold_numbers, found[1]._source.may_hold_numbers

    assert flags() == (False, False)  # the fixture's phones are under phone: only
    wish.write_text(wish.read_text(encoding="utf-8").replace(
        "story: 老人说，有了收音机，日子不再冷清。",
        'story: "\\x31\\x33\\x39\\x30\\x30\\x30\\x30\\x32\\x32\\x32\\x32 老人说"'), encoding="utf-8")
    person.write_text(person.read_text(encoding="utf-8").replace(
        "citation: 十年如一日", "citation: 电话13800001111，十年如一日"), encoding="utf-8")
    assert flags() == (True, True)
    content, _ = require_content(mini_content, cache_dir=None)
    view = PublicView(content)
    shown = _everything(view) + " ".join(w.story_html for w in view.wishes)
    assert "13800001111" not in shown and "138****1111" in shown
    assert "13900002222" not in shown and "139****2222" in shown


def test_masking_rules() -> None:
    assert mask_numbers("身份证 35078119900101123X") == "身份证 35**************3X"
    assert mask_numbers("座机 0599-6301234") == "座机 0599-***1234"
    assert mask_numbers("2026年10月12日，共 4571 户") == "2026年10月12日，共 4571 户"
    assert mask_name("欧阳娜娜", "stars", "女") == "欧阳**"
    assert mask_name("王芳", "title", None) == "王*"


def test_line_breaks_inside_chinese_paragraphs_leave_no_space() -> None:
    from generator.model.markup import render_markdown

    html = str(render_markdown("送到小涵手中，\n同时为小区送去用品。\n\n第二段"))
    assert html == "<p>送到小涵手中，同时为小区送去用品。</p>\n<p>第二段</p>"


def test_a_list_right_under_a_sentence_is_still_a_list() -> None:
    from generator.model.markup import render_markdown

    html = str(render_markdown("本次活动：\n- 清理楼道\n- 粉刷墙面"))
    assert html == "<p>本次活动：</p>\n<ul>\n<li>清理楼道</li>\n<li>粉刷墙面</li>\n</ul>"


def test_activities_are_made_public_once_and_only_when_asked_for(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """One month's bulletin makes public that month's activities and the ones its
    meetings link to, not every activity; each is made once, and every way of asking
    (all, by month, by id) gives the same object. Links from meetings and wishes are
    the ones the public activities themselves name, oldest first."""
    from generator.print.bulletin import build_bulletin

    view = _view(Path(__file__).resolve().parents[1] / "fixtures" / "print-content")
    made: list[str] = []
    make = PublicView._activity

    def counted(self: PublicView, record):  # type: ignore[no-untyped-def]
        made.append(record.id)
        return make(self, record)

    monkeypatch.setattr(PublicView, "_activity", counted)
    month = "2026-10"
    build_bulletin(view, month)
    in_month = {a.id for a in view.activities_in(month)}
    linked = {r.id for m in view.meetings for r in m.activities}
    assert in_month and set(made) <= in_month | linked
    assert len(made) == len(set(made)) < len(view.content.activities)
    everything = view.activities
    assert len(made) == len(set(made)) == len(view.content.activities), "each made once"
    by_id = {a.id: a for a in everything}
    assert all(view.activity(a.id) is a for a in everything)
    assert all(a is by_id[a.id] for m in view.months for a in view.activities_in(m))
    oldest_first = sorted(everything, key=lambda a: (a.date, a.id))
    for m in view.meetings:
        assert m.activities == tuple(Ref(a.id, a.title) for a in oldest_first if a.meeting and a.meeting.id == m.id)
    for w in view.wishes:
        assert w.activities == tuple(Ref(a.id, a.title) for a in oldest_first if a.wish and a.wish.id == w.id)
    assert any(m.activities for m in view.meetings) and any(w.activities for w in view.wishes)
