"""What people (and pasted spreadsheets) put into form fields."""

from __future__ import annotations

from hypothesis import strategies as st

TEXT = [
    "",
    " ",
    "Children’s Services “pilot”",
    '=HYPERLINK("http://example.com","click")',
    "+SUM(A1:A9)",
    "nul\x00byte",
    "tab\tand\x0bvertical\x1fcontrol",
    "<script>alert(1)</script>",
    "\u202eright-to-left",
    "😀 emoji",
    "x" * 10_000,
    "é" * 301,
]
MONEY = [
    "£1.2m",
    "(4,000)",
    "-",
    "–",
    "1e309",
    "-1e309",
    "99999999999999999999",
    "-99999999999999999999",
    "NaN",
    "inf",
    "0.001",
    "1,23,4",
    "£",
    "12.5k",
    "0",
    "-0",
    "1000",
]
DATES_AND_YEARS = [
    "2013/15",
    "2013/14",
    "13/14",
    "0000-00-00",
    "2013-02-30",
    "9999-12-31",
    "1899/00",
    "Q5 2013/14",
    "Q1 2013/14",
    "2013-06",
    "31/03/2014",
    "32",
    "-1",
    "0",
    "2147483648",
    "9223372036854775808",
]

nasty = st.one_of(
    st.sampled_from(TEXT),
    st.sampled_from(MONEY),
    st.sampled_from(DATES_AND_YEARS),
    st.text(max_size=30),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
