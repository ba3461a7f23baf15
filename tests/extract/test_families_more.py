"""Sentence -> facts tables for the construction families added after the first pass of
issue 13 (the dependency parse, organisations, ages of relations, monarchs, ...).

Sentences of their own in the style of VNA-family pages, not copied from the dev set; they load
the spaCy model (NER, parser), hence ``slow``.
"""

from __future__ import annotations

import pytest

from kg.extract import extract_document
from tests.extract.conftest import make_document

pytestmark = pytest.mark.slow


def _persons(*sentences: str) -> dict[str, str | None]:
    ctx, _ = extract_document(make_document(*sentences))
    return {p.name: p.country for sm in ctx.sentences for p in sm.persons}


@pytest.mark.parametrize(
    ("sentences", "pairs"),
    [
        # a verb coordinated by "et" with no subject of its own shares the sentence's subject
        (
            (
                "Selon le programme, le Premier ministre suédois Ulf Kristersson rendra une "
                "visite de courtoisie au président Luong Cuong et rencontrera le président de "
                "l'Assemblée nationale Trân Thanh Mân.",
            ),
            [("Trân Thanh Mân", "Ulf Kristersson")],
        ),
        # talks with the owner of a programme: "Son programme prévoit des entrevues avec"
        (
            (
                "Le président finlandais Alexander Stubb est arrivé le 2 mars à Hanoï pour une "
                "visite d'État.",
                "Son programme prévoit des entrevues avec le Premier ministre Pham Minh Chinh et "
                "le président de l'Assemblée nationale Trân Thanh Mân, ainsi qu'une séance de "
                "travail avec le secrétaire Nguyen Van Nen.",
            ),
            [
                ("Alexander Stubb", "Nguyen Van Nen"),
                ("Alexander Stubb", "Pham Minh Chinh"),
                ("Alexander Stubb", "Trân Thanh Mân"),
            ],
        ),
        # "entretien tenu ... entre X et Y"
        (
            (
                "Lors de l'entretien tenu le 4 juin à Oslo entre le Premier ministre Pham Minh "
                "Chinh et le Premier ministre norvégien Jonas Gahr Støre, les deux parties ont "
                "salué leurs liens.",
            ),
            [("Jonas Gahr Støre", "Pham Minh Chinh")],
        ),
        # a participial opening: the subject is the last person before the main verb
        (
            (
                "S'entretenant avec le ministre indien des Affaires étrangères, Subrahmanyam "
                "Jaishankar, le chef de la diplomatie vietnamienne Bui Thanh Son a salué les "
                "liens.",
            ),
            [("Bui Thanh Son", "Subrahmanyam Jaishankar")],
        ),
        # the subject of a second verb is read from the parse (three persons)
        (
            (
                "Au cours de son séjour, le Premier ministre chinois Li Qiang a également "
                "rencontré le secrétaire général Tô Lâm, et a eu une entrevue avec le président "
                "de l'Assemblée nationale Trân Thanh Mân.",
            ),
            [("Li Qiang", "Trân Thanh Mân"), ("Li Qiang", "Tô Lâm")],
        ),
    ],
)
def test_meetings(extract, sentences: tuple[str, ...], pairs: list[tuple[str, str]]) -> None:
    assert extract(*sentences, type="meeting") == [("meeting", ("participants", p)) for p in pairs]


def test_a_coordinated_passive_takes_the_clause_subject(extract) -> None:
    found = extract(
        "Au Maroc, le président de l'Assemblée nationale Trân Thanh Mân s'entretiendra avec son "
        "homologue Rachid Talbi Alami et devrait être reçu par le roi Mohammed VI.",
    )
    assert ("meeting", ("participants", ("Rachid Talbi Alami", "Trân Thanh Mân"))) in found
    assert not any(kind == "meeting" and "Mohammed VI" in str(roles) for kind, *roles in found)
    assert ("reception", ("guest", ("Trân Thanh Mân",)), ("host", ("Mohammed VI",))) in found


