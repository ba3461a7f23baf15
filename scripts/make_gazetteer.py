"""Regenerate ``kg/patterns/countries.tsv`` from the reference data in ``../shared/data``.

Run from the repository root: ``python scripts/make_gazetteer.py ../shared/data``.  The output
is committed; the package never reads ``shared/`` at run time.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path("kg/patterns/countries.tsv")


def main(data_dir: str) -> None:
    data = Path(data_dir)
    rows: set[tuple[str, str, str]] = set()
    with (data / "fr_country_names.csv").open(encoding="utf-8") as handle:
        for rec in csv.DictReader(handle):
            for col in ("name_fr", "cldr_name_fr", "official_name_fr"):
                form = rec[col].strip()
                # ISO style "Corée, République de" is never written in running text.
                if form and "," not in form and "(" not in form:
                    rows.add((rec["iso2"], form, "name"))
            if rec["cldr_name_fr"]:
                rows.add((rec["iso2"], rec["cldr_name_fr"], "display"))
    with (data / "fr_demonyms.csv").open(encoding="utf-8") as handle:
        for rec in csv.DictReader(handle):
            iso = rec["iso2"]
            rows.add((iso, rec["country_fr"], "name"))
            for form in filter(None, rec["country_alt_fr"].split("|")):
                rows.add((iso, form, "name"))
            for col in ("masc_sg", "fem_sg", "masc_pl", "fem_pl"):
                if rec[col]:
                    rows.add((iso, rec[col], "demonym"))
            for adj in filter(None, rec["alt_adjectives"].split("|")):
                forms = {adj} if adj == "lao" else {adj, adj + "e", adj + "s", adj + "es"}
                if adj.endswith("ien"):
                    forms |= {adj + "ne", adj + "nes"}
                for form in forms:
                    rows.add((iso, form, "demonym"))
            for form in filter(None, rec["prefix"].split("|")):
                rows.add((iso, form, "prefix"))
            for form in filter(None, [rec["capital_fr"], *rec["capital_variants"].split("|")]):
                rows.add((iso, form, "capital"))
    lines = ["iso2\tform\tkind"] + ["\t".join(r) for r in sorted(rows)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} forms to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
