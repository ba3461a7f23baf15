"""Tests of the HTML page: offline, escaped, deterministic, the right selection per view, and
(marked ``browser``) what a headless Chromium really draws.

The browser tests drive Debian's Chromium (``apt-get install chromium``) through Playwright's
``executable_path``; they are skipped when no such binary is found.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.errors import EntityNotFoundError, KgError
from kg.model import Actor, DateRange, Entity, Evidence, Fact, GraphData, Post
from kg.render.page import LARGE, render_html, script_json

ARTIFACTS = Path(__file__).parent / "artifacts"

VN = Actor(id="country:VN", name="Vietnam", kind="country", country="VN")
CN = Actor(id="country:CN", name="Chine", kind="country", country="CN")
FR = Actor(id="country:FR", name="France", kind="country", country="FR")
LAO = Actor(id="country:LA", name="Laos", kind="country", country="LA")
PHUC = Actor(id="person:nguyen-xuan-phuc", name="Nguyễn Xuân Phúc", kind="person", country="VN")
SON = Actor(id="person:bui-thanh-son", name="Bùi Thanh Sơn", kind="person", country="VN")
WANG = Actor(id="person:wang-yi", name="Wang Yi", kind="person", country="CN")
XIONG = Actor(id="person:xiong-bo", name="Xiong Bo", kind="person", country="CN")
MACRON = Actor(id="person:emmanuel-macron", name="Emmanuel Macron", kind="person", country="FR")
ASEAN = Actor(id="org:ASEAN", name="ASEAN", kind="organization")


def evidence(n: int, sentence: str) -> Evidence:
    return Evidence(
        article=f"00{n}_seed.txt", doc=f"doc{n}", section="main", sentence=sentence, span=(0, 9)
    )


def fact(n: int, type_: str, roles: dict, sentence: str, **kw) -> Fact:
    return Fact(
        id=f"fact:{n}",
        type=type_,
        roles=roles,
        evidence=evidence(n, sentence),
        rule=f"{type_}.test",
        confidence=0.9,
        **kw,
    )


FACTS = (
    # Hanoï, 3 novembre 2022 (VNA) - Nguyễn Xuân Phúc a reçu Wang Yi.
    fact(1, "reception", {"host": PHUC, "guest": WANG}, "Nguyễn Xuân Phúc a reçu Wang Yi.",
         date="2022-11-03", place="Hanoï"),
    # A date range: the visit overlaps any window that touches 1-4 March 2023.
    fact(2, "visit", {"visitor": SON, "destination": FR}, "Bùi Thanh Sơn visite la France.",
         date=DateRange(start="2023-03-01", end="2023-03-04")),
    # No year: left out as soon as a time window is asked.
    fact(3, "meeting", {"participants": (SON, WANG, XIONG)}, "Sơn a rencontré Wang Yi.",
         date="--05-10"),
    fact(4, "agreement", {"parties": (VN, FR)}, "Le Vietnam et la France ont signé un accord.",
         date="2023-03"),
    fact(5, "partnership", {"parties": (VN, CN)}, "Partenariat stratégique intégral.",
         date="2008-05-30", attributes={"level": "comprehensive_strategic_partnership"}),
    # The latest level of the pair VN-CN, so the colour of that country edge.
    fact(6, "partnership", {"parties": (VN, CN)}, "Communauté d'avenir partagé.",
         date="2023-12-12",
         attributes={"level": "comprehensive_strategic_cooperative_partnership"}),
    fact(7, "diplomatic_relations", {"parties": (VN, FR)}, "50 ans de relations diplomatiques.",
         date="2023-04-12"),
    fact(8, "meeting", {"participants": (PHUC, MACRON)}, "Phúc a rencontré Emmanuel Macron.",
         date="2024-01-20"),
    # An organisation has no country: this fact is in no country pair.
    fact(9, "agreement", {"parties": (VN, ASEAN)}, "Le Vietnam et l'ASEAN ont signé.",
         date="2021-06-01"),
)  # fmt: skip
ENTITIES = (
    Entity(id="country:VN", kind="country", name="Vietnam", country="VN", aliases=("Viêt Nam",)),
    Entity(id="country:CN", kind="country", name="Chine", country="CN"),
    Entity(id="country:FR", kind="country", name="France", country="FR"),
    Entity(id="country:LA", kind="country", name="Laos", country="LA"),
    Entity(
        id=PHUC.id,
        kind="person",
        name=PHUC.name,
        country="VN",
        aliases=("Nguyen Xuan Phuc",),
        posts=(Post(role="president", title="président", country="VN", first_seen="2022-11-03"),),
    ),
    Entity(id=SON.id, kind="person", name=SON.name, country="VN"),
    Entity(id=WANG.id, kind="person", name=WANG.name, country="CN"),
    Entity(id=XIONG.id, kind="person", name=XIONG.name, country="CN"),
    Entity(id=MACRON.id, kind="person", name=MACRON.name, country="FR"),
    Entity(id=ASEAN.id, kind="organization", name="ASEAN"),
    Entity(id="place:hanoi", kind="place", name="Hanoï", country="VN"),
)
DATA = GraphData(entities=ENTITIES, facts=FACTS)

EVIL = "<script>alert(1)</script>"
EVIL_IMG = "<img src=x onerror=alert(1)>"
EVIL_TITLE = "</title><script>alert(2)</script>&amp;"


def malicious_data() -> GraphData:
    bad = Actor(id="person:evil", name=EVIL, kind="person", country="VN")
    img = Actor(id="person:img", name=EVIL_IMG, kind="person", country="CN")
    facts = (
        Fact(
            id="fact:evil",
            type="meeting",
            roles={"participants": (bad, img)},
            evidence=Evidence(
                article="</script><script>alert(3)</script>.txt",
                doc="d\u2028x",
                section="main",
                sentence=f"{EVIL_IMG} a rencontré {EVIL} \u2029 & co.",
                span=(0, 5),
            ),
            rule="met.evil",
            confidence=0.5,
            place=EVIL_IMG,
        ),
    )
    entities = (
        Entity(id=bad.id, kind="person", name=EVIL, country="VN", aliases=(EVIL_IMG,)),
        Entity(id="country:VN", kind="country", name=EVIL_IMG, country="VN"),
    )
    return GraphData(entities=entities, facts=facts)


def large_data(n_nodes: int = 5000, seed: int = 1) -> GraphData:
    """``n_nodes`` entities (persons of 40 countries, the countries, a few organisations) and
    about 1.3 facts a node, hubs included."""
    rnd = random.Random(seed)
    codes = [f"{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(40)]
    weights = [1 / (i + 1) for i in range(len(codes))]
    countries = [Actor(id=f"country:{c}", name=f"Pays {c}", kind="country", country=c)
                 for c in codes]  # fmt: skip
    people = [
        Actor(id=f"person:p{i:05d}", name=f"Personne {i}", kind="person",
              country=rnd.choices(codes, weights)[0])
        for i in range(n_nodes - len(codes) - 10)
    ]  # fmt: skip
    orgs = [Actor(id=f"org:o{i}", name=f"Org {i}", kind="organization") for i in range(10)]
    actors = people + countries + orgs
    facts = []
    for i in range(int(n_nodes * 1.3)):
        a = (
            people[min(int(rnd.paretovariate(1.2)) - 1, len(people) - 1)]
            if i % 3
            else rnd.choice(people)
        )
        b = rnd.choice(actors)
        if a.id == b.id:
            continue
        kind, roles = (
            ("meeting", {"participants": (a, b)})
            if i % 2
            else ("reception", {"host": a, "guest": b})
        )
        facts.append(
            Fact(
                id=f"fact:{i:05d}",
                type=kind,
                roles=roles,
                date=f"20{10 + i % 14:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                evidence=Evidence(article=f"{i}.txt", doc=f"d{i}", section="main",
                                  sentence=f"{a.name} et {b.name}.", span=(0, 1)),
                rule="synthetic",
                confidence=1.0,
            )
        )  # fmt: skip
    entities = tuple(Entity(id=a.id, kind=a.kind, name=a.name, country=a.country) for a in actors)
    return GraphData(entities=entities, facts=tuple(facts))


_DATA_SCRIPT = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


def payload(path: Path) -> dict[str, Any]:
    """The JSON document the page carries."""
    match = _DATA_SCRIPT.search(path.read_text(encoding="utf-8"))
    assert match is not None
    return json.loads(match.group(1))


def ids(path: Path) -> tuple[set[str], set[str]]:
    """Node ids and fact ids of the edges drawn by the page at ``path``."""
    data = payload(path)
    return {n["id"] for n in data["nodes"]}, {e["id"].split("|")[0] for e in data["edges"]}


# --- fast tests, no browser ------------------------------------------------------------


def test_page_is_offline(tmp_path: Path) -> None:
    text = render_html(DATA, tmp_path / "g.html").read_text(encoding="utf-8")
    outside_data = _DATA_SCRIPT.sub("", text)
    assert not re.search(
        r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", outside_data, re.I
    )
    assert not re.search(r"url\(\s*['\"]?\s*(?:https?:)?//", outside_data, re.I)
    assert not re.search(r"@import", outside_data, re.I)
    assert "bootstrap" not in text.lower()
    assert "default-src 'none'" in text  # the page's CSP forbids any fetch
    assert text.count("</script>") == 3  # data, vis-network, the page's own code


def test_script_json_escapes_markup() -> None:
    text = script_json({"a": "</script><!-- & \u2028\u2029"})
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029"}


def test_malicious_data_stays_data(tmp_path: Path) -> None:
    path = render_html(malicious_data(), tmp_path / "evil.html", title=EVIL_TITLE)
    text = path.read_text(encoding="utf-8")
    outside = _DATA_SCRIPT.sub("", text)
    escaped_title = "&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;&amp;amp;"
    leaks = [s for s in ("<img", "<script>alert", "</script><script>") if s in text]
    leaks += [s for s in ("alert(1)", "alert(3)") if s in outside]
    assert leaks == []  # booleans only: pytest would print the 700 kB page
    assert outside.count("alert(2)") == 2  # the escaped title in <title> and <h1>, nothing else
    assert outside.count(escaped_title) == 2
    assert "\u2028" not in text and "\u2029" not in text
    assert text.count("</script>") == 3
    data = payload(path)
    names = {n["id"]: n["label"] for n in data["nodes"]}
    assert names["person:evil"] == EVIL and names["person:img"] == EVIL_IMG
    assert EVIL_IMG in data["edges"][0]["tip"]["quote"]


@pytest.mark.slow
def test_same_data_same_bytes(tmp_path: Path) -> None:
    shuffled = GraphData(entities=DATA.entities[::-1], facts=DATA.facts[::-1])
    for view in ("entities", "countries"):
        a = render_html(DATA, tmp_path / "a.html", view=view).read_bytes()
        b = render_html(DATA, tmp_path / "b.html", view=view).read_bytes()
        c = render_html(shuffled, tmp_path / "c.html", view=view).read_bytes()
        assert a == b == c
    big = large_data(1000)
    assert (
        render_html(big, tmp_path / "a.html").read_bytes()
        == render_html(big, tmp_path / "b.html").read_bytes()
    )


def test_whole_entity_view(tmp_path: Path) -> None:
    path = render_html(DATA, tmp_path / "g.html")
    nodes, facts = ids(path)
    assert nodes == {e.id for e in ENTITIES}  # the isolated place is part of the whole graph
    data = payload(path)
    assert len(data["edges"]) == 11  # one edge per fact, three for the 3-person meeting
    assert facts == {f.id for f in FACTS}
    relations = {e["group"] for e in data["edges"]}
    assert relations == {"received", "visited", "met", "signed_agreement", "partnership",
                         "diplomatic_relations"}  # fmt: skip
    reception = next(e for e in data["edges"] if e["id"].startswith("fact:1|"))
    assert (reception["from"], reception["to"], reception["label"]) == (PHUC.id, WANG.id, "reçoit")
    assert reception["arrows"] == "to"
    assert reception["tip"]["quote"] == "Nguyễn Xuân Phúc a reçu Wang Yi."
    assert "001_seed.txt" in reception["tip"]["source"]
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id[SON.id]["value"] == 3 and by_id["place:hanoi"]["value"] == 0
    assert data["options"]["physics"]["enabled"] is True


@pytest.mark.parametrize(
    ("focus", "depth", "nodes", "facts"),
    [
        ("nguyen xuan phuc", 1, {PHUC.id, WANG.id, MACRON.id}, {"fact:1", "fact:8"}),
        (PHUC.id, 2, {PHUC.id, WANG.id, MACRON.id, SON.id, XIONG.id},
         {"fact:1", "fact:8", "fact:3"}),
        (PHUC.id, 3, {PHUC.id, WANG.id, MACRON.id, SON.id, XIONG.id, "country:FR"},
         {"fact:1", "fact:8", "fact:3", "fact:2"}),
        ("NGUYỄN XUÂN PHÚC", 0, {PHUC.id}, set()),
        ("viet nam", 1, {"country:VN", "country:FR", "country:CN", ASEAN.id},
         {"fact:4", "fact:5", "fact:6", "fact:7", "fact:9"}),
        ("place:hanoi", 3, {"place:hanoi"}, set()),
    ],
)  # fmt: skip
def test_ego_network(
    tmp_path: Path, focus: str, depth: int, nodes: set[str], facts: set[str]
) -> None:
    path = render_html(DATA, tmp_path / "g.html", focus=focus, depth=depth)
    assert ids(path) == (nodes, facts)


def test_unknown_or_ambiguous_focus(tmp_path: Path) -> None:
    with pytest.raises(EntityNotFoundError):
        render_html(DATA, tmp_path / "g.html", focus="Personne inconnue")
    twins = GraphData(
        entities=(
            Entity(id="person:a", kind="person", name="Lê Văn A"),
            Entity(id="person:b", kind="person", name="Le Van A"),
        ),
        facts=(),
    )
    with pytest.raises(EntityNotFoundError, match="2 entities"):
        render_html(twins, tmp_path / "g.html", focus="le van a")


@pytest.mark.parametrize(
    ("pair", "nodes", "facts"),
    [
        (("VN", "FR"), {SON.id, "country:FR", "country:VN", PHUC.id, MACRON.id},
         {"fact:2", "fact:4", "fact:7", "fact:8"}),
        (("cn", "vn"), {PHUC.id, WANG.id, SON.id, XIONG.id, "country:VN", "country:CN"},
         {"fact:1", "fact:3", "fact:5", "fact:6"}),
        (("VN", "LA"), set(), set()),
    ],
)  # fmt: skip
def test_country_pair(
    tmp_path: Path, pair: tuple[str, str], nodes: set[str], facts: set[str]
) -> None:
    assert ids(render_html(DATA, tmp_path / "g.html", pair=pair)) == (nodes, facts)


@pytest.mark.parametrize(
    ("since", "until", "facts"),
    [
        ("2023-01-01", "2023-12-31", {"fact:2", "fact:4", "fact:6", "fact:7"}),
        ("2023-03-02", "2023-03-31", {"fact:2", "fact:4"}),  # range overlap, month prefix
        (None, "2023-03-01", {"fact:1", "fact:2", "fact:4", "fact:5", "fact:9"}),
        ("2024", None, {"fact:8"}),
        ("2030-01-01", None, set()),
    ],
)
def test_time_window(tmp_path: Path, since: str | None, until: str | None, facts: set[str]) -> None:
    path = render_html(DATA, tmp_path / "g.html", since=since, until=until)
    assert ids(path)[1] == facts
    assert "fact:3" not in ids(path)[1]  # no year: never in a window
    assert any("sans année" in note for note in payload(path)["notes"])


def test_country_view(tmp_path: Path) -> None:
    data = payload(render_html(DATA, tmp_path / "g.html", view="countries"))
    assert {n["id"] for n in data["nodes"]} == {"country:CN", "country:FR", "country:LA",
                                                "country:VN"}  # fmt: skip
    edges = {e["id"]: e for e in data["edges"]}
    assert set(edges) == {"CN|VN", "FR|VN"}
    assert edges["CN|VN"]["value"] == 4 and edges["FR|VN"]["value"] == 4
    assert edges["CN|VN"]["group"] == "comprehensive_strategic_cooperative_partnership"
    assert edges["FR|VN"]["group"] == ""
    assert edges["CN|VN"]["tip"]["quote"] == "Communauté d'avenir partagé."
    assert edges["CN|VN"]["color"] != edges["FR|VN"]["color"]


def test_country_view_ignores_non_country_codes(tmp_path: Path) -> None:
    # The facts table codes organisations and cities as parties: ORG:<acronym>, CITY:<name>.
    unicef = Actor(id="org:unicef", name="UNICEF", kind="organization", country="ORG:UNICEF")
    data = GraphData(
        entities=ENTITIES,
        facts=(
            *FACTS,
            fact(10, "agreement", {"parties": (VN, unicef)}, "Accord avec l'UNICEF."),
        ),
    )
    path = render_html(data, tmp_path / "g.html", view="countries")
    assert ids(path)[0] == {"country:CN", "country:FR", "country:LA", "country:VN"}
    assert ids(render_html(data, tmp_path / "g.html", pair=("VN", "CN")))[1] == {
        "fact:1", "fact:3", "fact:5", "fact:6"
    }  # fmt: skip


def test_country_view_with_window_and_focus(tmp_path: Path) -> None:
    path = render_html(DATA, tmp_path / "g.html", view="countries", until="2010")
    data = payload(path)
    assert [e["id"] for e in data["edges"]] == ["CN|VN"]
    assert data["edges"][0]["value"] == 1
    assert data["edges"][0]["group"] == "comprehensive_strategic_partnership"
    path = render_html(DATA, tmp_path / "g.html", view="countries", focus="Chine")
    assert ids(path)[0] == {"country:CN", "country:VN"}
    path = render_html(DATA, tmp_path / "g.html", view="countries", focus="la", depth=2)
    assert ids(path)[0] == {"country:LA"}


def test_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(KgError):
        render_html(DATA, tmp_path / "g.html", pair=("VN", "vn"))
    with pytest.raises(KgError):
        render_html(DATA, tmp_path / "g.html", view="cities")  # type: ignore[arg-type]


@pytest.mark.slow
def test_large_graph_positions_in_python(tmp_path: Path) -> None:
    big = large_data(5000)
    start = time.perf_counter()
    data = payload(render_html(big, tmp_path / "big.html"))
    elapsed = time.perf_counter() - start
    assert len(data["nodes"]) == 5000 > LARGE
    assert data["options"]["physics"]["enabled"] is False
    assert data["options"]["edges"]["smooth"] is False
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    assert elapsed < 60, f"rendering 5,000 nodes took {elapsed:.1f} s"


# --- browser tests: Debian's Chromium driven by Playwright, network refused ------------------


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    if executable is None:
        pytest.skip("no Chromium binary on PATH (Debian: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=["--no-sandbox"]
        )
        yield launched
        launched.close()


class Opened:
    """A page opened from ``file://`` with every other request refused and recorded."""

    def __init__(self, browser: Any, path: Path, *, timeout_ms: float = 60_000) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 860})
        self.refused: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        start = time.perf_counter()
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("() => window.kgReady === true", timeout=timeout_ms)
        self.ready_s = time.perf_counter() - start

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.refused.append(route.request.url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def drawn(self) -> tuple[int, int]:
        return tuple(  # type: ignore[return-value]
            self.page.evaluate(
                "[kgNetwork.body.data.nodes.length, kgNetwork.body.data.edges.length]"
            )
        )

    def hover_node(self, node_id: str) -> str:
        """Move the mouse onto ``node_id`` and return the text of the tooltip that shows."""
        x, y = self.page.evaluate(
            """(id) => {
                const p = kgNetwork.canvasToDOM(kgNetwork.getPosition(id));
                const box = document.getElementById("kg-network").getBoundingClientRect();
                return [p.x + box.left, p.y + box.top];
            }""",
            node_id,
        )
        self.page.mouse.move(x - 3, y - 3)
        self.page.mouse.move(x, y)
        tooltip = self.page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible", timeout=5_000)
        return tooltip.inner_text()

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name))

    def close(self) -> None:
        assert self.refused == [], f"the page tried to fetch {self.refused}"
        assert self.errors == [], f"the page raised {self.errors}"
        self.page.close()