@pytest.mark.parametrize(
    ("sentences", "visits"),
    [
        # a date between commas does not end a list of destinations
        (
            (
                "La tournée du président Luong Cuong comprend des visites d'État au Chili, du 8 "
                "au 10 novembre, et au Pérou.",
            ),
            [("Luong Cuong", "CL"), ("Luong Cuong", "PE")],
        ),
        # a destination written before: "X, où il effectuera une visite"
        (
            (
                "La prochaine étape du secrétaire général Tô Lâm est la Mongolie, où il "
                "effectuera une visite d'État les 3 et 4 octobre.",
            ),
            [("Tô Lâm", "MN")],
        ),
        # "se trouve en X pour une visite"
        (
            (
                "Le président Luong Cuong se trouve en Angola pour une visite d'État du 6 au 8 "
                "août.",
            ),
            [("Luong Cuong", "AO")],
        ),
        # "s'était déjà rendu au Vietnam"
        (
            ("Le Premier ministre japonais Ishiba Shigeru s'était déjà rendu au Vietnam en 1989.",),
            [("Ishiba Shigeru", "VN")],
        ),
    ],
)
def test_visits(extract, sentences: tuple[str, ...], visits) -> None:
    found = extract(*sentences, type="visit")
    assert found == [("visit", ("destination", (d,)), ("visitor", (v,))) for v, d in visits]


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        (
            "Le Vietnam et la Hongrie célèbrent le 75e anniversaire de leurs relations "
            "diplomatiques.",
            ("HU", "VN"),
        ),
        (
            "Une cérémonie a célébré à Luanda un demi-siècle de relations diplomatiques entre le "
            "Vietnam et l'Angola.",
            ("AO", "VN"),
        ),
    ],
)
def test_relations_by_their_age(extract, sentence: str, pair: tuple[str, str]) -> None:
    assert extract(sentence, type="diplomatic_relations") == [
        ("diplomatic_relations", ("parties", pair))
    ]


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        (
            "Le ministre Bui Thanh Son a salué le partenariat stratégique global "
            "franco-vietnamien.",
            ("FR", "VN"),
        ),
        (
            "Les deux ministres ont salué le Partenariat stratégique global pour la paix et la "
            "prospérité en Asie et dans le monde entre le Vietnam et le Japon.",
            ("JP", "VN"),
        ),
        (
            "Lors de sa rencontre avec le secrétaire d'État américain Marco Rubio, le ministre "
            "Bui Thanh Son a réaffirmé la volonté de promouvoir le partenariat stratégique "
            "intégral.",
            ("US", "VN"),
        ),
    ],
)
def test_partnership_pairs(extract, sentence: str, pair: tuple[str, str]) -> None:
    (found,) = extract(sentence, type="partnership")
    assert found[1] == ("parties", pair)


def test_the_european_union_is_an_organisation(extract) -> None:
    sentences = (
        "Le Premier ministre Pham Minh Chinh a reçu le 29 janvier à Hanoï le président du "
        "Conseil européen, António Costa, en visite officielle au Vietnam.",
        "Les deux dirigeants ont salué l'élévation des relations Vietnam - Union européenne au "
        "rang de partenariat stratégique global.",
        "Les deux parties sont convenues de mettre en œuvre l'Accord de libre-échange entre le "
        "Vietnam et l'Union européenne.",
    )
    found = extract(*sentences)
    assert not any(kind in ("partnership", "agreement") for kind, *_ in found)
    assert ("reception", ("guest", ("António Costa",)), ("host", ("Pham Minh Chinh",))) in found
    assert _persons(*sentences)["António Costa"] == "ORG:UE"


