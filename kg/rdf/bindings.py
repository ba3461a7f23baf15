"""The values of ``kg sparql --bind NAME=VALUE``: ISO codes, entity ids, IRIs, and names of
entities looked up in the queried graph as ``kg query`` does, so that a value naming nothing is
an error naming the closest entities rather than an empty answer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from kg.errors import KgError
from kg.model import Entity

#: ``# param ?country: country IRI`` in a library query's header: the value names an entity
_PARAM = re.compile(r"#\s*param\s+\?(\w+)\s*:\s*(person|country|organi[sz]ation|org|place)\s+IRI")
_ENTITY_ID = re.compile(r"(?:person|country|org|organization|place):[\w-]+")
#: a variable of an undeclared query named like an entity parameter (?country, ?countryB,
#: ?guest): the value names an entity too; ?countryName and the like stay literals
_ENTITY_VAR = re.compile(r"(country|person|guest|host|visitor|partner|org|place)[A-Z0-9]?")
_VAR_KINDS = {"country": "country", "partner": "country", "person": "person", "guest": "person"}
_VAR_KINDS |= {"host": "person", "visitor": "person", "org": "organization", "place": "place"}
_ISO2 = re.compile(r"[A-Z]{2}")


def split_binding(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise KgError(f"--bind takes NAME=VALUE, got {text!r}")
    name, value = text.split("=", 1)
    return name.lstrip("?$"), value


def resolve_bindings(sparql: str, raw: Sequence[str], where: dict[str, Any]) -> dict[str, object]:
    """The bindings of ``--bind``: a value that names an entity (an ISO2 code, an entity id,
    or any name given to a parameter the query declares as an entity IRI, e.g. ``# param
    ?country: country IRI``, or, in a query without declarations, to a variable named like
    one: ``?country``, ``?countryA``, ``?guest``) is looked up in the graph as ``kg query`` does (:func:`kg.names.
    resolve`) and bound to that entity's IRI; an unknown one is an error naming the closest
    entities, not an empty answer.  Other values bind as :func:`binding` says."""
    from rdflib import URIRef

    from kg.names import name_index, resolve
    from kg.rdf.vocab import entity_iri

    declared = {name: kind for name, kind in _PARAM.findall(sparql)}
    pairs = [split_binding(text) for text in raw]
    bindings: dict[str, object] = {}
    entities = None
    for name, value in pairs:
        is_iri = value.startswith("<") or re.match(r"https?://", value) is not None
        wanted = declared.get(name)
        if wanted is None and name not in declared and (match := _ENTITY_VAR.fullmatch(name)):
            wanted = _VAR_KINDS[match.group(1)]
        if is_iri or not (wanted or _ISO2.fullmatch(value) or _ENTITY_ID.fullmatch(value)):
            bindings[name] = binding(f"{name}={value}")[1]
            continue
        if entities is None:
            entities = _graph_entities(where)
            index = name_index(entities.values())
        try:
            found = resolve(value, entities, index)
        except KgError as e:
            hint = ""
            if "closest" not in str(e) and (wanted == "country" or _ISO2.fullmatch(value)):
                codes = sorted(
                    i.partition(":")[2] for i, x in entities.items() if x.kind == "country"
                )
                hint = f"; the countries of this graph: {', '.join(codes[:15])}" if codes else ""
                hint += ", …" if len(codes) > 15 else ""
            raise type(e)(f"--bind {name}={value}: {e}{hint}") from e
        kind = entities[found].kind
        if wanted and not kind.startswith(wanted[:3]):
            raise KgError(
                f"--bind {name}={value}: names {entities[found].name} ({found}), a {kind}; "
                f"?{name} wants a {wanted}"
            )
        bindings[name] = URIRef(str(entity_iri(found)))
    return bindings


_ENTITIES = """
PREFIX schema: <https://schema.org/>
SELECT ?e ?type ?name ?alias WHERE {
  VALUES ?type { schema:Person schema:Country schema:Organization schema:Place }
  ?e a ?type ; schema:name ?name .
  OPTIONAL { ?e schema:alternateName ?alias }
}
"""
_KINDS = {
    "Person": "person",
    "Country": "country",
    "Organization": "organization",
    "Place": "place",
}


def _graph_entities(where: dict[str, Any]) -> dict[str, Entity]:
    """The entities of the queried graph (``where``: the file, or the endpoint and its named
    graph, as :func:`kg.rdf.query` takes them), by id, for name lookups."""
    from urllib.parse import unquote

    from kg.model import Entity
    from kg.rdf import query
    from kg.rdf.vocab import ID

    found: dict[str, dict[str, Any]] = {}
    for iri, kind_iri, name, alias in query(_ENTITIES, **where).rows:
        if not str(iri).startswith(str(ID)):
            continue
        prefix, _, rest = str(iri)[len(str(ID)) :].partition("/")
        entity_id = f"{prefix}:{unquote(rest)}"
        kind = _KINDS.get(str(kind_iri).rsplit("/", 1)[-1])
        record = found.setdefault(entity_id, {"kind": kind, "name": name, "aliases": set()})
        if alias:
            record["aliases"].add(alias)
    return {
        entity_id: Entity(
            id=entity_id,
            kind=r["kind"],
            name=r["name"],
            country=entity_id.partition(":")[2] if r["kind"] == "country" else None,
            aliases=tuple(sorted(r["aliases"])),
        )
        for entity_id, r in found.items()
        if r["kind"]
    }


def binding(text: str) -> tuple[str, object]:
    """``NAME=VALUE``: an ISO2 code or an entity id ("person:to-lam") or an IRI ("<...>",
    "https://...") binds that resource; anything else binds a string literal."""
    from rdflib import URIRef

    from kg.rdf.vocab import entity_iri

    name, value = split_binding(text)
    if re.fullmatch(r"[A-Z]{2}", value):
        return name, URIRef(str(entity_iri(f"country:{value}")))
    if re.fullmatch(r"(?:person|country|org|place):[\w-]+", value):
        return name, URIRef(str(entity_iri(value)))
    if re.fullmatch(r"fact:[0-9a-f]+(?:-\d+)?", value):
        from kg.rdf.vocab import fact_iri

        return name, URIRef(str(fact_iri(value)))
    if value.startswith("<") and value.endswith(">"):
        return name, URIRef(value[1:-1])
    if re.match(r"https?://", value):
        return name, URIRef(value)
    return name, value
