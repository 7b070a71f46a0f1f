"""URL path converters shared by every app."""

from __future__ import annotations


class IdConverter:
    """A record id in a URL: up to 18 digits, so that any id it matches fits the database's
    64-bit integer. A longer number is not an id of anything: the URL does not match, and the
    answer is the service's 404 page rather than a database error."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