@pytest.mark.browser
def test_browser_harness_sees_outside_requests(browser: Any, tmp_path: Path) -> None:
    """The "no request" assertions below mean something: a page that fetches is caught."""
    page = tmp_path / "fetching.html"
    page.write_text(
        '<img src="http://192.0.2.1/x.png"><script>window.kgReady = true</script>',
        encoding="utf-8",
    )
    opened = Opened(browser, page)
    opened.page.wait_for_timeout(200)
    assert opened.refused == ["http://192.0.2.1/x.png"]
    opened.refused.clear()
    opened.close()


@pytest.mark.browser
def test_browser_draws_the_fixture(browser: Any, tmp_path: Path) -> None:
    opened = Opened(browser, render_html(DATA, tmp_path / "g.html", title="Diplomatie"))
    assert opened.drawn() == (11, 11)
    text = opened.hover_node(WANG.id)
    assert "Wang Yi" in text and "Chine (CN)" in text
    # the evidence of its latest dated fact, with its source
    assert "« Nguyễn Xuân Phúc a reçu Wang Yi. »" in text and "001_seed.txt" in text
    edge = f"fact:1|{PHUC.id}|{WANG.id}"
    edge_tip = opened.page.evaluate(f"kgNetwork.body.edges['{edge}'].options.title.textContent")
    assert "Nguyễn Xuân Phúc a reçu Wang Yi." in edge_tip and "001_seed.txt" in edge_tip
    opened.screenshot("entities.png")
    opened.close()


