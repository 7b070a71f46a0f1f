"""Every service names who is acting, and says so in its type: a parameter ``by`` in any
service module is annotated (``User``, or ``User | None`` where a system job may act)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "sightline"


def service_modules() -> list[Path]:
    return sorted(
        [*ROOT.glob("*/services.py"), *ROOT.glob("*/services_*.py"), *ROOT.glob("*/services/*.py")]
    )


def untyped_actors(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = node.args
            for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
                if arg.arg == "by" and arg.annotation is None:
                    found.append(f"{path.relative_to(ROOT.parent)}:{node.lineno} {node.name}")
    return found


def test_there_are_service_modules_to_check():
    assert len(service_modules()) >= 20


def test_every_services_acting_user_is_typed():
    missing = [name for path in service_modules() for name in untyped_actors(path)]
    assert missing == [], "a service's `by` without a type:\n" + "\n".join(missing)
