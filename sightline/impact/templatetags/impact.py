"""Template tags for the impact pages, and the two small includes other pages carry:

- ``{% load impact %}{% impact_panel proposal %}`` on a proposal's page: its equality
  screening's outcome, assessment, implications, consultation, posts and any warning of
  collective consultation, each linked;
- ``{% load impact %}{% collective_consultation_warning %}`` on the programme dashboard: the
  establishments where proposals together reach the threshold for collective consultation.

Both read only what the signed-in member may see.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from sightline.accounts.permissions import membership_for
from sightline.impact import selectors
from sightline.impact.models import Impact

register = template.Library()

IMPACT_TAGS = {
    Impact.POSITIVE: "govuk-tag--green",
    Impact.NEUTRAL: "govuk-tag--grey",
    Impact.NEGATIVE: "govuk-tag--red",
    Impact.NOT_KNOWN: "govuk-tag--yellow",
}


@register.simple_tag
def impact_tag(value):
    """An impact as a GOV.UK tag: the word is always shown, never colour alone."""
    if not value:
        return format_html('<strong class="govuk-tag govuk-tag--grey">{}</strong>', "Not assessed")
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>',
        IMPACT_TAGS.get(value, "govuk-tag--grey"),
        Impact(value).label,
    )


@register.inclusion_tag("impact/_panel.html", takes_context=True)
def impact_panel(context, proposal):
    membership = membership_for(context.get("user"))
    if membership is None or proposal is None:
        return {"proposal": None}
    detail = selectors.screening_detail(proposal=proposal)
    implications = selectors.implications_detail(proposal=proposal)
    posts = selectors.posts(proposal=proposal)
    return {
        "proposal": proposal,
        "outcome": detail["outcome"],
        "assessment": detail["assessment"],
        "blockers": detail["blockers"],
        "record": implications["record"],
        "implications": implications["implications"],
        "missing": implications["missing"],
        "consultations": len(selectors.consultations(proposal=proposal)),
        "totals": selectors.post_totals(posts),
        "warnings": selectors.warnings_for(membership=membership, proposal=proposal),
    }


@register.inclusion_tag("impact/_dashboard.html", takes_context=True)
def collective_consultation_warning(context):
    membership = membership_for(context.get("user"))
    if membership is None:
        return {"warnings": []}
    return {"warnings": [w for w in selectors.windows(membership=membership) if w.days]}
