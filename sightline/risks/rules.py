"""The risk register's scoring rules: likelihood x impact, each rated 1 to 5, before and
after the existing controls. Plain functions, so each rule has its own test."""

from __future__ import annotations

from sightline.risks.models import MAX_SCORE, SCALE


def score_errors(
    *,
    initial_likelihood: int | None,
    initial_impact: int | None,
    initial_score: int | None,
    residual_likelihood: int | None,
    residual_impact: int | None,
    residual_score: int | None,
) -> tuple[dict[str, str], int | None, int | None]:
    """Check a risk's scores and work out any left blank.

    A score may be given alone (the seed's register gives only scores) or with its likelihood
    and impact, and then must be their product; with both and no score, the score is their
    product. The residual score cannot exceed the initial one: controls do not add risk.
    Returns the errors by field, and the initial and residual scores.
    """
    errors: dict[str, str] = {}
    scores = {}
    for stage, likelihood, impact, score in (
        ("initial", initial_likelihood, initial_impact, initial_score),
        ("residual", residual_likelihood, residual_impact, residual_score),
    ):
        for name, value in (("likelihood", likelihood), ("impact", impact)):
            if value is not None and value not in SCALE:
                errors[f"{stage}_{name}"] = (
                    f"Rate the {stage} {name} from {SCALE.start} to {SCALE.stop - 1}"
                )
        if (likelihood is None) != (impact is None):
            missing = "impact" if impact is None else "likelihood"
            errors[f"{stage}_{missing}"] = (
                f"Enter the {stage} {missing} too, or neither the likelihood nor the impact"
            )
        elif likelihood is not None and not errors:
            product = likelihood * impact
            if score is None:
                score = product
            elif score != product:
                errors[f"{stage}_score"] = (
                    f"The {stage} score {score} is not likelihood {likelihood} x impact "
                    f"{impact} = {product}: correct one of them, or leave the score blank"
                )
        if score is None and f"{stage}_likelihood" not in errors:
            errors.setdefault(
                f"{stage}_score", f"Enter the {stage} score, or its likelihood and impact"
            )
        elif score is not None and not 1 <= score <= MAX_SCORE:
            errors[f"{stage}_score"] = f"The {stage} score must be from 1 to {MAX_SCORE}"
        scores[stage] = score
    initial, residual = scores["initial"], scores["residual"]
    if not errors and residual > initial:
        errors["residual_score"] = (
            f"The residual score {residual} is higher than the initial score {initial}: "
            "the existing controls cannot add to a risk"
        )
    return errors, initial, residual
