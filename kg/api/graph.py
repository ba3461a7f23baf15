"""The Python query API: :class:`KnowledgeGraph` answers the common questions with typed models.

Names are taken the way a user types them: an id (``person:to-lam``), an ISO code (``CN``), a
name or alias with or without accents and case (``"to lam"``, ``"Tô Lâm"``), a French or
English country name (``"Chine"``, ``"China"``, ``"Viet Nam"``).  A country *involves* a fact
when it is one of its actors or the country of a person among them.  Lists of facts come in
the time order of :mod:`kg.api.models`.
"""

from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import networkx as nx
from pydantic import BaseModel

from kg import names
from kg.api.models import (
    Agreement,
    Centrality,
    Country,
    Event,
    FactEvidence,
    Institution,
    Neighbour,
    Partnership,
    PartnershipStep,
    Person,
    Quote,
    Reception,
    Results,
    Visit,
    format_rows,
)
from kg.api.questions import QUESTIONS, answer
from kg.countries import ISO2, english_names
from kg.dates import fact_bounds, fact_in_window, time_key
from kg.errors import EntityNotFoundError, KgError, QueryError
from kg.facttypes import spec
from kg.graph import build_graph
from kg.model import Actor, Entity, Fact, GraphData
from kg.tables import save
from kg.tables.save import SAVE_FORMATS as SAVE_FORMATS
from kg.textutil import fold, fold_name

__all__ = ["QUESTIONS", "KnowledgeGraph", "format_rows"]


def _actors(fact: Fact) -> Iterator[tuple[str, Actor]]:
    """Role and actor, roles in the reading order of the fact type (host before guest)."""
    for role in spec(fact.type).roles:
        for actor in fact.actors(role.key):
            yield role.key, actor


def _summary(fact: Fact) -> str:
    who = {r.key: " and ".join(a.name for a in fact.actors(r.key)) for r in spec(fact.type).roles}
    return spec(fact.type).summary_en.format(**who)


