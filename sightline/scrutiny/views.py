"""The scrutiny workspace's pages: the index (deep dives, what may be called in, the latest
RAG and risk-score changes), a deep dive with its record's history and its questions, and
answering a question."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from sightline.accounts.permissions import allowed, check, refusal, require_membership
from sightline.core.forms import add_service_errors
from sightline.savings.selectors import period_list
from sightline.scrutiny import selectors, services
from sightline.scrutiny.forms import AnswerForm, CallInForm, DeepDiveForm, QuestionForm
from sightline.scrutiny.models import Question


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    # The direction of travel over the council's last three monitoring months, newest first.
    periods = list(period_list(membership=membership).order_by("-month")[:3])
    period = periods[0] if periods else None
    changes = [
        change
        for change in selectors.rag_changes(council=membership.council, periods=periods)
        if not change.exempt or membership.sees_exempt
    ]
    return render(
        request,
        "scrutiny/index.html",
        {
            "dives": selectors.deep_dive_index(membership=membership),
            "candidates": selectors.call_in_candidates(membership=membership),
            "period": period,
            "periods": periods,
            "changes": changes,
            "open_questions": selectors.open_questions_for(membership=membership),
        },
    )


@require_http_methods(["GET", "POST"])
def deep_dive_add(request: HttpRequest) -> HttpResponse:
    membership = check(request.user, "scrutiny.open_deep_dive", None)
    choices = selectors.subject_choices(membership=membership)
    initial = {}
    for name in ("proposal", "risk", "indicator"):
        if request.GET.get(name, "").isdigit():
            initial[name] = int(request.GET[name])
    form = DeepDiveForm(request.POST or None, initial=initial, choices=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dive = services.deep_dive_open(
                by=request.user,
                proposal=data["proposal"],
                risk=data["risk"],
                indicator=data["indicator"],
                purpose=data["purpose"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{dive} opened.")
            return redirect("scrutiny:deep_dive", pk=dive.pk)
    return render(request, "scrutiny/deep_dive_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def deep_dive(request: HttpRequest, pk: int) -> HttpResponse:
    """The deep dive: its record's history, its questions and answers; a councillor asks or
    calls in here (``action`` "ask" or "call_in")."""
    membership = require_membership(request.user)
    dive = selectors.deep_dive_get(membership=membership, pk=pk)
    question_form = QuestionForm(prefix="ask")
    call_in_form = CallInForm(prefix="call")
    if request.method == "POST":
        action = request.POST.get("action")
        name = {"ask": "scrutiny.ask_question", "call_in": "scrutiny.call_in"}.get(action)
        if name is None:
            raise PermissionDenied("Choose to ask a question or to call the record in.")
        if not allowed(request.user, name, dive):
            raise PermissionDenied(refusal(request.user, name, dive))
        if action == "ask":
            form = question_form = QuestionForm(request.POST, prefix="ask")
            service, done = services.question_ask, "Your question is logged."
        else:
            form = call_in_form = CallInForm(request.POST, prefix="call")
            service, done = services.call_in, "The call-in is recorded."
        if form.is_valid():
            try:
                service(by=request.user, deep_dive=dive, text=form.cleaned_data["text"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, done)
                return redirect("scrutiny:deep_dive", pk=dive.pk)
    return render(
        request,
        "scrutiny/deep_dive.html",
        {
            "dive": dive,
            "history": selectors.history_for(dive, membership=membership),
            "questions": list(dive.questions.select_related("asked_by", "answered_by")),
            "grounds": selectors.call_in_grounds(dive),
            "awaiting_call_in": any(
                q.kind == Question.Kind.CALL_IN and q.answered_at is None
                for q in dive.questions.all()
            ),
            "question_form": question_form,
            "call_in_form": call_in_form,
        },
    )


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    membership = require_membership(request.user)
    question = selectors.question_get(membership=membership, pk=pk)
    if not allowed(request.user, "scrutiny.answer_question", question):
        raise PermissionDenied(refusal(request.user, "scrutiny.answer_question", question))
    form = AnswerForm(request.POST or None, initial={"answer": question.answer})
    if request.method == "POST" and form.is_valid():
        version = request.POST.get("version")
        try:
            services.question_answer(
                by=request.user,
                question=question,
                answer=form.cleaned_data["answer"],
                expected_version=int(version) if version and version.isdigit() else None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            kind = "call-in" if question.kind == Question.Kind.CALL_IN else "question"
            messages.success(request, f"Your answer to the {kind} is on the record.")
            return redirect("scrutiny:deep_dive", pk=question.deep_dive_id)
    return render(request, "scrutiny/answer.html", {"form": form, "question": question})
