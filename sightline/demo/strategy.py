"""Corporate plans from the seeds: Luton's Corporate Plan 2011-2014 (seed 001) and Sefton's
corporate objectives (seed 004)."""

from sightline.accounts.models import Council


def load_luton(council: Council) -> None:
    """Seed 001: mission, vision, values, eight priorities and the departmental plans."""


def load_sefton(council: Council) -> None:
    """Seed 004: Sefton's eight corporate objectives."""
