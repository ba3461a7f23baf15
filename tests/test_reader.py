"""Tests of kg.read.reader: page structure, repairs, offsets and bad input on the five seed pages."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from kg.errors import (
    BinaryInputError,
    EmptyInputError,
    NoArticleError,
    TooLargeError,
    WrongLanguageError,
)
from kg.model import Page
from kg.read.reader import read_page, read_text, split_sentences

ROOT = Path(__file__).resolve().parent.parent
SEEDS = {path.name[:3]: path for path in sorted((ROOT / "seeds").glob("*.txt"))}
GOLD = ROOT / "tests" / "gold"
_PAGES: dict[str, Page] = {}


def page(key: str) -> Page:
    if key not in _PAGES:
        _PAGES[key] = read_page(SEEDS[key])
    return _PAGES[key]


def _fold(text: str) -> str:
    """The text modulo typographic repairs and spacing."""
    text = unicodedata.normalize("NFKC", text)
    for old, new in (("’", "'"), ("«", '"'), ("»", '"'), ("“", '"'), ("”", '"')):
        text = text.replace(old, new)
    return re.sub(r"\s+", "", text)


# The gold is authoritative: 004 has ten teasers (gold sections go up to teaser-10).
@pytest.mark.parametrize(
    ("key", "teasers"), [("000", 6), ("001", 7), ("002", 6), ("003", 8), ("004", 10)]
)
def test_teaser_count(key: str, teasers: int) -> None:
    sections = [doc.section for doc in page(key).documents]
    assert sections == ["main"] + [f"teaser-{n}" for n in range(1, teasers + 1)]
    assert page(key).warnings == ()


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_gold_evidence_lies_in_its_section(key: str) -> None:
    gold = json.loads((GOLD / f"{SEEDS[key].stem}.json").read_text(encoding="utf-8"))
    docs = {doc.section: doc for doc in page(key).documents}
    passages = [
        passage
        for item in gold["facts"] + gold["skipped"]
        for passage in [item, *item.get("evidence_also", [])]
    ]
    assert passages
    for passage in passages:
        start, end = passage["span"]
        doc = docs[passage["section"]]
        # A caption dropped as a copy of the headline is a marker repair of its document.
        spans = [(p.start, p.end) for p in doc.parts] + [(r.start, r.end) for r in doc.repairs]
        assert any(a <= start and end <= b for a, b in spans), passage["evidence"]


@pytest.mark.parametrize(
    ("key", "headline", "place", "date"),
    [
        ("000", "Hanoï promeut sa coopération multiforme avec les localités chinoises", "Hanoï",
         None),
        ("001", "Pour dynamiser le partenariat de coopération stratégique intégrale Vietnam-Chine",
         "Hanoï", "3 novembre"),
        ("002", "Renforcement de la coopération entre le Vietnam et la Russie", "Hanoï", None),
        ("003", "Vietnam et Etats-Unis renforcent leur coopération dans la défense", None, None),
        ("004", "La visite du président vietnamien permet d'approfondir les relations "
         "Vietnam-Russie et Biélorussie", "Hanoï", None),
    ],
)  # fmt: skip
def test_main_headline_and_dateline(
    key: str, headline: str, place: str | None, date: str | None
) -> None:
    main = page(key).documents[0]
    assert main.headline == headline
    if place is None:
        assert main.dateline is None
    else:
        assert main.dateline is not None
        assert (main.dateline.place, main.dateline.date, main.dateline.agency) == (
            place,
            date,
            "VNA",
        )
        assert page(key).text[main.dateline.start : main.dateline.end].startswith(place)


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_main_body_is_clean(key: str) -> None:
    p = page(key)
    main = p.documents[0]
    see_more = p.text.index("\nVoir plus\n")
    body = [s for s in main.sentences if s.part == "body"]
    assert body
    for sent in main.sentences:
        assert sent.end <= see_more
        assert "ảnh" not in sent.text
        assert "Voir plus" not in sent.text
        assert not re.search(r"Photo ?:", sent.text)
        assert not sent.text.endswith("VNA")
        assert sent.text != "source"
    teaser_text = {s.text for doc in p.documents[1:] for s in doc.sentences}
    assert not teaser_text & {s.text for s in body}


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_credits_are_parts_of_their_own(key: str) -> None:
    for doc in page(key).documents:
        credits = [part for part in doc.parts if part.kind == "credit"]
        assert all(re.match(r"\(?Photo ?:", part.text) for part in credits)
        assert all(sent.part != "credit" for sent in doc.sentences)
        for sent in doc.sentences:
            assert not re.search(r"Photo ?:", sent.text), sent.text
    assert sum(part.kind == "credit" for doc in page(key).documents for part in doc.parts) >= 5


def test_caption_equal_to_headline_is_dropped() -> None:
    teaser = page("001").documents[1]
    assert [part.kind for part in teaser.parts] == ["headline", "lede"]
    teaser = page("004").documents[10]
    assert [part.kind for part in teaser.parts] == ["headline", "credit", "lede"]


def test_links_are_kept_as_sentences() -> None:
    links = [s.text for s in page("004").documents[0].sentences if s.part == "link"]
    assert links == [
        "[Le Vietnam et la Russie vont dynamiser leur partenariat stratégique intégral]",
        "[Vietnam-Biélorussie: entretien entre les deux présidents Trân Dai Quang et "
        "Alexander Lukashenko]",
    ]


def test_photo_caption_inside_body() -> None:
    main = page("001").documents[0]
    captions = [s.text for s in main.sentences if s.part == "caption"]
    assert captions[1] == (
        "Le Premier ministre Nguyen Xuan Phuc (droite) et le ministre chinois des Affaires "
        "étrangères Wang Yi."
    )


GLUED = [
    ("001", "Enrecevant", "En recevant"),
    ("001", "Affairesétrangères", "Affaires étrangères"),
    ("001", "deson", "de son"),
    ("001", "Nguyen Phu Tronga insisté", "Nguyen Phu Trong a insisté"),
    ("001", "Nguyen Xuan Phuca demandé", "Nguyen Xuan Phuc a demandé"),
    ("002", "vice-Premierministre", "vice-Premier ministre"),
    ("001", "leministre", "le ministre"),
    ("003", "laDéfense", "la Défense"),
    ("003", "reçul'ambassadeur", "reçu l'ambassadeur"),
    ("003", "SamuelPerez", "Samuel Perez"),
    ("002", "Trinh DinhDung", "Trinh Dinh Dung"),
    ("002", "onteu", "ont eu"),
    ("003", "dedéminage", "de déminage"),
    ("003", "visite detravail", "visite de travail"),
    ("001", "LaChine", "La Chine"),
    ("001", "Lechef", "Le chef"),
    ("001", "(PCV)Nguyen", "(PCV) Nguyen"),
    ("002", "sontégalement", "sont également"),
    ("001", "ministreNguyen", "ministre Nguyen"),
    ("003", "(CIDHG )", "(CIDHG)"),
    ("000", "\ne secrétaire général du Parti", "Le secrétaire général du Parti"),
]


@pytest.mark.parametrize(("key", "damaged", "repaired"), GLUED)
def test_glued_words_are_split(key: str, damaged: str, repaired: str) -> None:
    p = page(key)
    assert damaged in p.text.replace("’", "'")
    sentences = " ".join(s.text for doc in p.documents for s in doc.sentences)
    assert repaired in sentences
    assert not re.search(rf"(?<!\w){re.escape(damaged.strip())}(?!\w)", sentences)


# Every split the reader makes on the seeds, each checked by hand as a true glue.
TRUE_GLUES = {
    "(PCV)Nguyen", "Affairesétrangères", "Enrecevant", "Etatdu", "LaChine", "Lechef",
    "Orientaleet", "Phuca", "Tronga", "adapteraux", "amitiéde", "auxobjectifs", "bienmaîtriser",
    "bilatéraux,notamment", "coopérationcourants", "coopérationéconomique", "decoopération",
    "deson", "despoints", "deuxparties", "dirigeants,dont", "disposentdes", "dugouvernement",
    "déclaréconvaincu", "etrégler", "fautaccentuer", "importanceque", "jugépositive", "laChine",
    "laRoute", "ladéfense", "larégion", "lavolonté", "lemaintien", "leministre",
    "ministreNguyen", "notammentau", "paix,de", "proposde", "puissant,démocratique",
    "respectueuxde", "saparticipation", "signerbientôt", "stratégiqueintégrale", "surson",
    "unecoopération", "vietnamiennes,de", "échangespopulaires", "Comitéintergouvernemental",
    "DinhDung", "Premierministre", "Premiersministres", "avaitcollaboré", "constatéque",
    "decontinuer", "delibre", "desneuf", "destrois", "enoeuvre", "entrele", "lacoopération",
    "lecommerce", "ledéveloppement", "lenombre", "lessciences", "lessous", "onteu",
    "pays,notamment", "pouravancer", "produitsaquatiques", "propresà", "rencontréespar",
    "sontégalement", "soulignéque", "économiqueeurasiatique", "SamuelPerez", "aurèglement",
    "auxactivités", "aégalement", "concerneleur", "coopérationdans", "dedéminage", "demandéaux",
    "desforces", "detravail", "dumémorandum", "déclarévivement", "forcesde", "laDéfense",
    "larecherche", "legouvernement", "levice", "paixet", "partiesdoivent", "proposerdes",
    "reçul", "sedéveloppe", "sesexpériences",
}  # fmt: skip


def test_no_false_splits_on_the_seeds() -> None:
    splits = {
        r.original
        for key in SEEDS
        for doc in page(key).documents
        for r in doc.repairs
        if r.kind == "glued_word"
    }
    assert splits - TRUE_GLUES == set()  # false splits
    assert TRUE_GLUES - splits == set()  # lost true splits
    for key in SEEDS:
        for doc in page(key).documents:
            for r in doc.repairs:
                if r.kind == "glued_word":
                    assert r.repaired.replace(" ", "") == r.original
                    assert page(key).text[r.start : r.end] == r.original


@pytest.mark.parametrize(
    "word",
    ["Thongloun", "Phandanouvong", "Khamphanh", "Mergenthaler", "Aghabekian", "PCV", "CPPNM",
     "UNICEF", "Garde-côte", "co-présidents", "coprésider", "Won-sik", "Jinping", "Lukashenko"],
)  # fmt: skip
def test_correct_words_are_kept(word: str) -> None:
    keys = [key for key in SEEDS if word in page(key).text]
    assert keys
    for key in keys:
        sentences = " ".join(s.text for doc in page(key).documents for s in doc.sentences)
        assert re.search(rf"(?<!\w){re.escape(word)}(?!\w)", sentences)


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_offsets_point_at_the_original_text(key: str) -> None:
    p = page(key)
    drop_caps = {r.start for doc in p.documents for r in doc.repairs if r.kind == "drop_cap"}
    for doc in p.documents:
        for part in doc.parts:
            assert p.text[part.start : part.end] == part.text
        for sent in doc.sentences:
            original = p.text[sent.start : sent.end]
            if sent.start in drop_caps:
                assert _fold("L" + original) == _fold(sent.text)
            else:
                assert _fold(original).replace(" ", "") == _fold(sent.text).replace(" ", "")
            for m in re.finditer(r"\w+", sent.text):
                a, b = sent.to_original(m.start()), sent.to_original(m.end())
                word = p.text[a:b]
                if a in drop_caps and m.start() == 0:
                    word = "L" + word
                assert _fold(word) == _fold(m.group()), (sent.text, m.group(), word)


def test_same_teaser_same_id_across_pages() -> None:
    ids = {key: [doc.id for doc in page(key).documents[1:]] for key in ("000", "002", "003")}
    assert ids["000"] == ids["002"]
    assert ids["003"][:5] == ids["000"][1:]
    assert len(set(ids["003"])) == 8
    mains = {page(key).documents[0].id for key in SEEDS}
    assert len(mains) == 5


def test_typography_is_normalised() -> None:
    text = " ".join(s.text for doc in page("000").documents for s in doc.sentences)
    assert "30e anniversaire" in text and "ᵉ" not in text
    assert "’" not in text and "\u00a0" not in text and "«" not in text
    text = " ".join(s.text for doc in page("001").documents for s in doc.sentences)
    assert "La visite d'État prochaine" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("M. Samuel Perez est venu. Il repart.", ["M. Samuel Perez est venu.", "Il repart."]),
        ("Irineo C. Espino, vice-ministre. Le Dr. Dammika Patabendi aussi.",
         ["Irineo C. Espino, vice-ministre.", "Le Dr. Dammika Patabendi aussi."]),
        ("Coopération Vietnam-R. de Corée. Mme June Kunugi arrive.",
         ["Coopération Vietnam-R. de Corée.", "Mme June Kunugi arrive."]),
        ("S.E. M. Nguyen est reçu. Fin.", ["S.E. M. Nguyen est reçu.", "Fin."]),
        ('Il faut agir, a-t-il ajouté. "Bien", a-t-il dit.',
         ["Il faut agir, a-t-il ajouté.", '"Bien", a-t-il dit.']),
    ],
)  # fmt: skip
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == expected


FRENCH = (
    "Le Vietnam et la Chine renforcent leur coopération\n\n"
    "Le ministre des Affaires étrangères a reçu le 3 novembre à Hanoï son homologue.\n"
    "Hanoï (VNA) - Le ministre des Affaires étrangères a reçu le 3 novembre à Hanoï son "
    "homologue chinois, qui est en visite de travail au Vietnam pour la deuxième fois.\n\n"
    "Les deux parties ont discuté de la coopération dans le commerce et la défense. -VNA\n"
)


def _write(tmp_path: Path, data: bytes, name: str = "page.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInputError),
        (b"  \n\n\t \n", EmptyInputError),
        (b"\x00\x01\x02PK\x03\x04" * 50, BinaryInputError),
        (bytes(range(1, 32)) * 20 + b"texte", BinaryInputError),
        ("Bonjour à tous.".encode(), NoArticleError),
        (" ".join(["Le ministre a reçu son homologue à Hanoï."] * 10).encode(), NoArticleError),
        (
            b"Vietnam and China strengthen ties\n\nThe minister received his counterpart in "
            b"Hanoi on Friday, and the two sides discussed trade and defence cooperation as well "
            b"as the visit of the president to the region in the coming weeks.\n",
            WrongLanguageError,
        ),
    ],
    ids=["empty", "blank", "nul", "control", "short", "one-line", "english"],
)
def test_bad_input(tmp_path: Path, data: bytes, error: type[Exception]) -> None:
    path = _write(tmp_path, data)
    with pytest.raises(error, match=re.escape(str(path))):
        read_page(path)


def test_wrong_language_names_the_reason(tmp_path: Path) -> None:
    path = _write(tmp_path, b"The minister received his counterpart in Hanoi today. " * 5)
    with pytest.raises(WrongLanguageError, match="English"):
        read_page(path)


def test_too_large(tmp_path: Path) -> None:
    path = _write(tmp_path, FRENCH.encode())
    with pytest.raises(TooLargeError, match=re.escape(str(path))):
        read_page(path, max_bytes=100)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encoding_is_decoded_with_a_warning(tmp_path: Path, encoding: str) -> None:
    p = read_page(_write(tmp_path, FRENCH.encode(encoding)))
    assert p.encoding in ("cp1252", "latin-1")
    assert any(p.encoding in w and "UTF-8" in w for w in p.warnings)
    assert p.documents[0].headline == "Le Vietnam et la Chine renforcent leur coopération"
    assert "Hanoï" in p.text


def test_truncated_page_is_read_with_a_warning(tmp_path: Path) -> None:
    lines = SEEDS["000"].read_text(encoding="utf-8").split("\n")[:8]
    p = read_page(_write(tmp_path, "\n".join(lines).encode()))
    assert [doc.section for doc in p.documents] == ["main"]
    assert any("truncated" in w for w in p.warnings)
    assert p.documents[0].dateline is not None


def test_read_text_matches_read_page() -> None:
    text = SEEDS["002"].read_text(encoding="utf-8")
    assert read_text(text, article=SEEDS["002"].name).documents == page("002").documents


def test_html_page(tmp_path: Path) -> None:
    html = (
        "<!DOCTYPE html><html><head><title>VNA</title><style>p{color:red}</style></head><body>"
        "<nav><a href='/'>Accueil</a> <a href='/monde'>Monde</a></nav>"
        "<div class='menu-top'>Politique Économie</div><!-- a comment -->"
        "<script>var tracker = 'le ministre';</script>"
        "<h1>Le Vietnam et la Chine renforcent leur coopération</h1>"
        "<p>Le ministre des Affaires étrangères a reçu le 3 novembre à Hanoï son homologue.</p>"
        "<p>Hanoï (VNA) - Le ministre des Affaires&nbsp;étrangères a reçu le 3 novembre à Hanoï "
        "son homologue chinois, qui est en visite de travail au Vietnam.</p>"
        "<p>Les deux parties ont discuté de la coopération dans la défense. -VNA</p>"
        "<p>Voir plus</p><p>Le ministre reçoit un hôte. Photo : VNA</p>"
        "<p>Un ministre reçoit un hôte</p><p>Le ministre a reçu un hôte étranger.</p>"
        "<footer>Copyright VNA</footer></body></html>"
    )
    p = read_page(_write(tmp_path, html.encode(), "page.html"))
    assert [doc.section for doc in p.documents] == ["main", "teaser-1"]
    main = p.documents[0]
    assert main.headline == "Le Vietnam et la Chine renforcent leur coopération"
    assert main.dateline is not None and main.dateline.place == "Hanoï"
    for hidden in ("tracker", "Accueil", "Politique", "comment", "Copyright", "color"):
        assert hidden not in p.text
    assert [part.kind for part in p.documents[1].parts] == ["headline", "caption", "credit", "lede"]


def test_page_stored_as_one_line_with_glued_sentences() -> None:
    # The whole page on one line, sentences glued at their full stops: read, not refused.
    text = (
        "Hanoï (VNA) - Le 3 octobre, le vice-président a reçu à Hanoï la présidente de la "
        "Chambre, en visite officielle au Vietnam.Lors de l'entretien, les deux parties se sont "
        "félicitées du partenariat global. La vice-présidente a souhaité une coopération plus "
        "étroite.Elle a remercié son hôte. -VNA"
    )
    p = read_text(text, article="one-line.txt")
    (main,) = p.documents
    assert main.headline is None
    assert main.dateline is not None and main.dateline.place == "Hanoï"
    assert [s.text[:12] for s in main.sentences] == [
        "Le 3 octobre",
        "Lors de l'en",
        "La vice-prés",
        "Elle a remer",
    ]
    for sent in main.sentences:
        assert p.text[sent.start : sent.end] == sent.text


@pytest.mark.parametrize(
    "first",
    [
        "Hanoï (VNA) - Le Premier ministre a reçu l'ambassadeur du Japon, venu lui présenter ses "
        "lettres de créance, et les deux parties ont évoqué la coopération.",
        "Le Premier ministre reçoit l'ambassadeur du Japon. Photo : VNA",
    ],
    ids=["dateline", "caption"],
)
def test_page_opening_without_headline_keeps_its_teasers(first: str) -> None:
    teaser = "Le ministre reçoit un hôte. Photo : VNA\nUn titre\nUn chapeau qui raconte la suite."
    body = "Le ministre a aussi évoqué la coopération économique entre les deux pays. -VNA"
    p = read_text(f"{first}\n{body}\nVoir plus\n{teaser}\n", article="no-headline.txt")
    main, tease = p.documents
    assert main.headline is None
    assert "headline" not in [part.kind for part in main.parts]
    assert tease.section == "teaser-1" and tease.headline == "Un titre"
