"""The upload form and the preview's options: what the file is, how to read its units and
signs, and what each column the reader could not place holds."""

from __future__ import annotations

from django import forms

from sightline.core.tables import (
    LEAVE_OUT,
    SAVINGS_NEGATIVE,
    SAVINGS_POSITIVE,
    AmountUnit,
    Column,
    Importer,
    ImportOptions,
    Limits,
)
from sightline.core.tables.limits import size_words

UNITS = [
    ("", "As the table says (pounds if it says nothing)"),
    (AmountUnit.POUNDS.value, "Pounds (£)"),
    (AmountUnit.THOUSANDS.value, "Thousands of pounds (£'000, £k)"),
    (AmountUnit.MILLIONS.value, "Millions of pounds (£m)"),
]
SIGN_CHOICES = [
    ("", "As the table says (asked if it does not say and has both signs)"),
    (SAVINGS_POSITIVE, "Savings are positive amounts; a cost is negative"),
    (SAVINGS_NEGATIVE, "Savings are negative amounts or in brackets, like (553)"),
]


class OptionsForm(forms.Form):
    """How to read a table: as the table says, unless the user says otherwise."""

    units = forms.ChoiceField(label="Units of the amounts", choices=UNITS, required=False)
    signs = forms.ChoiceField(
        label="How the table prints savings", choices=SIGN_CHOICES, required=False
    )
    directorate = forms.CharField(
        label="Directorate",
        required=False,
        max_length=200,
        help_text="For a table of one directorate's savings, or rows that name none.",
    )
    savings_type = forms.ChoiceField(
        label="Savings type", required=False, help_text="For new proposals whose row names none."
    )
    reference_prefix = forms.CharField(
        label="Reference prefix",
        required=False,
        max_length=20,
        help_text="For a table without references: SAV numbers them SAV-001, SAV-002 and on.",
    )
    create_missing = forms.BooleanField(
        label="Create the directorates, service areas, bundles and people the file names "
        "that Sightline does not have yet",
        required=False,
    )
    sheet = forms.CharField(
        label="Sheet",
        required=False,
        max_length=100,
        help_text="For a workbook: the sheet to read (the first one if blank).",
    )

    def __init__(
        self, *args, importer: Importer, savings_types=(), columns=(), tracker=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.importer = importer
        self.fields["savings_type"].choices = [("", "None chosen")] + [
            (name, name) for name in savings_types
        ]
        if not (importer.kind == "tracker" if tracker is None else tracker):
            for name in ("signs", "savings_type", "reference_prefix"):
                del self.fields[name]
        self.columns: list[tuple[str, Column]] = []
        for column in columns:
            name = f"column_{column.index}"
            choices = [(LEAVE_OUT, "Leave it out")] + [
                (f.name, f.label) for f in importer.schema.choices(column.info)
            ]
            self.fields[name] = forms.ChoiceField(
                label=f"Column {column.letter}: {column.header}",
                choices=choices,
                required=False,
                initial=column.field.name if column.field and column.how != "" else LEAVE_OUT,
            )
            self.columns.append((name, column))

    def options(self, previous: ImportOptions | None = None) -> ImportOptions:
        data = self.cleaned_data
        chosen = dict(previous.columns) if previous else {}
        for name, column in self.columns:
            chosen[column.info.key] = data.get(name) or LEAVE_OUT
        return ImportOptions(
            units=AmountUnit(data["units"]) if data.get("units") else None,
            signs=data.get("signs") or None,
            sheet=data.get("sheet", "").strip(),
            directorate=data.get("directorate", "").strip(),
            reference_prefix=data.get("reference_prefix", "").strip(),
            create_missing=bool(data.get("create_missing")),
            savings_type=data.get("savings_type") or "",
            columns=chosen,
        )

    def mapping_fields(self):
        return [self[name] for name, _ in self.columns]

    def option_fields(self):
        return [self[name] for name in self.fields if not name.startswith("column_")]


class UploadForm(OptionsForm):
    kind = forms.ChoiceField(
        label="What is the file?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the file is"},
    )
    file = forms.FileField(
        label="The file",
        help_text="A CSV file or an Excel workbook (.xlsx).",
        error_messages={
            "required": "Choose the file to upload",
            "empty": "The file is empty",
        },
    )

    def __init__(self, *args, importers: list[Importer], **kwargs):
        tracker = any(i.kind == "tracker" for i in importers)
        super().__init__(*args, importer=importers[0], tracker=tracker, **kwargs)
        self.importers = importers
        self.fields["kind"].choices = [(i.kind, i.title) for i in importers]
        if len(importers) == 1:
            self.fields["kind"].initial = importers[0].kind
        limit = Limits.from_settings().max_bytes
        self.fields["file"].help_text += f" At most {size_words(limit)}."
        self.order_fields(["kind", "file"])

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = Limits.from_settings().max_bytes
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file is {size_words(upload.size)}: a file may be at most {size_words(limit)}."
            )
        return upload
