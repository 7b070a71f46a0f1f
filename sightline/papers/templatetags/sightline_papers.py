"""Template filters for the paper template: which kind a block is, and a list's item."""

from django import template
from django.utils.safestring import mark_safe

from sightline.papers import paper

register = template.Library()

KINDS = {
    paper.Heading: "heading",
    paper.Para: "para",
    paper.Bullets: "bullets",
    paper.Table: "table",
    paper.Figure: "figure",
}


@register.filter
def block_kind(block) -> str:
    return KINDS.get(type(block), "")


@register.filter
def index(items, position: int):
    try:
        return items[position]
    except (IndexError, TypeError):
        return ""


@register.filter
def css_string(text) -> str:
    """Text safe inside a double-quoted CSS string (the page footer's content)."""
    out = []
    for char in str(text):
        if char in "\"\\<>&'" or ord(char) < 32:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return mark_safe("".join(out))  # noqa: S308 - every special character is escaped
