"""Every write of the impact app, each through its named rule (``sightline.impact.permissions``)
and with its history, in one transaction."""

from sightline.impact.services.implications import (
    area_add,
    area_retire,
    areas_ensure,
    implication_clear,
    implications_mark_final,
    implications_save,
)
from sightline.impact.services.screening import (
    assessment_save,
    assessment_sign_off,
    question_add,
    question_retire,
    questions_ensure,
    screening_save,
)
from sightline.impact.services.staffing import (
    POST_FIELDS,
    consultation_save,
    posts_set,
    posts_token,
    resident_consultation_save,
)

__all__ = [
    "POST_FIELDS",
    "area_add",
    "area_retire",
    "areas_ensure",
    "assessment_save",
    "assessment_sign_off",
    "consultation_save",
    "implication_clear",
    "implications_mark_final",
    "implications_save",
    "posts_set",
    "posts_token",
    "question_add",
    "question_retire",
    "questions_ensure",
    "resident_consultation_save",
    "screening_save",
]
