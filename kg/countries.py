"""The one country table: ISO 3166-1 alpha-2 code -> French display name, English names,
Wikidata QID.  Read from ``kg/patterns/`` (``countries.tsv``/``countries_extra.tsv`` rows of
kind ``display``, ``api_country_names_en.tsv``, ``country_wikidata.csv``); the forms extraction
matches in text (names, demonyms, capitals) stay in :mod:`kg.lexicon`.
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from pydantic import field_validator

from kg.datafiles import Row, tsv

ISO2 = re.compile(r"^[A-Z]{2}$")


class CountryForm(Row):
    """One way of writing a country (``countries.tsv``)."""

    iso2: str
    form: str
    kind: Literal["name", "demonym", "prefix", "capital", "display"]


class _EnglishName(Row):
    iso2: str
    name: str

    @field_validator("iso2")
    @classmethod
    def _iso2(cls, value: str) -> str:
        if not ISO2.match(value):
            raise ValueError(f"not an ISO2 code: {value!r}")
        return value


class _Wikidata(Row):
    iso2: str
    wikidata: str


@functools.cache
def country_forms() -> tuple[CountryForm, ...]:
    """Every row of ``countries.tsv`` then ``countries_extra.tsv`` (the extra file wins)."""
    return tsv("countries.tsv", CountryForm) + tsv("countries_extra.tsv", CountryForm)


@functools.cache
def french_names() -> dict[str, str]:
    """ISO2 -> the French name pages and exports use ("Vietnam", "République de Corée").

    Examples:
        >>> french_names()["KR"]
        'République de Corée'
    """
    return {row.iso2: row.form for row in country_forms() if row.kind == "display"}


@functools.cache
def english_names() -> dict[str, tuple[str, ...]]:
    """ISO2 -> English names, the usual one first.

    Examples:
        >>> english_names()["CN"]
        ('China', "People's Republic of China")
    """
    names: dict[str, list[str]] = {}
    for row in tsv("api_country_names_en.tsv", _EnglishName):
        names.setdefault(row.iso2, []).append(row.name)
    return {iso: tuple(forms) for iso, forms in names.items()}


@functools.cache
def wikidata() -> dict[str, str]:
    """ISO2 -> Wikidata QID.

    Examples:
        >>> wikidata()["VN"]
        'Q881'
    """
    return {row.iso2: row.wikidata for row in tsv("country_wikidata.csv", _Wikidata, delimiter=",")}


def is_iso2(code: str) -> bool:
    """Whether ``code`` is an ISO2 country code (not ``ORG:…`` or ``CITY:…``).

    Examples:
        >>> is_iso2("VN"), is_iso2("ORG:UN")
        (True, False)
    """
    return bool(ISO2.match(code))
