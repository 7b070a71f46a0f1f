import pytest

from sightline.risks.rules import score_errors


def check(**given):
    args = dict.fromkeys(
        [
            "initial_likelihood",
            "initial_impact",
            "initial_score",
            "residual_likelihood",
            "residual_impact",
            "residual_score",
        ]
    )
    args.update(given)
    return score_errors(**args)


def test_a_score_alone_is_accepted_as_the_seed_register_gives_only_scores():
    assert check(initial_score=8, residual_score=6) == ({}, 8, 6)


def test_the_score_is_worked_out_from_likelihood_and_impact():
    errors, initial, residual = check(
        initial_likelihood=3, initial_impact=4, residual_likelihood=2, residual_impact=3
    )
    assert (errors, initial, residual) == ({}, 12, 6)


def test_a_score_that_is_not_the_product_is_refused_naming_both():
    errors, _, _ = check(initial_likelihood=2, initial_impact=3, initial_score=8, residual_score=4)
    assert errors == {
        "initial_score": "The initial score 8 is not likelihood 2 x impact 3 = 6: correct one "
        "of them, or leave the score blank"
    }


def test_the_residual_score_cannot_exceed_the_initial_score():
    errors, _, _ = check(initial_score=6, residual_score=8)
    assert errors["residual_score"].startswith("The residual score 8 is higher than the initial")


def test_equal_scores_are_allowed_when_controls_do_not_reduce_the_risk():
    assert check(initial_score=6, residual_score=6)[0] == {}


@pytest.mark.parametrize("value", [0, 6])
def test_ratings_run_from_one_to_five(value):
    errors, _, _ = check(initial_likelihood=value, initial_impact=2, residual_score=1)
    assert errors["initial_likelihood"] == "Rate the initial likelihood from 1 to 5"


def test_a_likelihood_needs_its_impact():
    errors, _, _ = check(initial_likelihood=3, residual_score=2)
    assert errors["initial_impact"] == (
        "Enter the initial impact too, or neither the likelihood nor the impact"
    )


def test_a_missing_score_is_named():
    errors, _, _ = check(initial_score=5)
    assert errors == {"residual_score": "Enter the residual score, or its likelihood and impact"}


@pytest.mark.parametrize("score", [0, 26])
def test_scores_run_from_one_to_twenty_five(score):
    errors, _, _ = check(initial_score=score, residual_score=1)
    assert errors["initial_score"] == "The initial score must be from 1 to 25"
