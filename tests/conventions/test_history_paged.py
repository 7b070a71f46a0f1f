"""Every page that shows a record's history pages it (``?history=N``, 50 changes a page), so a
record changed a thousand times neither hides its older changes nor sends them all at once:
each view's ``history_for(...)`` passes the request's ``page``."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "sightline"

# Pages that show several records' histories side by side cannot share one ``?history=``:
# an action's quarterly updates each show their newest 50 changes with "The newest 50
# changes are shown" (the action itself is paged).
SEVERAL_ON_ONE_PAGE = {"plans/views.py:action_detail"}


def view_modules() -> list[Path]:
    return sorted([*ROOT.glob("*/views.py"), *ROOT.glob("*/views/*.py")])


def unpaged_history_calls(path: Path) -> list[str]:
    found = []
    for function in ast.walk(ast.parse(path.read_text())):
        if not isinstance(function, ast.FunctionDef):
            continue
        where = f"{path.relative_to(ROOT)}:{function.name}"
        for node in ast.walk(function):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "history_for"
                and not any(k.arg == "page" for k in node.keywords)
                and where not in SEVERAL_ON_ONE_PAGE
            ):
                found.append(f"{where} line {node.lineno}")
    return found


def test_every_history_shown_on_a_page_is_paged():
    calls = [c for path in view_modules() for c in unpaged_history_calls(path)]
    assert calls == []


def test_the_check_finds_the_history_it_checks():
    text = "\n".join(p.read_text() for p in view_modules())
    assert text.count("history_for(") >= 15
