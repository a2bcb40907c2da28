"""The tests' own layout: fixtures and helpers shared between modules live in tests/conftest.py or in
helper modules whose names do not start with test_ (tests/rooms.py, tests/camera.py, …); a module
of tests never imports from another one, so each can be read, moved or run on its own."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def imports_of_test_modules(source: str) -> list[str]:
    """The test_ modules that this source imports, in every spelling Python allows."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.startswith("tests.test_")]
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            if module.lstrip(".").startswith(("tests.test_", "test_")):
                found.append(module)
            elif module in ("tests", "." * node.level):
                prefix = module if module.endswith(".") else module + "."
                found += [prefix + alias.name for alias in node.names if alias.name.startswith("test_")]
    return found


def test_the_check_finds_every_spelling_of_an_import_from_a_test_module():
    source = """
import os
import tests.test_grading
from tests import conftest, test_presence
from tests.test_interview_socket import connect
from .test_report_pdf import download
from . import rooms, test_worker_faults
from tests.rooms import new_interview
from tests.camera import webcam_frame
"""

    assert imports_of_test_modules(source) == [
        "tests.test_grading",
        "tests.test_presence",
        "tests.test_interview_socket",
        ".test_report_pdf",
        ".test_worker_faults",
    ]


def test_no_module_under_tests_imports_from_a_test_module():
    offenders = {
        path.name: imported
        for path in sorted(TESTS.glob("*.py"))
        if (imported := imports_of_test_modules(path.read_text(encoding="utf-8")))
    }

    assert offenders == {}, "move what these share to tests/conftest.py or a helper module: " + "; ".join(
        f"{name} imports from {', '.join(imported)}" for name, imported in offenders.items()
    )
