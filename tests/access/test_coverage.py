"""The access matrix covers every URL pattern and API operation, and nothing that is gone.

A new URL (a page, an admin model, a Django Ninja path) or API operation without a row in
``tests/access/expectations.py`` fails here, naming it.
"""

import re

from django.urls import URLPattern, URLResolver, get_resolver

from sightline.api.api import api
from tests.access.expectations import (
    A_MEMBERS,
    ANONYMOUS,
    AS_POST,
    COUNCIL_B,
    EXEMPT,
    PERSONAS,
    PROGRAMME_OFFICE_B,
    ROWS,
    SEES_EXEMPT,
)

HOW_TO = "add a row to tests/access/expectations.py (see tests/access/README.md)"


def url_patterns(patterns=None, prefix="", namespace=None):
    """Every URL pattern as (route, name), the admin's and the API's included."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            if inner:
                inner = f"{namespace}:{inner}" if namespace else inner
            yield from url_patterns(
                pattern.url_patterns, prefix + str(pattern.pattern), inner or namespace
            )
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), name


def canonical(route: str) -> str:
    """The route as rows and patterns are compared: without converter types (``<int:pk>``
    and ``<id:pk>`` are the same URL to the matrix) and with the admin's app index
    alternatives sorted (their order follows import order, which differs between runs)."""
    route = re.sub(r"<\w+:(\w+)>", r"<\1>", route)
    return re.sub(
        r"\(\?P<app_label>([^)]*)\)",
        lambda m: "(?P<app_label>" + "|".join(sorted(m.group(1).split("|"))) + ")",
        route,
    )


def row_key(row) -> tuple[str, str | None]:
    return canonical(row.route), row.name


def openapi_path(route: str) -> str:
    """Django Ninja's URL pattern as its OpenAPI path: api/v1/x/<id> -> /api/v1/x/{id}."""
    return "/" + re.sub(r"<(?:[^>:]+:)?([^>]+)>", r"{\1}", route)


def api_operations() -> set[tuple[str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return {(method.upper(), path) for path, ops in paths.items() for method in ops}


def test_every_url_pattern_has_a_row():
    page_rows = {row_key(row) for row in ROWS if row.surface != "api"}
    api_paths = {path for _, path in api_operations()}
    missing = []
    for route, name in url_patterns():
        if openapi_path(route) in api_paths:
            continue  # an API path: its operations are checked below
        if (canonical(route), name) not in page_rows:
            missing.append(f"  {route}  (name: {name})")
    assert not missing, "URL patterns with no row; " + HOW_TO + ":\n" + "\n".join(missing)


def test_every_api_operation_has_a_row():
    rows = {(row.name, row.route) for row in ROWS if row.surface == "api"}
    missing = sorted(op for op in api_operations() if op not in rows)
    assert not missing, (
        "API operations with no row; "
        + HOW_TO
        + ":\n"
        + "\n".join(f"  {method} {path}" for method, path in missing)
    )


def test_every_row_names_a_pattern_or_operation_that_exists():
    patterns = {(canonical(route), name) for route, name in url_patterns()}
    operations = api_operations()
    stale = [
        row.label
        for row in ROWS
        if (row.surface == "api" and (row.name, row.route) not in operations)
        or (row.surface != "api" and row_key(row) not in patterns)
    ]
    assert not stale, "Rows for URLs or operations that no longer exist:\n" + "\n".join(stale)


def _sets(access):
    if isinstance(access, frozenset):
        return {None: access}
    if isinstance(access, dict):
        return access
    return {}


def _set_problems(row, method, kind, personas) -> list[str]:
    where = f"{row.label} {method} {kind or ''}"
    if not isinstance(personas, frozenset):
        return [f"{where}: write the set with s(...) or frozenset"]
    problems = []
    if unknown := personas - set(PERSONAS):
        problems.append(f"{where}: unknown personas {sorted(unknown)}")
    if ANONYMOUS in personas and not row.open:
        problems.append(f"{where}: the anonymous visitor on a row that is not open")
    if row.kinds and PROGRAMME_OFFICE_B in personas:
        problems.append(f"{where}: council B's member is never allowed a council A record")
    if kind == EXEMPT and personas - SEES_EXEMPT:
        problems.append(f"{where}: only those who see exempt items may reach it")
    if kind == COUNCIL_B:
        problems.append(f"{where}: council B's sets are derived, not written")
    if kind is not None and kind not in row.kinds:
        problems.append(f"{where}: a set for a kind the row does not try")
    return problems


def _row_problems(row) -> list[str]:
    problems = []
    for method, access in row.access.items():
        if access == AS_POST and not row.access.get("POST"):
            problems.append(f"{row.label}: GET is AS_POST but POST is not accepted")
        for kind, personas in _sets(access).items():
            problems += _set_problems(row, method, kind, personas)
        if isinstance(access, dict):
            problems += [
                f"{row.label} {method}: no set for kind {kind}"
                for kind in row.kinds
                if kind != COUNCIL_B and kind not in access
            ]
    if bool(row.kinds) != bool(row.params):
        problems.append(f"{row.label}: kinds to try and record parameters go together")
    if any(personas - A_MEMBERS for personas in _sets(row.hidden).values()):
        problems.append(f"{row.label}: hidden from someone outside council A")
    return problems


def test_the_table_is_well_formed():
    problems = [problem for row in ROWS for problem in _row_problems(row)]
    assert not problems, "\n".join(problems)
