"""The kinds of table a council can import, each with the rule that lets a user import it and
the service its rows are written through."""

from __future__ import annotations

from sightline.core.tables import Importer
from sightline.finance.imports import FINANCIAL_PLAN_IMPORTER
from sightline.imports.indicators import INDICATORS_IMPORTER
from sightline.imports.risks import RISKS_IMPORTER
from sightline.savings.imports.budget_codes import BUDGET_CODES_IMPORTER
from sightline.savings.imports.importer import TRACKER_IMPORTER

IMPORTERS: dict[str, Importer] = {
    importer.kind: importer
    for importer in (
        TRACKER_IMPORTER,
        BUDGET_CODES_IMPORTER,
        INDICATORS_IMPORTER,
        RISKS_IMPORTER,
        FINANCIAL_PLAN_IMPORTER,
    )
}


def importer_for(kind: str) -> Importer | None:
    return IMPORTERS.get(kind)