@pytest.mark.browser
def test_browser_filters_and_search(browser: Any, tmp_path: Path) -> None:
    opened = Opened(browser, render_html(DATA, tmp_path / "g.html"))
    page = opened.page
    page.get_by_label("Personne").uncheck()
    assert opened.drawn() == (6, 5)  # countries, ASEAN, Hanoï; the edges between countries
    page.get_by_label("Personne").check()
    page.locator("#kg-groups").get_by_label("rencontre").uncheck()
    assert opened.drawn() == (11, 7)
    page.locator("#kg-none").click()
    assert opened.drawn() == (0, 0)
    page.locator("#kg-countries").get_by_label("Chine").check()
    assert opened.drawn() == (3, 0)  # China, Wang Yi, Xiong Bo; their meeting is filtered out
    page.locator("#kg-groups").get_by_label("rencontre").check()
    assert opened.drawn() == (3, 1)
    page.locator("#kg-all").click()
    page.locator("#kg-search").fill("phuc")
    assert page.evaluate("kgNetwork.getSelectedNodes()") == [PHUC.id]
    assert page.locator("#kg-search-status").inner_text() == "1 résultat(s)"
    opened.close()


@pytest.mark.browser
def test_browser_malicious_page_runs_nothing(browser: Any, tmp_path: Path) -> None:
    path = render_html(malicious_data(), tmp_path / "evil.html", title=EVIL_TITLE)
    opened = Opened(browser, path)
    page = opened.page
    assert opened.drawn() == (3, 1)
    text = opened.hover_node("person:img")
    assert EVIL_IMG in text and EVIL in text  # shown as text
    assert page.title() == EVIL_TITLE
    assert page.locator("h1").inner_text() == EVIL_TITLE
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.evaluate("document.scripts.length") == 3
    page.wait_for_timeout(300)
    assert opened.dialogs == []
    opened.screenshot("malicious.png")
    opened.close()


