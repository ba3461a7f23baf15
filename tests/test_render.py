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
    assert EVIL_IMG in data["facts"]["fact:evil"]["quote"]


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
    assert reception["facts"] == ["fact:1"]
    record = data["facts"]["fact:1"]
    assert record["quote"] == "Nguyễn Xuân Phúc a reçu Wang Yi."
    assert "001_seed.txt" in record["source"]
    assert (record["date"], record["place"], record["span"]) == (
        "3 novembre 2022",
        "Hanoï",
        ["2022-11-03", "2022-11-03"],
    )
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
    data = payload(render_html(big, tmp_path / "big.html"))
    assert len(data["nodes"]) == 5000 > LARGE
    assert data["options"]["physics"]["enabled"] is False
    assert data["options"]["edges"]["smooth"] is False
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])


# --- browser tests: Debian's Chromium driven by Playwright, network refused ------------------


CHROMIUM = "/usr/bin/chromium"  # Debian's package; no browser download
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str | None:
    if Path(CHROMIUM).exists():
        return CHROMIUM
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
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


class Opened:
    """A page opened from ``file://`` with every other request refused and recorded."""

    def __init__(
        self, browser: Any, path: Path, *, timeout_ms: float = 60_000, hash_: str = ""
    ) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="fr-FR")
        self.refused: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        start = time.perf_counter()
        self.page.goto(path.resolve().as_uri() + hash_)
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

    def drawn_ids(self) -> tuple[set[str], set[str]]:
        """Ids of the nodes and edges drawn now."""
        nodes, edges = self.page.evaluate(
            "[kgNetwork.body.data.nodes.getIds(), kgNetwork.body.data.edges.getIds()]"
        )
        return set(nodes), set(edges)

    def node_xy(self, node_id: str) -> tuple[float, float]:
        x, y = self.page.evaluate(
            """(id) => {
                const p = kgNetwork.canvasToDOM(kgNetwork.getPosition(id));
                const box = document.getElementById("kg-network").getBoundingClientRect();
                return [p.x + box.left, p.y + box.top];
            }""",
            node_id,
        )
        return x, y

    def click_node(self, node_id: str) -> str:
        """Click ``node_id`` on the canvas and return the text of the details panel."""
        x, y = self.node_xy(node_id)
        self.page.mouse.click(x, y)
        panel = self.page.locator("#kg-panel")
        panel.wait_for(state="visible", timeout=5_000)
        return panel.inner_text()

    def panel(self) -> str:
        return self.page.locator("#kg-panel").inner_text()

    def hover_node(self, node_id: str) -> str:
        """Move the mouse onto ``node_id`` and return the text of the tooltip that shows."""
        x, y = self.node_xy(node_id)
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
    assert opened.drawn() == (9, 11)  # Laos and Hanoï have no fact
    text = opened.hover_node(WANG.id)
    assert "Wang Yi" in text and "Chine" in text and "CN" not in text
    assert "Faits2" in text.replace("\n", "") and "3 novembre 2022" in text
    edge = f"fact:1|{PHUC.id}|{WANG.id}"
    edge_tip = opened.page.evaluate(f"kgNetwork.body.edges['{edge}'].options.title.textContent")
    assert "Nguyễn Xuân Phúc a reçu Wang Yi." in edge_tip and "001_seed.txt" in edge_tip
    assert "3 novembre 2022" in edge_tip and "2022-11-03" not in edge_tip
    assert "Hanoï" in edge_tip
    opened.screenshot("entities.png")
    opened.close()


