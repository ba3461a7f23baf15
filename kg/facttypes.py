"""The one table of fact types, read from ``kg/patterns/fact_types.jsonl``.

Each fact type declares its roles (how many actors each holds, its RDF role concept), the
shortcut edge analysts draw between entities (from which role to which, symmetric or not, its
RDF property and networkx relation), French and English labels, a colour, and for partnerships
the tiers of frameworks.  Model, extraction, graph, RDF, API, HTML and evaluation all read
it; adding a fact type touches this table and the extractor that finds it.

Examples:
    >>> FACT_TYPES
    ('reception', 'visit', 'meeting', 'agreement', 'partnership', 'diplomatic_relations')
    >>> spec("reception").label_fr, spec("meeting").symmetric
    ('réception', True)
    >>> LEVELS["other"].label_fr
    'autre cadre de relations'
"""

from __future__ import annotations

import functools
from typing import Literal

from pydantic import model_validator

from kg.datafiles import Row, jsonl
from kg.errors import PatternError


class RoleSpec(Row):
    key: str
    count: Literal["one", "many"]
    rdf: str


class LevelSpec(Row):
    level: str
    rdf_class: str
    rank: int
    label_en: str
    label_fr: str
    colour: str


class FactTypeSpec(Row):
    type: str
    label_fr: str
    label_en: str
    rdf_class: str
    roles: tuple[RoleSpec, ...]
    source: str
    target: str
    relation: str
    rdf_property: str
    edge_label_fr: str
    colour: str
    summary_en: str
    levels: tuple[LevelSpec, ...] = ()

    @model_validator(mode="after")
    def _ends_are_roles(self) -> FactTypeSpec:
        keys = {r.key for r in self.roles}
        if not {self.source, self.target} <= keys:
            raise ValueError(f"source and target must be roles of {self.type}: {sorted(keys)}")
        try:
            self.summary_en.format(**dict.fromkeys(keys, ""))
        except (KeyError, IndexError, ValueError) as e:
            raise ValueError(f"summary_en of {self.type} names no role: {e}") from e
        return self

    @property
    def symmetric(self) -> bool:
        """Whether the shortcut edge has no direction (both ends are the same role)."""
        return self.source == self.target

    @property
    def many(self) -> frozenset[str]:
        """The roles that hold several actors."""
        return frozenset(r.key for r in self.roles if r.count == "many")


@functools.cache
def _table() -> dict[str, FactTypeSpec]:
    table: dict[str, FactTypeSpec] = {}
    for row in jsonl("fact_types.jsonl", FactTypeSpec):
        if row.type in table:
            raise PatternError(f"kg/patterns/fact_types.jsonl: {row.type} twice")
        table[row.type] = row
    return table


def spec(fact_type: str) -> FactTypeSpec:
    """The declaration of one fact type (raises ``KeyError`` for an unknown one)."""
    return _table()[fact_type]


SPECS: tuple[FactTypeSpec, ...] = tuple(_table().values())
#: the fact types, in the order reports and legends list them
FACT_TYPES: tuple[str, ...] = tuple(s.type for s in SPECS)
#: partnership level token -> its tier (rank, labels, colour, RDF concept)
LEVELS: dict[str, LevelSpec] = {lvl.level: lvl for s in SPECS for lvl in s.levels}
#: every role key -> its RDF role concept (local name in the kg: namespace)
ROLES: dict[str, str] = {r.key: r.rdf for s in SPECS for r in s.roles}
#: networkx shortcut relation -> fact type
BY_RELATION: dict[str, FactTypeSpec] = {s.relation: s for s in SPECS}
