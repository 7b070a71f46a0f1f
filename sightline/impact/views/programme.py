"""The programme's impact pages: the index, the cumulative impact by protected characteristic
(and its CSV and XLSX), the resident budget consultations, and the council's screening
questions and implication areas."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from sightline.accounts.permissions import allowed, require_membership
from sightline.core.charts import Series, grouped_bar_chart
from sightline.core.exports import UTF8_BOM, spreadsheet_text, xlsx_append
from sightline.core.fiscal import FinancialYear
from sightline.core.forms import add_service_errors
from sightline.core.money import pounds_string
from sightline.impact import selectors, services
from sightline.impact.forms import AreaForm, QuestionForm, ResidentConsultationForm
from sightline.impact.models import Group, ImplicationArea, ScreeningQuestion
from sightline.impact.rules import DEFAULT_AREAS, DEFAULT_QUESTIONS
from sightline.impact.views.common import require
from sightline.savings.selectors import default_year, programme_years


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    return render(
        request,
        "impact/index.html",
        {
            "proposals": selectors.proposals_with_records(membership=membership),
            "warnings": [w for w in selectors.windows(membership=membership) if w.days],
        },
    )


def _year(request: HttpRequest, membership) -> tuple[FinancialYear | None, list, list[dict]]:
    """The year asked (``?fy=2021/22``; ``?fy=all`` the whole programme), the years to choose
    from, and an error when ``fy`` cannot be read."""
    years = sorted({py.fy for py in programme_years(membership=membership)})
    text = (request.GET.get("fy") or "").strip()
    if text == "all":
        return None, years, []
    if text:
        try:
            return FinancialYear.parse(text), years, []
        except ValueError as error:
            fallback = default_year(membership=membership, years=years)
            return fallback, years, [{"message": f"Financial year: {error}. The page shows "
                                      f"{fallback} instead.", "href": "#fy"}]  # fmt: skip
    return default_year(membership=membership, years=years), years, []


@require_GET
def cumulative(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    fy, years, page_errors = _year(request, membership)
    found = selectors.cumulative_impact(membership=membership, fy=fy)
    context = {
        "c": found,
        "chart": _chart(found, fy),
        "fy": fy,
        "years": years,
        "page_errors": page_errors,
        "query": f"fy={fy}" if fy else "fy=all",
    }
    return render(request, "impact/cumulative.html", context)


def _chart(found, fy: FinancialYear | None):
    """The money behind the negative impacts on each characteristic, residents beside staff;
    none when no proposal has a negative impact."""
    series = [
        Series(
            label=f"{label}: negative impact",
            values=[c[group].negative_pence for *_, c in found.rows],
        )
        for group, label in Group.choices
    ]
    if not any(v for s in series for v in s.values):
        return None
    return grouped_bar_chart(
        title=f"Savings behind negative impacts, by protected characteristic, {fy or 'all years'}",
        categories=[label for _, label, _ in found.rows],
        series=series,
        width=960,
        height=340,
    )


HEADERS = [
    "Protected characteristic",
    "Residents or staff",
    "Impact",
    "Reference",
    "Proposal",
    "Saving (£)",
    "Assessment signed off",
    "Evidence",
    "Mitigation",
]


def _download_rows(found) -> list[list]:
    """One row per assessed impact of a proposal the reader may see: the figures on the page."""
    groups = dict(Group.choices)
    rows = []
    for _value, label, cells in found.rows:
        for group, cell in cells.items():
            for behind in cell.negative:
                impact = behind.impact
                rows.append(
                    [
                        label,
                        groups[group],
                        impact.get_impact_display(),
                        spreadsheet_text(behind.proposal.reference),
                        spreadsheet_text(behind.proposal.title),
                        pounds_string(behind.pence),
                        "Yes" if behind.signed_off else "No",
                        spreadsheet_text(impact.evidence),
                        spreadsheet_text(impact.mitigation),
                    ]
                )
    return rows


def _name(fy: FinancialYear | None) -> str:
    return f"cumulative-impact-{fy.short.replace('/', '-') if fy else 'all-years'}"


@require_GET
def cumulative_csv(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    fy, _, _ = _year(request, membership)
    found = selectors.cumulative_impact(membership=membership, fy=fy)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_name(fy)}.csv"'
    response.write(UTF8_BOM)
    writer = csv.writer(response)
    writer.writerow([f"Negative impacts by protected characteristic, {fy or 'all years'}"])
    writer.writerow(HEADERS)
    writer.writerows(_download_rows(found))
    return response


@require_GET
def cumulative_xlsx(request: HttpRequest) -> HttpResponse:
    from decimal import Decimal

    from openpyxl import Workbook
    from openpyxl.styles import Font

    membership = require_membership(request.user)
    fy, _, _ = _year(request, membership)
    found = selectors.cumulative_impact(membership=membership, fy=fy)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Negative impacts"
    sheet.append([f"Negative impacts by protected characteristic, {fy or 'all years'}"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in _download_rows(found):
        row[5] = Decimal(row[5])
        xlsx_append(sheet, row)
    summary = workbook.create_sheet("By characteristic")
    summary.append(["Protected characteristic", "Residents or staff", "Negative", "Saving (£)"])
    for cell in summary[1]:
        cell.font = Font(bold=True)
    groups = dict(Group.choices)
    for _value, label, cells in found.rows:
        for group, cell in cells.items():
            xlsx_append(
                summary,
                [
                    label,
                    groups[group],
                    len(cell.negative),
                    Decimal(pounds_string(cell.negative_pence)),
                ],
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_name(fy)}.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
def resident_consultations(request: HttpRequest) -> HttpResponse:
    """The resident budget consultations attached to the programme; the programme office
    records one."""
    membership = require_membership(request.user)
    can_record = allowed(request.user, "impact.record_resident_consultation", membership.council)
    if request.method == "POST":
        require(request, "impact.record_resident_consultation", membership.council)
    form = ResidentConsultationForm(request.POST or None) if can_record else None
    if request.method == "POST" and form.is_valid():
        try:
            services.resident_consultation_save(
                council=membership.council, by=request.user, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Resident budget consultation recorded.")
            return redirect("impact:resident_consultations")
    context = {
        "consultations": selectors.resident_consultations(membership=membership),
        "form": form,
    }
    return render(request, "impact/resident_consultations.html", context)


@require_http_methods(["GET", "POST"])
def council_settings(request: HttpRequest) -> HttpResponse:
    """The council's screening questions and implication areas: read by every member, kept by
    the programme office (add one, or retire one)."""
    membership = require_membership(request.user)
    council = membership.council
    question_form = area_form = None
    if request.method == "POST":
        require(request, "impact.keep_settings", council)
        question_form, area_form = _settings_post(request, council)
        if question_form is None and area_form is None:
            return redirect("impact:settings")
    context = {
        "questions": selectors.questions(council),
        "areas": selectors.areas(council),
        "default_questions": DEFAULT_QUESTIONS,
        "default_areas": DEFAULT_AREAS,
        "question_form": question_form or QuestionForm(),
        "area_form": area_form or AreaForm(),
    }
    return render(request, "impact/settings.html", context)


def _settings_post(request: HttpRequest, council):
    """Act on the settings form posted; the forms to show again when one fails."""
    action = request.POST.get("action")
    if action == "retire_question":
        question = get_object_or_404(
            ScreeningQuestion, council=council, pk=_id(request.POST.get("question"))
        )
        services.question_retire(question=question, by=request.user)
        messages.success(request, f"Question {question.number} retired.")
    elif action == "retire_area":
        area = get_object_or_404(ImplicationArea, council=council, pk=_id(request.POST.get("area")))
        services.area_retire(area=area, by=request.user)
        messages.success(request, f"{area.name} retired.")
    elif action == "add_area":
        form = AreaForm(request.POST)
        if not form.is_valid():
            return None, form
        try:
            services.area_add(council=council, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return None, form
        messages.success(request, "Implication area added.")
    else:
        form = QuestionForm(request.POST)
        if not form.is_valid():
            return form, None
        services.question_add(council=council, by=request.user, **form.cleaned_data)
        messages.success(request, "Screening question added.")
    return None, None


def _id(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return number if 0 < number < 10**18 else 0
