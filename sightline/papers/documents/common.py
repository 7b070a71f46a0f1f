"""What every paper shares: its editions, how it writes money, dates and exempt words."""

from __future__ import annotations

import datetime

from django.utils import timezone

from sightline.core.money import format_k
from sightline.papers.paper import (
    NOT_FOR_PUBLICATION,
)

PUBLIC = "public"
FULL = "full"
EDITIONS = (FULL, PUBLIC)
EDITION_WORDS = {
    PUBLIC: "Public version: exempt information is left out.",
    FULL: f"Includes exempt information: parts marked “{NOT_FOR_PUBLICATION}” are exempt under "
    "Schedule 12A to the Local Government Act 1972.",
}
RAG_WORDS = {"blue": "Blue (delivered)", "green": "Green", "amber": "Amber", "red": "Red"}


def exempt_words(paragraphs: str) -> str:
    plural = "s" if "," in paragraphs or " and " in paragraphs else ""
    return (
        f"{NOT_FOR_PUBLICATION}: exempt under paragraph{plural} {paragraphs} of Schedule 12A to "
        "the Local Government Act 1972."
    )


def _k(pence: int) -> str:
    return format_k(pence)


def _date(value: datetime.date | None) -> str:
    return f"{value:%-d %B %Y}" if value else ""


def today() -> datetime.date:
    return timezone.localdate()


def _slug(text: str) -> str:
    from django.utils.text import slugify

    return slugify(text)[:60]
