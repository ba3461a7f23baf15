"""The one loader of data files (``kg/patterns/`` and the generator's ``kg/synth/vocab/``).

Every file is UTF-8; every row is validated by a pydantic model with ``extra="forbid"``, so a
typo in a column or a key fails at load time with the file and line in the message.
"""

from __future__ import annotations

import csv
import json
from importlib import resources
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from kg.errors import PatternError

PATTERNS = "kg.patterns"


class Row(BaseModel):
    """Base of a validated row: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


T = TypeVar("T", bound=Row)


def _where(name: str, package: str) -> str:
    return package.replace(".", "/") + "/" + name


def read_text(name: str, *, package: str = PATTERNS) -> str:
    """The text of one data file (raises :class:`PatternError` naming it)."""
    try:
        return resources.files(package).joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError) as e:
        raise PatternError(f"{_where(name, package)}: cannot read ({e})") from e


def tsv(
    name: str, model: type[T], *, package: str = PATTERNS, delimiter: str = "\t"
) -> tuple[T, ...]:
    """Rows of a table with a header line (tab-separated unless ``delimiter`` says otherwise);
    ``#`` comment lines and blank lines are skipped, and errors give the file's own line."""
    numbered = [
        (number, line)
        for number, line in enumerate(read_text(name, package=package).splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    lines = (line for _, line in numbered)
    if delimiter == "\t":  # a tab-separated file quotes nothing: '"' is a character
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    else:
        reader = csv.DictReader(lines, delimiter=delimiter)
    rows = []
    for (line, _), record in zip(numbered[1:], reader, strict=False):
        try:
            rows.append(model.model_validate(record))
        except ValidationError as e:
            raise PatternError(f"{_where(name, package)}:{line}: {e}") from e
    return tuple(rows)


def jsonl(name: str, model: type[T], *, package: str = PATTERNS) -> tuple[T, ...]:
    """Rows of a JSON-lines file; blank lines and ``//`` comment lines are skipped."""
    rows = []
    for line, text in enumerate(read_text(name, package=package).splitlines(), start=1):
        if not text.strip() or text.lstrip().startswith("//"):
            continue
        try:
            rows.append(model.model_validate(json.loads(text)))
        except (ValidationError, json.JSONDecodeError) as e:
            raise PatternError(f"{_where(name, package)}:{line}: {e}") from e
    return tuple(rows)


def wordlist(name: str, *, package: str = PATTERNS, single: bool = False) -> frozenset[str]:
    """The non-blank lines of a word list, ``#`` comment lines skipped; with ``single``, each
    line must be one word (no white space inside)."""
    words = set()
    for number, line in enumerate(read_text(name, package=package).splitlines(), start=1):
        word = line.strip()
        if not word or line.startswith("#"):
            continue
        if single and any(ch.isspace() for ch in word):
            raise PatternError(f"{_where(name, package)}:{number}: one word per line, got {word!r}")
        words.add(word)
    return frozenset(words)
