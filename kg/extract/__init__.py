"""Extractors: one relation family per module, listed in one explicit table.

Each extractor is a pure function ``extract(ctx) -> Iterator[Fact]`` over an analysed
document (:class:`kg.extract.context.DocContext`); it yields facts in order of appearance and
changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from kg.extract import diplomatic_relations, met, partnership, received, signed, visited
from kg.extract.context import DocContext, analyse_document
from kg.extract.frame import event_frame
from kg.lexicon import lexicon
from kg.model import Document, Fact
from kg.textutil import fold_name

Extractor = Callable[[DocContext], Iterator[Fact]]

EXTRACTORS: tuple[tuple[str, Extractor], ...] = (
    ("reception", received.extract),
    ("visit", visited.extract),
    ("meeting", met.extract),
    ("agreement", signed.extract),
    ("partnership", partnership.extract),
    ("diplomatic_relations", diplomatic_relations.extract),
)


def _run(ctx: DocContext) -> list[Fact]:
    facts: list[Fact] = []
    for _, extractor in EXTRACTORS:
        facts.extend(extractor(ctx))
    return facts


#: rules that never read the event frame (their facts of the first pass stand)
_FRAMELESS = frozenset({"partnership", "diplomatic_relations"})


def _refers(ctx: DocContext) -> bool:
    """Whether some sentence holds a phrase that the event frame resolves, or an agreement
    (whose parties may be the frame's)."""
    lex = lexicon()
    patterns = [p for _, p in lex.coreference] + [p for _, p in lex.triggers.get("agreement", ())]
    return any(p.search(sm.folded) for sm in ctx.sentences for p in patterns) or any(
        d.role == "counterpart" for sm in ctx.sentences for d in sm.descriptions
    )


def _persons(fact: Fact, *roles: str) -> frozenset[str]:
    names: set[str] = set()
    for role in roles:
        value = fact.roles.get(role)
        actors = value if isinstance(value, tuple) else (value,) if value else ()
        names.update(fold_name(a.name) for a in actors)
    return frozenset(names)


#: facts whose parties are countries: an organisation is no party (spec section 8)
_COUNTRY_PARTIES = frozenset({"partnership", "agreement", "diplomatic_relations"})


def _between_countries(facts: list[Fact]) -> list[Fact]:
    """Partnerships, agreements and relations with an organisation (the European Union) are
    not bilateral facts."""
    orgs = lexicon().org_countries
    return [
        f
        for f in facts
        if f.type not in _COUNTRY_PARTIES or not any(a.country in orgs for a in f.actors())
    ]


def _not_also_meetings(facts: list[Fact]) -> list[Fact]:
    """A reception is not also a meeting (spec sections 3 and 8): "Lors de la rencontre"
    after "X a reçu Y" adds nothing."""
    received = {_persons(f, "host", "guest") for f in facts if f.type == "reception"}
    return [f for f in facts if f.type != "meeting" or _persons(f, "participants") not in received]


def _one_agreement_per_event(facts: list[Fact]) -> list[Fact]:
    """One fact per event per page (spec section 3): a headline "signent des accords" and the
    body's "ont signé neuf accords" are one agreement (same parties and kind, counts that do
    not differ); a count or a status the first lacks is taken from the later report."""
    out: list[Fact] = []
    for fact in facts:
        if fact.type != "agreement":
            out.append(fact)
            continue
        parties = _persons(fact, "parties")
        for i, prev in enumerate(out):
            if (
                prev.type == "agreement"
                and _persons(prev, "parties") == parties
                and prev.attributes.get("kind") == fact.attributes.get("kind")
                and None in (prev.attributes.get("count"), fact.attributes.get("count"))
                and "existing" not in (prev.attributes.get("status"), fact.attributes.get("status"))
            ):
                attributes = {**fact.attributes, **prev.attributes}
                if prev.attributes.get("count") is None and fact.attributes.get("count"):
                    attributes["count"] = fact.attributes["count"]
                out[i] = prev.model_copy(update={"attributes": attributes})
                break
        else:
            out.append(fact)
    return out


def extract_document(document: Document) -> tuple[DocContext, list[Fact]]:
    """Analyse one document and run every extractor on it.

    A first pass finds the document's event frame (:mod:`kg.extract.frame`); when there is
    one, the rules run again so that "les deux dirigeants", "ils" or "son hôte" resolve.
    """
    ctx = analyse_document(document)
    facts = _run(ctx)
    ctx.frame = event_frame(ctx, facts)
    if ctx.frame is not None and _refers(ctx):
        # Only the rules that read the frame run again, and only where a phrase refers to it.
        again = {kind for kind, _ in EXTRACTORS if kind not in _FRAMELESS}
        facts = [f for f in facts if f.type in _FRAMELESS] + [
            f for kind, extractor in EXTRACTORS if kind in again for f in extractor(ctx)
        ]
    facts = _one_agreement_per_event(_not_also_meetings(_between_countries(facts)))
    facts.sort(key=lambda f: (f.evidence.span[0], f.type))
    return ctx, facts
