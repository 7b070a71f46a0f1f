"""Writing a proposal's equality screening and full equality assessment, and the council's
screening questions. Each write asks its rule (``sightline.impact.permissions``), checks the
rules (``sightline.impact.rules``), and saves with its history in one transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from sightline.accounts.models import Council, Person
from sightline.accounts.permissions import check
from sightline.core.audit import check_version, delete_audited, save_audited
from sightline.impact import rules
from sightline.impact.models import (
    Assessment,
    AssessmentImpact,
    Characteristic,
    Group,
    Impact,
    Screening,
    ScreeningAnswer,
    ScreeningQuestion,
    StaffProfile,
)
from sightline.impact.services.common import officer_errors, raise_if
from sightline.savings.models import Proposal

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DEFAULT_REASON = (
    "The default screening questions: London Borough of Tower Hamlets' Budget Equality "
    "Analysis Screening Tool"
)


def questions_ensure(*, council: Council, by: User) -> list[ScreeningQuestion]:
    """The council's questions in use; the default set the first time it is needed."""
    if not ScreeningQuestion.objects.filter(council=council).exists():
        for number, (section, text) in enumerate(rules.DEFAULT_QUESTIONS, start=1):
            question = ScreeningQuestion(council=council, number=number, section=section, text=text)
            save_audited(question, by=by, reason=DEFAULT_REASON)
    return list(ScreeningQuestion.objects.filter(council=council, disabled_on__isnull=True))


@transaction.atomic
def question_add(*, council: Council, by: User, text: str, section: str = "") -> ScreeningQuestion:
    """Add a trigger question to the council's screening tool, after the others."""
    check(by, "impact.keep_settings", council)
    questions_ensure(council=council, by=by)
    last = ScreeningQuestion.objects.filter(council=council).aggregate(n=Max("number"))["n"]
    question = ScreeningQuestion(
        council=council, number=(last or 0) + 1, section=section.strip(), text=text.strip()
    )
    save_audited(question, by=by, reason="Screening question added")
    return question


@transaction.atomic
def question_retire(*, question: ScreeningQuestion, by: User) -> ScreeningQuestion:
    """Stop asking a question; screenings that answered it keep their answer."""
    check(by, "impact.keep_settings", question.council)
    current = ScreeningQuestion.objects.select_for_update().get(pk=question.pk)
    if current.disabled_on is None:
        current.disabled_on = timezone.localdate()
        save_audited(current, by=by, reason="Screening question retired")
    return current


@transaction.atomic
def screening_save(
    *,
    proposal: Proposal,
    by: User,
    answers: dict[int, tuple[str, str]],
    profile: list[dict],
    comments: str = "",
    expected_version: int | None = None,
    reason: str = "",
) -> Screening:
    """Record the proposal's screening: each question's answer ("yes", "no" or "" for not yet
    answered) and summary, by the question's number, the summary of the staff affected by protected
    characteristic (``characteristic``, ``summary``, ``disproportionate``), and comments. A
    Yes needs its summary. Whether a full assessment is then required is the screening's
    outcome (``rules.screening_outcome``)."""
    check(by, "impact.screen_proposal", proposal)
    in_use = {q.number: q for q in questions_ensure(council=proposal.council, by=by)}
    screening = Screening.objects.select_for_update().filter(proposal=proposal).first()
    if screening is not None:
        check_version(screening, expected_version)
    else:
        screening = Screening(proposal=proposal)
    existing = (
        {a.question.number: a for a in screening.answers.select_related("question")}
        if screening.pk
        else {}
    )
    errors = {}
    unknown = set(answers) - set(in_use) - set(existing)
    if unknown:
        errors["answers"] = "Answer only your council's screening questions."
    rows = [
        rules.AnswerRow(number, "", answer, summary)
        for number, (answer, summary) in answers.items()
        if number not in unknown
    ]
    for row in rows:
        if row.answer not in ("yes", "no", ""):
            errors[f"q{row.number}"] = f"Question {row.number}: answer Yes or No"
    for number, message in rules.screening_errors(rows).items():
        errors[f"q{number}_summary"] = message
    seen = set()
    for item in profile:
        if item["characteristic"] in seen:
            errors["profile"] = "Give each protected characteristic once."
        seen.add(item["characteristic"])
    raise_if(errors)
    screening.comments = comments.strip()
    save_audited(screening, by=by, reason=reason or "Equality screening recorded")
    for number, (answer, summary) in answers.items():
        row = existing.get(number) or ScreeningAnswer(screening=screening, question=in_use[number])
        if row.pk and (row.answer, row.summary) == (answer, summary.strip()):
            continue
        row.answer, row.summary = answer, summary.strip()
        save_audited(row, by=by, reason=reason)
    for old in screening.staff_profile.all():
        delete_audited(old, by=by, reason=reason or "Staff profile replaced")
    for item in profile:
        row = StaffProfile(screening=screening, **item)
        save_audited(row, by=by, reason=reason)
    return screening


