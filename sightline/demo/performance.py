"""Demo indicators (seed 001's key performance measures), filled in by the performance work."""

from sightline.accounts.models import Council


def load_luton(council: Council) -> None:
    """Seed 001's key performance measures as indicators, with illustrative values."""
