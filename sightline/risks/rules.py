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
    rag_only: bool = False,
) -> tuple[dict[str, str], int | None, int | None]:
    """Check a risk's scores and work out any left blank.

    A score may be given alone (the seed's register gives only scores) or with its likelihood
    and impact, and then must be their product; with both and no score, the score is their
    product; with ``rag_only`` (a register that rates a risk by RAG each quarter) a risk may
    have no scores at all, never invented ones. The residual score cannot exceed the initial
    one: controls do not add risk. Returns the errors by field, and the initial and residual scores.
    """
    if rag_only and all(
        v is None
        for v in (
            initial_likelihood,
            initial_impact,
            initial_score,
            residual_likelihood,
            residual_impact,
            residual_score,
        )
    ):
        return {}, None, None  # a risk rated by its RAG each quarter, held as given
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


def target_errors(
    *, target_score: int | None, appetite_score: int | None, residual_score: int | None
) -> dict[str, str]:
    """A risk's target and appetite: each from 1 to 25 if given, and the target no higher than
    the residual score (the further actions aim to lower a risk, not raise it). A risk rated
    by RAG alone has no residual score to compare with, and may have neither."""
    errors = {}
    for name, value, words in (
        ("target_score", target_score, "target score"),
        ("appetite_score", appetite_score, "risk appetite"),
    ):
        if value is not None and not 1 <= value <= MAX_SCORE:
            errors[name] = f"The {words} must be from 1 to {MAX_SCORE}"
    if "target_score" not in errors and target_score is not None:
        if residual_score is None:
            errors["target_score"] = (
                "A risk rated by RAG alone has no residual score to aim below: give its scores "
                "first, or leave the target blank"
            )
        elif target_score > residual_score:
            errors["target_score"] = (
                f"The target score {target_score} is higher than the residual score "
                f"{residual_score}: the target is where further actions bring the risk down to"
            )
    return errors


def review_errors(*, reviewed_on, today, next_review_on) -> dict[str, str]:
    """A review happened on a day that has come, and the next one is after it."""
    errors = {}
    if reviewed_on is None:
        errors["reviewed_on"] = "Enter the date of the review"
    elif reviewed_on > today:
        errors["reviewed_on"] = "The date of the review must be today or in the past"
    elif next_review_on is not None and next_review_on <= reviewed_on:
        errors["next_review_on"] = "The next review must be after this one"
    return errors
