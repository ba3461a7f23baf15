"""The gold annotation of a laid-out page, in the format of ``tests/gold`` (see its README)."""

from __future__ import annotations

from typing import Any

from kg.synth.page import Page
from kg.synth.passages import Passage


def page_gold(article: str, page: Page) -> dict[str, Any]:
    persons: dict[str, dict[str, str]] = {}
    events: dict[str, list[tuple[dict[str, Any], Passage, str, int, int]]] = {}
    order: list[str] = []
    skipped: list[dict[str, Any]] = []
    seen_skips: set[tuple[str, int]] = set()
    for p, section, start, end in page.placed:
        for person in p.mentions:
            if person.name not in persons:
                persons[person.name] = {
                    "name": person.name,
                    "country": person.country,
                    "title": person.title,
                }
        for f in p.facts:
            key = f["_event"]
            if key not in events:
                events[key] = []
                order.append(key)
            events[key].append((f, p, section, start, end))
        for s in p.skipped:
            if (s["type"], start) not in seen_skips:
                seen_skips.add((s["type"], start))
                skipped.append({**s, "section": section, "evidence": p.text, "span": [start, end]})
    facts = []
    for key in order:
        occurrences = events[key]
        # The fullest statement is the evidence: a lede or body sentence before a title/caption.
        primary = next((o for o in occurrences if o[1].kind in ("lede", "body")), occurrences[0])
        fields, p, section, start, end = primary
        fact = {k: v for k, v in fields.items() if k != "_event"}
        for other in occurrences:  # a date stated only in the second passage still counts
            for k, v in other[0].items():
                if k not in fact and k != "_event":
                    fact[k] = v
        fact |= {"section": section, "evidence": p.text, "span": [start, end]}
        also = [
            {"section": o[2], "evidence": o[1].text, "span": [o[3], o[4]]}
            for o in occurrences
            if o is not primary and (o[3], o[4]) != (start, end)
        ]
        if also:
            fact["evidence_also"] = also
        facts.append(fact)
    facts.sort(key=lambda f: f["span"][0])
    return {
        "article": article,
        "source": "synthetic",
        "persons": list(persons.values()),
        "facts": facts,
        "skipped": skipped,
    }
