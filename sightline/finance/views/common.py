"""What the plan's views share: the version an edit was made against, and the scenario a
page shows."""

from __future__ import annotations

from django.http import HttpRequest

from sightline.finance import selectors


def posted_version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version") or 0) or None
    except ValueError:
        return None


def scenario_asked(request: HttpRequest, membership):
    """The scenario in ``?scenario=`` (one of the council's), else the base scenario."""
    text = request.GET.get("scenario", "")
    if text.isdigit() and len(text) <= 18:
        found = selectors.scenario_list(membership=membership).filter(pk=int(text)).first()
        if found is not None:
            return found
    return selectors.scenario_base(membership=membership)
