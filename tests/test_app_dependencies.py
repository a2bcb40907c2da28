"""The apps' import graph: dependencies point one way (each app imports only the apps below it,
`APPS` from the bottom up), accounts imports no feature app, and no modules import each other in
a loop. Imports inside functions count: they are dependencies too, only later."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The apps from the bottom up: each may import those before it.
APPS = ["accounts", "resumes", "interviewer", "reports", "reviews", "assignments", "staff", "home"]
# Plain Python any app may use: the engine (no Django), and the project's infrastructure.
LIBRARIES = ("interviewer.engine", "config")
# The project's edge, which puts the apps together; no app imports it (the `config` package
# itself loads Celery's app, as Django and Celery have every process do).
EDGE = {"config", "config.urls", "config.routing", "config.asgi", "config.wsgi", "config.celery", "config.settings"}


def _modules() -> dict[str, Path]:
    modules = {}
    for package in [*APPS, "config"]:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            modules[name] = path
    return modules


def _imports(path: Path, name: str, modules: dict[str, Path]) -> set[str]:
    """The project modules `name` imports (`from package import module` counts both)."""
    found = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    [*package.split(".")[: len(package.split(".")) - node.level + 1], *([base] if base else [])]
                )
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        found |= {target for target in targets if target in modules and target != name}
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(path, name, modules) for name, path in modules.items()}


def _app_of(module: str) -> str:
    for library in LIBRARIES:
        if module == library or module.startswith(library + "."):
            return library
    return module.split(".")[0]


def test_each_app_imports_only_the_apps_below_it():
    wrong = []
    for module, imported in _graph().items():
        if module in EDGE:
            continue
        app = _app_of(module)
        allowed = {"interviewer.engine", "config"} if app in LIBRARIES else {*APPS[: APPS.index(app) + 1], *LIBRARIES}
        if app == "interviewer.engine":
            allowed = {"interviewer.engine"}
        wrong += [f"{module} -> {target}" for target in imported if _app_of(target) not in allowed or target in EDGE]
    assert sorted(wrong) == []


def test_accounts_imports_no_feature_app():
    graph = _graph()
    assert (
        sorted(
            f"{m} -> {t}"
            for m in graph
            if _app_of(m) == "accounts"
            for t in graph[m]
            if _app_of(t) not in ("accounts", "config")
        )
        == []
    )


def test_no_modules_import_each_other_in_a_loop():
    graph = _graph()
    index, low, stack, on_stack, loops, counter = {}, {}, [], set(), [], [0]

    def visit(module):  # Tarjan's strongly connected components
        index[module] = low[module] = counter[0]
        counter[0] += 1
        stack.append(module)
        on_stack.add(module)
        for target in graph.get(module, ()):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                loops.append(sorted(component))

    for module in graph:
        if module not in index:
            visit(module)
    assert loops == []
