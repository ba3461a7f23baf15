"""Partnership frameworks: the tiers, "global"/"intégral(e)", pairs, upgrades, negatives."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("sentence", "level", "pair"),
    [
        (
            "Pour dynamiser le partenariat de coopération stratégique intégrale Vietnam-Chine",
            "comprehensive_strategic_cooperative_partnership",
            ("CN", "VN"),
        ),
        (
            "[Le Vietnam et la Russie vont dynamiser leur partenariat stratégique intégral]",
            "comprehensive_strategic_partnership",
            ("RU", "VN"),
        ),
        (
            "Le Vietnam et la France ont salué leur partenariat stratégique global.",
            "comprehensive_strategic_partnership",
            ("FR", "VN"),
        ),
        (
            "Les relations d'amitié traditionnelle Vietnam - Algérie",
            "traditional_friendship",
            ("DZ", "VN"),
        ),
        (
            "Vietnam – Laos : une relation spéciale réaffirmée à l'occasion des 96 ans du PCV",
            "special_relationship",
            ("LA", "VN"),
        ),
        (
            "Le Vietnam et l'Espagne veulent approfondir leur partenariat stratégique.",
            "strategic_partnership",
            ("ES", "VN"),
        ),
        (
            'Intensifier le "Partenariat pour la coopération et le développement" Vietnam - Afrique du Sud',
            "other",
            ("VN", "ZA"),
        ),
    ],
)
def test_levels(extract, sentence: str, level: str, pair: tuple[str, str]) -> None:
    assert extract(sentence, type="partnership") == [("partnership", ("parties", pair))]
    assert level


def test_level_values(extract_facts) -> None:
    facts = extract_facts("Le Vietnam et la France ont salué leur partenariat stratégique global.")
    assert [f.attributes["level"] for f in facts if f.type == "partnership"] == [
        "comprehensive_strategic_partnership"
    ]


def test_upgrade_is_dated(extract_facts) -> None:
    facts = extract_facts(
        "En décembre 2022, les deux pays ont décidé de rehausser leur relation au niveau de "
        "« Partenariat stratégique global ».",
        headline="Poursuite du renforcement de la coopération Vietnam-R. de Corée",
    )
    (fact,) = [f for f in facts if f.type == "partnership"]
    assert fact.attributes["event"] == "upgrade"
    assert fact.date == "2022-12"
    assert sorted(a.country for a in fact.roles["parties"]) == ["KR", "VN"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Il a confirmé la volonté du Vietnam de consolider les relations d'amitié de longue date avec la Chine.",
        "Ils veulent approfondir la coopération globale et stratégique entre les deux pays.",
        "La Chine prend en haute considération les relations de voisinage d'amitié et de coopération intégrale.",
        "Les deux pays ont signé une déclaration pour développer les relations de partenariat Vietnam-Biélorussie.",
    ],
)
def test_not_frameworks(extract, sentence: str) -> None:
    assert extract(sentence, type="partnership") == []
