"""The risk register with its heat map."""

from __future__ import annotations

from sightline.accounts.models import Membership
from sightline.papers.paper import (
    Figure,
    Heading,
    Paper,
    Table,
)

# --- the risk register ---------------------------------------------------------------------------


def risks_paper(*, membership: Membership) -> Paper:
    """The risk register's open risks, highest residual score first, with the heat map."""
    from sightline.core.charts import risk_heat_map
    from sightline.risks import selectors as risks

    register = list(risks.risk_list(membership=membership))
    mapped = risks.heat_map_risks(membership=membership)
    chart = risk_heat_map(
        title=f"Heat map of {membership.council.name}'s open risks: likelihood by impact",
        risks=risks.heat_risks(mapped),
    )
    stamps = [r.modified_at.date() for r in register]
    paper = Paper(
        title="Risk register",
        council=membership.council.name,
        filename="risk-register",
        dated=max(stamps) if stamps else None,
        landscape=True,
        fields=[("Open risks", str(len(register)))],
    )
    paper.add(Heading("Heat map"), Figure(svg=str(chart), words=_svg_description(str(chart))))
    paper.add(Heading("The register"))
    paper.add(
        Table(
            caption="Open risks, highest residual score first",
            headers=[
                "Risk",
                "Owner",
                "Initial",
                "Controls",
                "Residual",
                "Target",
                "Further actions",
            ],
            rows=[
                [
                    f"{r.number}. {r.title}" + (f"\n{r.description}" if r.description else ""),
                    str(r.owner or ""),
                    _score(r.initial_likelihood, r.initial_impact, r.initial_score),
                    r.controls,
                    _score(r.residual_likelihood, r.residual_impact, r.residual_score),
                    str(r.target_score or ""),
                    r.further_actions,
                ]
                for r in register
            ],
            row_headers=True,
            widths=[25, 10, 8, 20, 8, 6, 23],
        )
    )
    return paper


def _score(likelihood, impact, score) -> str:
    if likelihood and impact:
        return f"{score} (L{likelihood} × I{impact})"
    return str(score or "")


def _svg_description(svg: str) -> str:
    """The chart's own words: its <desc>."""
    import html
    import re

    found = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S)
    return html.unescape(found.group(1)).strip() if found else ""
