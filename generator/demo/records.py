"""YAML text of the standing records: site, scoring, figures, 社区, 结对单位, 帮帮团, 人物.

Each function returns one file's text, in the field order staff see in the shipped
content. Free text goes through :func:`q` or :func:`block`; numbers and dates are
written as YAML reads them back.
"""

from __future__ import annotations

from generator.demo import phrases
from generator.demo.people import Group, ListItem, Person, Unit
from generator.demo.ratings import CRITERIA, PANEL, VETOES
from generator.demo.world import Building, City, Community
from generator.demo.yamltext import block, day, flow, q

_HEADER = "# 演示数据：由 jinlin demo 生成，人物、单位和地名均为虚构。\n"


def site_text(place: str) -> str:
    """``site.yml`` for a demo city (or province) called ``place``."""
    short = place[:-1]
    return (
        f"{_HEADER}name: {q(short + '近邻党建')}\ncity: {q(place)}\n"
        f"publisher: {q(f'中共{place}委组织部')}\n"
        f"description: {q(f'远亲不如近邻——{place}城市基层党建“近邻党建”工作展示（演示数据）')}\n"
        "base_url: https://jinlin.example.cn/\nwisher_name_style: stars\nbulletin:\n"
        "  title: 近邻党建工作简报\n"
        f"  issuer: {q(f'中共{place}委组织部办公室')}\n"
        "  copies: 120\n  first_total_issue: 1\n  distribution:\n"
        "    report_to: [上级党委组织部]\n    send_to: [市委、市政府领导, 市委办, 市政府办]\n"
        "    issue_to: [各街道党工委, 各社区党委, 各结对共建单位]\n"
    )


def scoring_text() -> str:
    """``scoring.yml`` with the criteria, vetoes and thresholds of the shipped rules."""
    lines = [_HEADER.rstrip("\n"), "title: 星级楼栋考核细则", "inspections_required: 3",
             "panel_weight: 0.8", "public_weight: 0.2", f"panel_roles: {flow(PANEL)}", "criteria:"]
    for cid, name, points, description in CRITERIA:
        lines += [f"  - id: {q(cid)}", f"    name: {q(name)}", f"    max_points: {points}",
                  f"    description: {q(description)}"]
    lines.append("vetoes:")
    lines += [f"  - {{id: {q(vid)}, name: {q(name)}}}" for vid, name in VETOES]
    lines.append("thresholds:")
    lines += [f"  - {{stars: {stars}, min_score: {score}}}" for stars, score in
              ((5, 95), (4, 90), (3, 85), (2, 80), (1, 75))]
    return "\n".join(lines) + "\n"


def figures_text(members_reported: int, units: int, communities: int) -> str:
    """``figures.yml``: numbers a 组织部 publishes without records behind them."""
    rows = (("members-reported", "在职党员到社区报到", members_reported, "名"),
            ("paired-units", "结对共建的机关企事业单位", units, "个"),
            ("paired-communities", "结对共建社区", communities, "个"))
    lines = [_HEADER.rstrip("\n"), "figures:"]
    for fid, label, value, unit in rows:
        lines += [f"  - id: {fid}", f"    label: {q(label)}", f"    value: {value}", f"    unit: {q(unit)}",
                  "    source: 演示数据", "    as_of: 2026-11-30"]
    return "\n".join(lines) + "\n"


def community_text(city: City, c: Community) -> str:
    """``communities/<id>.yml``: the community and its 小区 and 楼栋."""
    households = sum(e.households for e in c.estates)
    intro = "\n\n".join(s.format(community=c.name, n=len(c.estates)) for s in phrases.INTRODUCTIONS)
    out = [f"name: {q(c.name)}", f"street: {q(c.street)}",
           f"party_committee: {q(f'中共{city.name}{c.street}{c.name}委员会')}",
           f"secretary: {q(c.secretary)}", f"households: {households}",
           f"residents: {sum(e.residents for e in c.estates)}"]
    if c.honours:
        out.append(f"honours: {flow(c.honours)}")
    out.append("introduction: " + block(intro).rstrip("\n"))
    out.append("estates:")
    for e in c.estates:
        out += [f"  - id: {q(e.id)}", f"    name: {q(e.name)}", f"    branch: {q(e.branch)}",
                f"    households: {e.households}", f"    residents: {e.residents}",
                f"    property_company: {q(e.property_company)}", "    buildings:"]
        out += [_building(b) for b in e.buildings]
    return "\n".join(out) + "\n"


def _building(b: Building) -> str:
    parts = [f"id: {q(b.id)}", f"name: {q(b.name)}"]
    if b.party_group:
        parts.append(f"party_group: {q(b.party_group)}")
    parts.append(f"center_households: {b.center_households}")
    if b.leader:
        parts.append(f"leader: {q(b.leader)}")
    parts.append(f"households: {b.households}")
    return "      - {" + ", ".join(parts) + "}"


def _item(item: ListItem) -> str:
    parts = [f"title: {q(item.title)}", f"community: {q(item.community)}", f"status: {q(item.status)}",
             f"date: {day(item.date)}"]
    if item.done_date:
        parts.append(f"done_date: {day(item.done_date)}")
    return "  - {" + ", ".join(parts) + "}"


def unit_text(u: Unit) -> str:
    """``units/<id>.yml``: a paired unit with its two lists."""
    out = [f"name: {q(u.name)}", f"kind: {q(u.kind)}", f"party_organisation: {q(u.party_organisation)}",
           f"communities: {flow(u.communities)}", f"members_reported: {u.members_reported}",
           f"contact_person: {q(u.contact_person)}", f"contact_phone: {q(u.contact_phone)}", "needs:"]
    out += [_item(i) for i in u.needs]
    out.append("services:")
    out += [_item(i) for i in u.services]
    return "\n".join(out) + "\n"


def group_text(g: Group) -> str:
    """``groups/<id>.yml``: a 帮帮团."""
    out = [f"name: {q(g.name)}", f"focus: {q(g.focus)}", f"community: {q(g.community)}",
           f"estate: {q(g.estate)}", f"mission: {q(g.mission)}"]
    if g.leader:
        out.append(f"leader: {q(g.leader)}")
    out += [f"members: {flow(g.members)}", f"founded: {day(g.founded)}"]
    return "\n".join(out) + "\n"


def person_text(p: Person) -> str:
    """``people/<id>.yml``: one person, private fields included (they are never published)."""
    out = [f"name: {q(p.name)}", f"gender: {q(p.gender)}", f"political_status: {q(p.political_status)}",
           f"community: {q(p.community.id)}", f"estate: {q(p.estate)}"]
    if p.building:
        out.append(f"building: {q(p.building)}")
    if p.unit:
        out += [f"organisation: {q(p.unit.name)}", f"unit: {q(p.unit.id)}"]
    out.append(f"roles: {flow(p.roles)}")
    if p.honours:
        out.append("honours:")
        for title, month in p.honours:
            out += [f"  - title: {q(title)}", f"    month: {q(month)}",
                    f"    citation: {q(phrases.HONOUR_CITATIONS[title])}"]
    out.append(f"service_hours: {p.service_hours}")
    if p.story:
        out.append("story: " + block(p.story).rstrip("\n"))
    out += [f"public: {'true' if p.public else 'false'}", f"consent: {'true' if p.consent else 'false'}",
            f"phone: {q(p.phone)}"]
    return "\n".join(out) + "\n"
