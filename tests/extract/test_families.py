"""Sentence -> facts tables for the construction families of issue 13 (pages beyond the seeds).

Each table is one family (a verb class, a construction, a coreference pattern), written in the
style of VNA-family pages with sentences of their own, not copied from the dev set.  They load
the spaCy model (names without a title are found by its NER), hence ``slow``.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

PMC = "le Premier ministre Pham Minh Chinh"


@pytest.mark.parametrize(
    ("sentence", "pairs"),
    [
        # talk forms outside the seed lexicon
        (
            f"Le 12 mai à Hanoï, {PMC} a eu une entrevue avec le ministre japonais des Affaires "
            "étrangères Yoko Kamikawa.",
            [("Pham Minh Chinh", "Yoko Kamikawa")],
        ),
        (
            "Le président Luong Cuong et son homologue chilien Gabriel Boric ont eu le 3 juin un "
            "entretien à Santiago.",
            [("Gabriel Boric", "Luong Cuong")],
        ),
        (
            "Le président Luong Cuong et le président chilien Gabriel Boric se sont entretenus "
            "au palais de La Moneda.",
            [("Gabriel Boric", "Luong Cuong")],
        ),
        (
            "Entretien entre le ministre vietnamien Bui Thanh Son et le ministre singapourien "
            "Vivian Balakrishnan",
            [("Bui Thanh Son", "Vivian Balakrishnan")],
        ),
        # coordination: "X et Y ont eu séparément des entrevues avec Z" is X-Z, Y-Z
        (
            "Le président Luong Cuong et le Premier ministre Pham Minh Chinh ont eu séparément des "
            "entrevues avec le président kényan William Ruto.",
            [("Luong Cuong", "William Ruto"), ("Pham Minh Chinh", "William Ruto")],
        ),
        # enumeration: "X a rencontré A, B et C" is X-A, X-B, X-C, never A-B
        (
            f"En marge du sommet, {PMC} a rencontré le Premier ministre indien Narendra Modi, "
            "le président brésilien Luiz Inácio Lula da Silva et le président sud-africain Cyril "
            "Ramaphosa.",
            [
                ("Cyril Ramaphosa", "Pham Minh Chinh"),
                ("Luiz Inácio Lula da Silva", "Pham Minh Chinh"),
                ("Narendra Modi", "Pham Minh Chinh"),
            ],
        ),
        # ", puis une entrevue avec" continues the subject
        (
            f"À Doha, {PMC} a eu un entretien avec le Premier ministre qatari Mohammed bin "
            "Abdulrahman Al-Thani, puis une entrevue avec l'émir Tamim bin Hamad Al Thani.",
            [
                ("Mohammed bin Abdulrahman Al-Thani", "Pham Minh Chinh"),
                ("Pham Minh Chinh", "Tamim bin Hamad Al Thani"),
            ],
        ),
    ],
)
def test_talk_forms_and_coordination(extract, sentence: str, pairs: list[tuple[str, str]]) -> None:
    assert extract(sentence, type="meeting") == [("meeting", ("participants", p)) for p in pairs]


def test_the_two_leaders_are_the_frame(extract) -> None:
    # "Les deux dirigeants ont eu un entretien": the two persons of the event the page is about
    found = extract(
        f"{PMC} a présidé le 5 mars la cérémonie d'accueil en l'honneur du Premier ministre "
        "australien Anthony Albanese, en visite officielle au Vietnam.",
        "À l'issue de la cérémonie, les deux dirigeants ont eu un entretien.",
        type="meeting",
    )
    assert found == [("meeting", ("participants", ("Anthony Albanese", "Pham Minh Chinh")))]


def test_pronoun_subject_is_the_topic(extract) -> None:
    found = extract(
        "Le secrétaire général Tô Lâm est arrivé le 9 mars à Jakarta pour une visite d'État.",
        "Le lendemain, il a eu une séance de travail avec le secrétaire général de l'ASEAN, "
        "Kao Kim Hourn.",
        type="meeting",
    )
    assert found == [("meeting", ("participants", ("Kao Kim Hourn", "Tô Lâm")))]


@pytest.mark.parametrize(
    ("sentence", "planned"),
    [
        (
            "Selon le programme, le président Luong Cuong rencontrera le Premier ministre "
            "norvégien Jonas Gahr Støre.",
            True,
        ),
        ("Le président Luong Cuong s'entretiendra avec le président chilien Gabriel Boric.", True),
        ("Le président Luong Cuong devrait rencontrer le président chilien Gabriel Boric.", True),
        ("Le président Luong Cuong a rencontré le président chilien Gabriel Boric.", False),
    ],
)
def test_planned_meetings(extract_facts, sentence: str, planned: bool) -> None:
    (fact,) = [f for f in extract_facts(sentence) if f.type == "meeting"]
    assert (fact.attributes.get("status") == "planned") is planned


@pytest.mark.parametrize(
    ("sentences", "receptions"),
    [
        # a passive with several agents: one reception per host; an own-country welcome is none
        (
            (
                "Le Premier ministre Pham Minh Chinh est arrivé le 20 mai à Canberra.",
                "Il a été accueilli à l'aéroport par la ministre australienne des Affaires "
                "étrangères Penny Wong, le ministre australien du Commerce Don Farrell et "
                "l'ambassadeur du Vietnam en Australie Pham Hung Tam.",
            ),
            [("Don Farrell", "Pham Minh Chinh"), ("Penny Wong", "Pham Minh Chinh")],
        ),
        # "puis par": a second host
        (
            (
                "Le ministre Bui Thanh Son a été reçu le 3 avril par le roi du Cambodge Norodom "
                "Sihamoni, puis par le Premier ministre cambodgien Hun Manet.",
            ),
            [("Hun Manet", "Bui Thanh Son"), ("Norodom Sihamoni", "Bui Thanh Son")],
        ),
        # a delegation is its head
        (
            (
                "Le président de l'Assemblée nationale Tran Thanh Man a reçu une délégation du "
                "Parlement hongrois conduite par son président, László Kövér.",
            ),
            [("Tran Thanh Man", "László Kövér")],
        ),
    ],
)
def test_receptions(extract, sentences: tuple[str, ...], receptions) -> None:
    found = extract(*sentences, type="reception")
    assert found == [("reception", ("guest", (g,)), ("host", (h,))) for h, g in receptions]


def test_welcome_ceremony_is_no_reception(extract) -> None:
    assert (
        extract(
            "Le président Luong Cuong a présidé la cérémonie d'accueil officielle en l'honneur du "
            "président kényan William Ruto.",
            type="reception",
        )
        == []
    )


def test_planned_reception(extract_facts) -> None:
    facts = extract_facts(
        "Le président Tran Thanh Man devrait être reçu par le président sénégalais Bassirou "
        "Diomaye Faye."
    )
    (fact,) = [f for f in facts if f.type == "reception"]
    assert fact.attributes.get("status") == "planned"


@pytest.mark.parametrize(
    ("sentences", "visits"),
    [
        # events written as nouns, the visitor is the subject of the sentence
        (
            (
                "Lors de sa visite officielle au Japon, le Premier ministre Pham Minh Chinh a "
                "rencontré le Premier ministre japonais Shigeru Ishiba.",
            ),
            [("Pham Minh Chinh", "JP")],
        ),
        (
            (
                "Le président Luong Cuong a quitté Santiago le 5 juin, concluant sa visite d'État "
                "au Chili.",
            ),
            [("Luong Cuong", "CL")],
        ),
        # "se rendra en A ..., puis en B": one fact per destination
        (
            (
                "Le secrétaire général Tô Lâm se rendra en Irlande pour une visite officielle, "
                "puis en France.",
            ),
            [("Tô Lâm", "FR"), ("Tô Lâm", "IE")],
        ),
    ],
)
def test_visits(extract, sentences: tuple[str, ...], visits) -> None:
    found = extract(*sentences, type="visit")
    assert found == [("visit", ("destination", (d,)), ("visitor", (v,))) for v, d in visits]


def test_an_invitation_is_no_visit(extract) -> None:
    assert (
        extract(
            "Le ministre Bui Thanh Son a invité son homologue chilien Alberto van Klaveren à "
            "effectuer une visite officielle au Vietnam.",
            type="visit",
        )
        == []
    )


@pytest.mark.parametrize(
    ("sentences", "parties"),
    [
        # agreements as outcomes: the parties are those of the visit the sentence belongs to
        (
            (
                "Le Premier ministre australien Anthony Albanese effectue une visite officielle au "
                "Vietnam.",
                "Les deux parties ont ensuite publié une déclaration commune.",
            ),
            [("AU", "VN")],
        ),
        (
            (
                "Le Premier ministre australien Anthony Albanese effectue une visite officielle au "
                "Vietnam.",
                "Plusieurs documents de coopération ont ensuite été signés.",
            ),
            [("AU", "VN")],
        ),
    ],
)
def test_agreements_as_outcomes(extract, sentences: tuple[str, ...], parties) -> None:
    found = extract(*sentences, type="agreement")
    assert found == [("agreement", ("parties", p)) for p in parties]


@pytest.mark.parametrize(
    "sentence",
    [
        "Les entreprises vietnamiennes et australiennes ont signé des protocoles d'accord.",
        "Les deux pays ont convenu d'accélérer les négociations sur un accord de libre-échange.",
        "Les deux pays ont signé la Convention des Nations unies sur le droit de la mer.",
        "Les deux provinces ont signé un protocole de coopération pour 2025-2030.",
    ],
)
def test_not_agreements(extract, sentence: str) -> None:
    assert (
        extract(
            "Le Premier ministre australien Anthony Albanese effectue une visite au Vietnam.",
            sentence,
            type="agreement",
        )
        == []
    )
