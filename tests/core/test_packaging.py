"""Everything the app needs at run time ships in the wheel: no file left behind by
a package-data pattern that does not cover it."""

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[2]
PACKAGE = ROOT / "src" / "mutuality"


def test_it_ships_every_non_python_file_of_the_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["*"]
    missing = []
    for path in PACKAGE.rglob("*"):
        if path.is_dir() or path.suffix in {".py", ".pyc"} or "__pycache__" in path.parts:
            continue
        # package-data patterns are relative to the (sub)package holding the file
        package_dir = next(p for p in path.parents if (p / "__init__.py").exists())
        relative = path.relative_to(package_dir).as_posix()
        if not any(fnmatch.fnmatch(relative, p.replace("**/", "*")) for p in patterns):
            missing.append(str(path.relative_to(PACKAGE)))
    assert missing == []
