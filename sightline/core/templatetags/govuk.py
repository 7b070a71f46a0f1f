"""GOV.UK Design System form markup for Django bound fields.

``{% govuk_field form.title %}`` renders the label, hint, error message and input in GOV.UK
patterns; ``{% govuk_error_summary form %}`` the error summary linking to each field.
"""

from __future__ import annotations

from django import forms, template
from django.utils.safestring import mark_safe

register = template.Library()

WIDTHS = {"govuk-input--width-10", "govuk-input--width-20", "govuk-input--width-5"}


def _kind(widget: forms.Widget) -> str:
    from sightline.core.forms import GovukDateInput

    if isinstance(widget, GovukDateInput):
        return "date"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    return "input"


@register.inclusion_tag("components/field.html")
def govuk_field(field, label_size: str = "", width: str = "", prefix: str = ""):
    """Render one bound field. ``label_size`` s/m/l makes the label a heading size."""
    kind = _kind(field.field.widget)
    css = {
        "input": "govuk-input",
        "password": "govuk-input govuk-password-input__input",
        "textarea": "govuk-textarea",
        "select": "govuk-select",
    }.get(kind, "")
    if css:
        if field.errors:
            css += f" {css.split()[0]}--error"
        if width:
            css += f" govuk-input--width-{width}"
        attrs = {"class": css}
        if field.help_text:
            attrs["aria-describedby"] = f"{field.id_for_label}-hint"
        if field.errors:
            attrs["aria-describedby"] = (
                attrs.get("aria-describedby", "") + f" {field.id_for_label}-error"
            ).strip()
        widget_html = field.as_widget(attrs=attrs)
    else:
        widget_html = ""
    return {
        "field": field,
        "kind": kind,
        "widget_html": widget_html,
        "label_size": label_size,
        "prefix": prefix,
        "errors": [error_text(field, message) for message in field.errors],
        "boxes": field.field.widget.boxes(field.html_name, field.value()) if kind == "date" else [],
    }


GENERIC = {
    "This field is required.",
    "Enter a valid date.",
    "Enter a whole number.",
    "Enter a number.",
    "Enter a valid value.",
    "Select a valid choice. That choice is not one of the available choices.",
}


def error_text(field, message) -> str:
    """An error in words that name the field, as GOV.UK asks: "Enter the title" rather than
    "This field is required."; a generic message gets the field's label before it."""
    message = str(message)
    if message not in GENERIC:
        return message
    label = str(field.label or field.name)
    lower = label[:1].lower() + label[1:]
    if message == "This field is required.":
        verb = (
            "Select" if _kind(field.field.widget) in {"select", "radios", "checkboxes"} else "Enter"
        )
        return f"{verb} {lower}"
    return f"{label}: {message}"


def _anchor(bound) -> str:
    """The id the error summary links to: a date's first box, a group's first choice (GOV.UK
    links a radios or checkboxes error to its first item), or the field itself; nothing for
    a hidden field (a stale version), which has no box to go to."""
    if bound.is_hidden:
        return ""
    kind = _kind(bound.field.widget)
    if kind == "date":
        return f"{bound.html_name}_{bound.field.widget.parts[0]}"
    if kind in ("radios", "checkboxes"):
        first = next(iter(bound.subwidgets), None)
        if first is not None and first.id_for_label:
            return first.id_for_label
        return bound.auto_id or bound.html_name
    return bound.id_for_label


@register.filter
def error_href(form: forms.BaseForm, name: str) -> str:
    """The link for an error of ``form``'s field ``name`` in a hand-made error summary (a
    formset's rows): ``#`` and the id of the box to go to, or "" for a hidden field."""
    if name not in form.fields:
        return ""
    anchor = _anchor(form[name])
    return f"#{anchor}" if anchor else ""


@register.inclusion_tag("components/error_summary.html")
def govuk_error_summary(*forms_: forms.BaseForm):
    """The error summary for one or more forms, linking each message to its field."""
    errors = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        for message in form.non_field_errors():
            errors.append({"href": "", "message": message})
        for name, field_errors in form.errors.items():
            if name == "__all__":
                continue
            bound = form[name]
            anchor = _anchor(bound)
            for message in field_errors:
                href = f"#{anchor}" if anchor else ""
                errors.append({"href": href, "message": error_text(bound, message)})
    return {"errors": errors}


RAG_TAGS = {
    "blue": ("Blue", "govuk-tag--blue"),
    "green": ("Green", "govuk-tag--green"),
    "amber": ("Amber", "govuk-tag--orange"),
    "red": ("Red", "govuk-tag--red"),
}
STAGE_TAGS = {
    "idea": "govuk-tag--grey",
    "initiation": "govuk-tag--light-blue",
    "live": "govuk-tag--blue",
    "delivered": "govuk-tag--green",
    "withdrawn": "govuk-tag--grey",
    "failed": "govuk-tag--red",
    "draft": "govuk-tag--grey",
    "submitted": "govuk-tag--light-blue",
    "consultation": "govuk-tag--yellow",
    "approved": "govuk-tag--green",
    "rejected": "govuk-tag--red",
}


@register.simple_tag
def rag_tag(value):
    """A RAG rating as a GOV.UK tag: the word is always shown, never colour alone."""
    from django.utils.html import format_html

    if not value:
        return mark_safe('<strong class="govuk-tag govuk-tag--grey">Not rated</strong>')  # noqa: S308
    label, css = RAG_TAGS.get(value, (str(value).title(), "govuk-tag--grey"))
    return format_html('<strong class="govuk-tag {}">{}</strong>', css, label)


@register.simple_tag
def status_tag(value, label):
    from django.utils.html import format_html

    return format_html(
        '<strong class="govuk-tag {}">{}</strong>', STAGE_TAGS.get(value, "govuk-tag--grey"), label
    )


@register.filter
def absolute(value):
    """The size of a signed integer amount, for words like "under-programmed by …"."""
    return abs(value) if isinstance(value, int) else value


@register.simple_tag(takes_context=True)
def error_prefix(context) -> str:
    """ "Error: " when the page shows a form that failed, for the start of the ``<title>``
    (GOV.UK: a screen reader hears the problem before anything else)."""
    if context.get("service_errors") or context.get("page_errors"):
        return "Error: "
    if any(getattr(m, "level_tag", "") == "error" for m in context.get("messages") or ()):
        return "Error: "
    for value in context.flatten().values():
        if isinstance(value, forms.BaseForm | forms.BaseFormSet) and value.is_bound:
            failed = (
                value.total_error_count()
                if isinstance(value, forms.BaseFormSet)
                else (len(value.errors))
            )
            if failed:
                return "Error: "
    return ""
