"""Meetings: talks, co-chairing, online sessions; captions without a verb state nothing."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        (
            "En Russie, Tran Dai Quang a rencontré le président Vladimir Poutine et d'autres "
            "dirigeants russes.",
            ("Tran Dai Quang", "Vladimir Poutine"),
        ),
        (
            "[Vietnam-Biélorussie: entretien entre les deux présidents Trân Dai Quang et Alexander "
            "Lukashenko]",
            ("Alexander Lukashenko", "Trân Dai Quang"),
        ),
        (
            "Dans l'après-midi du 26 novembre, à Hanoï, le général de corps d'armée Hoang Xuan Chien, "
            "vice-ministre vietnamien de la Défense, et son homologue des Philippines, Irineo C. "
            "Espino, ont coprésidé le 7e Dialogue.",
            ("Hoang Xuan Chien", "Irineo C. Espino"),
        ),
        (
            "Le vice-Premier ministre Trinh Dinh Dung et son homologue russe Dmitry Chernyshenko ont "
            "eu le 11 novembre une séance de travail en ligne.",
            ("Dmitry Chernyshenko", "Trinh Dinh Dung"),
        ),
        (
            "Le ministre des Affaires étrangères Bui Thanh Son s'est entretenu au téléphone avec son "
            "homologue japonais Takeshi Iwaya.",
            ("Bui Thanh Son", "Takeshi Iwaya"),
        ),
    ],
)
def test_meetings(extract, sentence: str, pair: tuple[str, str]) -> None:
    assert extract(sentence, type="meeting") == [("meeting", ("participants", pair))]


@pytest.mark.parametrize(
    "sentence",
    [
        "Le Premier ministre Pham Minh Chinh (droite) et le président sud-africain Matamela Cyril "
        "Ramaphosa.",
        "L'envoyé spécial du chef du Parti vietnamien rencontre le plus haut dirigeant chinois",
    ],
)
def test_not_meetings(extract, sentence: str) -> None:
    assert extract(sentence, type="meeting") == []


def test_online_mode(extract_facts) -> None:
    facts = extract_facts(
        "Séance de travail en ligne entre le vice-Premier ministre Trinh Dinh Dung et son homologue "
        "russe Dmitry Chernyshenko, le 11 novembre."
    )
    assert [f.attributes.get("mode") for f in facts if f.type == "meeting"] == ["online"]
