"""Diplomatic relations: establishment dates, anniversaries, several pairs, traps."""

from __future__ import annotations


def test_established_on_a_date(extract_facts) -> None:
    (fact,) = extract_facts(
        "Le 22 décembre 1992, le Vietnam et la République de Corée ont officiellement établi leurs "
        "relations diplomatiques."
    )
    assert fact.type == "diplomatic_relations"
    assert fact.date == "1992-12-22"
    assert sorted(a.country for a in fact.roles["parties"]) == ["KR", "VN"]


def test_anniversary_of_two_pairs(extract_facts) -> None:
    facts = extract_facts(
        "La visite coïncidait avec la célébration des 25 ans d'établissement des relations "
        "diplomatiques entre le Vietnam et la Russie et la Biélorussie."
    )
    got = sorted(
        (f.roles["parties"][1].country, f.attributes["anniversary_years"])
        for f in facts
        if f.type == "diplomatic_relations"
    )
    assert got == [("BY", 25), ("RU", 25)]


def test_more_than_sixty_years(extract_facts) -> None:
    facts = extract_facts(
        "Plus de 60 ans après l'établissement de leurs relations diplomatiques, l'amitié entre les "
        "deux pays n'a cessé de se consolider.",
        headline="Les relations Vietnam - Algérie",
    )
    (fact,) = [f for f in facts if f.type == "diplomatic_relations"]
    assert fact.attributes == {"anniversary_years": 60, "anniversary_qualifier": "plus de"}


def test_traps(extract) -> None:
    assert (
        extract(
            "Depuis 25 ans, le Vietnam est le premier partenaire commercial du Guangxi.",
            "Elle assiste au 50e anniversaire de la coopération Vietnam-UNICEF.",
            type="diplomatic_relations",
        )
        == []
    )
