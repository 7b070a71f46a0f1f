"""How large a table Sightline reads: each limit in settings, with a sane default.

Councils' savings tables run to hundreds of rows, their trackers to a few thousand; the
limits are far above that and far below what would tire the server.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * MB  # the file as uploaded
    max_unpacked_bytes: int = 100 * MB  # an XLSX workbook's parts, once unzipped
    max_ratio: int = 100  # how far one part of a workbook may unzip (a zip bomb: 1,000s)
    max_parts: int = 2_000  # files inside an XLSX workbook
    max_rows: int = 100_000
    max_columns: int = 200
    max_cell: int = 2_000  # characters in one cell
    header_rows: int = 30  # how far down the header row may be (titles above it)

    @classmethod
    def from_settings(cls) -> Limits:
        """The limits as settings give them (``SIGHTLINE_IMPORT_MAX_BYTES`` and the like)."""
        from django.conf import settings

        defaults = cls()
        return cls(
            **{
                name: int(getattr(settings, f"SIGHTLINE_IMPORT_{name.upper()}", value))
                for name, value in defaults.__dict__.items()
            }
        )


def size_words(size: int) -> str:
    """``20,971,520`` -> ``20 MB``; ``2,010`` -> ``2 KB``; ``1,000`` -> ``1,000 bytes``."""
    for unit, scale in (("GB", 1024 * MB), ("MB", MB), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:,.1f}".removesuffix(".0") + f" {unit}"
    return f"{size:,} bytes"