@pytest.mark.browser
def test_browser_filters_and_search(browser: Any, tmp_path: Path) -> None:
    opened = Opened(browser, render_html(DATA, tmp_path / "g.html"))
    page = opened.page
    page.get_by_label("Personne").uncheck()
    assert opened.drawn() == (4, 5)  # the countries with a fact, ASEAN; their edges
    page.get_by_label("Personne").check()
    page.locator("#kg-groups").get_by_label("rencontre").uncheck()
    assert opened.drawn() == (7, 7)  # Xiong Bo and Macron only met: no fact left, hidden
    page.locator("#kg-none").click()
    assert opened.drawn() == (0, 0)
    page.locator("#kg-countries").get_by_label("Chine").check()
    assert opened.drawn() == (2, 0)  # China, Wang Yi; Xiong Bo's meeting is filtered out
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
    assert opened.drawn() == (2, 1)  # the country named EVIL_IMG has no fact
    text = opened.hover_node("person:img")
    assert EVIL_IMG in text  # shown as text
    page.mouse.move(5, 5)
    text = opened.click_node("person:img")
    assert EVIL_IMG in text and EVIL in text  # the quote, in the details panel
    page.get_by_label("Montrer les entités sans fait").check()
    assert opened.drawn() == (3, 1)
    page.locator("#kg-search").fill("<img")  # the hostile name and alias, listed as text
    assert set(page.locator("#kg-results li").all_inner_texts()) == {EVIL, EVIL_IMG}
    # a hostile link: the hash is read as data too
    page.evaluate("location.hash = 'sel=n:' + encodeURIComponent('<img src=x onerror=alert(4)>')")
    page.evaluate("location.hash = 'xpays=' + encodeURIComponent('<script>alert(5)</script>')")
    page.locator("#kg-panel .kg-fact-head").count()
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
    assert opened.drawn() == (3, 2)  # Laos has no fact
    text = opened.hover_node("country:CN")
    assert "Chine" in text and "Faits" in text
    edge_tip = opened.page.evaluate("kgNetwork.body.edges['CN|VN'].options.title.textContent")
    assert (
        "Communauté d'avenir partagé." in edge_tip
        and "du 30 mai 2008 au 12 décembre 2023" in edge_tip
    )
    opened.screenshot("countries.png")
    opened.close()


@pytest.mark.browser
def test_browser_5000_nodes_become_ready(browser: Any, tmp_path: Path) -> None:
    start = time.perf_counter()
    path = render_html(large_data(5000), tmp_path / "big.html")
    rendered = time.perf_counter() - start
    drawn_data = payload(path)
    with_facts = len({end for e in drawn_data["edges"] for end in (e["from"], e["to"])})
    opened = Opened(browser, path, timeout_ms=120_000)
    nodes, edges = opened.drawn()
    assert nodes == with_facts < 5000 and edges > 5000
    toggle = time.perf_counter()
    opened.page.get_by_label("Montrer les entités sans fait").check()
    assert opened.drawn()[0] == 5000
    toggled = time.perf_counter() - toggle
    window = time.perf_counter()
    opened.page.locator("#kg-from").fill("2015-01")
    opened.page.locator("#kg-to").fill("2015-12")
    narrowed = opened.drawn()[1]
    windowed = time.perf_counter() - window
    assert 0 < narrowed < edges
    click = time.perf_counter()
    opened.page.evaluate("location.hash = 'sel=n:person:p00000'")
    opened.page.locator("#kg-panel").wait_for(state="visible")
    clicked = time.perf_counter() - click
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "timings.txt").write_text(
        f"5,000 nodes / {edges} edges: render_html {rendered:.2f} s, "
        f"page ready in Chromium {opened.ready_s:.2f} s, {path.stat().st_size / 1e6:.2f} MB; "
        f"show fact-less nodes {toggled:.2f} s, time window {windowed:.2f} s, "
        f"panel {clicked:.2f} s\n",
        encoding="utf-8",
    )
    print((ARTIFACTS / "timings.txt").read_text(encoding="utf-8"))
    opened.page.mouse.move(700, 400)  # the page still answers after the first draw
    assert opened.page.evaluate("kgNetwork.getScale()") > 0
    opened.screenshot("large-5000.png")
    opened.close()


# --- the page an analyst opens first (issue 15) ------------------------------------------------

KUNUGI = Actor(id="person:june-kunugi", name="June Kunugi", kind="person", country="ORG:UNICEF")
HANOI = Actor(id="place:hanoi", name="Hanoi", kind="place", country="VN")
BEIJING = Actor(id="place:beijing", name="Beijing", kind="place", country="CN")