class KnowledgeGraph:
    """The graph of a build, with the questions analysts ask of it.

    Examples:
        >>> kg = KnowledgeGraph.example()
        >>> kg
        <KnowledgeGraph: 7 entities, 4 facts>
        >>> [v.destination.name for v in kg.visits(visitor="to lam")]
        ['République de Corée']
    """

    def __init__(self, data: GraphData) -> None:
        self._data = data

    # -------------------------------------------------------------------- making one

    @classmethod
    def build(
        cls,
        folder_or_files: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
        *,
        out: str | os.PathLike[str] | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
    ) -> KnowledgeGraph:
        """Build the graph of a folder of pages (or of files) with :func:`kg.pipeline.build`;
        write the exports to ``out`` when given.

        Examples:
            >>> import tempfile
            >>> kg = KnowledgeGraph.build("seeds", cache_dir=tempfile.mkdtemp())
            >>> kg.entity("Xiong Bo").country
            'CN'
        """
        from kg.pipeline import build

        if isinstance(folder_or_files, str | os.PathLike):
            inputs: list[str | os.PathLike[str]] = [folder_or_files]
        else:
            inputs = list(folder_or_files)
        return cls(build(inputs, out=out, cache_dir=cache_dir).data)

    @classmethod
    def load(
        cls, export: str | os.PathLike[str] = "exports", *, allow_remote_contexts: bool = False
    ) -> KnowledgeGraph:
        """Load an export: a folder (its ``graph.ttl``) or a ``.ttl``, ``.nt``, ``.jsonld`` file.

        Loading never touches the network: a JSON-LD file whose ``@context`` is a URL is
        refused with a :class:`~kg.errors.QueryError` unless ``allow_remote_contexts``.

        Examples:
            >>> import tempfile
            >>> folder = tempfile.mkdtemp()
            >>> _ = KnowledgeGraph.example().save(f"{folder}/graph.ttl")
            >>> KnowledgeGraph.load(folder).partnership("VN", "KR").level
            'comprehensive_strategic_partnership'
        """
        from kg import rdf

        if not isinstance(export, str | os.PathLike) or not str(export):
            raise QueryError(
                f"load takes an export folder or file (a path), got {export!r}: "
                "e.g. KnowledgeGraph.load('exports')"
            )
        path = Path(export)
        if path.is_dir():
            path = path / "graph.ttl"
            if not path.is_file():
                raise QueryError(f"{export}: no graph.ttl in this folder (run kg build first)")
        elif not path.exists():
            raise QueryError(f"{export}: no such export folder or file")
        return cls(rdf.from_rdf(rdf.load(path, allow_remote_contexts=allow_remote_contexts)))

    @classmethod
    def example(cls) -> KnowledgeGraph:
        """A four-fact graph written inline, for examples and quick experiments."""
        return cls(save.example_data())

    def __repr__(self) -> str:
        data = self._data
        return f"<KnowledgeGraph: {len(data.entities)} entities, {len(data.facts)} facts>"

    @property
    def data(self) -> GraphData:
        """The entities and facts (:class:`kg.model.GraphData`)."""
        return self._data

    @functools.cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The networkx graph of :func:`kg.graph.build_graph`, built on first use."""
        return build_graph(self._data)

    def save(self, path: str | os.PathLike[str], *, format: str | None = None) -> Path:
        """Write the graph as ``ttl``, ``nt``, ``jsonld``, ``graphml``, ``gexf`` or ``csv`` (the
        facts table); the format defaults to the file's suffix.  Returns the path written.

        Examples:
            >>> import csv, tempfile
            >>> path = KnowledgeGraph.example().save(f"{tempfile.mkdtemp()}/facts.csv")
            >>> [row["type"] for row in csv.DictReader(path.open(encoding="utf-8"))]
            ['reception', 'visit', 'partnership', 'agreement']
        """
        return save.save(self._data, path, format=format, graph=lambda: self.graph)

    # -------------------------------------------------------------------- names

    @functools.cached_property
    def _entities(self) -> dict[str, Entity]:
        found = {e.id: e for e in self._data.entities}
        for fact in self._data.facts:
            for _, a in _actors(fact):
                found.setdefault(a.id, Entity(id=a.id, kind=a.kind, name=a.name, country=a.country))
        return found

    @functools.cached_property
    def _facts(self) -> dict[str, Fact]:
        return {f.id: f for f in self._data.facts}

    @functools.cached_property
    def _names(self) -> dict[str, set[str]]:
        return names.name_index(self._entities.values())

    def entity(self, name: str | BaseModel) -> Entity:
        """The entity a user means by ``name``: an id, ISO code, name or alias (case, accents
        and punctuation ignored), a French or English country name, or a result with an ``id``.

        Raises :class:`kg.errors.EntityNotFoundError` with the closest names when none fits.

        Examples:
            >>> kg = KnowledgeGraph.example()
            >>> [kg.entity(n).id for n in ("Tô Lâm", "to lam", "Corée du Sud", "Korea", "kr")]
            ['person:to-lam', 'person:to-lam', 'country:KR', 'country:KR', 'country:KR']
            >>> kg.entity("Xiong Boo")
            Traceback (most recent call last):
            ...
            kg.errors.EntityNotFoundError: no entity is named 'Xiong Boo'; closest: Xiong Bo
        """
        return self._entities[self._resolve(name)]

    def _resolve(self, name: str | BaseModel) -> str:
        return names.resolve(name, self._entities, self._names)

    def _iso(self, entity_id: str) -> str | None:
        """The ISO2 country an entity stands for or belongs to (None for ``ORG:`` members)."""
        entity = self._entities.get(entity_id)
        if entity is None:
            return None
        if entity.kind == "country":
            suffix = entity.id.partition(":")[2]
            return entity.country if entity.country else suffix
        return entity.country if entity.country and ISO2.match(entity.country) else None

    @functools.cached_property
    def _fact_countries(self) -> dict[str, frozenset[str]]:
        """Per fact, the countries involved: country actors and the countries of persons."""
        found: dict[str, frozenset[str]] = {}
        for fact in self._data.facts:
            isos = {
                self._iso(a.id) for _, a in _actors(fact) if a.kind in ("country", "person")
            } - {None}
            found[fact.id] = frozenset(i for i in isos if i)
        return found

    def _matches(self, actor: Actor, target: str) -> bool:
        """``actor`` is ``target``, or belongs to it (a national of, a city in, staff of)."""
        if actor.id == target:
            return True
        entity = self._entities[target]
        if entity.kind == "country":
            return actor.kind != "country" and self._iso(actor.id) == self._iso(target)
        if entity.kind == "organization":
            known = self._entities.get(actor.id)
            return (known.country if known else actor.country) in _org_codes(entity)
        return False

    def _involves(self, fact: Fact, target: str) -> bool:
        entity = self._entities[target]
        if entity.kind == "country":
            return self._iso(target) in self._fact_countries[fact.id]
        return any(self._matches(a, target) for _, a in _actors(fact))

    def _select(
        self, type: str | None = None, test: Callable[[Fact], bool] | None = None
    ) -> list[Fact]:
        facts = [f for f in self._data.facts if (type is None or f.type == type)]
        return sorted((f for f in facts if test is None or test(f)), key=time_key)

    # -------------------------------------------------------------------- entities

    def persons(self, country: str | None = None, role: str | None = None) -> Results[Person]:
        """Persons, optionally of one country (or organisation) and with one role (a role
        token like ``ambassador``, or words of the title like ``"ambassadeur"``).

        Examples:
            >>> [p.name for p in KnowledgeGraph.example().persons(country="China")]
            ['Xiong Bo']
        """
        target = None if country is None else self._resolve(country)
        found = Results[Person]()
        for e in sorted(self._entities.values(), key=lambda e: (fold_name(e.name), e.id)):
            if e.kind != "person" or (target is not None and not self._matches(_ref(e), target)):
                continue
            if role is not None and not any(
                p.role == role or fold(role) in fold(p.title) for p in e.posts
            ):
                continue
            post = e.posts[0] if e.posts else None
            found.append(
                Person(
                    id=e.id,
                    name=e.name,
                    country=e.country,
                    aliases=e.aliases,
                    role=post.role if post else None,
                    title=post.title if post else None,
                    posts=e.posts,
                )
            )
        return found

    def countries(self) -> Results[Country]:
        """The countries of the graph, by ISO code, with their persons and facts counted.

        Examples:
            >>> [(c.iso2, c.name_en, c.facts) for c in KnowledgeGraph.example().countries()]
            [('CN', 'China', 2), ('KR', 'South Korea', 2), ('VN', 'Vietnam', 4)]
        """
        found = Results[Country]()
        for e in sorted(self._entities.values(), key=lambda e: e.id):
            if e.kind != "country" or not (iso := self._iso(e.id)):
                continue
            found.append(
                Country(
                    id=e.id,
                    iso2=iso,
                    name=e.name,
                    name_en=english_names().get(iso, (None,))[0],
                    aliases=e.aliases,
                    persons=sum(
                        p.kind == "person" and p.country == iso for p in self._entities.values()
                    ),
                    facts=sum(iso in isos for isos in self._fact_countries.values()),
                )
            )
        return found

    def institutions(self) -> Results[Institution]:
        """Organisations, with the persons who represent them and the facts they take part in.

        Examples:
            >>> KnowledgeGraph.example().institutions()
            (no answer)
        """
        found = Results[Institution]()
        for e in sorted(self._entities.values(), key=lambda e: e.id):
            if e.kind != "organization":
                continue
            members = sorted(
                p.name
                for p in self._entities.values()
                if p.kind == "person" and p.country in _org_codes(e)
            )
            found.append(
                Institution(
                    id=e.id,
                    name=e.name,
                    country=e.country,
                    members=tuple(members),
                    facts=sum(self._involves(f, e.id) for f in self._data.facts),
                )
            )
        return found

    # -------------------------------------------------------------------- facts

    def events(
        self,
        type: str | None = None,
        actor: str | None = None,
        between: Sequence[str] | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> Results[Event]:
        """Facts of any type, in time order: of one ``type``, involving ``actor``, involving
        both entities of ``between``, dated within ``since``/``until`` (see ``in_window``).

        Examples:
            >>> [e.summary for e in KnowledgeGraph.example().events(actor="KR")]
            ['Vietnam and République de Corée partnership', 'Tô Lâm visited République de Corée']
        """
        targets = [self._resolve(a) for a in ([actor] if actor else []) + list(between or [])]
        if between is not None and len(between) != 2:
            raise KgError(f"between takes two entities, got {len(between)}")
        return Results(
            self._event(f)
            for f in self._select(type)
            if all(self._involves(f, t) for t in targets) and fact_in_window(f, since, until)
        )

    def _event(self, fact: Fact) -> Event:
        return Event(
            id=fact.id,
            type=fact.type,
            date=fact.date,
            date_inferred=fact.date_inferred,
            place=fact.place,
            summary=_summary(fact),
            actors=tuple(a for _, a in _actors(fact)),
            countries=tuple(sorted(self._fact_countries[fact.id])),
            attributes=dict(fact.attributes),
            article=fact.evidence.article,
            evidence=fact.evidence.sentence,
        )

    def timeline(self, a: str, b: str) -> Results[Event]:
        """Every fact between two countries (or entities) in time order: for countries, the
        facts whose actors' countries (persons through their country) include both.

        Examples:
            >>> [e.type for e in KnowledgeGraph.example().timeline("Vietnam", "Corée du Sud")]
            ['partnership', 'visit']
        """
        return self.events(between=(a, b))

    def receptions(self, host: str | None = None, guest: str | None = None) -> Results[Reception]:
        """Who received whom, when and where; ``host``/``guest`` may be persons or countries.

        Examples:
            >>> r = KnowledgeGraph.example().receptions(guest="Xiong Bo")[0]
            >>> (r.host.name, r.date, r.place)
            ('Dinh Tien Dung', '--04-11', 'Hanoï')
        """
        h = None if host is None else self._resolve(host)
        g = None if guest is None else self._resolve(guest)
        found = Results[Reception]()
        for f in self._select("reception"):
            for host_actor, guest_actor in itertools.product(f.actors("host"), f.actors("guest")):
                if (h is None or self._matches(host_actor, h)) and (
                    g is None or self._matches(guest_actor, g)
                ):
                    found.append(
                        Reception(
                            id=f.id,
                            host=host_actor,
                            guest=guest_actor,
                            date=f.date,
                            date_inferred=f.date_inferred,
                            place=f.place,
                            evidence=f.evidence.sentence,
                        )
                    )
        return found

    def visits(
        self, visitor: str | None = None, destination: str | None = None, kind: str | None = None
    ) -> Results[Visit]:
        """Visits, by visitor (a person, or a country: its nationals), destination (a country
        also matches its cities) and kind (state, official, working …).

        Examples:
            >>> [(v.visitor.name, v.kind) for v in KnowledgeGraph.example().visits(destination="KR")]
            [('Tô Lâm', 'state')]
        """
        v = None if visitor is None else self._resolve(visitor)
        d = None if destination is None else self._resolve(destination)
        found = Results[Visit]()
        for f in self._select("visit"):
            if kind is not None and f.attributes.get("kind") != kind:
                continue
            for who, where in itertools.product(f.actors("visitor"), f.actors("destination")):
                if (v is None or self._matches(who, v)) and (d is None or self._matches(where, d)):
                    found.append(
                        Visit(
                            id=f.id,
                            visitor=who,
                            destination=where,
                            kind=f.attributes.get("kind"),
                            status=f.attributes.get("status"),
                            date=f.date,
                            date_inferred=f.date_inferred,
                            evidence=f.evidence.sentence,
                        )
                    )
        return found

    def agreements(self, a: str | None = None, b: str | None = None) -> Results[Agreement]:
        """Agreements signed between ``a`` and ``b`` (parties as the text names them: a country,
        a city, an organisation); with one of them, every agreement of that party.

        Examples:
            >>> [(x.kind, x.count) for x in KnowledgeGraph.example().agreements("VN", "China")]
            [('agreement', 2)]
        """
        wanted = {self._resolve(x) for x in (a, b) if x is not None}
        return Results(
            Agreement(
                id=f.id,
                parties=f.actors("parties"),
                kind=f.attributes.get("kind"),
                label=f.attributes.get("label"),
                count=f.attributes.get("count"),
                status=f.attributes.get("status"),
                date=f.date,
                evidence=f.evidence.sentence,
            )
            for f in self._select("agreement")
            if wanted <= {p.id for p in f.actors("parties")}
        )

    def partnership(self, a: str, b: str) -> Partnership:
        """The partnership framework of two countries: the current level is that of the latest
        dated partnership fact of the pair (time order), or, when none is dated, of the last one
        reported (by page and position); ``history`` lists them all in time order.

        Examples:
            >>> p = KnowledgeGraph.example().partnership("Viet Nam", "South Korea")
            >>> (p.level, p.date, [s.event for s in p.history])
            ('comprehensive_strategic_partnership', '2022-12', ['upgrade'])
        """
        from kg.rdf.vocab import PARTNERSHIP_LEVELS

        x, y = self._resolve(a), self._resolve(b)
        if x == y:
            raise KgError(
                f"a partnership needs two different countries: {a!r} and {b!r} are both {x}"
            )
        facts = self._select("partnership", lambda f: self._involves(f, x) and self._involves(f, y))
        dated = [f for f in facts if fact_bounds(f) is not None]
        current = (
            dated[-1]
            if dated
            else max(facts, key=lambda f: (f.evidence.article, f.evidence.span[0], f.id))
            if facts
            else None
        )
        steps = tuple(
            PartnershipStep(
                id=f.id,
                a=x,
                b=y,
                level=f.attributes.get("level"),
                rank=PARTNERSHIP_LEVELS.get(f.attributes.get("level", ""), (None, None))[1],
                label=f.attributes.get("label"),
                event=f.attributes.get("event"),
                date=f.date,
                current=f is current,
                evidence=f.evidence.sentence,
            )
            for f in facts
        )
        now = next((s for s in steps if s.current), None)
        if now is None:
            return Partnership(a=x, b=y)
        return Partnership(
            a=x,
            b=y,
            level=now.level,
            rank=now.rank,
            label=now.label,
            date=now.date,
            fact=now.id,
            history=steps,
        )

    def evidence(self, fact_or_id: str | Fact | BaseModel) -> FactEvidence:
        """Where a fact was read: document, page, sentence and its span in the page file, plus
        the other reports of the same fact (``also``).

        Examples:
            >>> kg = KnowledgeGraph.example()
            >>> ev = kg.evidence(kg.receptions()[0])
            >>> (ev.sentence, ev.span)
            ('Dinh Tien Dung a reçu Xiong Bo à Hanoï.', (24, 63))
        """
        fact_id = fact_or_id if isinstance(fact_or_id, str) else str(getattr(fact_or_id, "id", ""))
        fact = self._facts.get(fact_id)
        if fact is None:
            raise EntityNotFoundError(f"no fact has the id {fact_id!r}")
        ev = fact.evidence
        return FactEvidence(
            id=fact.id,
            type=fact.type,
            article=ev.article,
            doc=ev.doc,
            section=ev.section,
            sentence=ev.sentence,
            span=ev.span,
            rule=fact.rule,
            confidence=fact.confidence,
            also=tuple(Quote.model_validate(e.model_dump()) for e in fact.also),
        )

    # -------------------------------------------------------------------- structure

    @functools.cached_property
    def _entity_view(self) -> nx.MultiGraph:
        """Entities and the edges between them, undirected: a view, nothing copied."""
        graph = self.graph
        only = nx.subgraph_view(graph, filter_node=lambda n: graph.nodes[n]["kind"] != "event")
        return only.to_undirected(as_view=True)

    def _reach(self, entity: str | BaseModel, depth: int) -> dict[str, int]:
        if depth < 0:
            raise KgError(f"depth must be 0 or more, got {depth}")
        source = self._resolve(entity)
        if source not in self._entity_view:
            return {source: 0}
        return dict(nx.single_source_shortest_path_length(self._entity_view, source, cutoff=depth))

    def neighbours(self, entity: str | BaseModel, depth: int = 1) -> Results[Neighbour]:
        """Entities within ``depth`` hops of ``entity`` (through facts and nationality), nearest
        first.

        Examples:
            >>> [(n.name, n.distance) for n in KnowledgeGraph.example().neighbours("Xiong Bo")]
            [('Chine', 1), ('Dinh Tien Dung', 1)]
        """
        reach = self._reach(entity, depth)
        nodes = self.graph.nodes
        return Results(
            Neighbour(
                id=n,
                name=nodes[n]["name"],
                kind=nodes[n]["kind"],
                country=nodes[n]["country"] or None,
                distance=d,
            )
            for n, d in sorted(reach.items(), key=lambda i: (i[1], fold(nodes[i[0]]["name"]), i[0]))
            if d > 0
        )

    def subgraph(self, *entities: str | BaseModel, depth: int = 1) -> nx.MultiDiGraph:
        """A read-only view of the graph around ``entities``: every entity within ``depth`` hops
        and the event nodes whose actors all lie inside.  ``.copy()`` it to change it.

        Examples:
            >>> view = KnowledgeGraph.example().subgraph("Xiong Bo", depth=0)
            >>> sorted(view.nodes)
            ['person:xiong-bo']
        """
        graph = self.graph
        keep: set[str] = set()
        for entity in entities:
            keep.update(self._reach(entity, depth))
        for node in list(keep):
            for event in graph.successors(node):
                if graph.nodes[event]["kind"] == "event" and set(graph.predecessors(event)) <= keep:
                    keep.add(event)
        return graph.subgraph(keep)

    @functools.cached_property
    def _centrality(self) -> Results[Centrality]:
        view, graph = self._entity_view, self.graph
        scale = 1 / max(len(view) - 1, 1)
        rows = []
        for node in view:
            attrs = graph.nodes[node]
            degree = sum(1 for other in view.adj[node] if other != node)
            facts = sum(1 for e in graph.successors(node) if graph.nodes[e]["kind"] == "event")
            rows.append(
                Centrality(
                    id=node,
                    name=attrs["name"],
                    kind=attrs["kind"],
                    country=attrs["country"] or None,
                    degree=degree,
                    facts=facts,
                    score=round(degree * scale, 6),
                )
            )
        return Results(sorted(rows, key=lambda r: (-r.score, -r.facts, r.id)))

    def centrality(self) -> Results[Centrality]:
        """Degree centrality of every entity (computed once, then cached), most central first.

        Examples:
            >>> [(c.name, c.degree) for c in KnowledgeGraph.example().centrality()[:2]]
            [('Vietnam', 4), ('République de Corée', 2)]
        """
        return Results(self._centrality)

    # -------------------------------------------------------------------- the shell

    def run(
        self,
        question: str,
        *,
        between: Sequence[str] | None = None,
        actor: str | None = None,
        kind: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> Results[BaseModel]:
        """Answer one of the questions of ``kg query`` (see :mod:`kg.api.questions`).

        ``between`` (two entities) keeps what happened between them, in either direction;
        ``actor`` keeps what involves it (for ``persons``: their country or organisation);
        ``kind`` is the fact type (events), visit kind (visits) or role (persons); ``since`` and
        ``until`` bound the dates of fact answers.  ``partnership`` answers its history rows.

        Examples:
            >>> kg = KnowledgeGraph.example()
            >>> [v.visitor.name for v in kg.run("visits", between=["KR", "VN"])]
            ['Tô Lâm']
            >>> [s.level for s in kg.run("partnership", between=["VN", "KR"])]
            ['comprehensive_strategic_partnership']
        """
        return answer(
            self, question, between=between, actor=actor, kind=kind, since=since, until=until
        )


# ------------------------------------------------------------------------------ helpers


def _org_codes(org: Entity) -> set[str]:
    """How persons' ``country`` names an organisation they represent: ``ORG:<acronym>``."""
    return {f"ORG:{name}" for name in (org.name, *org.aliases)}


def _ref(entity: Entity) -> Actor:
    return Actor(id=entity.id, name=entity.name, kind=entity.kind, country=entity.country)
