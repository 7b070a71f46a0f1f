"""Importing a council's tables: upload a file and say what it is, see what it would do,
then import it (all or nothing) or discard it. Every step works without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sightline.accounts.permissions import check, require_membership
from sightline.core.tables import ImportOptions, TableRefused, template_csv, template_xlsx
from sightline.imports import selectors, services
from sightline.imports.forms import OptionsForm, UploadForm
from sightline.imports.kinds import IMPORTERS

PREVIEW_LIMIT = 200  # changes listed on the page; the counts say how many in all


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    importers = selectors.importers_for(request.user)
    if not importers:
        check(request.user, "savings.import_proposals", membership.council)
    posted = request.method == "POST"
    form = UploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        importers=importers,
        savings_types=selectors.savings_type_names(council_id=membership.council_id),
    )
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            stored = services.upload_store(
                council=membership.council,
                by=request.user,
                kind=form.cleaned_data["kind"],
                filename=file.name,
                data=file.read(),
                options=form.options(),
            )
        except TableRefused as error:
            form.add_error("file", error.messages)
        else:
            return redirect("imports:preview", stored.pk)
    return render(
        request,
        "imports/upload.html",
        {
            "form": form,
            "importers": importers,
            "recent": selectors.uploads_recent(user=request.user),
        },
    )


def _initial(options: ImportOptions) -> dict:
    data = options.as_json()
    data.pop("columns")
    return data


@require_http_methods(["GET", "POST"])
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    upload = selectors.upload_get(user=request.user, pk=pk)
    if not upload.is_waiting:
        if request.method == "POST":
            return redirect("imports:preview", upload.pk)
        return render(request, "imports/done.html", {"upload": upload, **_kind(upload)})
    reading = selectors.upload_read(upload)
    form = OptionsForm(
        request.POST if request.method == "POST" else None,
        initial=_initial(reading.options),
        importer=reading.importer,
        columns=reading.table.unplaced() if reading.table else [],
        savings_types=selectors.savings_type_names(council_id=upload.council_id),
    )
    if request.method == "POST" and form.is_valid():
        services.upload_options_set(
            upload=upload, by=request.user, options=form.options(reading.options)
        )
        return redirect(reverse("imports:preview", args=[upload.pk]) + "#summary")
    reading, result = selectors.upload_preview(upload=upload, by=request.user)
    changes = result.created + result.changed
    return render(
        request,
        "imports/preview.html",
        {
            "upload": upload,
            "reading": reading,
            "preview": result,
            "form": form,
            "changes": changes[:PREVIEW_LIMIT],
            "to_write": len(changes),
            "more_changes": max(len(changes) - PREVIEW_LIMIT, 0),
            "year_labels": [label for label, _ in result.years],
            "total": sum(pence for _, pence in result.years),
            **_kind(upload),
        },
    )


def _kind(upload) -> dict:
    importer = IMPORTERS[upload.kind]
    return {"importer": importer, "noun": importer.noun}


@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    upload = selectors.upload_get(user=request.user, pk=pk)
    try:
        result = services.upload_import(upload=upload, by=request.user)
    except ValidationError as error:
        if not upload.is_waiting:  # imported or discarded already
            messages.error(request, " ".join(error.messages))
        else:  # the table no longer imports as its preview said (the council's records moved)
            problems = len(error.messages)
            messages.error(
                request,
                f"Nothing was imported: the file has {problems:,} problem"
                f"{'s' if problems != 1 else ''}, listed below. Correct the file and upload it "
                "again, or change how it is read.",
            )
        return redirect("imports:preview", upload.pk)
    noun = IMPORTERS[upload.kind].noun
    messages.success(
        request,
        f"Imported {upload.filename}: {len(result.created):,} new {noun}s, "
        f"{len(result.changed):,} changed and {result.unchanged:,} unchanged.",
    )
    return redirect("imports:preview", upload.pk)


@require_POST
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    upload = selectors.upload_get(user=request.user, pk=pk)
    try:
        services.upload_discard(upload=upload, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("imports:preview", upload.pk)
    messages.success(request, f"{upload.filename} was discarded: nothing was imported from it.")
    return redirect("imports:upload")


@require_GET
def template(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    """A template of ``kind`` to fill in, as CSV or an Excel workbook."""
    membership = require_membership(request.user)
    importer = IMPORTERS.get(kind)
    if importer is None or fmt not in {"csv", "xlsx"}:
        raise Http404("No such template")
    check(request.user, importer.rule, membership.council)
    if fmt == "csv":
        response = HttpResponse(template_csv(importer.template), content_type="text/csv")
    else:
        response = HttpResponse(
            template_xlsx(importer.template, title=importer.title),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{kind}-template.{fmt}"'
    return response
