"""The installed set is the declared set: every third-party import of the bot is a declared dependency, and the
lock files pin every declared dependency with hashes (`make lock` refreshes them)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections.abc import Iterator
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_PACKAGES = ("bot", "handlers")
OWN_MODULES = {"bot", "handlers", "bench", "tests"}
PINNED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==\S+(?: ;[^\\]*)? \\$", re.MULTILINE)


def normalise(name: str) -> str:
    """A distribution name as PEP 503 compares them ("Slack_SDK" and "slack-sdk" are one)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    """The distribution named by a PEP 508 requirement string ("psycopg[binary]>=3.2,<4" is psycopg)."""
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    assert match is not None, requirement
    return normalise(match.group(0))


def project() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        table: dict[str, object] = tomllib.load(file)["project"]
    return table


def declared(extra: str | None = None) -> set[str]:
    """The distributions pyproject.toml declares: the runtime ones, or those of one extra."""
    table = project()
    if extra is None:
        requirements = table["dependencies"]
    else:
        extras = table["optional-dependencies"]
        assert isinstance(extras, dict)
        requirements = extras[extra]
    assert isinstance(requirements, list)
    return {requirement_name(line) for line in requirements}


def imported_modules(package: str) -> Iterator[tuple[Path, str]]:
    """Every absolute import's top-level module in a package's source, with the file that makes it."""
    for path in sorted((ROOT / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                yield from ((path, alias.name.partition(".")[0]) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                yield path, node.module.partition(".")[0]


def locked(name: str) -> set[str]:
    return {normalise(found) for found in PINNED.findall((ROOT / name).read_text(encoding="utf-8"))}


def test_every_runtime_import_is_a_declared_dependency() -> None:
    providers = packages_distributions()
    runtime = declared()
    undeclared = set()
    for package in RUNTIME_PACKAGES:
        for path, module in imported_modules(package):
            if module in sys.stdlib_module_names or module in OWN_MODULES or module == "__future__":
                continue
            distributions = {normalise(name) for name in providers.get(module, [module])}
            if not distributions & runtime:
                undeclared.add(f"{path.relative_to(ROOT)} imports {module} ({', '.join(sorted(distributions))})")
    assert not undeclared, "imported but not declared in [project].dependencies:\n" + "\n".join(sorted(undeclared))


def test_the_lock_files_pin_every_declared_dependency_with_hashes() -> None:
    runtime, dev = locked("requirements.lock"), locked("requirements-dev.lock")
    assert declared() <= runtime
    assert declared() | declared("dev") <= dev
    for name in ("requirements.lock", "requirements-dev.lock"):
        text = (ROOT / name).read_text(encoding="utf-8")
        pins = len(PINNED.findall(text))
        assert pins and text.count("--hash=sha256:") >= pins, f"{name}: a pin without its hashes"


def test_both_lock_files_pin_the_same_versions() -> None:
    """`make run` installs requirements.lock and `make test` requirements-dev.lock: one resolved set, so the tests
    run what production runs."""

    def versions(name: str) -> dict[str, set[str]]:
        pins: dict[str, set[str]] = {}
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            if match := re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", line):
                pins.setdefault(normalise(match.group(1)), set()).add(match.group(2))
        return pins

    runtime, dev = versions("requirements.lock"), versions("requirements-dev.lock")
    assert {name: runtime[name] for name in runtime} == {name: dev[name] for name in runtime}
