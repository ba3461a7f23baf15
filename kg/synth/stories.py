"""Whole articles: a lede, its title and caption, and a body of context paragraphs."""

from __future__ import annotations

from kg.synth.passages import VISIT_KINDS, Passage, Story, cap, when, when_fields
from kg.synth.sentences import Sentences
from kg.synth.vocabulary import CountryRow
from kg.synth.world import Person


class Writer(Sentences):
    """Writes stories for one corpus; every choice goes through ``self.rng``."""

    def story(self) -> Story:
        c = self.pick(self.world.countries)
        year = self.rng.randint(2016, 2025)
        kind = self.pick(
            ("reception", "reception", "visit_out", "visit_in", "planned", "meeting", "relations")
        )
        return getattr(self, f"_story_{kind}")(c, year)

    def _tail(
        self, c: CountryRow, year: int, speaker: Person, body: list[list[Passage]]
    ) -> list[list[Passage]]:
        """Add 2-5 paragraphs of context: partnership, relations, agreement, filler."""
        plan = ["filler"] * self.rng.randint(6, 14)
        plan += [k for k in ("partnership", "relations", "agreement") if self.rng.random() < 0.45]
        self.rng.shuffle(plan)
        para: list[Passage] = []
        for item in plan:
            p: Passage | None
            if item == "partnership":
                p = self.partnership("body", c, speaker)
            elif item == "relations":
                p = self.relations("body", c, year)
            elif item == "agreement":
                p = self.agreement("body", c)
            else:
                p = self.filler(c, speaker)
            if p is not None:
                para.append(p)
            if para and self.rng.random() < 0.5:
                body.append(para)
                para = []
        if para:
            body.append(para)
        return body

    def _caption_pair(self, a: Person, b: Person) -> Passage:
        s = Passage("caption")
        s.text = f"{s.who(a, 'Det')} (droite) et {s.who(b)}."
        s.skip("meeting", "photo caption shows the two officials together but states no meeting")
        return s

    def _story_reception(self, c: CountryRow, year: int) -> Story:
        guest = self.foreign(c, "fm", "ambassador_in", "vice_def", "na_president", "trade_min")
        hosts = {
            "vice_def": ("def_min", "vice_def"),
            "trade_min": ("trade_min", "vice_pm"),
        }.get(guest.post, ("pm", "president", "party_sg", "na_president", "vice_pm", "hanoi_sec"))
        host = self.vn(*hosts)
        place = "Hô Chi Minh-Ville" if host.post == "hcmc_chair" else "Hanoï"
        w = when(self.rng, year)
        ev = self.event("reception")
        if self.rng.random() < 0.5:
            # Only the host is named: the title alone states no fact.
            title = Passage("title", mentions=[host])
            title.text = f"{cap(host.det_title)} {host.name} reçoit {guest.det_title}"
        else:
            title = self.partnership("title", c, None) or Passage(
                "title", f"Vietnam – {c.name} : renforcer la coopération dans {self.domain()}"
            )
        lede = self.reception("lede", host, guest, w, place, ev, "default")
        if self.rng.random() < 0.5:
            caption = self._caption_pair(host, guest)
        else:
            caption = Passage("caption")
            caption.text = f"{caption.who(host, 'Det')} reçoit {caption.who(guest)}."
            caption.fact(ev, type="reception", host=host.name, guest=guest.name)
        first = (
            _repeat(lede)
            if self.rng.random() < 0.6
            else self.reception("body", host, guest, w, place, ev, "recevant")
        )
        body = self._tail(c, year, host, [[first]])
        return Story(title, lede, caption, self.credit(), body)

    def _story_visit_out(self, c: CountryRow, year: int) -> Story:
        visitor = self.vn("president", "pm", "party_sg", "na_president", "fm")
        k = (
            "state"
            if visitor.post in ("president", "party_sg")
            else self.pick(("official", "working"))
        )
        counterpart = self.foreign(c, "president", "pm", "na_president", "fm")
        w = when(self.rng, year, "range")
        ev = self.event("visit")
        title = self.visit("title", visitor, c, k, w, ev, "title")
        lede = self.visit("lede", visitor, c, k, w, ev, "default")
        wm = when(self.rng, year)
        meet = Passage("body")
        meet.text = (
            f"Lors de sa {VISIT_KINDS[k]} {c.in_form}, {wm.text} à {c.capital}, "
            f"{meet.who(visitor)} a rencontré {meet.who(counterpart, 'comma')} pour faire le "
            f"point sur la coopération bilatérale."
        )
        meet.fact(ev, type="visit", visitor=visitor.name, destination=c.iso2, kind=k)
        meet.fact(
            self.event("meeting"),
            type="meeting",
            participants=[visitor.name, counterpart.name],
            **when_fields(wm),
            place=c.capital,
        )
        para = [meet]
        if self.rng.random() < 0.5:
            host = self.foreign(c, "president", "pm", "na_president")
            if host is not counterpart:
                para.append(
                    self.reception(
                        "body",
                        host,
                        visitor,
                        when(self.rng, year),
                        c.capital,
                        self.event("reception"),
                        "passive",
                    )
                )
        caption = self._caption_pair(visitor, counterpart)
        body = self._tail(c, year, visitor, [[_repeat(lede)], para])
        return Story(title, lede, caption, self.credit(), body)

    def _story_visit_in(self, c: CountryRow, year: int) -> Story:
        visitor = self.foreign(c, "president", "pm", "fm", "na_president")
        k = "state" if visitor.post == "president" else self.pick(("official", "working"))
        w = when(self.rng, year, "range")
        ev = self.event("visit")
        title = self.visit("title", visitor, c.model_copy(update=_VN_FORMS), k, w, ev, "title")
        lede = self.visit("lede", visitor, c.model_copy(update=_VN_FORMS), k, w, ev, "default")
        host = self.vn("pm", "president", "party_sg", "na_president")
        talk = self.meeting(
            "body",
            host,
            visitor,
            when(self.rng, year),
            "Hanoï",
            self.event("meeting"),
            self.pick(("entretien", "met")),
        )
        caption = Passage("caption")
        caption.text = f"{caption.who(host, 'Det')} s'entretient avec {caption.who(visitor)}."
        caption.fact(
            talk.facts[0]["_event"], type="meeting", participants=[host.name, visitor.name]
        )
        body = self._tail(c, year, host, [[_repeat(lede)], [talk, self.agreement("body", c)]])
        return Story(title, lede, caption, self.credit(), body)

    def _story_planned(self, c: CountryRow, year: int) -> Story:
        visitor = self.vn("president", "pm", "party_sg", "na_president", "fm")
        k = "state" if visitor.post in ("president", "party_sg") else "official"
        w = when(self.rng, year, self.pick(("range", "day")))
        ev = self.event("visit")
        title = Passage("title")
        title.text = f"{title.who(visitor, 'Det')} attendu{'e' if visitor.gender == 'f' else ''}"
        title.text += f" {c.in_form}"
        title.fact(
            ev, type="visit", visitor=visitor.name, destination=c.iso2, kind=k, status="planned"
        )
        lede = self.visit("lede", visitor, c, k, w, ev, "planned")
        caption = Passage("caption", f"{cap(c.with_article)} et le Vietnam renforcent leurs liens.")
        body = self._tail(c, year, visitor, [[_repeat(lede)]])
        return Story(title, lede, caption, self.credit(), body)

    def _story_meeting(self, c: CountryRow, year: int) -> Story:
        form = self.pick(("online", "summit", "met", "envoy"))
        place: str | None
        if form == "envoy":
            a = self.world.envoys[c.iso2]
            b = self.foreign(c, "fm", "trade_min", "na_president")
            place = c.capital
        else:
            a = self.vn("pm", "vice_pm", "fm", "president")
            b = self.foreign(c, "pm", "fm", "president", "trade_min")
            place = self.pick(self.lex.words["summit_place"]) if form == "summit" else None
        w = when(self.rng, year)
        ev = self.event("meeting")
        lede = self.meeting("lede", a, b, w, place, ev, "met" if form == "envoy" else form)
        title = Passage("title", f"Vietnam et {c.name} promeuvent leur coopération")
        caption = self._caption_pair(a, b)
        body = self._tail(c, year, a, [[_repeat(lede)]])
        return Story(title, lede, caption, self.credit(), body, place=place or "Hanoï")

    def _story_relations(self, c: CountryRow, year: int) -> Story:
        lede = self.relations("lede", c, year)
        title = Passage("title", f"Les relations Vietnam - {c.name} célébrées à Hanoï")
        guest = self.foreign(c, "ambassador_in")
        host = self.vn("vice_pm", "fm", "vice_fm", "hanoi_sec")
        w = when(self.rng, year)
        rec = self.reception("body", host, guest, w, "Hanoï", self.event("reception"), "default")
        caption = self._caption_pair(host, guest)
        body = self._tail(c, year, host, [[rec]])
        return Story(title, lede, caption, self.credit(), body)

    def domestic(self) -> Story:
        """A teaser about a trip inside Vietnam: looks like a visit, is not one."""
        year = self.rng.randint(2016, 2025)
        p = self.vn("party_sg", "pm", "president", "vice_pm")
        province = self.pick(self.lex.words["province"])
        w = when(self.rng, year)
        lede = Passage("lede")
        lede.text = (
            f"{lede.who(p, 'Comma')} a effectué {w.text} une visite de travail dans la province "
            f"de {province} pour inspecter les projets de développement socio-économique."
        )
        lede.skip("visit", "domestic trip of a Vietnamese official: not a bilateral visit")
        title = Passage("title", f"{cap(p.det_title)} {p.name} en tournée à {province}")
        title.mentions.append(p)
        caption = Passage("caption", lede.text, mentions=[p])
        return Story(title, lede, caption, self.credit(), [])


_VN_FORMS = {
    "iso2": "VN",
    "name": "Vietnam",
    "with_article": "le Vietnam",
    "in_form": "au Vietnam",
    "of_form": "du Vietnam",
}


def _repeat(p: Passage) -> Passage:
    """The body's copy of the lede: same text, same facts (gold: ``evidence_also``)."""
    return Passage("body", p.text, [dict(f) for f in p.facts], [], list(p.mentions))
