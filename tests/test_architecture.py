"""Meta-tests: the core stays free of transports, and every command is documented, in /help and in the manifest."""

from __future__ import annotations

import argparse
import ast
import inspect
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import grimp
import pytest

import handlers
from bot.core.registry import Command, Context, Registry
from tests.conftest import ROOT

CORE = ROOT / "bot" / "core"
TRANSPORT_PACKAGES = ("slack_bolt", "slack_sdk", "apscheduler")
MANIFEST = ROOT / "manifest.json"


def imported_modules(source: str) -> Iterator[str]:
    """Every module a source file imports, absolute or from-import, at any depth (also inside functions)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def transport_imports(source: str) -> list[str]:
    """The transport packages (or their sub-modules) a source file imports."""
    return [name for name in imported_modules(source) if name.split(".")[0] in TRANSPORT_PACKAGES]


def python_files(folder: Path) -> list[Path]:
    """Every Python source file under a folder."""
    return sorted(folder.rglob("*.py"))


def test_the_import_check_sees_every_kind_of_import() -> None:
    source = """
import os
import slack_sdk.web
from slack_bolt import App
from apscheduler.schedulers.background import BackgroundScheduler as Scheduler
from . import slack_bolt  # a relative module of the same name is ours, not the package


def later():
    import slack_bolt.adapter.socket_mode
"""
    assert transport_imports(source) == [
        "slack_sdk.web",
        "slack_bolt",
        "apscheduler.schedulers.background",
        "slack_bolt.adapter.socket_mode",
    ]


def test_the_core_never_imports_a_transport() -> None:
    files = python_files(CORE)
    # Not vacuous: the core's sub-packages (extract, store) are walked too.
    assert {p.parent.name for p in files} >= {"core", "extract", "store"}
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in files
        if (found := transport_imports(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


# --- handlers -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("module", handlers.COMMAND_MODULES, ids=lambda m: m.__name__)
def test_every_handler_module_has_the_same_parts(module: ModuleType) -> None:
    assert (module.__doc__ or "").strip(), f"{module.__name__} has no docstring"
    command = getattr(module, "command", None)
    assert isinstance(command, Command), f"{module.__name__}.command is not a Command"
    assert command.usage.strip().startswith(command.slash), command.usage
    assert command.help.strip() and "\n" not in command.help
    register = getattr(module, "register", None)
    assert inspect.isfunction(register) and (register.__doc__ or "").strip()
    assert callable(command.answer) and (command.answer.__doc__ or "").strip()
    registry = Registry()
    register(registry)
    assert [c.name for c in registry] == [command.name]


def test_the_registry_holds_exactly_the_handler_modules_commands() -> None:
    registered = [c.name for c in handlers.build_registry()]
    assert registered == [m.command.name for m in handlers.COMMAND_MODULES]
    assert len(set(registered)) == len(registered)


def test_help_lists_every_command(corpus: Context) -> None:
    help_command = corpus.registry.get("help")
    assert help_command is not None
    reply = help_command.answer("", corpus)
    shown = json.dumps(reply.blocks, ensure_ascii=False)
    for command in handlers.build_registry():
        assert command.usage in reply.text and command.help in reply.text, command.name
        assert command.usage in shown and command.help in shown, command.name


def test_the_manifest_declares_the_main_command_and_every_direct_one() -> None:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    declared = {c["command"]: c for c in manifest["features"]["slash_commands"]}
    registry = handlers.build_registry()
    assert registry.main is not None

    assert list(declared) == [registry.main.slash, *(f"/{c.direct}" for c in registry.direct())]
    for command in registry.direct():
        assert declared[f"/{command.direct}"]["description"] == command.help
        hint = command.usage.removeprefix(command.slash).strip()
        assert declared[f"/{command.direct}"].get("usage_hint", "") == hint
    for command in registry:  # every sub-command is in the main command's hint
        assert command.usage.removeprefix("/") in declared[registry.main.slash]["usage_hint"]


# --- docstrings -----------------------------------------------------------------------------------------


def public_functions_without_docstring(source: str) -> Iterator[str]:
    """Public functions and methods of public classes (module level, not nested) that have no docstring."""

    def walk(node: ast.AST, prefix: str) -> Iterator[str]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                if not child.name.startswith("_") and not ast.get_docstring(child):
                    yield f"{prefix}{child.name} (line {child.lineno})"
            elif isinstance(child, ast.ClassDef) and not child.name.startswith("_"):
                yield from walk(child, f"{child.name}.")

    yield from walk(ast.parse(source), "")


def test_the_docstring_check_finds_what_it_should() -> None:
    source = '''
def documented():
    """Yes."""

def bare():
    pass

def _private():
    pass

class Thing:
    def method(self):
        return 1

    def __len__(self):
        return 0

    def _helper(self):
        pass

def outer():
    """Yes."""
    def inner():
        pass
'''
    assert list(public_functions_without_docstring(source)) == ["bare (line 5)", "Thing.method (line 12)"]


def test_every_public_function_has_a_docstring() -> None:
    files = python_files(ROOT / "bot") + python_files(ROOT / "handlers")
    assert len(files) > 20
    missing = {
        str(path.relative_to(ROOT)): found
        for path in files
        if (found := list(public_functions_without_docstring(path.read_text(encoding="utf-8"))))
    }
    assert missing == {}


def test_no_handler_module_is_left_out_of_the_registry() -> None:
    listed = {m.__name__.rsplit(".", 1)[-1] for m in handlers.COMMAND_MODULES}
    defining = set()
    for path in python_files(ROOT / "handlers"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{path.name} has no docstring"
        targets = [t for node in tree.body if isinstance(node, ast.Assign) for t in node.targets]
        if any(isinstance(t, ast.Name) and t.id == "command" for t in targets):
            defining.add(path.stem)
    assert defining == listed


# --- the layer contract and import cycles ---------------------------------------------------------------


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter's contracts (pyproject.toml) on the packages under `tree`."""
    lint = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(lint), "--no-cache", "--config", str(tree / "pyproject.toml")],
        cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.fixture
