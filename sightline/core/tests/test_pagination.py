"""The GOV.UK pagination component (templates/components/pagination.html)."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string


def render(count: int, number: int) -> str:
    paginator = Paginator(range(count), 100)
    page = paginator.page(number)
    return render_to_string(
        "components/pagination.html",
        {
            "page": page,
            "page_range": paginator.get_elided_page_range(number, on_each_side=2, on_ends=1),
            "query": "fy=2025%2F26",
            "noun": "proposals",
        },
    )


def test_counts_of_a_thousand_and_more_carry_a_comma_as_gov_uk_writes_numbers():
    html = render(12_345, 11)
    assert "Showing 1,001 to 1,100 of 12,345 proposals." in html
    assert 'href="?fy=2025%2F26&amp;page=12" rel="next"' in html


def test_one_page_shows_no_pagination():
    assert "Showing" not in render(40, 1)
