"""Years for partial dates, inferred only with evidence, and always marked as inferred.

The text often dates an event "le 3 novembre" with no year.  A year is inferred, in this order:

1. from an explicit full date (day, month and year) of the *same document*, when the document
   has exactly one such year (a teaser never takes the main article's year: it is another
   document);
2. from a weekday written with the day and month ("vendredi 3 novembre"): the years where that
   day is that weekday, kept only where every person of the fact with a known term of office
   (``kg/patterns/office_terms.tsv``) held that office; inferred when one year remains.

Otherwise the date stays partial.  The inferred full date goes to ``Fact.date_inferred`` and the
reason to ``Fact.attributes["date_inferred_reason"]``; ``Fact.date`` keeps what was written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kg.dates import in_term, weekday_years
from kg.lexicon import lexicon
from kg.model import DateRange, Fact
from kg.resolve.entities import person_key


def _partial(fact: Fact) -> str | None:
    value = fact.date.start if isinstance(fact.date, DateRange) else fact.date
    if value and value.startswith("--") and len(value) == 7:
        return value
    return None


def _persons(fact: Fact) -> list[str]:
    return [actor.name for actor in fact.actors() if actor.kind == "person"]


def infer_years(facts: Iterable[Fact], doc_years: Mapping[str, Iterable[int]]) -> list[Fact]:
    """Return ``facts`` with ``date_inferred`` set where the evidence allows it."""
    terms: dict[str, list[tuple[str, str]]] = {}
    for term in lexicon().office_terms:
        terms.setdefault(person_key(term.name), []).append((term.start, term.end))
    facts = list(facts)
    # Facts of one document dated the same day share their persons and weekday: "Le même
    # jour" after "ce vendredi 3 novembre" is that Friday too.
    same_day: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    for fact in facts:
        month_day = _partial(fact)
        if month_day is None:
            continue
        for ev in (fact.evidence, *fact.also):
            people, weekdays = same_day.setdefault((ev.doc, month_day), (set(), set()))
            people.update(_persons(fact))
            written = str(fact.attributes.get("weekday", ""))
            if written.endswith(month_day):
                weekdays.add(written.split(" ")[0])
    out = []
    for fact in facts:
        month_day = _partial(fact)
        if month_day is None:
            out.append(fact)
            continue
        years = sorted(set(doc_years.get(fact.evidence.doc, ())))
        year, reason = None, None
        if len(years) == 1:
            year = years[0]
            reason = f"the only year written in a full date of the same document ({year})"
        people, weekdays = same_day.get((fact.evidence.doc, month_day), (set(), set()))
        if year is None and len(weekdays) == 1:
            weekday = next(iter(weekdays))
            candidates = weekday_years(month_day, weekday)
            names = sorted(people | set(_persons(fact)))
            held = [(n, terms[person_key(n)]) for n in names if person_key(n) in terms]
            if held:
                kept = [
                    y
                    for y in candidates
                    if all(
                        any(in_term(f"{y}{month_day[1:]}", s, e) for s, e in spans)
                        for _, spans in held
                    )
                ]
                if len(kept) == 1:
                    year = kept[0]
                    who = ", ".join(n for n, _ in held)
                    reason = (
                        f"{weekday} {month_day[5:]}/{month_day[2:4]} falls in {year} and no other "
                        f"year while {who} held office"
                    )
        if year is None:
            out.append(fact)
            continue
        attributes = dict(fact.attributes)
        attributes["date_inferred_reason"] = reason
        out.append(
            fact.model_copy(
                update={"date_inferred": f"{year}{month_day[1:]}", "attributes": attributes}
            )
        )
    return out
