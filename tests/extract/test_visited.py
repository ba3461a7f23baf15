"""Visits: one per destination, kinds, planned visits, and the trips that are not visits."""

from __future__ import annotations

import pytest


def visits(facts: list[tuple[object, ...]]) -> list[tuple[str, str]]:
    return sorted((f[2][1][0], f[1][1][0]) for f in facts)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "La visite officielle du président Tran Dai Quang en Russie et en Biélorussie a réussi.",
            [("Tran Dai Quang", "BY"), ("Tran Dai Quang", "RU")],
        ),
        (
            "Le général Phan Van Giang a reçu Irineo C. Espino, vice-ministre de la Défense des "
            "Philippines, venu au Vietnam pour coprésider le Dialogue.",
            [("Irineo C. Espino", "VN")],
        ),
        (
            "Le secrétaire général du Parti communiste du Vietnam, Tô Lâm, effectuera le 5 février "
            "2026 une visite d'État au Laos.",
            [("Tô Lâm", "LA")],
        ),
        (
            "Lors de sa visite d'État en République de Corée, le 12 août 2025 à Séoul, le secrétaire "
            "général To Lam a rencontré le président de l'Assemblée nationale de la République de "
            "Corée, Woo Won-sik.",
            [("To Lam", "KR")],
        ),
        (
            "Le Premier ministre japonais Shigeru Ishiba est arrivé à Hanoï pour une visite officielle.",
            [("Shigeru Ishiba", "VN")],
        ),
        (
            "Le président Luong Cuong se rendra en France et en Allemagne du 3 au 6 mai.",
            [("Luong Cuong", "DE"), ("Luong Cuong", "FR")],
        ),
    ],
)
def test_visits(extract, sentence: str, expected: list[tuple[str, str]]) -> None:
    assert visits(extract(sentence, type="visit")) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # A Vietnamese official's trip inside Vietnam.
        "Le secrétaire général du Parti, Tô Lâm, a effectué le 20 novembre une visite de travail au "
        "Commandement de la Région 4 de la Garde-côte du ministère de la Défense.",
        # A resident ambassador's courtesy call is a reception, not a visit.
        "Le secrétaire du Comité du Parti de Hanoï, Dinh Tien Dung, a reçu l'ambassadeur de Chine "
        "au Vietnam, Xiong Bo, qui lui a rendu une visite de courtoisie.",
        # A multilateral session abroad.
        "La vice-ministre des Affaires intérieures Nguyen Thi Ha a défendu le rapport lors de la 92e "
        "session du Comité CEDAW, au siège des Nations unies à Genève.",
    ],
)
def test_not_visits(extract, sentence: str) -> None:
    assert extract(sentence, type="visit") == []


def test_visit_kind_status_and_dates(extract_facts) -> None:
    facts = extract_facts(
        "A l'invitation de Thongloun Sisoulith, secrétaire général du Parti populaire "
        "révolutionnaire lao (PPRL), le secrétaire général du Parti communiste du Vietnam (PCV), "
        "se rendra les 1er et 2 décembre au Laos pour une visite d'État.",
        headline="Le leader du Parti Tô Lâm attendu au Laos",
    )
    visits = [f for f in facts if f.type == "visit" and f.rule == "visited.go"]
    assert len(visits) == 1
    visit = visits[0]
    assert visit.roles["visitor"][0].name == "Tô Lâm"
    assert visit.attributes == {"kind": "state", "status": "planned"}
    assert visit.date is not None and visit.date.start == "--12-01"
