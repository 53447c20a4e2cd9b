"""Core knows no pillar and not accounts: pillars register with core's registries, core never imports them.

Every module under apps/core is parsed (not imported) and each `import` / `from … import`, relative ones
resolved, is checked against the apps core must not name. Mentions in strings or comments do not count:
"hubs.Hub" in a migration or a docstring is not an import.
"""

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "apps" / "core"
FORBIDDEN = ("apps.accounts", "apps.classes", "apps.hubs", "apps.news", "apps.pioneers", "apps.culture")


def imported_modules(source: str, module: str, *, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, absolute dotted name) of every import in `source`, the module `module` (apps.core.x.y)."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            if node.level and len(base) != len(package) - node.level + 1:
                raise ValueError(f"{module}:{node.lineno}: relative import beyond the top package")
            prefix = ".".join([*base, *([node.module] if node.module else [])])
            # `from apps import hubs` imports apps.hubs: name each imported name under its prefix too.
            found += [(node.lineno, prefix)] + [(node.lineno, f"{prefix}.{alias.name}") for alias in node.names]
    return found


def forbidden_imports(source: str, module: str, *, is_package: bool = False) -> list[str]:
    return sorted(
        {
            f"{module}:{line} imports {name}"
            for line, name in imported_modules(source, module, is_package=is_package)
            if any(name == app or name.startswith(app + ".") for app in FORBIDDEN)
        }
    )


def core_modules():
    for path in sorted(CORE.rglob("*.py")):
        relative = path.relative_to(CORE.parents[1]).with_suffix("")
        is_package = relative.name == "__init__"
        parts = relative.parts[:-1] if is_package else relative.parts
        yield path, ".".join(parts), is_package


def test_no_module_in_core_imports_accounts_or_a_pillar():
    problems = []
    checked = 0
    for path, module, is_package in core_modules():
        problems += forbidden_imports(path.read_text(encoding="utf-8"), module, is_package=is_package)
        checked += 1
    assert checked > 50  # the walk found core's modules (a wrong path would check nothing and pass)
    assert problems == []


@pytest.mark.parametrize(
    "source",
    [
        "from apps.accounts.models import User",
        "import apps.hubs.models",
        "import apps.news as news",
        "from apps import culture",
        "from apps.pioneers import selectors",
        "def later():\n    from apps.classes.models import Session",  # an import inside a function counts too
        "from ...accounts.phones import phone_normalize",  # relative, from apps/core/booking/admin.py
        "from ... import hubs",  # apps.hubs
    ],
)
def test_the_check_catches_a_real_import(source):
    """The control: the same check, given a module that does import accounts or a pillar, fails."""
    assert forbidden_imports(source, "apps.core.booking.admin")


@pytest.mark.parametrize(
    "source",
    [
        "from apps.core.phones import phone_normalize",
        "from .kinds import KINDS",
        "from ..phones import mask_phone",
        "from .. import search",  # apps.core.search, not a pillar
        "import apps.accountsy",  # another name that starts alike
        'MODEL = "hubs.Hub"  # a string names a model, it imports nothing',
        "# from apps.accounts.models import User",
    ],
)
def test_the_check_lets_core_and_mentions_pass(source):
    assert forbidden_imports(source, "apps.core.booking.admin") == []


def test_the_check_sees_the_import_this_work_removed():
    """Core's booking admin used the phone normaliser of accounts: today's module with that line put back
    fails the check."""
    admin = (CORE / "booking" / "admin.py").read_text(encoding="utf-8")
    old = admin.replace("from apps.core.phones import", "from apps.accounts.phones import")
    assert old != admin
    assert forbidden_imports(admin, "apps.core.booking.admin") == []
    assert any(p.endswith("imports apps.accounts.phones") for p in forbidden_imports(old, "apps.core.booking.admin"))
