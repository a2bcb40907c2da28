"""The interview engine is plain Python: it imports no Django and reads no environment variable,
so that workers, management commands, bench scripts and tests all hand it its configuration
(interviewer/engine/config.py)."""

import ast

from tests.conftest import ROOT

ENGINE = ROOT / "interviewer" / "engine"
ENVIRONMENT_NAMES = {"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"}


def problems_in(source: str) -> list[str]:
    """Each use of the environment or import of Django in `source`, by line."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [
                (node.lineno, f"import {alias.name}") for alias in node.names if alias.name.split(".")[0] == "django"
            ]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "django":
            found.append((node.lineno, f"from {node.module} import …"))
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            found += [
                (node.lineno, f"from os import {alias.name}") for alias in node.names if alias.name in ENVIRONMENT_NAMES
            ]
        elif isinstance(node, ast.Attribute) and node.attr in ENVIRONMENT_NAMES:
            found.append((node.lineno, ast.unparse(node)))
    return [f"{line}: {what}" for line, what in sorted(found)]


def test_no_engine_module_imports_django_or_reads_the_environment():
    modules = sorted(ENGINE.rglob("*.py"))
    problems = [
        f"{path.relative_to(ROOT)}:{problem}"
        for path in modules
        for problem in problems_in(path.read_text(encoding="utf-8"))
    ]

    assert len(modules) > 20  # the whole engine was read, its subpackages too
    assert problems == []


def test_the_check_finds_each_way_of_reaching_the_environment_or_django():
    source = """import os
import django.conf
from django.conf import settings
from os import environ, path
cache = os.environ.get('MODEL_CACHE_DIR')
threads = os.getenv('WHISPER_THREADS')
folder = os.path.join('a', 'b')
"""

    assert problems_in(source) == [
        "2: import django.conf",
        "3: from django.conf import …",
        "4: from os import environ",
        "5: os.environ",
        "6: os.getenv",
    ]
