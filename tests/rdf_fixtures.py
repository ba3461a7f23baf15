"""A small hand-made ``GraphData`` covering every fact type and every role shape."""

from __future__ import annotations

from kg.model import Actor, DateRange, Entity, Evidence, Fact, GraphData, Post

ARTICLE = "000_db56f8231e5772b9.txt"

VN = Actor(id="country:VN", name="Vietnam", kind="country", country="VN")
CN = Actor(id="country:CN", name="Chine", kind="country", country="CN")
KR = Actor(id="country:KR", name="République de Corée", kind="country", country="KR")
RU = Actor(id="country:RU", name="Russie", kind="country", country="RU")
DUNG = Actor(id="person:dinh-tien-dung", name="Dinh Tien Dung", kind="person", country="VN")
XIONG = Actor(id="person:xiong-bo", name="Xiong Bo", kind="person", country="CN")
PHUC = Actor(id="person:nguyen-xuan-phuc", name="Nguyen Xuan Phuc", kind="person", country="VN")
# Not among the entities: the export must still describe him from the fact.
LAVROV = Actor(id="person:sergei-lavrov", name="Sergueï Lavrov", kind="person", country="RU")


def evidence(sentence: str, start: int, *, section: str = "main", doc: str = "d000") -> Evidence:
    return Evidence(
        article=ARTICLE,
        doc=doc,
        section=section,
        sentence=sentence,
        span=(start, start + len(sentence)),
    )


RECEPTION = Fact(
    id="fact:0001reception",
    type="reception",
    roles={"host": DUNG, "guest": XIONG},
    date="--04-11",
    place="Hanoï",
    evidence=evidence(
        "Le secrétaire du Comité du Parti de Hanoï, Dinh Tien Dung, a reçu le 11 avril "
        "l'ambassadeur de Chine au Vietnam, Xiong Bo.",
        70,
    ),
    also=(
        evidence("Dinh Tien Dung a reçu Xiong Bo.", 500),
        evidence(
            "Le dirigeant de Hanoï a accueilli le diplomate chinois.", 900, section="teaser-1"
        ),
    ),
    rule="received.active",
    confidence=0.9,
)

VISIT = Fact(
    id="fact:0002visit",
    type="visit",
    roles={"visitor": PHUC, "destination": RU},
    date=DateRange(start="2022-11-28", end="2022-12-01"),
    date_inferred="2022-11-28",
    place="Moscou",
    attributes={"kind": "official", "status": "planned"},
    evidence=evidence(
        "Nguyen Xuan Phuc effectuera une visite officielle en Russie du 28 novembre au "
        "1er décembre 2022.",
        1200,
    ),
    rule="visited.noun",
    confidence=0.75,
)

MEETING = Fact(
    id="fact:0003meeting",
    type="meeting",
    roles={"participants": (PHUC, LAVROV)},
    date="2022-12",
    attributes={"mode": "online"},
    evidence=evidence("Nguyen Xuan Phuc a rencontré Sergueï Lavrov.", 1500, doc="d001"),
    rule="met.verb",
    confidence=0.8,
)

AGREEMENT = Fact(
    id="fact:0004agreement",
    type="agreement",
    roles={"parties": (VN, CN)},
    date="2022-10-30",
    attributes={
        "count": 2,
        "kind": "agreement",
        "status": "planned",
        "labels": ["accord cadre sur la zone frontalière", "(un autre accord) sur le rail"],
        "participants_as_written": None,
    },
    evidence=evidence("Les deux parties doivent signer bientôt un accord cadre et un autre.", 3130),
    rule="signed.count",
    confidence=0.7,
)

PARTNERSHIP = Fact(
    id="fact:0005partnership",
    type="partnership",
    roles={"parties": (VN, KR)},
    date="2022-12",
    attributes={
        "level": "comprehensive_strategic_partnership",
        "label": "Partenariat stratégique global",
        "event": "upgrade",
    },
    evidence=evidence(
        "Les deux pays ont rehaussé leur relation au niveau de « Partenariat stratégique "
        "global » en décembre 2022.",
        2000,
    ),
    rule="partnership.upgrade",
    confidence=0.95,
)

OLD_PARTNERSHIP = Fact(
    id="fact:0006partnership",
    type="partnership",
    roles={"parties": (VN, KR)},
    date="2009-10",
    attributes={"level": "strategic_partnership", "label": "partenariat stratégique"},
    evidence=evidence("En 2009, les deux pays ont établi un partenariat stratégique.", 2300),
    rule="partnership.level",
    confidence=0.6,
)

RELATIONS = Fact(
    id="fact:0007relations",
    type="diplomatic_relations",
    roles={"parties": (VN, KR)},
    date="1992-12-22",
    attributes={"anniversary_years": 30, "anniversary_qualifier": "plus de"},
    evidence=evidence(
        "Le 22 décembre 1992, les deux pays ont officiellement établi leurs relations "
        "diplomatiques.",
        2600,
    ),
    rule="relations.established",
    confidence=1.0,
)

ENTITIES = (
    Entity(id="country:VN", kind="country", name="Vietnam", country="VN", wikidata="Q881"),
    Entity(id="country:CN", kind="country", name="Chine", country="CN"),
    Entity(
        id="country:KR",
        kind="country",
        name="République de Corée",
        country="KR",
        aliases=("Corée du Sud", "R. de Corée"),
    ),
    Entity(id="country:RU", kind="country", name="Russie", country="RU"),
    Entity(
        id="person:dinh-tien-dung",
        kind="person",
        name="Dinh Tien Dung",
        country="VN",
        aliases=("Đinh Tiến Dũng",),
        posts=(
            Post(
                role="party_secretary",
                title="secrétaire du Comité du Parti de Hanoï",
                organization="Comité du Parti de Hanoï",
                country="VN",
                first_seen="--04-11",
                last_seen="2022-10-30",
            ),
        ),
        merged_because=("same name", "same title"),
    ),
    Entity(
        id="person:xiong-bo",
        kind="person",
        name="Xiong Bo",
        country="CN",
        posts=(Post(role="ambassador", title="ambassadeur de Chine au Vietnam", country="CN"),),
    ),
    Entity(
        id="person:nguyen-xuan-phuc",
        kind="person",
        name="Nguyen Xuan Phuc",
        country="VN",
        posts=(
            Post(role="prime_minister", title="Premier ministre", country="VN"),
            Post(role="president", title="président", country="VN", first_seen="2022-12"),
        ),
    ),
    Entity(id="place:hanoi", kind="place", name="Hanoï", country="VN"),
    Entity(id="organization:pcv", kind="organization", name="Parti communiste du Vietnam"),
)

FACTS = (RECEPTION, VISIT, MEETING, AGREEMENT, PARTNERSHIP, OLD_PARTNERSHIP, RELATIONS)

DATA = GraphData(entities=ENTITIES, facts=FACTS)