@pytest.mark.browser
def test_browser_country_view(browser: Any, tmp_path: Path) -> None:
    opened = Opened(browser, render_html(DATA, tmp_path / "c.html", view="countries"))
    assert opened.drawn() == (4, 2)
    text = opened.hover_node("country:CN")
    assert "Chine" in text and "Communauté d'avenir partagé." in text
    opened.screenshot("countries.png")
    opened.close()


@pytest.mark.browser
def test_browser_5000_nodes_become_ready(browser: Any, tmp_path: Path) -> None:
    start = time.perf_counter()
    path = render_html(large_data(5000), tmp_path / "big.html")
    rendered = time.perf_counter() - start
    opened = Opened(browser, path, timeout_ms=120_000)
    nodes, edges = opened.drawn()
    assert nodes == 5000 and edges > 5000
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "timings.txt").write_text(
        f"5,000 nodes / {edges} edges: render_html {rendered:.2f} s, "
        f"page ready in Chromium {opened.ready_s:.2f} s, {path.stat().st_size / 1e6:.2f} MB\n",
        encoding="utf-8",
    )
    print(f"5k nodes: render {rendered:.2f} s, ready {opened.ready_s:.2f} s")
    opened.page.mouse.move(700, 400)  # the page still answers after the first draw
    assert opened.page.evaluate("kgNetwork.getScale()") > 0
    opened.screenshot("large-5000.png")
    opened.close()
