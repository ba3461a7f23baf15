"""Regenerate ``kg/patterns/office_terms.tsv`` from ``../shared/data/office_terms.csv``.

Run from the repository root: ``python scripts/make_office_terms.py ../shared/data``.  The
output is committed; the package never reads ``shared/`` at run time.  The offices of the
reference table are renamed to the roles the extractors give titles (``kg/patterns/titles.tsv``
and ``role_rules.tsv``), so that a person's term is matched with the title the page gives them.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path("kg/patterns/office_terms.tsv")

# reference table's office -> role of the extractors' titles
ROLES = {
    "general_secretary": "party_leader",
    "party_leader": "party_leader",
    "president": "head_of_state",
    "head_of_state": "head_of_state",
    "prime_minister": "head_of_government",
    "head_of_government": "head_of_government",
    "national_assembly_chair": "parliament_leader",
    "foreign_minister": "foreign_minister",
    "defence_minister": "defence_minister",
    "public_security_minister": "public_security_minister",
}
COLUMNS = ("name", "role", "country", "start", "end", "aliases", "source")


def main(data_dir: str) -> None:
    rows = []
    with (Path(data_dir) / "office_terms.csv").open(encoding="utf-8") as handle:
        for rec in csv.DictReader(handle):
            rows.append(
                (
                    rec["person"],
                    ROLES[rec["office"]],
                    rec["country"],
                    rec["start"],
                    rec["end"],
                    rec["aliases"],
                    rec["source"],
                )
            )
    rows.sort(key=lambda r: (r[2], r[1], r[3], r[0]))
    lines = ["\t".join(COLUMNS)] + ["\t".join(r) for r in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} terms")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
