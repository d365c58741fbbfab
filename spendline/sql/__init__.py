"""The store's SQL (DuckDB's dialect), one statement per file, each named after what it makes,
in layers (README.md here draws the chain from the stored tables to each view):

- tables/    the stored tables, the budget in force and the users (run first, as they are)
- helpers/   the macros the views call: money, ratios, filters, calendar rules
- base/      the rows every figure is made from (ledger, budget_base, results_base ...)
- views/     the views of SPEC §5
- marts/     the pages' own views
- postgres/  the PostgreSQL store's migrations (its tables; its views are these, on a snapshot)

The views are created in the order their names require (creation_order), worked out from the
files themselves: a new view needs no list to be edited.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).parent
TABLES = ("schema", "access")
LAYERS = ("helpers", "base", "views", "marts")  # what creation_order orders
_MAKES = re.compile(r"^create\s+(?:or\s+replace\s+)?(?:view|macro|table)\s+(\w+)",
                    re.IGNORECASE | re.MULTILINE)
_COMMENT = re.compile(r"--[^\n]*")
# Names that are not uses: a column's alias (`as missing_documents`), a CTE's own name.
_NOT_USES = re.compile(r"\bas\s+\w+|\w+\s+as\s*\(", re.IGNORECASE)


@cache
def sql_files() -> dict[str, Path]:
    """Every file of the tables and the layers, by name (the file's stem)."""
    found: dict[str, Path] = {}
    for folder in ("tables", *LAYERS):
        for path in sorted((SQL_DIR / folder).glob("*.sql")):
            if path.stem in found:
                raise RuntimeError(f"two SQL files named {path.stem}: {found[path.stem]}, {path}")
            found[path.stem] = path
    return found


def layer_of(name: str) -> str:
    """The folder a file is in; KeyError for a name no file has."""
    return sql_files()[name].parent.name


@cache
def read_sql(name: str) -> str:
    return sql_files()[name].read_text(encoding="utf-8")


@cache
def creation_order() -> tuple[str, ...]:
    """The layers' files in an order where each comes after every file whose view, table or
    macro it names; among files free to go, by layer, then by name. A cycle is our error."""
    names = [n for n in sql_files() if layer_of(n) in LAYERS]
    makes = {made: name for name in names for made in _MAKES.findall(read_sql(name))}
    needs = {name: {makes[word] for word in re.findall(r"\w+", _uses(read_sql(name)))
                    if word in makes and makes[word] != name}
             for name in names}
    order: list[str] = []
    rank = {name: (LAYERS.index(layer_of(name)), name) for name in names}
    while needs:
        ready = sorted((n for n, deps in needs.items() if not deps - set(order)), key=rank.get)
        if not ready:
            raise RuntimeError(f"SQL files that need each other: {sorted(needs)}")
        order.append(ready[0])
        del needs[ready[0]]
    return tuple(order)


def _uses(sql: str) -> str:
    """The SQL without what names nothing it uses: comments, aliases, CTE names."""
    return _NOT_USES.sub(" ", _COMMENT.sub("", sql))
