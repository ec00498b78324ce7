"""Meta-tests: the core stays free of transports, and every command is documented, in /help and in the manifest."""

from __future__ import annotations

import ast
import inspect
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

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


def test_the_manifest_declares_exactly_the_registered_commands() -> None:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    declared = {c["command"]: c for c in manifest["features"]["slash_commands"]}
    registry = handlers.build_registry()

    assert sorted(declared) == sorted(c.slash for c in registry)
    for command in registry:
        assert declared[command.slash]["description"] == command.help
        assert declared[command.slash]["usage_hint"] == command.usage.removeprefix(command.slash).strip()


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