@pytest.mark.parametrize(
    ("sentence", "name", "country"),
    [
        # one word after a monarch's title; a regnal number belongs to the name
        ("Le président Luong Cuong a reçu l'empereur japonais Naruhito.", "Naruhito", "JP"),
        ("Le roi Charles III a reçu le secrétaire général Tô Lâm à Londres.", "Charles III", None),
        # a title ending on "de" heads a body, not a name
        (
            "Le Premier ministre Pham Minh Chinh a reçu Jay Y. Lee, président de Samsung "
            "Electronics.",
            "Jay Y. Lee",
            None,
        ),
        # a Vietnamese name with one syllable the list lacks; a city in a title
        (
            "Le président du Comité populaire de Hô Chi Minh-Ville, Nguyen Van Duoc, a reçu le "
            "consul général de Chine Wang Xiaolin.",
            "Nguyen Van Duoc",
            "VN",
        ),
    ],
)
def test_persons(sentence: str, name: str, country: str | None) -> None:
    persons = _persons(sentence)
    assert name in persons
    if country:
        assert persons[name] == country
    assert not {"Grand Khoural", "Samsung Electronics", "Samsung"} & set(persons)


def test_a_body_after_a_title_is_no_person() -> None:
    persons = _persons(
        "Le président Luong Cuong a reçu le président du Grand Khoural de Mongolie, "
        "Dashzegviin Amarbayasgalan."
    )
    assert "Grand Khoural" not in persons
    assert persons.get("Dashzegviin Amarbayasgalan") == "MN"


@pytest.mark.parametrize(
    ("sentences", "kind"),
    [
        (("Le président Luong Cuong doit encore rencontrer le président chilien Gabriel Boric.",), "meeting"),
        (("Le président Luong Cuong doit y avoir un entretien avec la présidente péruvienne Dina Boluarte.",), "meeting"),
        (
            (
                "Le président finlandais Alexander Stubb est arrivé le 2 mars à Hanoï.",
                "Son programme prévoit en outre des entrevues avec le Premier ministre Pham Minh "
                "Chinh.",
            ),
            "meeting",
        ),
        (
            (
                "Le Premier ministre Pham Minh Chinh a évoqué la visite officielle en Russie du "
                "secrétaire général Tô Lâm, prévue en mai.",
            ),
            "visit",
        ),
    ],
)  # fmt: skip
def test_planned(extract_facts, sentences: tuple[str, ...], kind: str) -> None:
    facts = [f for f in extract_facts(*sentences) if f.type == kind]
    assert facts
    assert all(f.attributes.get("status") == "planned" for f in facts)


def test_a_plan_in_a_later_clause_is_not_the_talks(extract_facts) -> None:
    (fact,) = [
        f
        for f in extract_facts(
            "Le ministre Bui Thanh Son a eu le 26 novembre un entretien téléphonique avec son "
            "homologue singapourien Vivian Balakrishnan, au cours duquel les deux parties ont "
            "convenu de préparer les échanges de haut niveau prévus d'ici la fin de l'année."
        )
        if f.type == "meeting"
    ]
    assert fact.attributes.get("status") is None


def test_a_description_subject_after_an_apposed_name(extract) -> None:
    """ "À l'invitation de son homologue X, le chef du gouvernement vietnamien effectuera une
    visite": the description is the subject of the verb, not a second title of X."""
    found = extract(
        "Le Premier ministre Pham Minh Chinh a reçu le Premier ministre cambodgien Hun Manet.",
        "À l'invitation de son homologue cambodgien Hun Manet, le chef du gouvernement "
        "vietnamien effectuera les 27 et 28 février une visite officielle au Cambodge.",
        type="visit",
    )
    assert found == [("visit", ("destination", ("KH",)), ("visitor", ("Pham Minh Chinh",)))]


def test_a_leader_phrase_is_no_ambassador() -> None:
    """ "le dirigeant sud-coréen" stands for a leader of the event the page is about, never for
    the ambassador the page is about."""
    ctx, _ = extract_document(
        make_document(
            "Le ministre des Affaires étrangères Bui Thanh Son a reçu le 14 mars à Hanoï "
            "l'ambassadeur de la République de Corée, Park Jin-ho.",
            "Il a souhaité la réussite de la prochaine visite au Vietnam du dirigeant sud-coréen.",
        )
    )
    assert ctx.frame is not None and "Park Jin-ho" in {a.name for a in ctx.frame}
    sentence = ctx.sentences[1]
    assert "Park Jin-ho" not in {a.name for a in ctx.refs(1, 0, len(sentence.text))}