def french_data() -> GraphData:
    """DATA plus what the tables write as codes or English: a role without a title, an
    organisation as a country (``ORG:UNICEF``), an inferred year, cities spelt in English."""
    son = Entity(
        id=SON.id,
        kind="person",
        name=SON.name,
        country="VN",
        posts=(
            Post(
                role="foreign_minister",
                title="",
                country="VN",
                first_seen="2023-03-01",
                last_seen="2023-03-04",
            ),
        ),
    )
    kunugi = Entity(
        id=KUNUGI.id,
        kind="person",
        name=KUNUGI.name,
        country="ORG:UNICEF",
        posts=(Post(role="head_of_international_organisation", title="présidents"),),
    )
    entities = (
        *tuple(e for e in ENTITIES if e.id not in (SON.id, "place:hanoi")),
        son,
        kunugi,
        Entity(id=HANOI.id, kind="place", name="Hanoi", country="VN"),
        Entity(id=BEIJING.id, kind="place", name="Beijing", country="CN"),
    )
    facts = (
        *FACTS,
        fact(10, "reception", {"host": SON, "guest": KUNUGI}, "Sơn a reçu June Kunugi.",
             date="--11-03", date_inferred="2017-11-03", place="Beijing"),
        fact(11, "agreement", {"parties": (HANOI, BEIJING)}, "Hanoï et Pékin ont signé.",
             date="2019-04"),
    )  # fmt: skip
    return GraphData(entities=entities, facts=facts)


_CODE = re.compile(r"\b[a-z]+_[a-z_]+\b|ORG:|\b\d{4}-\d{2}\b|--\d{2}")


def test_french_words_in_the_payload(tmp_path: Path) -> None:
    data = payload(render_html(french_data(), tmp_path / "g.html"))
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels[HANOI.id] == "Hanoï" and labels[BEIJING.id] == "Pékin"
    assert "Beijing" in next(n for n in data["nodes"] if n["id"] == BEIJING.id)["search"]
    assert data["facts"]["fact:10"]["place"] == "Pékin"
    assert data["facts"]["fact:10"]["date"] == "3 novembre 2017 (année déduite)"
    assert data["facts"]["fact:2"]["date"] == "du 1er au 4 mars 2023"
    assert data["facts"]["fact:3"]["date"] == "10 mai"
    assert data["facts"]["fact:4"]["date"] == "mars 2023"
    countries = {c["key"]: c["label"] for c in data["legend"]["countries"]}
    assert countries["ORG:UNICEF"] == "Fonds des Nations unies pour l'enfance (UNICEF)"
    son = data["details"][SON.id]
    assert son["posts"] == [["ministre des Affaires étrangères", "", "Vietnam",
                             "du 1er au 4 mars 2023"]]  # fmt: skip
    kunugi = data["details"][KUNUGI.id]
    assert kunugi["posts"][0][0] == "président"  # a bare plural head read as singular
    assert kunugi["country"] == ["Fonds des Nations unies pour l'enfance (UNICEF)", ""]
    legend = data["legend"]
    shown_labels = [x["label"] for key in ("kinds", "edgeGroups", "countries") for x in legend[key]]
    shown = json.dumps(
        [data["details"], [n["tip"] for n in data["nodes"]], shown_labels], ensure_ascii=False
    )
    shown += json.dumps(
        [{k: v for k, v in f.items() if k in ("date", "place", "level", "label", "head")}
         for f in data["facts"].values()], ensure_ascii=False
    )  # fmt: skip
    shown = re.sub(r'"(?:fact|person|country|place|org):[^"]*"', '""', shown)  # ids, not text
    assert _CODE.findall(shown) == []


def test_one_french_title_for_every_view(tmp_path: Path) -> None:
    titles = set()
    for kwargs in (
        {},
        {"view": "countries"},
        {"focus": PHUC.id},
        {"pair": ("VN", "FR")},
        {"since": "2023"},
    ):
        text = render_html(DATA, tmp_path / "g.html", **kwargs).read_text(encoding="utf-8")  # type: ignore[arg-type]
        titles.add(re.search(r"<title>(.*?)</title>", text).group(1))  # type: ignore[union-attr]
    assert titles == {"Réseau diplomatique"}