def _impact_rows(impacts: list[dict]) -> list[rules.ImpactRow]:
    return [
        rules.ImpactRow(
            i["group"], i["characteristic"], i["impact"], i.get("evidence", ""),
            i.get("mitigation", ""),
        )
        for i in impacts
    ]  # fmt: skip


def _check_impacts(impacts: list[dict]) -> dict[str, str]:
    errors = {}
    for i in impacts:
        if i["group"] not in Group.values or i["characteristic"] not in Characteristic.values:
            errors["impacts"] = (
                "Give impacts for the protected characteristics, for residents or for staff."
            )
        elif i["impact"] and i["impact"] not in Impact.values:
            errors["impacts"] = "An impact is positive, neutral, negative or not known."
    return errors or rules.impact_errors(_impact_rows(impacts))


@transaction.atomic
def assessment_save(
    *,
    proposal: Proposal,
    by: User,
    impacts: list[dict],
    summary: str,
    sign_off_officer: Person | None,
    expected_version: int | None = None,
    reason: str = "",
) -> Assessment:
    """Write the proposal's full equality assessment: for each protected characteristic, for
    residents and for staff, the impact (blank: not yet assessed), evidence and mitigation;
    the conclusion; and the officer who will sign it off. A change to a signed-off assessment
    withdraws its sign-off: the officer signs off again what it now says."""
    check(by, "impact.assess_proposal", proposal)
    assessment = Assessment.objects.select_for_update().filter(proposal=proposal).first()
    if assessment is not None:
        check_version(assessment, expected_version)
    else:
        assessment = Assessment(proposal=proposal)
    errors = _check_impacts(impacts)
    errors.update(officer_errors(proposal, sign_off_officer, field="sign_off_officer"))
    raise_if(errors)
    existing = (
        {(i.group, i.characteristic): i for i in assessment.impacts.all()} if assessment.pk else {}
    )
    changed = summary.strip() != assessment.summary or (
        sign_off_officer != assessment.sign_off_officer
    )
    assessment.summary = summary.strip()
    assessment.sign_off_officer = sign_off_officer
    save_audited(assessment, by=by, reason=reason or "Equality assessment written")
    for item in impacts:
        key = (item["group"], item["characteristic"])
        row = existing.get(key)
        values = {k: (item.get(k) or "").strip() for k in ("impact", "evidence", "mitigation")}
        if not values["impact"]:
            if row is not None:
                delete_audited(row, by=by, reason=reason or "Impact no longer assessed")
                changed = True
            continue
        if row is not None and all(getattr(row, k) == v for k, v in values.items()):
            continue
        row = row or AssessmentImpact(assessment=assessment, group=key[0], characteristic=key[1])
        for name, value in values.items():
            setattr(row, name, value)
        save_audited(row, by=by, reason=reason)
        changed = True
    if changed and assessment.signed_off_at is not None:
        assessment.signed_off_at = assessment.signed_off_by = None
        save_audited(
            assessment, by=by, reason="Changed after its sign-off: the sign-off is withdrawn"
        )
    return assessment


@transaction.atomic
def assessment_sign_off(
    *, assessment: Assessment, by: User, expected_version: int | None = None
) -> Assessment:
    """The named officer signs the assessment off, as themselves, once it rates every
    protected characteristic for residents and for staff and gives its conclusion."""
    current = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("sign_off_officer", "proposal")
        .get(pk=assessment.pk)
    )
    check(by, "impact.sign_off_assessment", current)
    check_version(current, expected_version)
    if current.signed_off_at is not None:
        raise ValidationError("This assessment is already signed off.")
    rows = [rules.ImpactRow(i.group, i.characteristic, i.impact) for i in current.impacts.all()]
    gaps = rules.sign_off_gaps(rows, summary=current.summary)
    if gaps:
        raise ValidationError(
            ["The assessment cannot be signed off yet. It still needs:", *gaps], code="gaps"
        )
    current.signed_off_at = timezone.now()
    current.signed_off_by = by
    save_audited(current, by=by, reason=f"Signed off by {current.sign_off_officer.name}")
    assessment.version = current.version
    return current
