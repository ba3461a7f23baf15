"""The one plain-text table printer of the package (``kg eval``, ``kg query``, ``kg sparql``)."""

from __future__ import annotations

from collections.abc import Collection, Sequence


def text_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    sep: str = "  ",
    right: Collection[int] = (),
) -> str:
    """``rows`` under ``columns``, aligned, with a rule under the header.

    Columns are joined by ``sep``; the rule joins its dashes with ``sep`` drawn in dashes
    (``"  "`` gives one unbroken rule, ``" | "`` gives ``-+-``).  Columns whose index is in
    ``right`` are right-aligned; trailing spaces are dropped.

    Examples:
        >>> print(text_table(["a", "n"], [["x", "10"]], sep=" | "))
        a | n
        --+---
        x | 10
        >>> print(text_table(["type", "F1"], [["visit", "1.000"]], right={1}))
        type      F1
        ------------
        visit  1.000
    """
    widths = [max([len(c), *(len(row[i]) for row in rows)]) for i, c in enumerate(columns)]

    def line(cells: Sequence[str]) -> str:
        padded = (
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )
        return sep.join(padded).rstrip()

    rule = sep.replace(" ", "-").replace("|", "+")
    return "\n".join([line(columns), rule.join("-" * w for w in widths), *map(line, rows)])
