"""Synthetic news pages in the VNA seed format, each with its gold annotation.

``generate(pages, seed=..., out=...)`` writes ``NNNNN_<hash>.txt`` pages (title, lede, photo line
with its ``ảnh 1`` marker, body ending in ``-VNA``, ``Voir plus`` and three-line teasers) and, in
``out/gold/``, one JSON file per page in the format of ``tests/gold`` (see its README): persons,
facts with evidence and exact spans, skipped hard negatives. Teasers come from a pool shared by
neighbouring pages, like the seeds. Scraping damage is reproduced: words glued at random word
boundaries in some bodies, a lost drop cap on some teaser captions, ``ảnh N`` photo markers glued
to their caption, no-break spaces. The gold always holds the repaired names and titles and the
damaged evidence, byte for byte.

The output depends only on ``seed`` (one ``random.Random``, lists iterated in file order), so two
runs with the same seed give byte-identical files.

This package is test data, apart from the library: no core module imports it (it imports only
``kg.errors``). Its vocabulary lives in ``kg/synth/vocab/*.tsv`` (see the README there). Modules,
in the order a page is made:

- ``vocabulary``: the TSV files, validated row by row;
- ``world``: the people of a corpus (names, titles, countries), drawn once per seed;
- ``passages``: a sentence with the facts it states, a story, French dates;
- ``sentences``: the sentence templates (reception, visit, meeting, agreement, ...);
- ``stories``: whole articles, ``Writer``;
- ``damage``: scraping damage (glued words, no-break spaces);
- ``page``: the layout of a page and its teasers;
- ``gold``: the gold annotation of a laid-out page;
- ``corpus``: ``generate``, the entry point.
"""

from __future__ import annotations

from kg.synth.corpus import generate

# The names the single-module kg/synth.py defined, still importable from kg.synth.
from kg.synth.damage import GLUE_PRONE as GLUE_PRONE
from kg.synth.page import Teaser as Teaser
from kg.synth.passages import MONTHS as MONTHS
from kg.synth.passages import NUMBER_WORDS as NUMBER_WORDS
from kg.synth.passages import VISIT_KINDS as VISIT_KINDS
from kg.synth.passages import WEEKDAYS as WEEKDAYS
from kg.synth.passages import Passage as Passage
from kg.synth.passages import Story as Story
from kg.synth.passages import When as When
from kg.synth.stories import Writer as Writer
from kg.synth.vocabulary import CountryRow as CountryRow
from kg.synth.vocabulary import LevelRow as LevelRow
from kg.synth.vocabulary import Lexicon as Lexicon
from kg.synth.vocabulary import LexiconRow as LexiconRow
from kg.synth.vocabulary import TitleRow as TitleRow
from kg.synth.world import VOWELS as VOWELS
from kg.synth.world import Person as Person
from kg.synth.world import World as World

__all__ = ["generate"]