def test_seed_export_speaks_french() -> None:
    """The committed ``exports/graph.html``: names not codes, one spelling per place."""
    path = Path(__file__).parent.parent / "exports" / "graph.html"
    data = payload(path)
    assert not [c for c in data["legend"]["countries"] if "ORG:" in c["label"]]
    labels = {n["label"] for n in data["nodes"]}
    assert {"Hanoï", "Pékin"} <= labels and not {"Hanoi", "Beijing"} & labels
    assert not {f["place"] for f in data["facts"].values()} & {"Hanoi", "Beijing"}
    text = path.read_text(encoding="utf-8")
    assert re.search(r"<title>Réseau diplomatique</title>", text)


def _labels(opened: Opened) -> dict[str, tuple[float, bool]]:
    """Per drawn node: its label's size on screen (px) and whether it is drawn."""
    rows = opened.page.evaluate(
        """() => kgNetwork.body.data.nodes.getIds().map((id) => {
            const label = kgNetwork.body.nodes[id].labelModule;
            return [id, label.fontOptions.size * kgNetwork.getScale(), label.visible()];
        })"""
    )
    return {row[0]: (row[1], row[2]) for row in rows}


def _zoom(opened: Opened, scale: float) -> None:
    opened.page.evaluate(f"kgNetwork.moveTo({{scale: {scale}}})")
    opened.page.evaluate("() => new Promise((r) => requestAnimationFrame(() => r()))")
    opened.page.evaluate("kgNetwork.redraw()")


@pytest.mark.browser
def test_browser_label_sizes(browser: Any, tmp_path: Path) -> None:
    path = render_html(DATA, tmp_path / "g.html")
    important = {n["id"] for n in payload(path)["nodes"] if n.get("important")}
    opened = Opened(browser, path)
    labels = _labels(opened)
    assert len(labels) == 9 and 0 < len(important) < 9
    # default zoom: every label drawn, at least 12 px on screen; the busiest largest
    assert all(visible and px >= 12 for px, visible in labels.values()), labels
    assert max(labels, key=lambda n: labels[n][0]) == "country:VN"
    assert labels["country:VN"][0] > labels[XIONG.id][0]
    _zoom(opened, 0.12)  # far out: the important nodes keep a legible label, the others none
    labels = _labels(opened)
    assert all(labels[n][1] and labels[n][0] >= 12 for n in important), labels
    assert not any(labels[n][1] for n in labels if n not in important)
    _zoom(opened, 2.0)  # zoomed in: every label
    assert all(visible for _, visible in _labels(opened).values())
    opened.close()


@pytest.mark.browser
def test_browser_factless_nodes_hidden_and_toggle(browser: Any, tmp_path: Path) -> None:
    opened = Opened(browser, render_html(DATA, tmp_path / "g.html"))
    page = opened.page
    nodes, _ = opened.drawn_ids()
    assert "country:LA" not in nodes and "place:hanoi" not in nodes and len(nodes) == 9
    toggle = page.get_by_role("checkbox", name="Montrer les entités sans fait")
    assert page.locator("#kg-empty-count").inner_text() == "2"
    still = page.evaluate("kgNetwork.getPositions()")
    page.wait_for_timeout(500)
    assert page.evaluate("kgNetwork.getPositions()") == still  # the layout stays still
    assert page.evaluate("kgNetwork.physics.options.enabled") is False
    toggle.check()
    moved = page.evaluate("kgNetwork.getPositions()")
    assert {n: moved[n] for n in still} == still  # showing the others moves no one
    assert opened.drawn() == (11, 11)
    assert page.evaluate("location.hash") == "#vides=1"
    # the fact-less nodes are placed under the drawing, not on top of it
    assert opened.node_xy("country:LA")[1] > opened.node_xy("country:VN")[1]
    toggle.uncheck()
    assert opened.drawn() == (9, 11)
    opened.close()


