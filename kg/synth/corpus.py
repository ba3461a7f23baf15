"""The entry point: a corpus of pages and their gold, written to a folder."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.atomic import os_reason
from kg.errors import WriteError
from kg.synth.damage import damage_body, nbsp
from kg.synth.gold import page_gold
from kg.synth.page import layout, teaser
from kg.synth.stories import Writer
from kg.synth.world import build_world


def _pages(pages: int, seed: int) -> Iterator[tuple[str, dict[str, Any]]]:
    rng = random.Random(seed)
    world = build_world(rng)
    writer = Writer(rng, world)
    pool_size = max(12, pages // 3)
    pool = [teaser(writer, rng) for _ in range(pool_size)]
    window = 16
    for i in range(pages):
        story = writer.story()
        if rng.random() < 0.35:
            damage_body(rng, story.body)
        if rng.random() < 0.05 and story.body:
            nbsp(rng, story.body[0][0])
        # Teasers are the news of the day: neighbouring pages draw from the same window.
        centre = i * (pool_size - window) // max(pages - 1, 1) if pool_size > window else 0
        candidates = pool[centre : centre + window]
        chosen = rng.sample(candidates, min(len(candidates), rng.randint(5, 10)))
        page = layout(rng, story, chosen, rng.randint(2016, 2025))
        text = page.text()
        name = f"{i:05d}_{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}.txt"
        yield text, page_gold(name, page) | {"_name": name}


def generate(pages: int, *, seed: int, out: Path) -> list[Path]:
    """Write ``pages`` synthetic pages to ``out`` and their gold to ``out/gold``.

    Examples:
        >>> import tempfile, json
        >>> with tempfile.TemporaryDirectory() as d:
        ...     paths = generate(3, seed=1, out=Path(d))
        ...     gold = json.loads((Path(d) / "gold" / (paths[0].stem + ".json")).read_text())
        ...     text = paths[0].read_text(encoding="utf-8")
        ...     all(text[f["span"][0] : f["span"][1]] == f["evidence"] for f in gold["facts"])
        True
    """
    out = Path(out)
    gold_dir = out / "gold"
    target = gold_dir
    try:
        gold_dir.mkdir(parents=True, exist_ok=True)
        paths = []
        for text, gold in _pages(pages, seed):
            name = gold.pop("_name")
            path = target = out / name
            path.write_bytes(text.encode("utf-8"))
            data = json.dumps(gold, ensure_ascii=False, indent=2) + "\n"
            target = gold_dir / f"{path.stem}.json"
            target.write_bytes(data.encode("utf-8"))
            paths.append(path)
    except (FileExistsError, NotADirectoryError) as e:
        raise WriteError(f"{out}: cannot write the pages there, it or a parent is a file") from e
    except OSError as e:
        raise WriteError(f"{target}: cannot write ({os_reason(e)})") from e
    return paths
