"""Agreements: counts in digits and words, kinds, statuses, city memoranda, traps."""

from __future__ import annotations

import pytest


def test_counts_split_by_pair(extract_facts) -> None:
    facts = extract_facts(
        "Lors de la visite, il y a eu 14 accords signés entre le Vietnam et la Russie et neuf entre "
        "le Vietnam et la Biélorussie, concernant l'économie."
    )
    got = sorted(
        (
            tuple(a.country for a in f.roles["parties"]),
            f.attributes["count"],
            f.attributes["status"],
        )
        for f in facts
        if f.type == "agreement"
    )
    assert got == [(("VN", "BY"), 9, "signed"), (("VN", "RU"), 14, "signed")]


def test_issued_and_signed_declarations(extract_facts) -> None:
    facts = extract_facts(
        "Le Vietnam et la Russie ont rendu publique une [Déclaration commune] tandis que le Vietnam "
        "et la Biélorussie ont aussi signé une [Déclaration commune]."
    )
    got = sorted(
        (f.roles["parties"][1].country, f.attributes["kind"], f.attributes["status"])
        for f in facts
        if f.type == "agreement"
    )
    assert got == [("BY", "joint_declaration", "signed"), ("RU", "joint_declaration", "issued")]


def test_city_memorandum(extract_facts) -> None:
    facts = extract_facts(
        "Dinh Tien Dung a salué les relations entre Hanoï et les localités chinoises, en particulier "
        "avec la capitale Pékin, via la signature d'un protocole d'accord de coopération bilatérale."
    )
    agreements = [f for f in facts if f.type == "agreement"]
    assert len(agreements) == 1
    assert sorted(a.name for a in agreements[0].roles["parties"]) == ["Beijing", "Hanoi"]
    assert agreements[0].attributes["kind"] == "memorandum"
    assert agreements[0].attributes["count"] == 1


def test_planned_two_agreements(extract_facts) -> None:
    facts = extract_facts(
        "Les deux parties doivent signer bientôt un accord cadre sur la construction d'une zone "
        "économique frontalière Vietnam-Chine et un autre sur le transport ferroviaire."
    )
    (agreement,) = [f for f in facts if f.type == "agreement"]
    assert agreement.attributes["status"] == "planned"
    assert agreement.attributes["count"] == 2


@pytest.mark.parametrize(
    "sentence",
    [
        "Le Vietnam et la Jordanie doivent mettre en œuvre efficacement les accords existants.",
        "La Russie avait collaboré avec le Vietnam pour mettre en œuvre l'Accord de libre-échange "
        "entre le Vietnam et l'Union économique eurasiatique.",
    ],
)
def test_not_agreements(extract, sentence: str) -> None:
    assert extract(sentence, type="agreement") == []