@pytest.mark.browser
def test_browser_person_panel(browser: Any, tmp_path: Path) -> None:
    opened = Opened(browser, render_html(french_data(), tmp_path / "g.html"))
    page = opened.page
    text = opened.click_node(SON.id)
    assert text.startswith("Bùi Thanh Sơn")
    assert "Personne · Vietnam" in text
    assert "ministre des Affaires étrangères" in text and "vu du 1er au 4 mars 2023" in text
    dates = page.locator("#kg-panel .kg-facts .kg-fact-date").all_inner_texts()
    assert dates == ["du 1er au 4 mars 2023", "3 novembre 2017 (année déduite)", "10 mai"]
    assert "« Bùi Thanh Sơn visite la France. »" in text and "002_seed.txt" in text
    assert _CODE.findall(text) == []
    assert page.evaluate("location.hash") == f"#sel=n:{SON.id}"
    # a fact of the list selects its edge and shows the fact
    page.locator("#kg-panel .kg-fact-head").first.click()
    assert page.evaluate("kgNetwork.getSelectedEdges()") == [f"fact:2|{SON.id}|country:FR"]
    assert page.locator("#kg-panel-title").inner_text() == "Bùi Thanh Sơn — visite — France"
    # an actor of the fact selects its node; "retour" comes back
    page.locator("#kg-panel").get_by_role("button", name="France").click()
    assert page.evaluate("kgNetwork.getSelectedNodes()") == ["country:FR"]
    assert page.locator("#kg-panel-title").inner_text() == "France"
    page.locator("#kg-panel").get_by_role("button", name="← retour").click()
    assert page.locator("#kg-panel-title").inner_text() == "Bùi Thanh Sơn — visite — France"
    # the inferred year, the French place, the organisation named in words
    page.evaluate("location.hash = 'sel=f:fact:10'")
    text = opened.panel()
    assert "3 novembre 2017 (année déduite)" in text and "Pékin" in text
    assert "Beijing" not in text and _CODE.findall(text) == []
    page.locator("#kg-panel").get_by_role("button", name="June Kunugi").click()
    text = opened.panel()
    assert "Fonds des Nations unies pour l'enfance (UNICEF)" in text and "président" in text
    assert "présidents" not in text and _CODE.findall(text) == []
    tip = opened.page.evaluate(
        f"kgNetwork.body.edges['fact:10|{SON.id}|{KUNUGI.id}'].options.title.textContent"
    )
    assert "3 novembre 2017 (année déduite)" in tip and "Pékin" in tip
    opened.close()


@pytest.mark.browser
@pytest.mark.parametrize("view", ["entities", "countries"])
def test_browser_country_panel(browser: Any, tmp_path: Path, view: str) -> None:
    path = render_html(DATA, tmp_path / "g.html", view=view)  # type: ignore[arg-type]
    opened = Opened(browser, path, hash_="#sel=n:country:VN")
    page = opened.page
    text = opened.panel()
    assert text.startswith("Vietnam") and "Viêt Nam" in text
    partners = page.locator("#kg-panel .kg-partners li").all_inner_texts()
    assert [p.replace("\n", " ") for p in partners] == ["Chine 4 faits", "France 4 faits"]
    levels = page.locator("#kg-panel .kg-levels li").all_inner_texts()
    assert [" ".join(level.split()) for level in levels] == [
        "12 décembre 2023 partenariat de coopération stratégique intégral avec Chine",
        "30 mai 2008 partenariat stratégique intégral avec Chine",
    ]
    chips = page.locator("#kg-panel .kg-chips .kg-chip").all_inner_texts()
    assert chips == ["réception : 1", "visite : 1", "rencontre : 2", "accord : 2",
                     "partenariat : 2", "relations diplomatiques : 1"]  # fmt: skip
    assert "9 faits, du plus récent au plus ancien" in text.lower()
    assert _CODE.findall(text.replace("country:", "")) == []
    page.locator("#kg-panel .kg-levels").get_by_role("button").first.click()
    expected = "fact:6|country:VN|country:CN" if view == "entities" else "CN|VN"
    assert page.evaluate("kgNetwork.getSelectedEdges()") == [expected]
    page.locator("#kg-panel").get_by_role("button", name="← retour").click()
    page.locator("#kg-panel .kg-partners").get_by_role("button", name="France").click()
    assert page.evaluate("kgNetwork.getSelectedNodes()") == ["country:FR"]
    assert page.locator("#kg-panel-title").inner_text() == "France"
    if view == "countries":  # an edge of the country view: the pair, its levels and facts
        page.evaluate("location.hash = 'sel=e:CN|VN'")
        page.locator("#kg-panel-title").filter(has_text="Chine — Vietnam").wait_for()
        levels = page.locator("#kg-panel .kg-levels li").all_inner_texts()
        assert [" ".join(level.split()) for level in levels] == [
            "12 décembre 2023 partenariat de coopération stratégique intégral",
            "30 mai 2008 partenariat stratégique intégral",
        ]
        dates = page.locator("#kg-panel .kg-facts .kg-fact-date").all_inner_texts()
        assert dates == ["12 décembre 2023", "3 novembre 2022", "30 mai 2008", "10 mai"]
        assert page.evaluate("kgNetwork.getSelectedEdges()") == ["CN|VN"]
    opened.close()


