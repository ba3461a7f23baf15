"""The README's screenshots of the HTML page, from a fresh build of the seed pages.

Usage: ``python scripts/screenshots.py`` (from the repository).  It builds ``seeds/`` into a
temporary folder (no cache), checks that ``exports/`` holds what that build wrote, renders the
ego network of Tô Lâm, and takes both pictures in headless Chromium at 1400x900:

- ``docs/graph.png``: ``exports/graph.html`` as it opens;
- ``docs/ego-to-lam.png``: ``kg render --focus "To Lam" --depth 2``, its panel open.

Each PNG records, in a ``tEXt`` chunk named ``kg-sources``, the SHA-256 of the page template and
of the seed exports it shows (:func:`sources_digest`); ``tests/test_render.py`` fails when they
no longer match, so a change to the page or the exports asks for new screenshots.  Needs
Debian's ``chromium`` and the ``playwright`` package; nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import shutil
import struct
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "kg" / "render" / "templates" / "graph.html"
EXPORTS = ROOT / "exports"
#: the exports a screenshot shows: the page itself and the facts it is drawn from
SHOWN = ("graph.html", "facts.jsonl")
PICTURES = {"graph.png": None, "ego-to-lam.png": ("To Lam", 2)}
KEY = b"kg-sources"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def sources_digest(template: Path = TEMPLATE, exports: Path = EXPORTS) -> str:
    """SHA-256 of the template and of the exports the screenshots show, in a fixed order."""
    digest = hashlib.sha256()
    for path in (template, *(exports / name for name in SHOWN)):
        data = path.read_bytes().replace(b"\r\n", b"\n")  # a checkout with CRLF still matches
        digest.update(path.name.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    return digest.hexdigest()


def with_text(png: bytes, key: bytes, text: str) -> bytes:
    """``png`` with a ``tEXt`` chunk ``key`` = ``text`` just before its ``IEND`` chunk."""
    body = key + b"\0" + text.encode("latin-1")
    chunk = struct.pack(">I", len(body)) + b"tEXt" + body
    chunk += struct.pack(">I", zlib.crc32(b"tEXt" + body) & 0xFFFFFFFF)
    end = png.rindex(b"IEND") - 4
    return png[:end] + chunk + png[end:]


def read_text(png: bytes, key: bytes = KEY) -> str | None:
    """The ``tEXt`` value named ``key`` in ``png``, or None."""
    pos = 8
    while pos + 8 <= len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind = png[pos + 4 : pos + 8]
        body = png[pos + 8 : pos + 8 + length]
        if kind == b"tEXt" and body.startswith(key + b"\0"):
            return body[len(key) + 1 :].decode("latin-1")
        pos += 12 + length
    return None


def _same_exports(fresh: Path) -> list[str]:
    return [
        name
        for name in ("facts.jsonl", "graph.ttl", "graph.nt", "graph.jsonld", "graph.html")
        if (fresh / name).read_bytes() != (EXPORTS / name).read_bytes()
    ]


def main() -> int:
    from playwright.sync_api import sync_playwright

    from kg.api import KnowledgeGraph
    from kg.pipeline import build
    from kg.render.page import render_html

    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if executable is None:
        print("no chromium found: apt-get install chromium", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "exports"
        build([ROOT / "seeds"], out=fresh, use_cache=False)
        stale = _same_exports(fresh)
        if stale:
            print(
                f"exports/ differs from a fresh build ({', '.join(stale)}): "
                "run `kg build seeds/ --out exports/` first",
                file=sys.stderr,
            )
            return 1
        data = KnowledgeGraph.load(fresh).data
        pages = {}
        for name, focus in PICTURES.items():
            if focus is None:
                pages[name] = fresh / "graph.html"
            else:
                pages[name] = render_html(
                    data, Path(tmp) / f"{name}.html", focus=focus[0], depth=focus[1]
                )
        digest = sources_digest()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            for name, page_path in pages.items():
                page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="fr-FR")
                page.route(
                    "**/*",
                    lambda route: (
                        route.continue_()
                        if route.request.url.startswith("file:")
                        else route.abort()
                    ),
                )
                page.goto(page_path.resolve().as_uri())
                page.wait_for_function("() => window.kgReady === true", timeout=60_000)
                page.wait_for_timeout(400)
                png = with_text(page.screenshot(), KEY, digest)
                target = ROOT / "docs" / name
                target.write_bytes(png)
                print(f"wrote {target.relative_to(ROOT)}")
                page.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
