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
    }


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
            for message in field_errors:
                errors.append({"href": f"#{bound.id_for_label}", "message": message})
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