@pytest.mark.browser
def test_browser_timeline_filters_edges(browser: Any, tmp_path: Path) -> None:
    opened = Opened(browser, render_html(DATA, tmp_path / "g.html"))
    page = opened.page
    bars = page.locator("#kg-bars button")
    assert bars.count() == 17  # 2008 to 2024, a bar a year
    assert page.get_by_role("button", name="2023 : 4 faits").count() == 1
    assert "2 faits sans année" not in page.locator("#kg-timeline").inner_text()
    page.locator("#kg-from").fill("2023-01")
    page.locator("#kg-to").fill("2023-12")
    window = render_html(DATA, tmp_path / "w.html", since="2023-01", until="2023-12")
    expected_nodes = {n["id"] for n in payload(window)["nodes"]}
    expected_edges = {e["id"] for e in payload(window)["edges"]}
    assert opened.drawn_ids() == (expected_nodes, expected_edges)
    assert len(expected_edges) == 4
    page.get_by_role("button", name="2022 : 1 fait").click()
    assert opened.drawn_ids()[1] == {f"fact:1|{PHUC.id}|{WANG.id}"}
    assert "du=2022-01&au=2022-12" in page.evaluate("location.hash")
    assert page.locator("#kg-from").input_value() == "2022-01"
    page.get_by_role("button", name="2023 : 4 faits").click(modifiers=["Shift"])  # a range
    window = render_html(DATA, tmp_path / "w.html", since="2022-01", until="2023-12")
    assert opened.drawn_ids()[1] == {e["id"] for e in payload(window)["edges"]}
    assert page.locator("#kg-to").input_value() == "2023-12"
    page.get_by_role("button", name="toutes les dates").click()
    assert opened.drawn() == (9, 11)
    # with a node selected, the bars count its facts
    page.evaluate(f"location.hash = 'sel=n:{PHUC.id}'")
    assert "2 faits datés — Nguyễn Xuân Phúc" in page.locator("#kg-time-what").inner_text()
    assert page.get_by_role("button", name="2024 : 1 fait").count() == 1
    opened.close()
    # over a short period, a bar a month
    opened = Opened(browser, render_html(DATA, tmp_path / "p.html", pair=("VN", "FR")))
    assert opened.page.locator("#kg-bars button").count() == 11  # March 2023 to January 2024
    assert opened.page.get_by_role("button", name="mars 2023 : 2 faits").count() == 1
    opened.page.get_by_role("button", name="avril 2023 : 1 fait").click()
    assert opened.drawn_ids()[1] == {"fact:7|country:VN|country:FR"}
    opened.close()


