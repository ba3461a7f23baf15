"""Receptions: active, present, participial, passive, several hosts or guests."""

from __future__ import annotations

import pytest

CASES = [
    (
        "Le secrétaire du Comité du Parti de Hanoï, Dinh Tien Dung, a reçu le 11 avril à Hanoï "
        "l'ambassadeur de Chine au Vietnam, Xiong Bo, qui lui a rendu une visite de courtoisie.",
        [("Dinh Tien Dung", "Xiong Bo")],
    ),
    (
        "Le secrétaire général du Parti communiste du Vietnam Nguyen Phu Trong et le Premier "
        "ministre Nguyen Xuan Phuc ont reçu le 3 novembre à Hanoï le ministre chinois des AE, Wang Yi.",
        [("Nguyen Phu Trong", "Wang Yi"), ("Nguyen Xuan Phuc", "Wang Yi")],
    ),
    (
        "Recevant, le 26 novembre à Hanoï, la ministre palestinienne des Affaires étrangères, "
        "Varsen Aghabekian Shahin, le vice-Premier ministre Ho Quoc Dung a souligné la portée de "
        "cette visite.",
        [("Ho Quoc Dung", "Varsen Aghabekian Shahin")],
    ),
    (
        "En recevant ce vendredi à Hanoï le ministre indien des Affaires étrangères Subrahmanyam "
        "Jaishankar, le président Luong Cuong a salué les liens bilatéraux.",
        [("Luong Cuong", "Subrahmanyam Jaishankar")],
    ),
    (
        "L'ambassadeur du Vietnam au Laos, Nguyen Minh Tam (à droite), reçoit Bounleua "
        "Phandanouvong, membre du Comité central.",
        [("Nguyen Minh Tam", "Bounleua Phandanouvong")],
    ),
    (
        "Le Premier ministre Pham Minh Chinh a reçu, le 26 novembre à Hô Chi Minh-Ville, Stephan "
        "Mergenthaler, directeur exécutif du Forum économique mondial (WEF) ; Chang Lih Kang, "
        "ministre malaisien de la Science ; et Hem Vanndy, ministre cambodgien de l'Industrie.",
        [
            ("Pham Minh Chinh", "Chang Lih Kang"),
            ("Pham Minh Chinh", "Hem Vanndy"),
            ("Pham Minh Chinh", "Stephan Mergenthaler"),
        ],
    ),
    (
        "Le général de brigade Nguyen Minh Trieu a reçu le 4 février à Can Tho une délégation du "
        "ministère cambodgien de la Défense, conduite par son directeur, le lieutenant-général "
        "Ouk Hoeunpisey.",
        [("Nguyen Minh Trieu", "Ouk Hoeunpisey")],
    ),
]


@pytest.mark.parametrize(("sentence", "pairs"), CASES)
def test_receptions(extract, sentence: str, pairs: list[tuple[str, str]]) -> None:
    found = extract(sentence, type="reception")
    assert sorted((f[2][1][0], f[1][1][0]) for f in found) == sorted(pairs)


def test_passive_reception_resolves_the_description(extract) -> None:
    # "le ministre chinois des Affaires étrangères" is Wang Yi, named earlier in the document.
    found = extract(
        "Le Premier ministre Nguyen Xuan Phuc a salué le ministre chinois des Affaires étrangères Wang Yi.",
        "Le même jour, le ministre chinois des Affaires étrangères a été reçu par le Premier "
        "ministre Nguyen Xuan Phuc, qui a souligné la coopération.",
        type="reception",
    )
    assert found == [("reception", ("guest", ("Wang Yi",)), ("host", ("Nguyen Xuan Phuc",)))]


def test_reception_with_this_visit_gives_a_visit(extract) -> None:
    found = extract(CASES[2][0], type="visit")
    assert found == [
        ("visit", ("destination", ("VN",)), ("visitor", ("Varsen Aghabekian Shahin",)))
    ]


def test_reception_evidence_points_at_the_sentence(extract_facts) -> None:
    facts = [f for f in extract_facts(CASES[0][0]) if f.type == "reception"]
    assert facts[0].evidence.sentence == CASES[0][0]
    assert facts[0].date == "--04-11"
    assert facts[0].place == "Hanoï"
