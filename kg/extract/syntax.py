"""Arguments of trigger words from the dependency parse.

The rules find a fact's trigger with the lexicon (``kg/patterns/triggers.jsonl``); who is its
subject, its object, the agent of a passive or the persons "avec" names is read here from
spaCy's dependency parse, by the patterns of ``kg/patterns/dependency.jsonl`` (spaCy's
``DependencyMatcher``; the patterns are data, validated when loaded).

Only sentences that hold a trigger and name at least :data:`MIN_MENTIONS` persons (names or
titles) are parsed (:func:`kg.extract.context.analyse_document`): with two, the rules of the
clause window read who is who as well (measured on the dev set: parsing two-person sentences too
changed no fact there, and cost the build 1.5 -> 1.36-1.50x against ``nlp.pipe``).  A role that the parse leaves empty falls back to the clause window of
the rule (the parser misses or misplaces arguments in long enumerations).

An argument is a phrase: its head and every word below it, except conjuncts, relative and
adverbial clauses (``ARG_STOP``); each conjunct of an argument ("A, B et C") is an argument of
the same role.  A mention belongs to a role when it starts inside one of the role's phrases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import field_validator

from kg.datafiles import Row, jsonl, read_text
from kg.errors import PatternError

#: roles a pattern may give
ROLES = frozenset({"subject", "patient", "agent", "object", "with", "between"})
#: dependents that do not belong to an argument's phrase
ARG_STOP = frozenset(
    {"conj", "cc", "acl:relcl", "acl", "advcl", "parataxis", "punct", "ccomp", "xcomp", "obl:agent"}
)
#: a trigger sentence naming this many persons (names or titles) is parsed
MIN_MENTIONS = 3
#: token attributes a pattern may test: the pipeline runs no tagger or lemmatizer
ATTRIBUTES = frozenset({"DEP", "LOWER", "ORTH", "TEXT"})
#: pronouns that stand for the antecedent of their relative clause
RELATIVE_PRONOUNS = frozenset({"qui", "que", "lequel", "laquelle", "lesquels", "lesquelles"})
#: the custom token attribute that marks trigger words
TRIGGER_ATTR = "kg_trigger"

Span = tuple[int, int]


class DependencyPattern(Row):
    role: str
    pattern: list[dict[str, Any]]
    fallback: bool = False

    @field_validator("role")
    @classmethod
    def _known_role(cls, value: str) -> str:
        if value not in ROLES:
            raise ValueError(f"unknown role {value!r} (one of {', '.join(sorted(ROLES))})")
        return value

    @field_validator("pattern")
    @classmethod
    def _anchored(cls, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not value or value[0].get("RIGHT_ID") != "trigger":
            raise ValueError('the first node of a pattern is named "trigger"')
        if sum(1 for node in value if node.get("RIGHT_ID") == "arg") != 1:
            raise ValueError('a pattern has exactly one node named "arg"')
        for node in value:
            unknown = set(node.get("RIGHT_ATTRS", {})) - ATTRIBUTES
            if unknown:
                raise ValueError(
                    f"attributes {sorted(unknown)} are not given by the parse"
                    f" (use {', '.join(sorted(ATTRIBUTES))})"
                )
        return value


@cache
def patterns() -> tuple[DependencyPattern, ...]:
    """The argument patterns (``kg/patterns/dependency.jsonl``)."""
    return jsonl("dependency.jsonl", DependencyPattern)


@dataclass(frozen=True)
class TriggerArgs:
    """The argument phrases of one trigger word, by role (character spans in the sentence)."""

    word: Span
    roles: dict[str, tuple[Span, ...]] = field(default_factory=dict)

    def spans(self, *roles: str) -> tuple[Span, ...]:
        return tuple(span for role in roles for span in self.roles.get(role, ()))


@dataclass(frozen=True)
class SentenceParse:
    """What the parse says of one sentence's trigger words."""

    triggers: tuple[TriggerArgs, ...] = ()

    def at(self, start: int, end: int) -> TriggerArgs | None:
        """The trigger word inside the lexicon match ``start..end`` (its syntactic head)."""
        for found in self.triggers:
            if start <= found.word[0] < end:
                return found
        return None


def _pattern_lines() -> list[int]:
    """The line of ``dependency.jsonl`` each pattern is written on."""
    text = read_text("dependency.jsonl")
    return [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("//")
    ]


_MATCHERS: dict[int, Any] = {}


