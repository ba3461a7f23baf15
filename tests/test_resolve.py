"""Resolution: one node per person however spelt, never two people merged, events merged."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.model import Actor, DateRange, Evidence, Fact
from kg.pipeline import BuildResult
from kg.resolve.entities import PersonMention, PersonResolver, dates_compatible, merge_facts


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Tô Lâm", "To Lam"),
        ("Trân Dai Quang", "Tran Dai Quang"),
        ("Nguyên Phu Trong", "Nguyen Phu Trong"),
        ("Vo Nguyên Giap", "Vo Nguyen Giap"),
        ("Alexandre Loukachenko", "Alexander Lukashenko"),
        ("Irineo C. Espino", "Irineo Espino"),
    ],
)
def test_spellings_merge(first: str, second: str) -> None:
    resolver = PersonResolver()
    a = resolver.add(
        PersonMention(first, "VN" if "Lou" not in first else "BY", "président", "head_of_state")
    )
    b = resolver.add(PersonMention(second, None, None, None))
    assert a == b
    (entity,) = resolver.entities()
    assert entity.name == first and second in entity.aliases and entity.merged_because


def test_two_nguyens_stay_apart() -> None:
    resolver = PersonResolver()
    a = resolver.add(
        PersonMention("Nguyen Minh Tam", "VN", "ambassadeur du Vietnam au Laos", "ambassador")
    )
    b = resolver.add(
        PersonMention("Nguyen Minh Trieu", "VN", "général de brigade", "military_officer")
    )
    c = resolver.add(
        PersonMention("Nguyen Thi Ha", "VN", "vice-ministre de l'Intérieur", "deputy_minister")
    )
    assert len({a, b, c}) == 3


def test_same_name_other_country_stays_apart() -> None:
    resolver = PersonResolver()
    a = resolver.add(PersonMention("Kim Jong", "KR", "ministre", "minister"))
    b = resolver.add(PersonMention("Kim Jong", "KP", "ministre", "minister"))
    assert a != b


def test_short_vietnamese_names_are_not_transliterations() -> None:
    resolver = PersonResolver()
    a = resolver.add(PersonMention("Nguyen Van Thang", "VN", None, None))
    b = resolver.add(PersonMention("Nguyen Van Thong", "VN", None, None))
    assert a != b


def test_posts_over_time() -> None:
    resolver = PersonResolver()
    resolver.add(
        PersonMention("To Lam", "VN", "ministre de la Sécurité publique", "minister", "2019-05-02")
    )
    resolver.add(
        PersonMention("To Lam", "VN", "secrétaire général du Parti", "party_leader", "2025-08-12")
    )
    resolver.add(
        PersonMention(
            "To Lam",
            "VN",
            "secrétaire général du Parti communiste du Vietnam",
            "party_leader",
            "2026-02-05",
        )
    )
    (entity,) = resolver.entities()
    posts = {p.role: p for p in entity.posts}
    assert posts["minister"].first_seen == "2019-05-02"
    assert posts["party_leader"].title == "secrétaire général du Parti communiste du Vietnam"
    assert (posts["party_leader"].first_seen, posts["party_leader"].last_seen) == (
        "2025-08-12",
        "2026-02-05",
    )


def fact(date: str | DateRange | None, doc: str) -> Fact:
    host = Actor(id="person:a", name="A", kind="person", country="VN")
    guest = Actor(id="person:b", name="B", kind="person", country="CN")
    ev = Evidence(
        article=f"{doc}.txt", doc=doc, section="main", sentence="A a reçu B.", span=(0, 11)
    )
    return Fact(
        type="reception",
        roles={"host": host, "guest": guest},
        date=date,
        evidence=ev,
        rule="r",
        confidence=0.9,
    )


def test_reports_of_one_event_merge() -> None:
    merged = merge_facts([fact("--11-26", "d1"), fact(None, "d2"), fact("2025-11-26", "d3")])
    assert len(merged) == 1
    assert merged[0].date == "2025-11-26"
    assert [e.doc for e in merged[0].also] == ["d2", "d3"]


def test_conflicting_dates_never_merge() -> None:
    assert len(merge_facts([fact("--11-26", "d1"), fact("--11-25", "d2")])) == 2
    assert not dates_compatible("2022-10-30", "2017-10-30")


def test_friday_third_of_november_resolves_to_2017(seed_build: tuple[BuildResult, Path]) -> None:
    result, _ = seed_build
    wang_yi = [
        f
        for f in result.data.facts
        if f.type == "reception" and f.roles["guest"][0].name == "Wang Yi"
    ]
    assert len(wang_yi) == 2
    for f in wang_yi:
        assert f.date == "--11-03"  # what the text writes stays
        assert f.date_inferred == "2017-11-03"
        reason = str(f.attributes["date_inferred_reason"])
        assert "vendredi" in reason and "Nguyen Xuan Phuc" in reason


def test_no_year_is_invented(seed_build: tuple[BuildResult, Path]) -> None:
    result, _ = seed_build
    xiong_bo = next(
        f
        for f in result.data.facts
        if f.type == "reception" and f.roles["guest"][0].name == "Xiong Bo"
    )
    assert xiong_bo.date == "--04-11" and xiong_bo.date_inferred is None


def test_seed_persons_are_one_node_each(seed_build: tuple[BuildResult, Path]) -> None:
    result, _ = seed_build
    persons = [e for e in result.data.entities if e.kind == "person"]
    to_lam = [e for e in persons if e.id == "person:to-lam"]
    assert len(to_lam) == 1 and {"To Lam", "Tô Lâm"} <= {to_lam[0].name, *to_lam[0].aliases}
    lukashenko = next(e for e in persons if "Loukachenko" in e.name)
    assert "Alexander Lukashenko" in lukashenko.aliases and lukashenko.country == "BY"
    assert len({e.id for e in persons}) == len(persons)


def test_institutions_merge_with_their_acronyms(seed_build: tuple[BuildResult, Path]) -> None:
    result, _ = seed_build
    pcv = [
        e
        for e in result.data.entities
        if e.kind == "organization" and "PCV" in (e.name, *e.aliases)
    ]
    assert len(pcv) == 1
    assert pcv[0].name == "Parti communiste du Vietnam" and pcv[0].country == "VN"
