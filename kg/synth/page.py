"""Page layout: title, lede, photo line, dateline, body, ``Voir plus`` and teasers."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from kg.synth.damage import nbsp
from kg.synth.passages import MONTHS, Passage, Story, day_text
from kg.synth.stories import Writer


@dataclass
class Teaser:
    caption: Passage
    credit: str
    title: Passage
    lede: Passage


def teaser(writer: Writer, rng: random.Random) -> Teaser:
    story = writer.domestic() if rng.random() < 0.12 else writer.story()
    caption = story.caption or Passage("caption", story.title.text)
    credit = story.credit
    r = rng.random()
    if r < 0.12:  # caption repeats the title, no credit
        caption, credit = Passage("caption", story.title.text, [], [], []), ""
    elif r < 0.2 and not story.lede.skipped:  # caption repeats the lede
        caption = Passage("caption", story.lede.text, [dict(f) for f in story.lede.facts], [], [])
        caption.mentions = list(story.lede.mentions)
    if caption.text.startswith(("Le ", "La ")) and rng.random() < 0.25:
        caption = Passage(
            caption.kind, caption.text[1:], caption.facts, caption.skipped, caption.mentions
        )
    if rng.random() < 0.05:
        nbsp(rng, story.lede)
    return Teaser(caption, credit, story.title, story.lede)


class Page:
    """Text under construction plus where each passage landed."""

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.pos = 0
        self.placed: list[tuple[Passage, str, int, int]] = []

    def add(self, text: str) -> None:
        self.chunks.append(text)
        self.pos += len(text)

    def put(self, p: Passage, section: str) -> None:
        self.placed.append((p, section, self.pos, self.pos + len(p.text)))
        self.add(p.text)

    def text(self) -> str:
        return "".join(self.chunks)


def layout(rng: random.Random, story: Story, teasers: list[Teaser], year: int) -> Page:
    page = Page()
    page.put(story.title, "main")
    page.add("\n\n")
    page.put(story.lede, "main")
    page.add("\n")
    if story.caption is not None and rng.random() < 0.85:
        page.add(f"{story.title.text} ảnh 1")
        page.put(story.caption, "main")
        page.add(story.credit + "\n")
        if rng.random() < 0.3:
            page.add("\n")
    r = rng.random()
    dash = "–" if r < 0.2 else "-"
    if r < 0.7:
        dateline = f"{story.place} (VNA) {dash} "
    else:
        d = date(year, rng.randint(1, 12), rng.randint(1, 28))
        dateline = f"{story.place}, {day_text(d)} {MONTHS[d.month - 1]} (VNA) {dash} "
    page.add(dateline)
    for i, para in enumerate(story.body):
        if i:
            page.add("\n\n")
        for j, p in enumerate(para):
            if j:
                page.add(" ")
            page.put(p, "main")
        if i == 2 and story.caption is not None and rng.random() < 0.2:
            page.add(f"\n\n{story.title.text} ảnh 2")
            page.put(story.caption, "main")
            page.add(story.credit)
    page.add(" -VNA" if rng.random() < 0.7 else "-VNA")
    if rng.random() < 0.08:
        page.add("\n\nsource")
    if teasers:
        page.add("\n\nVoir plus")
    for n, t in enumerate(teasers, start=1):
        section = f"teaser-{n}"
        page.add("\n\n")
        page.put(t.caption, section)
        page.add(t.credit)
        page.add("\n\n")
        page.put(t.title, section)
        page.add("\n\n")
        page.put(t.lede, section)
    return page
