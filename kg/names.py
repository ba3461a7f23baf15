"""How :class:`kg.api.KnowledgeGraph` reads the names users type: country name tables (French
and English) and the resolver from a name, alias, id or ISO code to one entity id.

Case, accents and punctuation are ignored (:func:`kg.textutil.fold_name`); a person's name also
matches its spelling variants (:func:`kg.evaluate.names_match`).
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Mapping

from pydantic import BaseModel

from kg import countries
from kg.errors import EntityNotFoundError
from kg.model import Entity
from kg.textutil import fold_name, names_match

__all__ = ["country_forms", "name_index", "resolve"]


@functools.cache
def country_forms() -> dict[str, str]:
    """Folded French and English country names -> ISO2 (every country, in the graph or not)."""
    forms = {fold_name(r.form): r.iso2 for r in countries.country_forms() if r.kind == "name"}
    forms.update((fold_name(n), iso) for iso, n in countries.french_names().items())
    for iso, names in countries.english_names().items():
        forms.update((fold_name(n), iso) for n in names)
    return forms


def name_index(entities: Iterable[Entity]) -> dict[str, set[str]]:
    """Folded id, id suffix, name and aliases (plus every country name of a country) -> ids."""
    index: dict[str, set[str]] = {}
    forms = country_forms()
    by_iso: dict[str, list[str]] = {}
    for form, iso in forms.items():
        by_iso.setdefault(iso, []).append(form)
    for entity in entities:
        keys = {entity.id, entity.id.partition(":")[2], entity.name, *entity.aliases}
        folded = {fold_name(k) for k in keys}
        if entity.kind == "country" and entity.country:
            folded.update(by_iso.get(entity.country, ()))
        for key in folded - {""}:
            index.setdefault(key, set()).add(entity.id)
    return index


def resolve(
    name: str | BaseModel, entities: Mapping[str, Entity], index: Mapping[str, set[str]]
) -> str:
    """The id of the one entity of ``entities`` that ``name`` means (``index`` is their
    :func:`name_index`); raises :class:`kg.errors.EntityNotFoundError` with the closest names
    when none fits, or the candidates when several do.
    """
    if not isinstance(name, str):
        name = str(getattr(name, "id", name))
    if name in entities:
        return name
    key = fold_name(name)
    hits = index.get(key, set())
    if not hits:
        hits = {
            e.id
            for e in entities.values()
            if e.kind == "person" and any(names_match(name, n) for n in (e.name, *e.aliases))
        }
    if len(hits) == 1:
        return next(iter(hits))
    if hits:
        shown = ", ".join(f"{entities[h].name} ({h})" for h in sorted(hits)[:5])
        raise EntityNotFoundError(f"{name!r} names {len(hits)} entities: {shown}; give an id")
    iso = country_forms().get(key)
    if iso:
        raise EntityNotFoundError(
            f"{name!r} is a country ({iso}) that no fact or person of this graph involves"
        )
    # A word of a longer name ("Nguyen") first, else the spellings closest to the query.
    close = [k for k in index if key and f" {key} " in f" {k} "]
    close = close or difflib.get_close_matches(key, list(index), n=3, cutoff=0.6)
    names = sorted({entities[i].name for k in close for i in index[k]})[:8]
    hint = f"; closest: {', '.join(names)}" if names else ""
    raise EntityNotFoundError(f"no entity is named {name!r}{hint}")
