"""YAML text of the dated records: 会议, 微心愿, 活动 and 星级楼栋 sheets.

Rating sheets are by far the bulk of a demo (every 楼栋, every month, three inspections),
so their lines are built from pre-formatted pieces.
"""

from __future__ import annotations

from generator.demo.activities import Activity
from generator.demo.meetings import Meeting
from generator.demo.ratings import CRITERIA, PANEL, Entry
from generator.demo.wishes import Wish
from generator.demo.yamltext import block, day, flow, q

_PANEL_LINE = f"        panel: {flow(PANEL)}\n"
_SCORES = "        scores: {{" + ", ".join(f"{cid}: {{}}" for cid, *_ in CRITERIA) + "}}\n"


def meeting_text(m: Meeting) -> str:
    """``meetings/<year>/<id>.yml``: a 议事 or a 联席会议."""
    out = [f"kind: {q(m.kind)}", f"title: {q(m.title)}", f"date: {day(m.date)}", f"venue: {q(m.venue)}",
           f"theme: {q(m.theme)}"]
    if m.community:
        out.append(f"community: {q(m.community)}")
    if m.estate:
        out.append(f"estate: {q(m.estate)}")
    out += [f"host: {q(m.host)}", f"attendees: {m.attendees}", f"attendee_groups: {flow(m.attendee_groups)}"]
    if m.issues:
        out += ["issues:"] + [f"  - {q(issue)}" for issue in m.issues]
    if m.decisions:
        out += ["decisions:"] + [f"  - {{text: {q(text)}, owner: {q(owner)}}}" for text, owner in m.decisions]
    if m.units:
        out += [f"units: {flow(m.units)}", f"communities: {flow(m.communities)}", "problems:"]
        for p in m.problems:
            out += [f"  - text: {q(p.text)}", f"    community: {q(p.community)}", f"    unit: {q(p.unit)}",
                    f"    status: {q(p.status)}"]
            if p.solved_date:
                out.append(f"    solved_date: {day(p.solved_date)}")
    out.append("summary: " + block(m.summary).rstrip("\n"))
    return "\n".join(out) + "\n"


def wish_text(w: Wish) -> str:
    """``wishes/<year>/<id>.yml``: the wish, its private wisher and its timeline."""
    out = [f"title: {q(w.title)}", f"text: {q(w.text)}", f"category: {q(w.category)}", "wisher:",
           f"  name: {q(w.wisher)}", f"  gender: {q(w.gender)}", f"  address: {q(w.address)}",
           f"  hardship: {flow(w.hardship)}", f"  age: {w.age}",
           f"community: {q(w.community)}", f"estate: {q(w.estate)}"]
    if w.building:
        out.append(f"building: {q(w.building)}")
    out.append("timeline:")
    for step in w.steps:
        parts = [f"status: {q(step.status)}", f"date: {day(step.date)}"]
        if step.claimer:
            parts.append(f"{step.claimer[0]}: {q(step.claimer[1])}")
        out.append("  - {" + ", ".join(parts) + "}")
    if w.story:
        out.append("story: " + block(w.story).rstrip("\n"))
    return "\n".join(out) + "\n"


def activity_text(a: Activity) -> str:
    """``activities/<year>/<month>/<id>.yml``."""
    out = [f"title: {q(a.title)}", f"date: {day(a.date)}", f"type: {q(a.type)}", f"community: {q(a.community)}",
           f"estate: {q(a.estate)}"]
    if a.building:
        out.append(f"building: {q(a.building)}")
    out += ["organisers:", f"  branch: {q(a.branch)}"]
    for name in ("units", "groups", "others"):
        if getattr(a, name):
            out.append(f"  {name}: {flow(getattr(a, name))}")
    out += [f"participants: {a.participants}", f"beneficiaries: {a.beneficiaries}",
            "summary: " + block(a.summary).rstrip("\n")]
    if a.meeting:
        out.append(f"meeting: {q(a.meeting)}")
    if a.wish:
        out.append(f"wish: {q(a.wish)}")
    if a.people:
        out.append(f"people: {flow(a.people)}")
    if a.highlight:
        out.append("highlight: true")
    return "\n".join(out) + "\n"


def rating_text(month: str, community: str, entries: list[Entry]) -> str:
    """``ratings/<YYYY-MM>/<community>.yml``: every building of the community."""
    parts = [f"month: {q(month)}\ncommunity: {q(community)}\nbuildings:\n"]
    for entry in entries:
        parts.append(f"  - estate: {q(entry.estate)}\n    building: {q(entry.building)}\n    inspections:\n")
        for visit in entry.inspections:
            parts.append(f"      - date: {day(visit.date)}\n")
            parts.append(_PANEL_LINE)
            parts.append(_SCORES.format(*visit.scores))
            if visit.deduction:
                criterion, reason, points = visit.deduction
                parts.append(f"        deductions: [{{reason: {q(reason)}, points: {points}, "
                             f"criterion: {q(criterion)}}}]\n")
            if visit.veto:
                parts.append(f"        veto: {q(visit.veto)}\n")
        parts.append(f"    public_review: {{votes: {entry.votes}, satisfied: {entry.satisfied}}}\n")
    return "".join(parts)
