"""Screenshot an HTML export in headless Chromium once the network has settled.

Usage: ``python scripts/screenshot.py exports/graph.html docs/graph.png``.  Needs Debian's
``chromium`` and the ``playwright`` package (``pip install ".[test]"``); no download.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright


def main(page_path: str, png: str) -> None:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise SystemExit("no chromium found: apt-get install chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith("file:") else route.abort()
            ),
        )
        page.goto(Path(page_path).resolve().as_uri())
        page.wait_for_function("() => window.kgReady === true", timeout=60_000)
        page.wait_for_timeout(500)
        page.screenshot(path=png)
        browser.close()
    print(f"wrote {png}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
