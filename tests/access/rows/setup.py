"""Access-matrix rows for the setup pages and API operations."""

from __future__ import annotations

from tests.access.expectations import Row

ROWS: list[Row] = []
