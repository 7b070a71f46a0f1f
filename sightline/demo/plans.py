"""Demo service plan (seed 004), filled in by the service plans work."""

from sightline.accounts.models import Council


def load_sefton(council: Council) -> None:
    """Seed 004's Corporate Services Departmental Service Plan 2010/11 with its Q1 updates."""
