"""A formset's hand-made error summary links each message through ``error_href``, which
links to the box on the page (a date's day box, a checkbox group's first box) or to nothing
for a hidden field: never to ``#id_<prefix>-<name>`` built in the template, which is not on
the page for a date, a hidden version or a group of boxes."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
MADE_BY_HAND = re.compile(r'href="#id_\{\{\s*\w+\.prefix\s*\}\}')


def test_no_template_builds_an_error_link_from_a_forms_prefix():
    found = [
        str(path.relative_to(TEMPLATES))
        for path in sorted(TEMPLATES.rglob("*.html"))
        if MADE_BY_HAND.search(path.read_text())
    ]
    assert found == []


def test_the_formset_pages_link_their_errors_through_error_href():
    for name in (
        "finance/line_form.html",
        "savings/proposal_lines.html",
        "savings/proposal_staffing.html",
        "impact/posts_form.html",
    ):
        assert "f|error_href:name" in (TEMPLATES / name).read_text(), name
