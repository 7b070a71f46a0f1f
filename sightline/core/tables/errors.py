"""The one refusal a table import gives: every message names its row and column where it can."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class TableRefused(ValidationError):
    """The file, or rows of it, cannot be imported; nothing was saved. ``messages`` lists
    every problem, each naming its row and column where it has them."""
