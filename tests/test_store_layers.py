"""The store does not depend on the loaders (data flows file → loaders → store): no module
under spendline/stores imports them, at the top or inside a function, and importing every
store module loads none of them."""

import ast
import subprocess
import sys

from spendline.config import ROOT

STORE_MODULES = sorted((ROOT / "spendline" / "stores").glob("*.py"))


def imported_packages(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_no_store_module_imports_the_loaders():
    assert [p.name for p in STORE_MODULES if "loaders" in imported_packages(p)] == []


def test_importing_every_store_module_loads_no_loader():
    modules = ["spendline.store", *(f"spendline.stores.{p.stem}" for p in STORE_MODULES
                                    if p.stem != "__init__")]
    probe = ("import importlib, sys\n"
             f"for name in {modules!r}: importlib.import_module(name)\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'loaders'))")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