def tree_copy(tmp_path: Path) -> Path:
    """The packages and the contracts, copied where a test may break them."""
    for package in ("bot", "handlers"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("bot/core/registry.py", "import slack_sdk", "The core imports no transport"),
        ("bot/core/digest/stories.py", "import sqlalchemy", "SQL only in the store"),
        ("bot/jobs/scheduler.py", "import bot.slack.poster", "Entry points above transports"),
        ("handlers/who.py", "from bot.core.store import schema", "Handlers use the core's public modules"),
    ],
)
def test_the_layer_contract_fails_on_a_violating_import(tree_copy: Path, module: str, line: str, contract: str) -> None:
    assert lint_imports(tree_copy).returncode == 0  # the copy as it is keeps every contract
    path = tree_copy / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # a violation\n", encoding="utf-8")

    done = lint_imports(tree_copy)

    assert done.returncode != 0
    broken = [row for row in done.stdout.splitlines() if row.rstrip().endswith("BROKEN")]
    assert len(broken) == 1 and broken[0].startswith(contract), done.stdout


def import_cycles(graph: grimp.ImportGraph, modules: set[str]) -> list[list[str]]:
    """The groups of modules that import each other, directly or through others (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in graph.find_modules_directly_imported_by(module) & modules:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while (top := stack.pop()) != module:
                group.append(top)
            if group:
                found.append(sorted([module, *group]))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return found


def test_the_cycle_check_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for name in ("a", "a.b", "a.c", "a.d"):
        graph.add_module(name)
    graph.add_import(importer="a.b", imported="a.c")
    graph.add_import(importer="a.c", imported="a.b")
    graph.add_import(importer="a.d", imported="a.b")
    assert import_cycles(graph, {"a.b", "a.c", "a.d"}) == [["a.b", "a.c"]]


def test_no_module_imports_itself_through_others() -> None:
    graph = grimp.build_graph("bot", "handlers", cache_dir=None)
    modules = set(graph.modules)
    assert len(modules) > 50
    assert import_cycles(graph, modules) == []


# --- every handler and every CLI sub-command is tested --------------------------------------------------


def test_every_handler_module_has_a_test_module() -> None:
    modules = {path.stem for path in python_files(ROOT / "handlers") if path.stem != "__init__"}
    tested = {path.stem.removeprefix("test_") for path in python_files(ROOT / "tests" / "handlers")}
    assert modules and modules - tested == set()


def cli_calls(source: str) -> Iterator[str]:
    """The sub-commands a test source runs: the string after the environment in `run_bot(env, "NAME", ...)` (or
    `bot`, `run_bot_process`), or the one after "-m", "bot" in a command list."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CLI_RUNNERS:
            strings = [a.value for a in node.args[1:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            yield from strings
        elif isinstance(node, ast.List):
            items = [e.value if isinstance(e, ast.Constant) else None for e in node.elts]
            for start in range(len(items) - 2):
                if items[start : start + 2] == ["-m", "bot"] and isinstance(items[start + 2], str):
                    yield str(items[start + 2])


CLI_RUNNERS = {"run_bot", "bot", "run_bot_process"}


def test_the_cli_call_finder_sees_each_form() -> None:
    source = """
run_bot(env, "ask", "/who X")
bot({**env}, "console", stdin="")
subprocess.run([sys.executable, "-m", "bot", "serve"])
other(env, "nothing")
"""
    assert sorted(cli_calls(source)) == ["ask", "console", "serve"]


def test_every_cli_sub_command_is_run_by_a_test() -> None:
    from bot.cli import parser

    subparsers = [a for a in parser()._actions if isinstance(a, argparse._SubParsersAction)]
    commands = {name for action in subparsers for name in action.choices}
    run = {name for path in python_files(ROOT / "tests") for name in cli_calls(path.read_text(encoding="utf-8"))}
    assert len(commands) >= 10
    assert commands - run == set()
