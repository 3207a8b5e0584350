"""The import-linter contracts in pyproject.toml: `core` without Django, and the packages
in layers (so no app imports one above it and there is no import circle)."""

import subprocess
import sys
import tomllib
from pathlib import Path

import mutuality

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(mutuality.__file__).parent


def contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    found: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return found


def test_the_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Contracts: 2 kept, 0 broken." in out.stdout


def test_every_package_and_site_module_has_its_place_in_the_layers():
    (layers,) = [c["layers"] for c in contracts() if c["type"] == "layers"]
    assert isinstance(layers, list)
    named = {m.strip() for layer in layers for m in layer.split("|")}
    packages = {
        f"mutuality.{p.name}"
        for p in PACKAGE.iterdir()
        if p.is_dir() and (p / "__init__.py").exists() and p.name != "site"
    }
    modules = {f"mutuality.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    site = {f"mutuality.site.{p.stem}" for p in (PACKAGE / "site").glob("*.py")} | {
        f"mutuality.site.{p.parent.name}" for p in (PACKAGE / "site").glob("*/__init__.py")
    }
    assert packages | modules | (site - {"mutuality.site.__init__"}) == named
