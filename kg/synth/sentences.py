"""The sentence templates: one method per kind of statement, each returning a ``Passage``."""

from __future__ import annotations

import random
from typing import Any

from kg.synth.passages import (
    MONTHS,
    NUMBER_WORDS,
    VISIT_KINDS,
    Passage,
    When,
    cap,
    count_text,
    day_text,
    when_fields,
)
from kg.synth.vocabulary import CountryRow, lexicon
from kg.synth.world import Person, World


class Sentences:
    """Writes the sentences of one corpus; every choice goes through ``self.rng``."""

    def __init__(self, rng: random.Random, world: World) -> None:
        self.rng = rng
        self.world = world
        self.lex = lexicon()
        self.events = 0

    # helpers
    def event(self, kind: str) -> str:
        self.events += 1
        return f"{kind}:{self.events}"

    def pick(self, seq: Any) -> Any:
        return self.rng.choice(seq)

    def vn(self, *posts: str) -> Person:
        return self.pick(self.world.vn[self.pick(posts)])

    def foreign(self, c: CountryRow, *posts: str) -> Person:
        return self.world.foreign[c.iso2][self.pick(posts)]

    def domain(self) -> str:
        a, b = self.rng.sample(self.lex.words["domain"], 2)
        return f"{a} et {b}"

    def credit(self) -> str:
        r = self.rng.random()
        if r < 0.6:
            return " Photo : VNA"
        if r < 0.75:
            return " Photo: VNA"
        if r < 0.85:
            return " (Photo : VNA)"
        return f" Photo : {self.pick(self.lex.words['photographer'])} - VNA"

    # sentences -------------------------------------------------------------
    def reception(
        self, kind: str, host: Person, guest: Person, w: When, place: str, ev: str, form: str
    ) -> Passage:
        s = Passage(kind)
        s.fact(
            ev, type="reception", host=host.name, guest=guest.name, **when_fields(w), place=place
        )
        if form == "recevant":
            s.text = (
                f"Recevant, {w.text} à {place}, {s.who(guest)}, {s.who(host)} a souligné "
                f"l'importance de renforcer la coopération dans {self.domain()}."
            )
        elif form == "passive":
            s.text = (
                f"{s.who(guest, 'Det')} a été {guest.agree('reçu')} {w.text} à {place} par "
                f"{s.who(host)}."
            )
        elif form == "present":
            s.text = f"{s.who(host, 'Det')} reçoit {s.who(guest)} {w.text} à {place}."
        else:
            s.text = f"{s.who(host, 'Comma')} a reçu {w.text} à {place} {s.who(guest, 'comma')}"
            s.text = s.text.rstrip(",")
            if guest.post == "ambassador_in" and self.rng.random() < 0.5:
                s.text += ", qui lui a rendu une visite de courtoisie."
                s.skip("visit", "courtesy call of a resident ambassador: no travel to a country")
            elif guest.post != "ambassador_in" and self.rng.random() < 0.5:
                k = self.pick(("official", "working"))
                s.text += f", en {VISIT_KINDS[k]} au Vietnam."
                s.fact(f"{ev}:visit", type="visit", visitor=guest.name, destination="VN", kind=k)
            else:
                s.text += "."
        return s

    def visit(
        self, kind: str, visitor: Person, c: CountryRow, k: str, w: When, ev: str, form: str
    ) -> Passage:
        s = Passage(kind)
        status = None
        if form == "planned":
            verb = self.pick(("se rendra", "effectuera"))
            if verb == "se rendra":
                s.text = (
                    f"{s.who(visitor, 'Comma')} se rendra {w.text} {c.in_form} pour une "
                    f"{VISIT_KINDS[k]}, a annoncé le ministère des Affaires étrangères."
                )
            else:
                s.text = (
                    f"À l'invitation de ses hôtes, {s.who(visitor)} effectuera {w.text} une "
                    f"{VISIT_KINDS[k]} {c.in_form}."
                )
            status = "planned"
        elif form == "title":
            s.text = f"{s.who(visitor, 'Det')} en {VISIT_KINDS[k]} {c.in_form}"
            w = When("")
        else:
            s.text = (
                f"{s.who(visitor, 'Det')} effectue {w.text} une {VISIT_KINDS[k]} {c.in_form}, "
                f"accompagné{'e' if visitor.gender == 'f' else ''} d'une délégation de haut rang."
            )
        s.fact(
            ev,
            type="visit",
            visitor=visitor.name,
            destination=c.iso2,
            kind=k,
            status=status,
            **when_fields(w),
        )
        return s

    def meeting(
        self, kind: str, a: Person, b: Person, w: When, place: str | None, ev: str, form: str
    ) -> Passage:
        s = Passage(kind)
        at = f" à {place}" if place else ""
        mode = None
        if form == "online":
            s.text = (
                f"{s.who(a, 'Det')} et {s.who(b)} ont eu {w.text} une séance de travail en ligne "
                f"pour examiner la coopération dans {self.domain()}."
            )
            mode, place = "online", None
        elif form == "entretien":
            s.text = (
                f"{s.who(a, 'Det')} s'est {a.agree('entretenu')} {w.text}{at} avec "
                f"{s.who(b)} sur les moyens d'approfondir les relations bilatérales."
            )
        elif form == "summit":
            summit = self.pick(self.lex.words["summit"])
            s.text = (
                f"En marge {summit}, {w.text}{at}, {s.who(a)} a rencontré {s.who(b, 'comma')} "
                f"pour discuter des mesures visant à renforcer la coopération."
            )
        else:
            s.text = (
                f"{s.who(a, 'Det')} a rencontré {w.text}{at} {s.who(b, 'comma')} pour discuter "
                f"des mesures visant à renforcer la coopération dans {self.domain()}."
            )
        s.fact(
            ev,
            type="meeting",
            participants=[a.name, b.name],
            **when_fields(w),
            place=place,
            mode=mode,
        )
        return s

    def agreement(self, kind: str, c: CountryRow) -> Passage:
        s = Passage(kind)
        r = self.rng.random()
        ev = self.event("agreement")
        fields: dict[str, Any] = {"type": "agreement", "parties": ["VN", c.iso2]}
        if r < 0.45:
            n = self.pick((2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 15, 17, 20))
            s.text = (
                f"À cette occasion, {count_text(self.rng, n)} accords de coopération ont été "
                f"signés entre le Vietnam et {c.with_article} dans {self.domain()}."
            )
            fields |= {"kind": "agreement", "count": n, "status": "signed"}
        elif r < 0.6:
            n = self.pick((1, 2, 3))
            what = "un protocole d'accord" if n == 1 else f"{NUMBER_WORDS[n]} protocoles d'accord"
            s.text = (
                f"Le Vietnam et {c.with_article} ont signé {what} de coopération dans "
                f"{self.domain()}."
            )
            fields |= {"kind": "memorandum", "count": n, "status": "signed"}
        elif r < 0.8:
            signed = self.rng.random() < 0.5
            verb = "ont signé" if signed else "ont rendu publique"
            s.text = (
                f"Le Vietnam et {c.with_article} {verb} une Déclaration commune sur le "
                f"renforcement de leur coopération."
            )
            fields |= {
                "kind": "joint_declaration",
                "status": "signed" if signed else "issued",
                "label": "Déclaration commune",
            }
        else:
            s.text = (
                f"Les deux parties sont convenues de signer bientôt un accord entre le Vietnam et "
                f"{c.with_article} sur la coopération dans {self.domain()}."
            )
            fields |= {"kind": "agreement", "count": 1, "status": "planned"}
        s.fact(ev, **fields)
        return s

    def partnership(self, kind: str, c: CountryRow, speaker: Person | None) -> Passage | None:
        if not c.level:
            return None
        phrase = self.pick(self.lex.phrases(c.level, c.iso2))
        s = Passage(kind)
        ev = f"partnership:{c.iso2}:{c.level}"
        extra: dict[str, Any] = {}
        r = self.rng.random()
        if kind == "title":
            s.text = f"Vietnam – {c.name} : dynamiser le {phrase}"
            if phrase.startswith(("relation", "amitié")):
                s.text = f"Vietnam – {c.name} : une {phrase} réaffirmée"
                if phrase.startswith("relations"):
                    s.text = f"Vietnam – {c.name} : des {phrase} réaffirmées"
        elif len(c.level_date) >= 7 and r < 0.35 and c.level not in ("traditional_friendship",):
            y, mo = int(c.level_date[:4]), int(c.level_date[5:7])
            s.text = (
                f"En {MONTHS[mo - 1]} {y}, le Vietnam et {c.with_article} ont décidé de rehausser "
                f"leurs relations au niveau de « {cap(phrase)} »."
            )
            extra = {"date": f"{y}-{mo:02d}", "event": "upgrade"}
            phrase = cap(phrase)
        elif speaker is not None:
            s.text = (
                f"{s.who(speaker, 'name')} a salué le développement du {phrase} entre le Vietnam "
                f"et {c.with_article}, qui se renforce dans tous les domaines."
            )
            if phrase.startswith(("relation", "amitié")):
                s.text = (
                    f"{s.who(speaker, 'name')} a souligné l'importance de l'{phrase} entre le "
                    f"Vietnam et {c.with_article}."
                    if phrase.startswith("amitié")
                    else f"{s.who(speaker, 'name')} a réaffirmé les {phrase} entre le Vietnam et "
                    f"{c.with_article}."
                )
        else:
            s.text = (
                f"Le Vietnam et {c.with_article} entendent approfondir leur {phrase} dans les "
                f"années à venir."
            )
        s.fact(
            ev, type="partnership", countries=["VN", c.iso2], level=c.level, label=phrase, **extra
        )
        return s

    def relations(self, kind: str, c: CountryRow, year: int) -> Passage:
        s = Passage(kind)
        est = self.world.relations[c.iso2]
        n = year - est.year
        ev = f"relations:{c.iso2}"
        r = self.rng.random()
        m = MONTHS[est.month - 1]
        if r < 0.35:
            s.text = (
                f"Le {day_text(est)} {m} {est.year}, le Vietnam et {c.with_article} ont officiellement "
                f"établi leurs relations diplomatiques."
            )
            s.fact(ev, type="diplomatic_relations", countries=["VN", c.iso2], date=est.isoformat())
        elif r < 0.7:
            suffix = self.pick(("e", "ᵉ"))
            s.text = (
                f"Les deux parties ont célébré le {n}{suffix} anniversaire de l'établissement des "
                f"relations diplomatiques entre le Vietnam et {c.with_article}."
            )
            s.fact(ev, type="diplomatic_relations", countries=["VN", c.iso2], anniversary_years=n)
        elif r < 0.85:
            n10 = n // 10 * 10
            if n10 < 10:
                n10 = n
            s.text = (
                f"Plus de {n10} ans après l'établissement de leurs relations diplomatiques, le "
                f"Vietnam et {c.with_article} sont devenus des partenaires importants."
            )
            s.fact(
                ev,
                type="diplomatic_relations",
                countries=["VN", c.iso2],
                anniversary_years=n10,
                anniversary_qualifier="plus de",
            )
        else:
            s.text = (
                f"Depuis l'établissement des relations diplomatiques entre le Vietnam et "
                f"{c.with_article}, les échanges n'ont cessé de se développer."
            )
            s.fact(ev, type="diplomatic_relations", countries=["VN", c.iso2])
        return s

    def filler(self, c: CountryRow, speaker: Person) -> Passage:
        s = Passage("body")
        r = self.rng.random()
        if r < 0.1:
            s.text = (
                f"{s.who(speaker, 'name')} a rappelé les relations d'amitié de longue date entre "
                f"les deux peuples."
            )
            s.skip("partnership", "« relations d'amitié de longue date »: not a named framework")
        elif r < 0.17:
            s.text = (
                "Les deux parties sont convenues de mettre en œuvre efficacement les accords "
                "existants."
            )
            s.skip("agreement", "generic mention of existing agreements")
        elif r < 0.24:
            s.text = (
                f"{cap(c.with_article)} considère le Vietnam comme l'un de ses partenaires "
                "prioritaires dans la région."
            )
            s.skip("partnership", "« partenaires prioritaires »: a description, not a framework")
        elif r < 0.55:
            pct = self.rng.randint(3, 40)
            bn = self.rng.randint(1, 30)
            s.text = (
                f"Les échanges commerciaux bilatéraux ont atteint {bn} milliards de dollars, "
                f"soit une croissance de {pct}% en variation annuelle."
            )
        elif r < 0.8:
            s.text = (
                f"{s.who(speaker, 'name')} a proposé aux deux parties d'intensifier la "
                f"coopération dans {self.domain()}, ainsi que les échanges entre les localités."
            )
        elif r < 0.9:
            s.text = (
                f"Selon {s.who(speaker, 'name')}, les deux pays disposent encore d'un grand "
                f"potentiel de coopération dans {self.domain()}, qu'il convient d'exploiter "
                f"pleinement au profit de leurs peuples, de la paix et du développement dans la "
                f"région et dans le monde."
            )
        else:
            s.text = (
                f"Les deux parties ont également échangé leurs points de vue sur des questions "
                f"régionales et internationales d'intérêt commun, dont la coopération dans "
                f"{self.domain()}."
            )
        return s