def _matcher(vocab: Any) -> Any:
    """The DependencyMatcher of the patterns, built once per vocabulary."""
    from spacy.matcher import DependencyMatcher
    from spacy.tokens import Token

    if id(vocab) in _MATCHERS:
        return _MATCHERS[id(vocab)]
    if not Token.has_extension(TRIGGER_ATTR):
        Token.set_extension(TRIGGER_ATTR, default=False)
    matcher = DependencyMatcher(vocab, validate=True)
    lines = _pattern_lines()
    for number, row in enumerate(patterns()):
        nodes = [dict(node) for node in row.pattern]
        nodes[0]["RIGHT_ATTRS"] = {**nodes[0].get("RIGHT_ATTRS", {}), "_": {TRIGGER_ATTR: True}}
        try:
            matcher.add(str(number), [nodes])
        except (ValueError, KeyError) as e:
            line = lines[number] if number < len(lines) else number + 1
            raise PatternError(f"kg/patterns/dependency.jsonl:{line}: {e}") from e
    _MATCHERS[id(vocab)] = matcher
    return matcher


def _head_of(doc: Any, start: int, end: int) -> Any | None:
    """The token of ``start..end`` whose head lies outside it (the match's syntactic head);
    a modal or auxiliary verb gives way to the verb it governs inside the match ("devrait
    être reçu": "reçu")."""
    inside = [t for t in doc if t.idx < end and t.idx + len(t.text) > start]
    head = next(
        (t for t in inside if t.head == t or not (start <= t.head.idx < end)),
        inside[0] if inside else None,
    )
    while head is not None:
        governed = [c for c in head.children if c.dep_ == "xcomp" and c in inside]
        if not governed:
            break
        head = governed[0]
    return head


def _phrase(token: Any) -> Span:
    """Character span of an argument: the head and its dependents, clauses and conjuncts out."""
    words = [token]
    stack = [token]
    while stack:
        for child in stack.pop().children:
            if child.dep_ not in ARG_STOP:
                words.append(child)
                stack.append(child)
    start = min(w.idx for w in words)
    end = max(w.idx + len(w.text) for w in words)
    return (start, end)


def _conjuncts(token: Any) -> list[Any]:
    out = [token]
    stack = [token]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj" and child not in out:
                out.append(child)
                stack.append(child)
    return out


def parse_args(docs: Sequence[Any], triggers: Sequence[Sequence[Span]]) -> list[SentenceParse]:
    """Read the arguments of every trigger (lexicon match spans) of each parsed sentence."""
    out: list[SentenceParse] = []
    matcher = None
    for doc, spans in zip(docs, triggers, strict=True):
        if matcher is None:
            matcher = _matcher(doc.vocab)
        words = []
        for start, end in spans:
            head = _head_of(doc, start, end)
            if head is not None:
                head._.set(TRIGGER_ATTR, True)
                words.append(head)
        found: dict[int, dict[str, list[Span]]] = {w.i: {} for w in words}
        fallback: dict[int, dict[str, list[Span]]] = {w.i: {} for w in words}
        for match_id, ids in matcher(doc):
            row = patterns()[int(doc.vocab.strings[match_id])]
            names = [node["RIGHT_ID"] for node in row.pattern]
            trigger = doc[ids[names.index("trigger")]]
            arg = doc[ids[names.index("arg")]]
            if arg.lower_ in RELATIVE_PRONOUNS:
                # "X, qui a rencontré Y" / "X, qui a été reçu par Y": the pronoun stands for
                # the antecedent, in the pronoun's role
                if trigger.dep_ != "acl:relcl" or trigger.head == trigger:
                    continue
                arg = trigger.head
            into = fallback if row.fallback else found
            for conjunct in _conjuncts(arg):
                into[trigger.i].setdefault(row.role, []).append(_phrase(conjunct))
        parsed = []
        for word in words:
            roles = dict(found[word.i])
            for role, phrases in fallback[word.i].items():
                roles.setdefault(role, phrases)
            parsed.append(
                TriggerArgs(
                    word=(word.idx, word.idx + len(word.text)),
                    roles={r: tuple(sorted(set(p))) for r, p in roles.items()},
                )
            )
        out.append(SentenceParse(tuple(parsed)))
        for word in words:
            word._.set(TRIGGER_ATTR, False)
    return out


def within(position: int, spans: Sequence[Span], *, slack: int = 0) -> bool:
    """Whether ``position`` lies inside one of ``spans`` (or up to ``slack`` characters after
    one: a name apposed to a phrase the parser closed before it, "son homologue | El Malick
    Ndiaye")."""
    return any(start <= position < end + slack for start, end in spans)
