"""spendline/sql's layers: one view per file named after it, the views of SPEC §5 in views/,
each layer using only the layers below it, and an order worked out from the files."""

import re

import pytest

from spendline.sql import _MAKES, LAYERS, _uses, creation_order, layer_of, read_sql, sql_files
from spendline.views import VIEWS


def _made(name: str) -> list[str]:
    return _MAKES.findall(read_sql(name))


@pytest.mark.parametrize("name", [n for n in sql_files() if layer_of(n) in ("base", "views",
                                                                              "marts")])
def test_a_file_makes_the_view_it_is_named_after(name):
    made = _made(name)
    # a view may have its _as_stood twin (compare with) beside it, and breakdown its rows
    assert name in made, made
    assert all(m.startswith(name) for m in made), made


def test_the_views_folder_holds_the_views_of_spec_5():
    assert {n for n in sql_files() if layer_of(n) == "views"} == set(VIEWS)


def test_each_layer_uses_only_the_layers_below_it():
    makes = {m: n for n in sql_files() if layer_of(n) in LAYERS for m in _made(n)}
    upward = [(n, makes[word]) for n in makes.values()
              for word in set(re.findall(r"\w+", _uses(read_sql(n))))
              if word in makes and LAYERS.index(layer_of(makes[word])) > LAYERS.index(layer_of(n))]
    assert upward == []


def test_every_file_comes_after_what_it_uses():
    order = creation_order()
    assert sorted(order) == sorted(n for n in sql_files() if layer_of(n) in LAYERS)
    makes = {m: n for n in order for m in _made(n)}
    for position, name in enumerate(order):
        for word in set(re.findall(r"\w+", _uses(read_sql(name)))):
            if word in makes and makes[word] != name:
                assert order.index(makes[word]) < position, (name, makes[word])


def test_no_sql_file_lies_outside_the_layers():
    root = sql_files()["schema"].parents[1]
    assert sorted(p.name for p in root.glob("*.sql")) == []
    assert {p.parent.name for p in root.rglob("*.sql")} <= {"tables", *LAYERS, "postgres"}


def test_sql_names_a_campaignless_row_as_python_does():
    from spendline.kinds import UNALLOCATED
    from spendline.store import Store

    [row] = Store(":memory:").query("select unallocated() as u, campaign_or_unallocated(null) "
                                    "as c, campaign_or_unallocated('Spring') as s").to_pylist()
    assert row == {"u": UNALLOCATED, "c": UNALLOCATED, "s": "Spring"}
