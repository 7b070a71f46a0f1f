"""Turning the selectors' records into the API's JSON."""

from __future__ import annotations

from sightline.accounts.models import Membership
from sightline.api.savings.parsing import PEOPLE
from sightline.core.money import pounds_string
from sightline.savings import selectors
from sightline.savings.models import (
    Forecast,
    Proposal,
)
from sightline.savings.selectors import Figures

PAGE_PATH = "/programme/proposals/{pk}/"


def _figures(f: Figures) -> dict:
    return {
        "planned": pounds_string(f.planned),
        "approved": pounds_string(f.approved),
        # The dashboard's "forecast" is the risk-adjusted forecast.
        "forecast": pounds_string(f.risk_adjusted),
        "forecast_unweighted": pounds_string(f.forecast),
        "risk_adjusted_forecast": pounds_string(f.risk_adjusted),
        "delivered": pounds_string(f.delivered),
    }


def _record(obj) -> dict | None:
    return None if obj is None else {"id": obj.pk, "name": obj.name}


def _detail(membership: Membership, proposal: Proposal) -> dict:
    detail = selectors.proposal_detail(membership=membership, proposal=proposal)
    return {
        "id": proposal.pk,
        "url": PAGE_PATH.format(pk=proposal.pk),
        "reference": proposal.reference,
        "title": proposal.title,
        "savings_type": _record(proposal.savings_type),
        "directorate": _record(proposal.directorate),
        "service_area": _record(proposal.service_area),
        "bundle": _record(proposal.bundle),
        "strategic_outcome": proposal.strategic_outcome,
        **{name: _record(getattr(proposal, name)) for name in PEOPLE},
        "portfolio": _record(proposal.portfolio),
        "budget_codes": [
            {"id": c.pk, "code": c.code, "name": c.name} for c in detail["budget_codes"]
        ],
        "summary": proposal.summary,
        "background": proposal.background,
        "proposal": proposal.proposal,
        "implementation_on": proposal.implementation_on,
        "resources": proposal.resources,
        "notes": proposal.notes,
        "stage": proposal.stage,
        "stage_reason": proposal.stage_reason,
        "decision_status": proposal.decision_status,
        "decision_body": proposal.decision_body,
        "decision_on": proposal.decision_on,
        "decision_reference": proposal.decision_reference,
        "exempt": proposal.exempt,
        "exempt_paragraphs": proposal.exempt_paragraphs,
        "exempt_until": proposal.exempt_until,
        "version": proposal.version,
        "lines": [
            {
                "id": line.pk,
                "financial_year": str(line.fy),
                "amount": pounds_string(line.amount_pence),
                "kind": line.kind,
                "recurring": line.recurring,
                "budget_code": line.budget_code_id,
                "description": line.description,
            }
            for line in detail["lines"]
        ],
        "profile": [
            {
                "financial_year": str(row.fy),
                "incremental": pounds_string(row.incremental_pence),
                "cumulative": pounds_string(row.cumulative_pence),
            }
            for row in detail["profile"]
        ],
        "staffing": [
            {
                "financial_year": str(s.fy),
                "role": s.role,
                "fte": f"{s.fte:.2f}",
                "vacancies_held": f"{s.vacancies_held:.2f}",
            }
            for s in detail["staffing"]
        ],
        "risks": [
            {"description": r.description, "mitigation": r.mitigation} for r in detail["risks"]
        ],
        "gates": {str(stage): missing for stage, missing in detail["gates"].items()},
    }


def _forecast(forecast: Forecast) -> dict:
    return {
        "id": forecast.pk,
        "proposal": forecast.proposal_id,
        "period": forecast.period.month.strftime("%Y-%m"),
        "financial_year": str(forecast.fy),
        "forecast": pounds_string(forecast.forecast_pence),
        "rag": forecast.rag,
        "commentary": forecast.commentary,
        "slippage": pounds_string(forecast.slippage_pence),
        "slipped_to": str(forecast.slipped_to) if forecast.slipped_to else None,
        "replacement": forecast.replacement,
        "version": forecast.version,
    }