@pytest.mark.browser
def test_browser_hash_restores_view(browser: Any, tmp_path: Path) -> None:
    path = render_html(DATA, tmp_path / "g.html")
    first = Opened(browser, path)
    page = first.page
    page.get_by_label("Organisation").uncheck()
    page.locator("#kg-groups").get_by_label("accord").uncheck()
    page.locator("#kg-countries").get_by_label("France").uncheck()
    page.locator("#kg-from").fill("2022-01")
    page.locator("#kg-to").fill("2023-12")
    page.locator("#kg-search").fill("wang")
    page.locator("#kg-search").press("Enter")
    shared = page.evaluate("location.hash")
    state = first.drawn_ids(), page.locator("#kg-panel-title").inner_text()
    assert state[1] == "Wang Yi" and state[0][0] and shared.count("=") == 6
    first.close()
    second = Opened(browser, path, hash_=shared)
    page = second.page
    assert (second.drawn_ids(), page.locator("#kg-panel-title").inner_text()) == state
    assert page.evaluate("kgNetwork.getSelectedNodes()") == [WANG.id]
    assert not page.get_by_label("Organisation").is_checked()
    assert not page.locator("#kg-countries").get_by_label("France").is_checked()
    assert page.locator("#kg-to").input_value() == "2023-12"
    assert page.evaluate("location.hash") == shared
    page.evaluate("location.hash = 'sel=n:country:CN'")  # a link to the same file
    page.locator("#kg-panel-title").filter(has_text="Chine").wait_for()
    second.close()


@pytest.mark.browser
def test_browser_keyboard_and_labels(browser: Any, tmp_path: Path) -> None:
    opened = Opened(browser, render_html(DATA, tmp_path / "g.html"))
    page = opened.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "kg-search"
    assert page.get_by_role("searchbox", name="Rechercher").count() == 1
    page.keyboard.type("macron")
    assert page.locator("#kg-search-status").inner_text() == "1 résultat(s)"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "kg-panel-title"
    assert page.get_by_role("complementary", name="Emmanuel Macron").count() == 1
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Fermer le panneau"
    )
    page.keyboard.press("Tab")  # his country
    assert page.evaluate("document.activeElement.textContent") == "France"
    page.keyboard.press("Tab")  # the first fact of the list, named by its date and type
    name = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert name.startswith("20 janvier 2024, rencontre")
    page.keyboard.press("Escape")
    assert page.locator("#kg-panel").is_hidden()
    assert page.evaluate("document.activeElement.id") == "kg-search"
    for group in ("Entités", "Relations", "Pays et organisations"):
        assert page.get_by_role("group", name=group).count() == 1
    assert page.get_by_role("checkbox", name="Chine").count() == 1
    assert page.get_by_label("du", exact=True).count() == 1
    assert page.get_by_role("navigation", name="Recherche et filtres").count() == 1
    assert page.get_by_role("region", name="Chronologie").count() == 1
    opened.close()


def _screenshots_module() -> Any:
    import importlib.util

    path = Path(__file__).parent.parent / "scripts" / "screenshots.py"
    spec = importlib.util.spec_from_file_location("kg_screenshots", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_screenshots_are_current() -> None:
    """``docs/*.png`` were taken from the current template and seed exports: each records the
    hash of both (not file times, so a fresh clone passes)."""
    shots = _screenshots_module()
    expected = shots.sources_digest()
    for name in shots.PICTURES:
        recorded = shots.read_text((shots.ROOT / "docs" / name).read_bytes())
        assert recorded == expected, (
            f"docs/{name} shows an older page or older exports: "
            "run `python scripts/screenshots.py` (after `kg build seeds/ --out exports/`)"
        )


def test_screenshot_stamp_round_trip(tmp_path: Path) -> None:
    shots = _screenshots_module()
    png = (shots.ROOT / "docs" / "graph.png").read_bytes()
    stamped = shots.with_text(png, b"kg-test", "abc")
    assert shots.read_text(stamped, b"kg-test") == "abc"
    assert shots.read_text(png, b"kg-test") is None
    template = tmp_path / "graph.html"
    template.write_text("x", encoding="utf-8")
    (tmp_path / "graph.html").write_text("x", encoding="utf-8")
    (tmp_path / "facts.jsonl").write_text("{}\n", encoding="utf-8")
    before = shots.sources_digest(template, tmp_path)
    (tmp_path / "facts.jsonl").write_text("{}\n{}\n", encoding="utf-8")
    assert shots.sources_digest(template, tmp_path) != before
