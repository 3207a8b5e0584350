"""`mutuality.core` never imports Django, directly or through anything it imports."""

import ast
import subprocess
import sys
from pathlib import Path

import mutuality.core

CORE = Path(mutuality.core.__file__).parent


def test_it_has_no_django_import_statement_in_core():
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "django"]
    assert offenders == []


def test_it_loads_every_core_module_without_loading_django():
    modules = sorted(
        "mutuality." + ".".join(p.relative_to(CORE.parent).with_suffix("").parts)
        for p in CORE.rglob("*.py")
    )
    code = "import importlib, sys\n"
    code += "".join(f"importlib.import_module({m.replace('.__init__', '')!r})\n" for m in modules)
    code += "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert len(modules) >= 8
